"""What every step page has: the workspace, the product chosen in the window's header, and a refresh."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from core.errors import PcfError
from core.project import ALL_CHANGED, Changes
from desktop.workspace import Workspace


class StepPage(QWidget):
    # What this page shows: it refreshes only after a change touching these flags (the workspace's `changed`).
    watches: Changes = ALL_CHANGED

    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.product_code = product_code
        self.layout_ = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.layout_.addWidget(self.title)
        self.hint = QLabel()                    # one sentence of what to do here, with an example (F1: more)
        self.hint.setObjectName("stepHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
        self.layout_.addWidget(self.hint)
        self._stale = False
        workspace.changed.connect(self.refresh_when_shown)

    def set_product(self, code: str | None) -> None:
        self.product_code = code
        self.refresh_when_shown()

    def refresh_when_shown(self, changes: Changes = ALL_CHANGED) -> None:
        """Refresh now if the page is on screen, else when it is next shown (a hidden chart is not redrawn after
        every keystroke on another page); changes this page does not show are ignored."""
        if not changes.touches(self.watches):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the workspace's current data."""

    def help_text(self) -> str:
        """What F1 shows for this step: its hint, and how the step is marked done."""
        return self.hint.text() + "\n\n" + self.tr("A step is marked ✔ when nothing it needs is missing; the "
                                                     "step list's tooltip says what is.")

    def show_error(self, error: BaseException) -> None:
        text = "\n".join(p.text() for p in error.problems) if isinstance(error, PcfError) else str(error)
        QMessageBox.warning(self, self.tr("PCF Desk"), text)
