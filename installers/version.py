"""Version metadata of the bundle: one source (pyproject.toml's `version`), written into the Windows version resource
(harmless elsewhere) and into `VERSION.txt` inside the bundle.

    python installers/version.py           # prints the version
"""
from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project needs 3.11
    tomllib = None

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "PCF Desk"
APP_NAME_ZH = "PCF Desk 产品碳足迹工作台"
COMPANY = "PCF Desk"
DESCRIPTION = "PCF Desk: offline product carbon footprint studies (GB/T 24067-2024 / ISO 14067:2018)"
COPYRIGHT = "© PCF Desk authors"


def version() -> str:
    """`version` of pyproject.toml, e.g. "0.1.0"."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    numbers = []
    for part in (text or version()).split(".")[:4]:
        digits = "".join(ch for ch in part if ch.isdigit())
        numbers.append(int(digits or 0))
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_file(exe_name: str, description: str) -> str:
    """The text of a PyInstaller version file (VSVersionInfo) for `exe_name`."""
    v = version()
    t = version_tuple(v)
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0,
                    date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
        StringStruct('CompanyName', {COMPANY!r}),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {v!r}),
        StringStruct('InternalName', {exe_name!r}),
        StringStruct('LegalCopyright', {COPYRIGHT!r}),
        StringStruct('OriginalFilename', {exe_name + '.exe'!r}),
        StringStruct('ProductName', {APP_NAME_ZH!r}),
        StringStruct('ProductVersion', {v!r})])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200, 0x0409, 1200])])
  ]
)
"""


if __name__ == "__main__":
    print(version())
