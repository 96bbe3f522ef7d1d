"""Step 6 报告与标识申请: what the certification body receives, made by core's exporters in the background — the
study report, the label application form (its missing fields listed here first), the label, the PACT file, the
inventory workbook, and all of them in one verifiable package."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from core.i18n import language
from core.i18n import tr as message
from desktop.steps.base import StepPage
from desktop.tasks import run_task
from desktop.workspace import Workspace


class ReportStep(StepPage):
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("6  Report and label application"))
        self.hint.setText(self.tr(
                          "Export the study report, the label application and the certification package; anything "
                          "still missing is listed above the buttons."))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b71c1c;")
        self.layout_.addWidget(self.missing)
        self.draft = QCheckBox(self.tr("Allow a draft (missing fields and activities left out are listed on "
                                       "the first page)"))
        self.layout_.addWidget(self.draft)
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Language of the documents:")))
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        self.layout_.addLayout(language_row)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, hint) in enumerate((
                ("package", self.tr("Certification package (.zip) ..."),
                 self.tr("Report, application form, label, PACT file, inventory, evidence, manifest with SHA-256")),
                ("report", self.tr("Study report (PDF) ..."), self.tr("GB/T 24067 / ISO 14067 clause 7")),
                ("application", self.tr("Label application form (PDF) ..."), self.tr("Application for carbon-footprint label certification")),
                ("label", self.tr("Label (PNG, PDF, SVG) ..."), self.tr("With a QR code")),
                ("pact", self.tr("PACT footprint (JSON) ..."), self.tr("For customers' supply-chain programmes")),
                ("inventory", self.tr("Inventory workbook (Excel) ..."),
                 self.tr("Every emission as a formula an auditor can recompute")))):
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, k=key: self.choose(k))
            grid.addWidget(button, i, 0)
            grid.addWidget(QLabel(hint), i, 1)
            self.buttons[key] = button
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)
        self._stale = True

    def refresh(self) -> None:
        from core.guide import field_texts, missing_fields
        if self.workspace.closed or not self.product_code:
            self.missing.setText("")
            return
        try:
            product = self.workspace.data.product(self.product_code)
        except KeyError:
            return
        from core.reports.completeness import left_out_lines
        fields = missing_fields(self.workspace.data, product)
        lines = left_out_lines(self.workspace.result.product(product.code), language())
        if fields:
            lines.append(self.tr("The application form still lacks: {0}").format(
                message("loc.sep").join(field_texts(fields, language()))))
        self.missing.setText("\n".join(lines))

    def data_folder(self):
        window = self.window()
        return getattr(window, "data_folder", None)

    def choose(self, kind: str) -> None:
        from desktop.operations import EXPORTS
        export = EXPORTS[kind]
        base = self.workspace.path.with_name(f"{self.product_code}_{kind}{export.suffix}")
        if export.to_folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the label files"), str(base.parent))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(base), f"*{export.suffix}")
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path):
        """Run one export of core in the background; returns the task (tests wait on it)."""
        from desktop.edition_menu import active_report_footer
        from desktop.operations import ExportRequest, export_documents
        request = ExportRequest(kind, self.product_code or "", path, lang=self.language.currentData(),
                                draft=self.draft.isChecked(),
                                footer_extra=active_report_footer(self.data_folder()))   # read here, not in the worker

        def done(written) -> None:
            self.last_written = written
            files = written if isinstance(written, list) else [written]      # the label: three files
            QMessageBox.information(self, self.tr("Export"), self.tr("Written: {0}").format(
                "\n".join(str(f) for f in files)))

        self.task = run_task(self, self.tr("Exporting"), export_documents(self.workspace, request), done,
                             self.show_error)
        return self.task
