"""Before a factor file is imported: how core read it (encoding, sheet, header row, which column is which field),
the row counts and every fixed, rejected or skipped row with its reason. Nothing is written until the user chooses
"Import" (or "Import without the rejected rows")."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.library.factor_import import FactorFile, RowStatus

MAX_LISTED = 500


class FactorImportDialog(QDialog):
    def __init__(self, read: FactorFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.read = read
        r = read.report
        self.setWindowTitle(self.tr("Import {0}").format(r.file_name))
        self.resize(860, 620)
        layout = QVBoxLayout(self)
        info = QFormLayout()
        where = r.sheet or (r.encoding or "")
        info.addRow(self.tr("Read as"), QLabel(self.tr("{0}; header at row {1} ({2} row(s))").format(
            where, r.header_row, r.header_rows)))
        self.dataset = QLineEdit(r.file_name.rsplit(".", 1)[0])
        info.addRow(self.tr("Dataset name"), self.dataset)
        layout.addLayout(info)
        self.mapping = QTableWidget(len(r.mapping.columns), 2)
        self.mapping.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column in the file")])
        for i, (field, header) in enumerate(r.mapping.columns.items()):
            self.mapping.setItem(i, 0, QTableWidgetItem(field.label()))
            self.mapping.setItem(i, 1, QTableWidgetItem(header))
        self.mapping.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.mapping, 1)
        self.counts = QLabel(self.tr("{0} accepted, {1} accepted with a fix, {2} rejected, {3} skipped").format(
            r.count(RowStatus.ACCEPTED), r.count(RowStatus.FIXED), r.count(RowStatus.REJECTED),
            r.count(RowStatus.SKIPPED)))
        layout.addWidget(self.counts)
        self.rows = QListWidget()
        notes = r.notes(RowStatus.REJECTED) + r.notes(RowStatus.FIXED) + r.notes(RowStatus.SKIPPED)
        for note in notes[:MAX_LISTED]:
            self.rows.addItem(note.problem(r.file_name, r.sheet).text())
        layout.addWidget(self.rows, 2)
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.partial_button = QPushButton(self.tr("Import without the rejected rows"))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.partial_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        rejected = r.count(RowStatus.REJECTED)
        self.import_button.setEnabled(rejected == 0 and len(read.batch) > 0)
        self.partial_button.setVisible(rejected > 0)
        self.partial_button.setEnabled(len(read.batch) > 0)
        self.accept_rejected = False
        self.import_button.clicked.connect(self.accept)
        self.partial_button.clicked.connect(self._accept_partial)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept_partial(self) -> None:
        self.accept_rejected = True
        self.accept()
