"""The PCF Desk window. For now a stub that proves the GUI stack starts; the guided workflow is the GUI issue's work.

`desktop/` only presents: every rule and number comes from `core/` (see core.project.Project).
"""
from __future__ import annotations

import sys
from collections.abc import Sequence


def build_window():
    from PySide6.QtWidgets import QLabel, QMainWindow

    from core import __version__

    window = QMainWindow()
    window.setWindowTitle(f"PCF Desk {__version__}")
    # Plain ASCII until the GUI issue ships its CJK font and translation files (without them Chinese shows as boxes).
    label = QLabel(f"PCF Desk {__version__}\n\nThe guided workflow is coming; use `pcf demo` and `pcf compute` meanwhile.")
    label.setMargin(24)
    window.setCentralWidget(label)
    window.resize(640, 360)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv))
    window = build_window()
    window.show()
    return app.exec()
