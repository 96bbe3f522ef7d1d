"""The About box: the app's version, the association edition in use (name, logo, contact line), and the notices the
app owes: the PACT specification's attribution (shortened; exported files carry it in full) and the font's licence.

Texts from an edition pack come from outside the program, so they are shown as plain text, never as rich text.
Strings live in core's catalogue (`resources/i18n/edition_messages.json`), so they follow the language switch.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core import __version__
from core.edition import Edition
from core.i18n import tr as message  # core's catalogue, not Qt's (lupdate would collect tr calls)

LOGO_SIZE = 96


class AboutDialog(QDialog):
    """Modal About box; `edition` None means the standard edition."""

    def __init__(self, edition: Edition | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.edition = edition
        self.setWindowTitle(message("edition.about_title"))
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setObjectName("logo")
        if edition is not None:
            pixmap = QPixmap(str(edition.logo))
            if not pixmap.isNull():
                self.logo.setPixmap(pixmap.scaled(LOGO_SIZE, LOGO_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        top.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        head = QVBoxLayout()
        self.version = self._label(message("edition.about_version", version=__version__), "version", head)
        self.version.setStyleSheet("font-weight: bold")
        if edition is None:
            self.edition_name = self._label(message("edition.about_none"), "edition_name", head)
            self.contact = None
        else:
            self.edition_name = self._label(message("edition.about_edition", name=edition.name()), "edition_name", head)
            self.contact = self._label(edition.contact, "contact", head)
            if edition.website:
                self._label(edition.website, "website", head)
            if edition.example:
                self._label(message("edition.about_example"), "example", head).setStyleSheet("color: #b71c1c")
        top.addLayout(head, 1)
        outer.addLayout(top)
        if edition is not None:
            self._label(message("edition.about_contents", templates=len(edition.templates),
                           datasets=len(edition.datasets), licence=edition.licence), "contents", outer)
        self._label(message("edition.about_pact"), "pact", outer).setStyleSheet("color: #555")
        self._label(message("edition.about_font"), "font", outer).setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        outer.addWidget(buttons)

    @staticmethod
    def _label(text: str, name: str, layout: QVBoxLayout | QHBoxLayout) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        return label


def show_about(parent: QWidget | None, edition: Edition | None) -> AboutDialog:
    """Open the About box (modal) and return it once closed."""
    dialog = AboutDialog(edition, parent)
    dialog.exec()
    return dialog
