"""Step 6 报告与标识申请: until the report issue's exporters exist, the inventory and results go to one Excel file
(written by core, in the background)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from desktop.steps.base import StepPage
from desktop.tasks import run_task
from desktop.workspace import Workspace


class ReportStep(StepPage):
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("6  Report and label application"))
        text = QLabel(self.tr("Export the inventory (every activity with its factor, source and kg CO2e) and the "
                              "results of all products to Excel. The PDF report and the label application package "
                              "come in a later version."))
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.export_button = QPushButton(self.tr("Export inventory and results to Excel ..."))
        self.layout_.addWidget(self.export_button)
        self.layout_.addStretch(1)
        self.export_button.clicked.connect(self.choose_file)

    def choose_file(self) -> None:
        default = str(self.workspace.path.with_suffix(".xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), default, self.tr("Excel (*.xlsx)"))
        if path:
            self.export(Path(path))

    def export(self, path: Path):
        from core.results_export import export_results      # pandas: loaded when exporting, not at start-up
        data, result = self.workspace.data, self.workspace.result

        def done(written) -> None:
            QMessageBox.information(self, self.tr("Export"), self.tr("Written: {0}").format(written))

        return run_task(self, self.tr("Exporting"), lambda progress: export_results(data, result, path), done,
                        self.show_error)
