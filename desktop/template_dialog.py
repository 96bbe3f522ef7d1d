""""New study from a template": the sector templates a study can start from (the installed edition's, then the
shipped examples'), and the demo project as a worked example. Which templates exist and what starting from one does
live in `core.edition` (`study_templates`, `start_from_template`); this dialog only lists them and returns the choice.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from core.edition import Edition, EditionTemplate

DEMO = "demo"                          # the choice that opens the demo project instead of a template


class TemplateDialog(QDialog):
    def __init__(self, templates: list[tuple[Edition, EditionTemplate]], parent: QWidget | None = None):
        super().__init__(parent)
        self.templates = templates
        self.setWindowTitle(self.tr("New study from a template"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A sector template brings the sector's usual activities with their emission factors; you enter your "
            "plant's amounts in step 3. An amount not yet entered is marked and left out of the total (never "
            "counted as 0) until you fill it in."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QListWidget()
        for i, (edition, template) in enumerate(templates):
            text = f"{template.title()}\n    {edition.name()}"
            if template.description():
                text += f"\n    {template.description()}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.choices.addItem(item)
        demo = QListWidgetItem(self.tr("The demo project (a worked example: aluminium profile, window and door)") + "\n    "
                               + self.tr("A complete study to look around in; your own study starts elsewhere."))
        demo.setData(Qt.ItemDataRole.UserRole, DEMO)
        self.choices.addItem(demo)
        self.choices.setCurrentRow(0)
        self.choices.setWordWrap(True)
        layout.addWidget(self.choices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(buttons)

    def choice(self) -> tuple[Edition, EditionTemplate] | str | None:
        """The chosen (edition, template), DEMO, or None when nothing is selected."""
        item = self.choices.currentItem()
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return DEMO if value == DEMO else self.templates[int(value)]
