"""The main window: the start page, or an open project shown as six steps with done / missing marks."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import PcfError
from desktop.settings import LANGUAGES, Settings
from desktop.start_page import StartPage
from desktop.translations import switch_language

if TYPE_CHECKING:     # the project screens load when a project opens: the start page comes up without the engine
    from desktop.steps.activities import ActivitiesStep
    from desktop.steps.base import StepPage
    from desktop.workspace import Workspace

PROJECT_SUFFIX = ".pcfdesk"      # core.store.PROJECT_SUFFIX, repeated so the start page needs no database import


def step_pages() -> tuple[type, ...]:
    from desktop.steps.activities import ActivitiesStep
    from desktop.steps.boundary import BoundaryStep
    from desktop.steps.factors import FactorsStep
    from desktop.steps.organization import OrganizationStep
    from desktop.steps.report import ReportStep
    from desktop.steps.results import ResultsStep
    return OrganizationStep, BoundaryStep, ActivitiesStep, FactorsStep, ResultsStep, ReportStep


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, data_folder: Path | None = None):
        super().__init__()
        self.settings = settings
        self.data_folder = data_folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        self.workspace: Workspace | None = None
        self.saved_at: datetime | None = None        # the last edit written to the project file
        self.pages: list[StepPage] = []
        self.setAcceptDrops(True)
        self.resize(1200, 780)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.build()

    # -- building -------------------------------------------------------------------------------------------------
    def build(self) -> None:
        self.setWindowTitle(self.tr("PCF Desk") + (f" — {self.workspace.path.name}" if self.workspace else ""))
        self.menuBar().clear()
        self._menus()
        if self.workspace is None:
            start = StartPage(self.settings.recent(), self.settings.recent_products)
            start.new_requested.connect(self.new_project)
            start.template_requested.connect(self.choose_template)
            start.open_requested.connect(self.open_dialog)
            start.demo_requested.connect(self.open_demo)
            start.recent_chosen.connect(self.open_project)
            self.setCentralWidget(start)
            self.pages = []
            return
        central = QWidget()
        outer = QVBoxLayout(central)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Product:")))
        self.product_combo = QComboBox()
        self.product_combo.setMinimumWidth(320)
        header.addWidget(self.product_combo)
        header.addStretch(1)
        if self.workspace.read_only:
            header.addWidget(QLabel(self.tr("Read-only: changes cannot be saved")))
        outer.addLayout(header)
        splitter = QSplitter()
        self.step_list = QListWidget()
        self.step_list.setMaximumWidth(230)
        self.stack = QStackedWidget()
        self.pages = [cls(self.workspace) for cls in step_pages()]
        for page in self.pages:
            self.stack.addWidget(page)
            self.step_list.addItem(QListWidgetItem(page.title.text()))
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.step_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.product_combo.activated.connect(lambda: self.choose_product(self.product_combo.currentData()))
        self.pages[4].warning_activated.connect(self.open_activity)
        self.pages[4].report_requested.connect(lambda: self.step_list.setCurrentRow(5))
        self.workspace.changed.connect(self.show_saved)
        self.pages[3].factor_chosen.connect(self.use_factor)
        self.pages[2].find_factor_requested.connect(self.find_factor)
        self.workspace.changed.connect(self.update_marks)
        self.workspace.changed.connect(self.products_changed)
        self.pages[0].product_added.connect(self.choose_product)
        self.fill_products()
        self.step_list.setCurrentRow(0)
        self.update_marks()

    def _menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        keys = QKeySequence.StandardKey
        for text, slot, key in ((self.tr("New project ..."), self.new_project, keys.New),
                                (self.tr("New study from a template ..."), self.choose_template, None),
                                (self.tr("Open project ..."), self.open_dialog, keys.Open),
                                (self.tr("Open the demo project"), self.open_demo, None)):
            action = file.addAction(text, slot)
            if key is not None:
                action.setShortcut(QKeySequence(key))
        if self.workspace is not None:
            file.addAction(self.tr("Import a study workbook ..."), self.import_dialog)
            file.addAction(self.tr("Close project"), self.close_project)
            edit = self.menuBar().addMenu(self.tr("&Edit"))
            undo = self.workspace.undo_stack.createUndoAction(self, self.tr("Undo"))
            redo = self.workspace.undo_stack.createRedoAction(self, self.tr("Redo"))
            undo.setShortcut(QKeySequence(keys.Undo))
            redo.setShortcut(QKeySequence(keys.Redo))
            edit.addAction(undo)
            edit.addAction(redo)
        file.addSeparator()
        file.addAction(self.tr("Quit"), self.close)
        language = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, label in zip(LANGUAGES, ("中文", "English")):
            action = QAction(label, self, checkable=True, checked=self.settings.language == code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            language.addAction(action)
        from desktop.edition_menu import add_edition_menu
        add_edition_menu(self, self.data_folder)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        step_help = help_menu.addAction(self.tr("Help for this step"), self.show_step_help)
        step_help.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self.tr("Save an empty study workbook (template) ..."), self.save_template)
        help_menu.addAction(self.tr("Reset the demo project"), self.reset_demo)

    def show_step_help(self) -> None:
        if self.workspace is None or not self.pages:
            QMessageBox.information(self, self.tr("PCF Desk"), self.tr(
                "Start with a new project (Ctrl+N), or open the demo project to see a finished study."))
            return
        page = self.pages[self.step_list.currentRow()]
        QMessageBox.information(self, page.title.text(), page.help_text())

    def save_template(self, path: Path | None = None) -> Path | None:
        """The empty study workbook (核算数据采集表) a clerk fills in Excel and imports (core writes it)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save an empty study workbook"),
                                                    self.tr("study_template.xlsx"), "Excel (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen)
        from core.workbook import write_template
        try:
            written = write_template(path)
        except (PcfError, OSError) as e:
            QMessageBox.warning(self, self.tr("PCF Desk"), "\n".join(p.text() for p in e.problems)
                                if isinstance(e, PcfError) else str(e))
            return None
        self.statusBar().showMessage(self.tr("Template written: {0}").format(written), 10000)
        return written

    def reset_demo(self) -> bool:
        """Put the demo project back as shipped (the old one is closed first; it is only an example)."""
        demo = self.data_folder / "demo" / f"demo{PROJECT_SUFFIX}"
        if self.workspace is not None and self.workspace.path.resolve() == demo.resolve():
            self.close_project()
        for leftover in (demo, demo.with_name(demo.name + "-wal"), demo.with_name(demo.name + "-shm")):
            leftover.unlink(missing_ok=True)
        return self.open_demo()

    def fill_products(self) -> None:
        assert self.workspace is not None
        current = self.product_combo.currentData()
        self.product_combo.clear()
        for p in self.workspace.data.products:
            self.product_combo.addItem(f"{p.code}  {p.name}", p.code)
        codes = [p.code for p in self.workspace.data.products]
        self.choose_product(current if current in codes else (codes[0] if codes else None))

    def products_changed(self, changes: object = None) -> None:
        """Products added, renamed or removed (an edit, an undo, an import): the header follows."""
        shown = [self.product_combo.itemText(i) for i in range(self.product_combo.count())]
        if shown != [f"{p.code}  {p.name}" for p in self.workspace.data.products]:
            self.fill_products()

    def choose_product(self, code: str | None) -> None:
        self.product_combo.setCurrentIndex(max(self.product_combo.findData(code), 0))
        for page in self.pages:
            page.set_product(code)

    def show_saved(self, changes: object = None) -> None:
        """Every edit is saved at once: the status bar says so, with the time (or that nothing can be saved)."""
        if self.workspace is None:
            return
        self.saved_at = datetime.now()
        self.show_save_status()

    def show_save_status(self) -> None:
        """The save status in the current language (again after a language switch)."""
        if self.workspace is None:
            return
        if self.workspace.read_only:
            self.statusBar().showMessage(self.tr("Read-only: changes cannot be saved"))
        elif self.saved_at is not None:
            self.statusBar().showMessage(self.tr("Saved at {0}").format(self.saved_at.strftime("%H:%M:%S")))

    def update_marks(self, changes: object = None) -> None:
        from core.guide import STEPS, missing
        if self.workspace is None:
            return
        todo = missing(self.workspace.data, self.workspace.result)
        for i, step in enumerate(STEPS):
            item = self.step_list.item(i)
            item.setText(("✔  " if not todo[step] else "●  ") + self.pages[i].title.text())
            item.setForeground(Qt.GlobalColor.darkGreen if not todo[step] else Qt.GlobalColor.darkYellow)
            item.setToolTip("\n".join(todo[step]) or self.tr("Done"))

    def find_factor(self, name: str, unit: str, proposed: str = "") -> None:
        """From a row of step 3 to step 4's search for it; "use this factor" then fills that row."""
        self.step_list.setCurrentRow(3)
        self.pages[3].find_for(name, unit, proposed or None)      # type: ignore[attr-defined]

    def use_factor(self, code: str) -> None:
        """Step 4's "use for the current activity": the factor goes into the row last selected in step 3."""
        page: ActivitiesStep = self.pages[2]      # type: ignore[assignment]
        table = page.current_table()
        if table is None or not table.currentIndex().isValid():
            QMessageBox.information(self, self.tr("Emission factors"),
                                    self.tr("Select an activity in step 3 first, then choose its factor here."))
            return
        model = table.model()
        from desktop.activity_model import FIELDS
        model.apply_edits([(table.currentIndex().row(), FIELDS.index("factor_ref"), code)],
                          self.tr("Choose factor {0}").format(code))
        self.step_list.setCurrentRow(2)

    def open_activity(self, product: str, index: int) -> None:
        """A warning was double-clicked: show the activity's row in step 3."""
        self.choose_product(product)
        self.step_list.setCurrentRow(2)
        page: ActivitiesStep = self.pages[2]      # type: ignore[assignment]
        activity = self.workspace.data.product(product).study.activities[index]
        tab = [t.model().stage for t in page.tables].index(activity.stage)
        page.tabs.setCurrentIndex(tab)
        table = page.tables[tab]
        row = table.model().positions().index(index)
        table.setCurrentIndex(table.model().index(row, 0))

    # -- projects -------------------------------------------------------------------------------------------------
    def open_project(self, path: Path, create: bool = False) -> bool:
        from core.project import Project
        from desktop.edition_menu import apply_to_workspace, current_edition
        from desktop.workspace import Workspace
        path = Path(path)
        if self.workspace is not None and self.workspace.path.resolve() == path.resolve():
            return True
        try:
            if not create and not path.exists():
                raise FileNotFoundError(str(path))
            project = Project.create(path, session=True) if create else Project.open(path, session=True)
        except PcfError as e:
            if not create and self.offer_restore(path, e):
                return self.open_project(path)
            QMessageBox.warning(self, self.tr("Cannot open the project"), "\n".join(p.text() for p in e.problems))
            return False
        except FileNotFoundError:
            QMessageBox.warning(self, self.tr("Cannot open the project"), self.tr("{0} does not exist.").format(path))
            return False
        if not project.read_only:
            try:                               # a new project can search 电力, 天然气, 生铁 ... at once (step 4)
                project.ensure_builtin_library()
            except PcfError as e:
                QMessageBox.warning(self, self.tr("Cannot open the project"), "\n".join(p.text() for p in e.problems))
                project.close()
                return False
        if project.recovered_since is not None:
            QMessageBox.information(self, self.tr("Recovered"), self.tr(
                "PCF Desk was not closed properly last time ({0}). Every edit made until then was saved with it; "
                "the project opens as it was.").format(project.recovered_since))
        if project.read_only:
            QMessageBox.information(self, self.tr("Read-only"), self.tr(
                "{0} cannot be written (read-only file or folder). It opens for reading; save a copy elsewhere to "
                "edit it.").format(path.name))
        if project.backup_path is not None:
            QMessageBox.information(self, self.tr("Upgraded"), self.tr(
                "The project was made by an older PCF Desk and has been upgraded; the original is kept as {0}.")
                .format(project.backup_path.name))
        self.close_project()
        self.workspace = Workspace(project, self)
        apply_to_workspace(self, current_edition(self, self.data_folder), self.workspace)
        self.settings.add_recent(path, [p.name for p in project.data().products])
        self.build()
        return True

    def offer_restore(self, path: Path, error: PcfError) -> bool:
        """A damaged project with a good automatic copy: offer to put the copy back (the damaged file is kept).
        True when it was restored and can be opened."""
        problem = error.problems[0]
        backup = problem.params.get("backup")
        if problem.hint_id != "hint.store_restore" or not backup:
            return False
        from core.project import restore_project
        question = self.tr("{0}\n\nRestore the last good copy, made {1}? The damaged file is kept beside it.").format(
            problem.text(), problem.params.get("made", ""))
        if QMessageBox.question(self, self.tr("The project is damaged"), question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            kept = restore_project(path, Path(str(backup)))
        except PcfError as e:
            QMessageBox.warning(self, self.tr("Cannot restore the project"), "\n".join(p.text() for p in e.problems))
            return False
        QMessageBox.information(self, self.tr("Restored"), self.tr(
            "{0} was restored from its copy of {1}. The damaged file is kept as {2}.").format(
            path.name, problem.params.get("made", ""), kept.name if kept else "-"))
        return True

    def close_project(self) -> None:
        if self.workspace is not None:
            self._close_workspace()
            self.build()

    def _close_workspace(self) -> None:
        """Close the project; a file that could not be completed (disk full) is said, with what to do."""
        workspace, self.workspace = self.workspace, None
        self.saved_at = None
        if workspace is None:
            return
        self.settings.add_recent(workspace.path, [p.name for p in workspace.data.products])   # names as left
        try:
            workspace.close()
        except PcfError as e:
            QMessageBox.warning(self, self.tr("The project could not be completed"),
                                "\n".join(p.text() for p in e.problems))

    def new_project(self) -> None:
        path = self.ask_new_path()
        if path is not None:
            self.open_project(path, create=True)

    def ask_new_path(self) -> Path | None:
        """Where a new project goes; a file chosen to be replaced is removed (the dialog asked)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), "", f"PCF Desk (*{PROJECT_SUFFIX})")
        if not path:
            return None
        target = Path(path).with_suffix(PROJECT_SUFFIX)
        if target.exists():
            target.unlink()
        return target

    def choose_template(self) -> None:
        """The menu's and the start page's entry (a signal's `checked` argument must not reach `choice`)."""
        self.new_from_template()

    def new_from_template(self, choice: object = None, path: Path | None = None):
        """A new study from a sector template (or the demo as an example): pick it, say where the project goes,
        and core builds it in the background (the edition's factors, then the template's activities with their
        amounts still to be entered). `choice` and `path` skip the dialogs (scripts, tests); returns the task."""
        from core.edition import create_from_template, study_templates
        from desktop.tasks import run_task
        from desktop.template_dialog import DEMO, TemplateDialog
        if choice is None:
            try:
                templates = study_templates(self.data_folder)
            except PcfError as e:
                QMessageBox.warning(self, self.tr("Cannot list the templates"), "\n".join(p.text() for p in e.problems))
                return None
            dialog = TemplateDialog(templates, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            choice = dialog.choice() if accepted else None
            dialog.deleteLater()
            if choice is None:
                return None
        if choice == DEMO:
            self.open_demo()
            return None
        if not isinstance(choice, tuple):
            return None
        edition, template = choice
        path = path if path is not None else self.ask_new_path()
        if path is None:
            return None
        target = Path(path)
        self.template_task = run_task(
            self, self.tr("Starting a study from {0}").format(template.title()),
            lambda progress: create_from_template(target, edition, template),
            lambda report: self._started_from_template(target, report), self._refuse_template)
        return self.template_task

    def _started_from_template(self, path: Path, report) -> None:
        if self.open_project(path) and report.amounts_pending:
            self.statusBar().showMessage(self.tr(
                "{0} activities still need their amount: enter them in step 3 (marked until filled in).")
                .format(report.amounts_pending))

    def _refuse_template(self, error: BaseException) -> None:
        text = "\n".join(p.text() for p in error.problems) if isinstance(error, PcfError) else str(error)
        QMessageBox.warning(self, self.tr("The template cannot be used"), text)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "", f"PCF Desk (*{PROJECT_SUFFIX})")
        if path:
            self.open_project(Path(path))

    def open_demo(self) -> bool:
        from core.paths import resource_path
        from core.project import Project
        folder = self.data_folder / "demo"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"demo{PROJECT_SUFFIX}"
        if not path.exists():
            workbook = folder / "demo_study.xlsx"
            shutil.copyfile(resource_path("demo", "demo_study.xlsx"), workbook)
            with Project.create(path) as project:
                project.ensure_builtin_library()
                project.import_workbook(workbook)
        return self.open_project(path)

    # -- importing a study workbook -------------------------------------------------------------------------------
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a study workbook"), "", "Excel (*.xlsx)")
        if path:
            self.import_workbook(Path(path))

    def import_workbook(self, path: Path, confirm: bool = True):
        """Preview what the workbook adds (read, checked and computed by core in the background, so a large
        workbook never freezes the window); import it, in the background too, only when the user confirms.
        Without `confirm` (a script, a test) the preview runs at once and the import task is returned."""
        assert self.workspace is not None
        project = self.workspace.project
        if not confirm:
            try:
                preview = project.preview_import(path)
            except PcfError as e:
                self._refuse_workbook(e)
                return None
            return self._start_import(path, preview)
        from desktop.tasks import run_task
        return run_task(self, self.tr("Reading {0}").format(path.name),
                        lambda progress: project.preview_import(path),
                        lambda preview: self._confirm_import(path, preview), self._refuse_workbook)

    def _refuse_workbook(self, error: BaseException) -> None:
        text = "\n".join(p.text() for p in error.problems) if isinstance(error, PcfError) else str(error)
        QMessageBox.warning(self, self.tr("The workbook cannot be imported"), text)

    def _confirm_import(self, path: Path, preview):
        text = self.tr("{0}: add {1}; replace {2}; {3} activities. Import?").format(
            path.name, ", ".join(preview.products_added) or "-", ", ".join(preview.products_replaced) or "-",
            preview.activities)
        if QMessageBox.question(self, self.tr("Import a study workbook"), text) != QMessageBox.StandardButton.Yes:
            return None
        self.import_task = self._start_import(path, preview)
        return self.import_task

    def _start_import(self, path: Path, preview):
        from desktop.tasks import run_task
        project = self.workspace.project
        return run_task(self, self.tr("Importing {0}").format(path.name),
                        lambda progress: project.import_workbook(preview),   # what was shown
                        lambda report: (self.workspace.reload(), self.fill_products()), self._refuse_workbook)

    def dragEnterEvent(self, event) -> None:
        if self.workspace is not None and any(u.toLocalFile().lower().endswith(".xlsx") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(".xlsx"):
                self.import_workbook(Path(url.toLocalFile()))

    # -- language and closing -------------------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch the language at run time, staying on the same step and product."""
        step = self.step_list.currentRow() if self.workspace is not None and self.pages else 0
        product = self.product_combo.currentData() if self.workspace is not None and self.pages else None
        self.settings.language = language
        switch_language(language)
        self.build()
        if self.workspace is not None:
            if product is not None:
                self.choose_product(product)
            self.step_list.setCurrentRow(max(step, 0))
            self.show_save_status()

    def closeEvent(self, event) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self._close_workspace()
        super().closeEvent(event)
