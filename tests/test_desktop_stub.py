"""The GUI package starts on the offscreen platform (the guided workflow is the GUI issue's work)."""
from __future__ import annotations


def test_stub_window_shows(qtbot):
    from desktop.app import build_window
    window = build_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("PCF Desk")


def test_core_never_imports_qt():
    import subprocess
    import sys
    code = ("import sys, core.cli.main, core.project, core.engine, core.workbook, core.store; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'desktop'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
