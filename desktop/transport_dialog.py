"""The transport helper: mass, distance and mode (a freight factor per t·km from the factor library) become one
activity; core checks the mass and distance and the engine computes mass × distance × factor."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from core.domain import Activity
from core.editing import transport_activity
from core.errors import InputError
from core.library.search import FactorQuery
from core.lifecycle import Stage
from desktop.workspace import Workspace


class TransportDialog(QDialog):
    def __init__(self, workspace: Workspace, stage: Stage, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.activity: Activity | None = None
        self.setWindowTitle(self.tr("Transport helper"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.mass = QLineEdit()
        self.mass.setPlaceholderText("20 t")
        self.distance = QLineEdit()
        self.distance.setPlaceholderText("150")
        self.mode = QComboBox()
        for hit in workspace.project.search_factors(FactorQuery(unit="t*km", limit=200)):
            self.mode.addItem(f"{hit.name} — {hit.co2e_kg:.4g} kg CO2e/t·km ({hit.code})", hit.code)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        form.addRow(self.tr("Description"), self.name)
        form.addRow(self.tr("Mass transported"), self.mass)
        form.addRow(self.tr("Distance (km)"), self.distance)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_accept(self) -> None:
        name = self.name.text().strip() or self.mode.currentText().split(" — ")[0]
        try:
            self.activity = transport_activity(self.stage, self.mass.text(), self.distance.text(),
                                               self.mode.currentData() or "", name)
        except InputError as e:
            self.error.setText("\n".join(p.text() for p in e.problems))
            return
        self.accept()
