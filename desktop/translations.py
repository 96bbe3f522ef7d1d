"""Qt translations: `.ts` sources in `desktop/translations/` (edited with Qt Linguist), compiled to `.qm` by
`dev.py` (pyside6-lrelease) and by the installer build. Core messages have their own catalogue (core.i18n); this
switches both together.

Source strings are English; zh_CN is the default language of the UI.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from core.i18n import set_language

FOLDER = Path(__file__).resolve().parent / "translations"
_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    return FOLDER / f"pcf_desk_{language}.qm"


def compile_translations(folder: Path = FOLDER) -> list[Path]:
    """`.ts` -> `.qm` with Qt's lrelease (from the PySide6 wheel); returns the files written."""
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    written = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        written.append(qm)
    return written


def switch_language(language: str) -> bool:
    """Install the translator of `language` (English needs none) and set core's language; True if loaded."""
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    set_language(language)
    if language == "en":
        return True
    path = qm_path(language)
    if not path.exists() and path.with_suffix(".ts").exists():
        try:
            compile_translations()
        except (OSError, subprocess.CalledProcessError):
            return False
    base = QTranslator(app)               # Qt's own words: file dialogs, OK / Cancel, Yes / No
    if base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(base)
        _installed.append(base)
    translator = QTranslator(app)
    if translator.load(str(path)):
        app.installTranslator(translator)
        _installed.append(translator)
        return True
    return False
