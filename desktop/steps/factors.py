"""Step 4 排放因子: search every factor dataset as you type (filters: dataset, unit of the activity), put the chosen
factor on an activity, and the library: dataset versions and the import of a factor file (in the background, with
core's row-by-row report)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.library.search import FactorHit, FactorQuery
from core.project import Changes
from desktop.steps.base import StepPage
from desktop.tasks import run_task
from desktop.workspace import Workspace


class FactorsStep(StepPage):
    watches = Changes(factors=True)

    factor_chosen = Signal(str)          # a factor code to put on the activity selected in step 3
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("4  Emission factors"))
        self.hint.setText(self.tr(
                          "Search the factor library (电力, 天然气, 生铁, 货车 ...) and check a factor's source before you use"
                          " it; import your association's or supplier's factor file here."))
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search factors: 电力, 钢材, diesel, a code ..."))
        self.dataset = QComboBox()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("activity unit, e.g. kWh"))
        self.unit.setMaximumWidth(140)
        self.geography = QLineEdit()
        self.geography.setPlaceholderText(self.tr("region, e.g. 华东"))
        self.geography.setMaximumWidth(120)
        self.year = QLineEdit()
        self.year.setPlaceholderText(self.tr("year"))
        self.year.setMaximumWidth(70)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.dataset, 2)
        bar.addWidget(self.unit, 1)
        bar.addWidget(self.geography, 1)
        bar.addWidget(self.year, 1)
        self.layout_.addLayout(bar)
        self.hits_table = QTableWidget(0, 7)
        self.hits_table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("kg CO2e per unit"),
                                                   self.tr("Unit"), self.tr("Year"), self.tr("Region"),
                                                   self.tr("Dataset")])
        self.hits_table.setColumnWidth(0, 230)
        self.hits_table.setColumnWidth(1, 300)
        self.hits_table.setColumnWidth(6, 230)
        self.hits_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.hits_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.layout_.addWidget(self.hits_table, 3)
        self.hit_details = QLabel()            # where the selected factor comes from, read before it is used
        self.hit_details.setObjectName("hitDetails")
        self.hit_details.setWordWrap(True)
        self.hit_details.setStyleSheet("color: #333;")
        self.layout_.addWidget(self.hit_details)
        self.hits_table.currentCellChanged.connect(lambda row, *_: self.show_details(row))
        self.use_button = QPushButton(self.tr("Use this factor for the activity selected in step 3"))
        self.use_button.clicked.connect(self.use_selected)
        self.hits_table.itemDoubleClicked.connect(lambda item: self.use_selected())
        self.layout_.addWidget(self.use_button)
        self.layout_.addWidget(QLabel(self.tr("Factor library")))
        self.datasets = QTableWidget(0, 5)
        self.datasets.setHorizontalHeaderLabels([self.tr("Dataset"), self.tr("Version"), self.tr("Factors"),
                                                 self.tr("Imported"), self.tr("File")])
        self.datasets.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.datasets, 1)
        self.import_button = QPushButton(self.tr("Import a factor file (CSV / Excel) ..."))
        self.layout_.addWidget(self.import_button)
        self.hits: list[FactorHit] = []
        self.proposed: str | None = None        # core's proposal for the row being searched for
        self.timer = QTimer(self, singleShot=True, interval=150)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self.timer.start)
        self.unit.textChanged.connect(self.timer.start)
        self.geography.textChanged.connect(self.timer.start)
        self.year.textChanged.connect(self.timer.start)
        self.dataset.activated.connect(self.run_search)
        self.import_button.clicked.connect(self.choose_file)
        self._stale = True               # drawn when first shown

    def refresh(self) -> None:
        if self.workspace.closed:
            return
        infos = self.workspace.project.datasets()
        current = self.dataset.currentData()
        self.dataset.clear()
        self.dataset.addItem(self.tr("All datasets"), None)
        for name in dict.fromkeys(d.name for d in infos):
            self.dataset.addItem(name, name)
        self.dataset.setCurrentIndex(max(self.dataset.findData(current), 0))
        self.datasets.setRowCount(len(infos))
        for i, d in enumerate(infos):
            for j, text in enumerate((d.name, d.version, str(d.factor_count), f"{d.imported_at:%Y-%m-%d %H:%M}",
                                      d.file_name)):
                self.datasets.setItem(i, j, QTableWidgetItem(text))
        self.import_button.setEnabled(not self.workspace.read_only)
        self.run_search()

    def run_search(self) -> None:
        if self.workspace.closed:          # the typing timer may fire after the project was closed
            return
        year = self.year.text().strip()
        query = FactorQuery(text=self.search.text(), unit=self.unit.text().strip() or None,
                            dataset=self.dataset.currentData(), geography=self.geography.text().strip() or None,
                            year=int(year) if year.isdigit() else None, limit=50)
        self.hits = self.workspace.project.search_factors(query)
        if self.proposed:                       # core's proposal for the row, first (searched by its code)
            found = self.workspace.project.search_factors(FactorQuery(text=self.proposed, limit=5))
            first = [h for h in found if h.code == self.proposed][:1]
            self.hits = first + [h for h in self.hits if h.code != self.proposed]
        self.hits_table.setRowCount(len(self.hits))
        for i, h in enumerate(self.hits):
            for j, text in enumerate((h.code, h.name, f"{h.co2e_kg:.6g}", h.unit, str(h.year or ""), h.geography,
                                      f"{h.dataset} {h.version}")):
                self.hits_table.setItem(i, j, QTableWidgetItem(text))

    def find_for(self, name: str, unit: str, proposed: str | None = None) -> None:
        """Step 3's "find a factor": search by the activity's name, only factors whose unit its unit converts to;
        core's proposal for the row (an electricity row's provincial grid factor) first, marked as such."""
        self.search.blockSignals(True)
        self.unit.blockSignals(True)
        self.search.setText(name)
        self.unit.setText(unit)
        self.search.blockSignals(False)
        self.unit.blockSignals(False)
        self.proposed = proposed
        self.run_search()
        if self.hits:
            self.hits_table.selectRow(0)
        self.show_details(self.hits_table.currentRow())

    def show_details(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            self.hit_details.setText("")
            return
        h = self.hits[row]
        note = self.tr("Proposed for the site's province. ") if h.code == self.proposed else ""
        self.hit_details.setText(note + self.tr("{0}: {1:,.6g} kg CO2e per {2}. Source: {3}. Year {4}, region {5}; dataset "
                                         "{6} {7}.").format(h.code, h.co2e_kg, h.unit, h.source or "-",
                                                            h.year or "-", h.geography or "-", h.dataset, h.version))

    def use_selected(self) -> None:
        row = self.hits_table.currentRow()
        if 0 <= row < len(self.hits):
            self.factor_chosen.emit(self.hits[row].code)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a factor file"), "",
                                              self.tr("Factor files (*.csv *.txt *.xlsx *.xls)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path):
        """Read the file in the background, then show the preview; the dialog is returned (tests click it)."""
        from core.library.factor_import import read_factor_file
        self.preview = None

        def show(read) -> None:
            from desktop.factor_import_dialog import FactorImportDialog
            self.preview = FactorImportDialog(read, self)
            self.preview.accepted.connect(lambda: self.store(read, self.preview.dataset.text(),
                                                             self.preview.accept_rejected))
            self.preview.open()

        return run_task(self, self.tr("Reading {0}").format(path.name), lambda progress: read_factor_file(path),
                        show, self.show_error)

    def store(self, read, dataset: str, accept_rejected: bool):
        project = self.workspace.project

        def work(progress):
            return project.store_factor_file(read, dataset=dataset or None, accept_rejected=accept_rejected,
                                             progress=progress)

        def done(result) -> None:
            from core.library.factor_import import RowStatus
            r = result.report
            QMessageBox.information(self, self.tr("Factor import"), self.tr(
                "{0}: {1} accepted, {2} accepted with a fix, {3} skipped; dataset {4} version {5}.").format(
                r.file_name, r.count(RowStatus.ACCEPTED), r.count(RowStatus.FIXED), r.count(RowStatus.SKIPPED),
                result.dataset.name, result.dataset.version))
            self.workspace.reload()

        self.store_task = run_task(self, self.tr("Importing {0}").format(read.report.file_name), work, done,
                                   self.show_error)
        return self.store_task
