"""The edition in the GUI: the About box shows the edition, a pack loads through the file dialog, the Edition menu
offers its templates, and the open project gets the edition's datasets once."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from core.edition import installed_edition, load_edition
from core.paths import resource_path
from core.project import Project
from desktop import edition_menu
from desktop.about_dialog import AboutDialog
from desktop.edition_menu import (
    active_report_footer,
    add_edition_menu,
    apply_to_workspace,
    load_edition_pack,
    save_template,
)

CEMENT = resource_path("editions", "cement")


@pytest.fixture
def boxes(monkeypatch) -> dict[str, list[str]]:
    """Message boxes recorded instead of shown (they would block a headless test)."""
    shown: dict[str, list[str]] = {"information": [], "warning": []}
    for kind in shown:
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, _k=kind: shown[_k].append(text)))
    return shown


def _zip_pack(tmp_path: Path) -> Path:
    target = tmp_path / "cement.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(CEMENT.iterdir()):
            archive.write(path, f"cement/{path.name}")
    return target


def test_about_shows_edition_name_contact_and_logo(qtbot):
    edition = load_edition(CEMENT)
    dialog = AboutDialog(edition)
    qtbot.addWidget(dialog)
    assert edition.name() in dialog.findChild(QLabel, "edition_name").text()
    assert dialog.findChild(QLabel, "contact").text() == edition.contact
    assert not dialog.findChild(QLabel, "logo").pixmap().isNull()
    assert "not published by any real association" in dialog.findChild(QLabel, "example").text()
    assert "WBCSD" in dialog.findChild(QLabel, "pact").text()
    assert "WenQuanYi" in dialog.findChild(QLabel, "font").text()
    assert "0." in dialog.findChild(QLabel, "version").text()


def test_about_without_edition_says_standard(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert "Standard edition" in dialog.findChild(QLabel, "edition_name").text()
    assert dialog.findChild(QLabel, "contact") is None


def test_load_pack_through_the_file_dialog_installs_it(qtbot, tmp_path, monkeypatch, boxes):
    pack = _zip_pack(tmp_path)
    asked: list[str] = []

    def choose(parent, caption, folder, filters):
        asked.append(filters)
        return str(pack), filters
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    user = tmp_path / "user"
    edition = load_edition_pack(None, user)
    assert edition is not None and edition.id == "cement-demo"
    assert installed_edition(user) == edition
    assert "*.zip" in asked[0] and "edition.json" in asked[0]
    assert boxes["information"] and edition.name() in boxes["information"][0]


def test_cancel_and_refused_pack(qtbot, tmp_path, monkeypatch, boxes):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: ("", "")))
    assert load_edition_pack(None, tmp_path / "user") is None
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../escape.txt", "x")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(bad), "")))
    assert load_edition_pack(None, tmp_path / "user") is None
    assert "outside the edition folder" in boxes["warning"][0]
    assert installed_edition(tmp_path / "user") is None


def test_edition_menu_lists_templates_and_saves_one(qtbot, tmp_path, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.workspace = None
    user = tmp_path / "user"
    menu = add_edition_menu(window, user)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Load an association edition pack ...", "About PCF Desk ..."]
    shutil.copytree(CEMENT, user / "edition")
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0].startswith("Save sector template: Ordinary Portland cement")
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    saved = save_template(window, installed_edition(user).templates[0])
    assert saved == target.with_suffix(".xlsx") and saved.read_bytes() == (CEMENT / "cement_template.xlsx").read_bytes()


class _Workspace:
    """What apply_to_workspace needs of desktop.workspace.Workspace: the project, read_only and reload."""

    def __init__(self, project: Project):
        self.project, self.read_only, self.reloads = project, False, 0

    def reload(self) -> None:
        self.reloads += 1


def test_open_project_gets_the_edition_datasets_once(qtbot, tmp_path, boxes):
    edition = load_edition(CEMENT)
    with Project.create(tmp_path / "p.pcfdesk") as project:
        workspace = _Workspace(project)
        assert apply_to_workspace(None, edition, workspace) == 24
        assert apply_to_workspace(None, edition, workspace, announce=True) == 0
        assert workspace.reloads == 1
        assert "1 dataset(s) were already" in boxes["information"][0]
        assert apply_to_workspace(None, None, workspace) == 0


def test_broken_installed_edition_is_reported_not_fatal(qtbot, tmp_path, boxes):
    user = tmp_path / "user"
    shutil.copytree(CEMENT, user / "edition")
    (user / "edition" / "logo.png").unlink()
    window = QMainWindow()
    qtbot.addWidget(window)
    assert edition_menu.current_edition(window, user) is None
    assert "logo.png" in boxes["warning"][0]


def test_report_footer_of_the_installed_edition(tmp_path):
    user = tmp_path / "user"
    assert active_report_footer(user) == ""
    shutil.copytree(CEMENT, user / "edition")
    assert active_report_footer(user) == load_edition(CEMENT).report_footer
    (user / "edition" / "edition.json").write_text("{", encoding="utf-8")
    assert active_report_footer(user) == ""
