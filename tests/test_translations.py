"""Every text the GUI shows has its Chinese translation (the UI is Chinese by default; an English string left in
it is a defect a factory clerk sees). lupdate is run over the sources into a copy of the .ts file, so a new
`self.tr(...)` without a translation fails here, not in front of a user."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS = REPO / "desktop" / "translations" / "pcf_desk_zh_CN.ts"


def _lupdate() -> str:
    name = "pyside6-lupdate.exe" if sys.platform == "win32" else "pyside6-lupdate"
    found = Path(sys.executable).with_name(name)
    tool = str(found) if found.exists() else shutil.which(name)
    assert tool, "pyside6-lupdate (from the PySide6 wheel) is needed"
    return tool


def test_every_gui_text_has_a_chinese_translation(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = sorted(str(p.relative_to(REPO)) for p in (REPO / "desktop").rglob("*.py"))
    done = subprocess.run([_lupdate(), *sources, "-ts", str(copy), "-no-obsolete"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    untranslated = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message")
                    if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert untranslated == [], f"add their Chinese to {TS.relative_to(REPO)}: {untranslated}"
