"""What every step page has: the workspace, the product chosen in the window's header, and a refresh."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from core.errors import PcfError
from desktop.workspace import Workspace


class StepPage(QWidget):
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.product_code = product_code
        self.layout_ = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.layout_.addWidget(self.title)
        workspace.changed.connect(self.refresh)

    def set_product(self, code: str | None) -> None:
        self.product_code = code
        self.refresh()

    def refresh(self) -> None:
        """Show the workspace's current data (called after every change)."""

    def show_error(self, error: BaseException) -> None:
        text = "\n".join(p.text() for p in error.problems) if isinstance(error, PcfError) else str(error)
        QMessageBox.warning(self, self.tr("PCF Desk"), text)
