"""Step 6 报告与标识申请: what the certification body receives, made by core's exporters in the background — the
study report, the label application form (its missing fields listed here first), the label, the PACT file, the
inventory workbook, and all of them in one verifiable package."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QLabel, QMessageBox, QPushButton, QWidget

from core.i18n import tr as message
from desktop.steps.base import StepPage
from desktop.tasks import run_task
from desktop.workspace import Workspace


class ReportStep(StepPage):
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("6  Report and label application"))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b71c1c;")
        self.layout_.addWidget(self.missing)
        self.draft = QCheckBox(self.tr("Allow a draft application form (missing fields marked in red)"))
        self.layout_.addWidget(self.draft)
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
        from core.guide import missing_fields
        if self.workspace.closed or not self.product_code:
            self.missing.setText("")
            return
        try:
            product = self.workspace.data.product(self.product_code)
        except KeyError:
            return
        fields = missing_fields(self.workspace.data, product)
        self.missing.setText(self.tr("The application form still lacks: {0}").format(
            message("loc.sep").join(message(f) for f in fields)) if fields else "")

    def data_folder(self):
        window = self.window()
        return getattr(window, "data_folder", None)

    def choose(self, kind: str) -> None:
        suffix = {"package": ".zip", "report": ".pdf", "application": ".pdf", "label": "", "pact": ".json",
                  "inventory": ".xlsx"}[kind]
        base = self.workspace.path.with_name(f"{self.product_code}_{kind}{suffix}")
        if kind == "label":
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the label files"), str(base.parent))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(base), f"*{suffix}")
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path):
        """Run one exporter of core in the background; returns the task (tests wait on it)."""
        project_path, code, draft = self.workspace.path, self.product_code, self.draft.isChecked()
        data, result = self.workspace.data, self.workspace.result
        from desktop.edition_menu import active_report_footer
        footer = active_report_footer(self.data_folder())      # read here: the worker thread must not touch Qt

        def work(progress):
            progress(0, 1, path.name)
            if kind == "package":
                import tempfile

                from core.cli.package_commands import study_documents
                from core.project import Project
                from core.reports.package import build_package
                with tempfile.TemporaryDirectory(prefix="pcf-docs-") as folder:
                    documents = study_documents(project_path, code, Path(folder), "zh_CN", draft=draft)
                    with Project.open(project_path, read_only=True) as project:
                        return build_package(project, code, path, documents=documents)
            if kind == "report":
                from core.reports.cfp_report import write_report
                return write_report(data, result, code, path, footer_extra=footer)
            if kind == "application":
                from core.reports.application_form import write_application
                return write_application(data, result, code, path, draft=draft)
            if kind == "label":
                from core.reports.label import label_content, write_label
                return write_label(label_content(data, result, code), path)
            if kind == "pact":
                import json

                from core.reports.pact import product_footprint
                path.write_text(json.dumps(product_footprint(data, result, code), ensure_ascii=False, indent=2),
                                encoding="utf-8")
                return path
            from core.reports.inventory_xlsx import write_inventory
            return write_inventory(data, result, path, [code])

        def done(written) -> None:
            self.last_written = written
            QMessageBox.information(self, self.tr("Export"), self.tr("Written: {0}").format(written))

        self.task = run_task(self, self.tr("Exporting"), work, done, self.show_error)
        return self.task
