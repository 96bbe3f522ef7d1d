"""Where the app keeps its settings and data: the user's folders, or — in portable mode — beside the program.

Portable mode: a file named `portable` next to the executable (a consultant's USB stick) puts `settings.ini` and the
`data/` folder beside it, so nothing is left on the client's PC. Either way the data folder is checked once: a
read-only USB stick or a locked-down profile gets a message and a temporary folder, not a crash.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

PORTABLE_MARKER = "portable"


@dataclass(frozen=True)
class Locations:
    data: Path                    # demo project, recovered files, editions
    settings: QSettings
    portable: bool
    writable: bool
    wanted: Path                  # the folder that was wanted (shown in the message when it is not writable)


def program_folder() -> Path:
    """The folder of the executable in a frozen bundle; the source tree's root otherwise."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def locations(folder: Path | None = None) -> Locations:
    base = folder or program_folder()
    portable = (base / PORTABLE_MARKER).exists()
    if portable:
        wanted = base / "data"
        settings = QSettings(str(base / "settings.ini"), QSettings.Format.IniFormat)
    else:
        wanted = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        settings = QSettings()
    data, writable = wanted, _writable(wanted)
    if not writable:
        data = Path(tempfile.mkdtemp(prefix="pcf-desk-"))
    return Locations(data, settings, portable, writable, wanted)


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".pcf-write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError:
        return False
    return True
