"""core/ never imports Qt (import-linter checks it too; this checks the modules that actually load)."""
from __future__ import annotations


def test_core_never_imports_qt():
    import subprocess
    import sys
    code = ("import sys, core.cli.main, core.project, core.engine, core.workbook, core.store, core.editing, "
            "core.guide, core.reports.documents; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'desktop'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
