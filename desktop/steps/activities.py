"""Step 3 活动数据: one editable table per life-cycle stage, with add / delete / duplicate, paste from Excel,
undo and redo, and each row's kg CO2e shown as the data is typed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QWidget,
)

from core.errors import PcfError
from core.lifecycle import STAGES
from core.project import Changes
from desktop.activity_model import FIELDS, RESULT_COLUMN, ActivityModel
from desktop.steps.base import StepPage
from desktop.workspace import Workspace

COMMON_UNITS = ("kg", "t", "kWh", "MWh", "m3", "Nm3", "万Nm3", "GJ", "L", "pcs", "t*km", "km")


class UnitDelegate(QStyledItemDelegate):
    """An editable drop-down of common units; anything pint understands may still be typed."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(COMMON_UNITS)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of a coded column's words in the user's language (core.editing.choice_labels): chosen with the
    mouse or the keyboard (first letters, arrows, Enter); what it writes back is checked by core like typed text."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field

    def createEditor(self, parent, option, index):
        from core.editing import choice_labels
        combo = QComboBox(parent)
        combo.addItems(choice_labels(self.field))
        return combo

    def setEditorData(self, editor, index):
        found = editor.findText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class FactorDelegate(QStyledItemDelegate):
    """The factor cell: type a code or words of its name (铸铁, 电力, diesel) and pick from the project's library;
    the cell keeps the code. Suggestions come from core's factor search, a few at a time."""

    SEPARATOR = " — "

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        completer = QCompleter([], editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        editor.textEdited.connect(lambda text: self.suggest(editor, text))
        return editor

    def suggest(self, editor: QLineEdit, text: str) -> None:
        from core.library.search import FactorQuery
        if self.workspace.closed or len(text.strip()) < 1:
            return
        hits = self.workspace.project.search_factors(FactorQuery(text=text.split(self.SEPARATOR)[0], limit=15))
        model = editor.completer().model()
        model.setStringList([f"{h.code}{self.SEPARATOR}{h.name}" for h in hits])   # type: ignore[attr-defined]
        editor.completer().complete()

    def setEditorData(self, editor, index):
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text().split(self.SEPARATOR)[0].strip(), Qt.ItemDataRole.EditRole)


class ActivityTable(QTableView):
    def __init__(self, model: ActivityModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        model.setParent(self)
        self.setItemDelegateForColumn(FIELDS.index("unit"), UnitDelegate(self))
        for coded in ("basis", "data_type"):
            self.setItemDelegateForColumn(FIELDS.index(coded), ChoiceDelegate(coded, self))
        self.setItemDelegateForColumn(FIELDS.index("factor_ref"), FactorDelegate(model.workspace, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                             | triggers.SelectedClicked)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 200)
        self.setColumnWidth(FIELDS.index("factor_ref"), 230)
        for narrow in ("amount", "unit", "basis", "distance_km", "data_type"):
            self.setColumnWidth(FIELDS.index(narrow), 96)
        metrics = self.horizontalHeader().fontMetrics()        # whole header words, in either language
        for column in range(model.columnCount()):
            wanted = metrics.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal))) + 24
            self.setColumnWidth(column, max(self.columnWidth(column), wanted))
        # each row's kg CO2e right after its factor, on screen at 1280 px (the model keeps FIELDS contiguous for
        # pasting blocks from Excel; only the view moves the column)
        header = self.horizontalHeader()
        header.moveSection(header.visualIndex(RESULT_COLUMN), header.visualIndex(FIELDS.index("factor_ref")) + 1)

    def model(self) -> ActivityModel:
        return super().model()

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        started = super().edit(index, trigger, event)
        if started and index.isValid():
            self._editing = (index.row(), index.column())     # the commit resets the model before the editor closes
        return started

    def closeEditor(self, editor, hint) -> None:
        """Enter commits the cell and moves down a row, as in Excel (Tab moves right, as Qt does already)."""
        row, column = getattr(self, "_editing", (-1, -1))
        super().closeEditor(editor, hint)
        if hint == QStyledItemDelegate.EndEditHint.SubmitModelCache and row >= 0:
            below = self.model().index(row + 1, column)
            self.setCurrentIndex(below if below.isValid() else self.model().index(row, column))

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Escape) and self.currentIndex().isValid():
            self.model().clear_invalid(self.currentIndex().row(), self.currentIndex().column())
        super().keyPressEvent(event)

    def paste(self) -> bool:
        index = self.currentIndex()
        top, left = (index.row(), index.column()) if index.isValid() else (self.model().rowCount(), 0)
        return self.model().paste(top, left, QGuiApplication.clipboard().text())

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectedIndexes()} | ({self.currentIndex().row()}
                                                                  if self.currentIndex().isValid() else set()))


