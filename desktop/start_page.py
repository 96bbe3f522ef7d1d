"""The first screen: new project, open project, the demo project, recent projects."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    new_requested = Signal()
    template_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, recent: list[Path], products: Callable[[Path], str] = lambda path: "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("PCF Desk — product carbon footprint"))
        title.setStyleSheet("font-size: 24px; font-weight: bold; color: #1b5e20;")
        subtitle = QLabel(self.tr("A study under GB/T 24067-2024 / ISO 14067:2018, step by step."))
        layout.addWidget(title)
        layout.addWidget(subtitle)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New project ..."))
        self.template_button = QPushButton(self.tr("New study from a template ..."))
        self.open_button = QPushButton(self.tr("Open project ..."))
        self.demo_button = QPushButton(self.tr("Open the demo project"))
        for b in (self.new_button, self.template_button, self.open_button, self.demo_button):
            b.setMinimumHeight(44)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Recent projects")))
        self.recent = QListWidget()
        for path in recent:
            names = products(path)
            item = QListWidgetItem(f"{path.name}    {names}    {path.parent}" if names else
                                   f"{path.name}    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        layout.addWidget(self.recent, 1)
        self.new_button.clicked.connect(self.new_requested)
        self.template_button.clicked.connect(self.template_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
