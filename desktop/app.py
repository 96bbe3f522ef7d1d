"""`pcf-desk` / `python -m desktop`: the PCF Desk window.

`desktop/` only presents: every rule and number comes from `core/` (see core.project.Project).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def create_app(argv: Sequence[str] | None = None):
    """The QApplication with a CJK font, the user's language and the app's identity (for QSettings)."""
    from PySide6.QtWidgets import QApplication

    from desktop.fonts import install_cjk_font
    from desktop.settings import APPLICATION, ORGANIZATION, Settings
    from desktop.translations import switch_language

    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    install_cjk_font(app)
    switch_language(Settings().language)
    return app


def build_window(settings=None, data_folder=None):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    return MainWindow(settings or Settings(), data_folder=data_folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pcf-desk")
    parser.add_argument("project", nargs="?", type=Path, help="a .pcfdesk project to open")
    parser.add_argument("--demo", action="store_true", help="open the demo project")
    parser.add_argument("--self-test", action="store_true", help="check this installation headless and exit")
    args = parser.parse_args(list(argv) if argv is not None else sys.argv[1:])
    if args.self_test:
        from desktop.self_test import run
        return run()
    app = create_app()
    from desktop.locations import locations
    from desktop.settings import Settings
    from desktop.translations import switch_language
    where = locations()
    settings = Settings(where.settings)
    if where.portable:
        switch_language(settings.language)
        # a consultant's stick: automatic project backups stay on it too (core.store.backups reads this)
        os.environ.setdefault("PCF_DESK_BACKUPS", str(where.data / "backups"))
    window = build_window(settings, where.data)
    window.show()
    if not where.writable:
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, window.tr("PCF Desk"), window.tr(
            "{0} cannot be written (read-only drive or profile). PCF Desk works from a temporary folder this "
            "time: the demo and settings are not kept; save projects to a folder you can write to.").format(
            where.wanted), parent=window)
        box.open()                                         # not modal-blocking: the window stays usable
    if os.environ.get("PCF_DESK_EXIT_WHEN_IDLE"):        # start-up benchmark: quit once shown and idle
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, lambda: (print("idle", flush=True), app.quit()))
    if args.demo:
        window.open_demo()
    elif args.project:
        window.open_project(args.project)
    return app.exec()