class ActivitiesStep(StepPage):
    watches = Changes(products=True, activities=True, factors=True)
    find_factor_requested = Signal(str, str, str)  # the row's name, unit, core's proposal: step 4's search

    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("3  Activity data"))
        self.hint.setText(self.tr(
                          "List what goes into the product, per piece or per year, e.g. 10 kg pig iron per piece or "
                          "1,250,000 kWh of electricity per year; \"Find a factor ...\" picks each row's emission "
                          "factor."))
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add row"))
        self.delete_button = QPushButton(self.tr("Delete rows"))
        self.duplicate_button = QPushButton(self.tr("Duplicate rows"))
        self.paste_button = QPushButton(self.tr("Paste from Excel"))
        self.find_button = QPushButton(self.tr("Find a factor ..."))
        self.find_button.setToolTip(self.tr("Search the factor library for the selected row (its name and unit); "
                                            "choose one there and it goes into this row"))
        self.transport_button = QPushButton(self.tr("Transport ..."))
        self.evidence_button = QPushButton(self.tr("Attach evidence ..."))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        for b in (self.add_button, self.delete_button, self.duplicate_button, self.paste_button, self.find_button,
                  self.transport_button, self.evidence_button, self.undo_button, self.redo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)
        self.message = QLabel()                 # the current cell's problem, readable while the cell is selected
        self.message.setObjectName("cellMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.layout_.addWidget(self.message)
        self.tabs.currentChanged.connect(lambda _: self.show_cell_message())
        self.tables: list[ActivityTable] = []
        self.add_button.clicked.connect(lambda: self._table() and self._table().model().add_row())
        self.delete_button.clicked.connect(lambda: self._table() and self._table().model().remove_rows(
            self._table().selected_rows()))
        self.duplicate_button.clicked.connect(lambda: self._table() and self._table().model().duplicate_rows(
            self._table().selected_rows()))
        self.paste_button.clicked.connect(lambda: self._table() and self._table().paste())
        self.transport_button.clicked.connect(self.open_transport)
        self.find_button.clicked.connect(self.find_factor)
        self.evidence_button.clicked.connect(self.choose_evidence)
        self.undo_button.clicked.connect(workspace.undo_stack.undo)
        self.redo_button.clicked.connect(workspace.undo_stack.redo)
        workspace.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        workspace.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(workspace.undo_stack.canUndo())
        self.redo_button.setEnabled(workspace.undo_stack.canRedo())
        QShortcut(QKeySequence.StandardKey.Undo, self, workspace.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, workspace.undo_stack.redo)
        self.build_tables()

    def _table(self) -> ActivityTable | None:
        return self.tables[self.tabs.currentIndex()] if self.tables else None

    def current_table(self) -> ActivityTable | None:
        return self._table()

    def choose_evidence(self) -> None:
        table = self._table()
        if table is None or not table.currentIndex().isValid():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach evidence"), "",
                                              self.tr("Documents (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx);;All (*)"))
        if path:
            self.attach_evidence(Path(path))

    def attach_evidence(self, path: Path) -> bool:
        """Keep the document in the project file and cite it on the current row."""
        table = self._table()
        if table is None or not table.currentIndex().isValid():
            return False
        try:
            evidence = self.workspace.project.attach_evidence(path)
        except PcfError as e:
            self.show_error(e)
            return False
        table.model().attach(table.currentIndex().row(), evidence)
        return True

    def find_factor(self) -> bool:
        table = self._table()
        if table is None or not table.currentIndex().isValid():
            return False
        from core.library.proposals import proposed_factor
        activity = table.model().activity(table.currentIndex().row())
        self.find_factor_requested.emit(activity.name, activity.unit,
                                        proposed_factor(self.workspace.data, activity) or "")
        return True

    def open_transport(self):
        """The transport helper for the stage shown; the activity it makes is added as one undoable step."""
        from desktop.transport_dialog import TransportDialog
        table = self._table()
        if table is None:
            return None
        model = table.model()
        self.transport = TransportDialog(self.workspace, model.stage, self)
        self.transport.accepted.connect(lambda: model.append(self.transport.activity))
        self.transport.open()
        return self.transport

    def set_product(self, code: str | None) -> None:
        self.product_code = code
        self.build_tables()

    def build_tables(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for table in self.tables:
            table.deleteLater()
        self.tables = []
        if not self.product_code:
            return
        for stage in STAGES:
            table = ActivityTable(ActivityModel(self.workspace, self.product_code, stage))
            table.selectionModel().currentChanged.connect(lambda *_: self.show_cell_message())
            table.model().dataChanged.connect(lambda *_: self.show_cell_message())
            table.model().modelReset.connect(self.show_cell_message)
            self.tables.append(table)
            self.tabs.addTab(table, stage.label())
        self.tabs.setCurrentIndex(max(current, 0))
        self.refresh()

    def show_cell_message(self) -> None:
        """Under the table (and in the status bar): what is wrong with the selected cell or its row, if anything."""
        table = self._table()
        index = table.currentIndex() if table is not None else None
        text = table.model().problem_at(index.row(), index.column()) if index is not None and index.isValid() else None
        self.message.setText(text or "")
        window = self.window()
        if text and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text.splitlines()[0], 10000)

    def refresh(self) -> None:
        try:
            study = self.workspace.data.product(self.product_code).study if self.product_code else None
        except KeyError:
            study = None
        for i, stage in enumerate(STAGES):
            if study is None or i >= self.tabs.count():
                continue
            n = sum(1 for a in study.activities if a.stage is stage)
            inside = stage in study.included_stages
            excluded = self.tr("excluded")
            self.tabs.setTabText(i, f"{stage.label()} ({n})" if inside else f"{stage.label()} ({excluded})")
