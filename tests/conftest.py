"""Shared test set-up: English messages (assertions read them), the copies of the shared reference material in support/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PCF_LANG"] = "en"

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _english_messages():
    from core.i18n import set_language
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _backups_outside_the_users_folder(tmp_path_factory, monkeypatch):
    """Automatic project backups go to a folder of the test's own, never the user's data folder."""
    monkeypatch.setenv("PCF_DESK_BACKUPS", str(tmp_path_factory.mktemp("backups")))


SUPPORT = Path(__file__).resolve().parent / "support"


@pytest.fixture
def support_dir() -> Path:
    """Copies of the shared reference material the tests read (see support/README.md): a plain clone is enough."""
    return SUPPORT


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window on a settings file and data folder of the test's own; message boxes are recorded in
    `window.messages` (title, text) instead of waiting for a click."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.translations import switch_language
    create_app()
    messages: list[tuple[str, str]] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, _n=name, **k:
                            messages.append((title, text)) or QMessageBox.StandardButton.Ok)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.language = "en"
    switch_language("en")
    w = MainWindow(settings, data_folder=tmp_path / "appdata")
    w.messages = messages
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
