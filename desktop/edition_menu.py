"""The Edition menu: load an association's edition pack, save its sector templates, import its factor datasets into
the open project, and the About box. Every rule lives in `core.edition`; this module only asks and shows.

The menu fills itself each time it opens (`aboutToShow`), so a pack loaded a moment ago shows its templates without
the main window rebuilding anything. The window is used duck-typed: `window.workspace` (the open project or None)
is all it reads.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from core.edition import Edition, EditionTemplate, apply_to_project, install_edition, installed_edition, report_footer
from core.errors import PcfError
from core.i18n import tr as message  # core's catalogue, not Qt's (lupdate would collect tr calls)
from desktop.about_dialog import show_about

__all__ = [
    "active_report_footer",
    "add_edition_menu",
    "apply_to_workspace",
    "current_edition",
    "default_data_folder",
    "load_edition_pack",
    "save_template",
]


def default_data_folder() -> Path:
    """The user's data folder as MainWindow picks it by default (where a loaded edition is installed)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def active_report_footer(data_folder: Path | None = None) -> str:
    """The installed edition's report-footer line for the report step; '' for the standard edition or a broken
    pack (the menu reports a broken pack; a report is still written, without the association's line)."""
    try:
        return report_footer(installed_edition(data_folder or default_data_folder()))
    except PcfError:
        return ""


def current_edition(parent: QWidget | None, data_folder: Path) -> Edition | None:
    """The installed edition (user-loaded before bundled); a broken one is reported and the app runs standard."""
    try:
        return installed_edition(data_folder)
    except PcfError as exc:
        if parent is not None:
            QMessageBox.warning(parent, message("edition.broken"), _problems(exc))
        return None


def load_edition_pack(parent: QWidget | None, settings_folder: Path, confirm: bool = True) -> Edition | None:
    """Ask for a pack (a .zip, or the edition.json inside a pack folder: one file dialog serves both), install it
    into `settings_folder` and return it; None when the user cancels or the pack is refused (with the reasons)."""
    path, _ = QFileDialog.getOpenFileName(parent, message("edition.choose_pack"), "", message("edition.pack_filter"))
    if not path:
        return None
    try:
        edition = install_edition(Path(path), settings_folder)
    except PcfError as exc:
        QMessageBox.warning(parent, message("edition.cannot_load"), _problems(exc))
        return None
    if confirm:
        QMessageBox.information(parent, message("edition.about_title"), message("edition.loaded", name=edition.name()))
    return edition


def save_template(parent: QWidget | None, template: EditionTemplate) -> Path | None:
    """Copy a sector template where the user wants it (to fill in Excel and import as a study workbook)."""
    path, _ = QFileDialog.getSaveFileName(parent, message("edition.save_template"), template.file.name,
                                          "Excel (*.xlsx)")
    if not path:
        return None
    target = Path(path).with_suffix(".xlsx")
    shutil.copyfile(template.file, target)
    return target


def apply_to_workspace(parent: QWidget | None, edition: Edition | None, workspace: object | None,
                       announce: bool = False) -> int:
    """Import the edition's datasets into the open project (once: a dataset already there is recognised by its
    SHA-256); reloads the workspace when factors were added. Returns the number of factors imported."""
    if edition is None or workspace is None or getattr(workspace, "read_only", False):
        return 0
    try:
        results = apply_to_project(edition, workspace.project)
    except PcfError as exc:
        QMessageBox.warning(parent, message("edition.cannot_load"), _problems(exc))
        return 0
    imported = sum(r.imported for r in results)
    if imported:
        workspace.reload()
    if announce:
        QMessageBox.information(parent, message("edition.about_title"), message(
            "edition.applied", imported=imported, already=sum(r.already_imported for r in results)))
    return imported


def add_edition_menu(window: QMainWindow, data_folder: Path) -> QMenu:
    """Add the Edition menu to `window`'s menu bar; its entries are rebuilt each time it opens."""
    menu = window.menuBar().addMenu(message("edition.menu"))
    menu.aboutToShow.connect(lambda: _fill(menu, window, data_folder))
    _fill(menu, window, data_folder)
    return menu


def _fill(menu: QMenu, window: QMainWindow, data_folder: Path) -> None:
    menu.clear()
    edition = current_edition(None, data_folder)
    workspace = getattr(window, "workspace", None)
    if edition is not None:
        for template in edition.templates:
            menu.addAction(message("edition.menu_template", title=template.title()),
                           lambda t=template: save_template(window, t))
        if edition.datasets and workspace is not None:
            menu.addAction(message("edition.menu_apply"),
                           lambda: apply_to_workspace(window, current_edition(window, data_folder),
                                                      getattr(window, "workspace", None), announce=True))
        menu.addSeparator()
    menu.addAction(message("edition.menu_load"), lambda: _load(window, data_folder))
    menu.addAction(message("edition.menu_about"), lambda: show_about(window, current_edition(window, data_folder)))


def _load(window: QMainWindow, data_folder: Path) -> None:
    edition = load_edition_pack(window, data_folder)
    if edition is not None:
        apply_to_workspace(window, edition, getattr(window, "workspace", None))


def _problems(exc: PcfError) -> str:
    return "\n".join(p.text() for p in exc.problems)
