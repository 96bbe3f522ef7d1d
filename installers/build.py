#!/usr/bin/env python3
"""Build the PCF Desk bundle for the machine this runs on (Linux, Windows or macOS):

    python installers/build.py [--onefile] [--out DIST] [--edition PATH] [--work BUILD]

1. compiles the Qt translations (desktop/translations/*.ts -> .qm) with the lrelease of the PySide6 wheel;
2. runs PyInstaller on installers/pyinstaller/pcf_desk.spec (installs PyInstaller from the project's `build` extra
   into this Python first when it is missing);
3. on Linux/macOS links `pcf` (the command line) to `pcf-desk` in the bundle (Windows gets a second .exe);
4. prints the bundle's path and unpacked size.

Default output: dist/pcf-desk/ (dist/pcf-desk[.exe] with --onefile); intermediate files in build/pyinstaller/.
`--edition PATH` copies that folder into the bundle as `edition/`.
Run it with the project's virtual environment: `.venv/bin/python installers/build.py` (Windows:
`.venv\\Scripts\\python installers\\build.py`).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installers" / "pyinstaller" / "pcf_desk.spec"
TRANSLATIONS = ROOT / "desktop" / "translations"
NAME = "pcf-desk"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.3"   # as in pyproject.toml's `build` extra


def compile_translations() -> list[Path]:
    """.ts -> .qm with pyside6-lrelease (beside this Python, or on PATH); every .ts must compile."""
    exe_dir = Path(sys.executable).parent
    candidates = [exe_dir / name for name in ("pyside6-lrelease", "pyside6-lrelease.exe")]
    tool = next((str(c) for c in candidates if c.exists()), None) or shutil.which("pyside6-lrelease")
    if tool is None:
        import PySide6  # the wheel carries lrelease itself
        base = Path(PySide6.__file__).parent
        tool = next((str(p) for p in (base / "lrelease", base / "lrelease.exe") if p.exists()), None)
    if tool is None:
        raise SystemExit("pyside6-lrelease not found: install the project first (pip install -e .)")
    written = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    if not written:
        raise SystemExit(f"no .ts files in {TRANSLATIONS}")
    return written


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"PyInstaller is missing: installing {PYINSTALLER_REQUIREMENT} (the project's `build` extra)", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q",
                        PYINSTALLER_REQUIREMENT], check=True)


def bundle_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def link_cli(bundle: Path) -> None:
    """`pcf` next to `pcf-desk`: a relative symbolic link (the launcher picks the program by the name it is run as)."""
    link = bundle / "pcf"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(NAME, link)


def remove_dangling_links(bundle: Path) -> None:
    """Links PyInstaller made to libraries the spec then filtered out."""
    for p in bundle.rglob("*"):
        if p.is_symlink() and not p.exists():
            p.unlink()


def build(onefile: bool = False, out: Path | None = None, edition: Path | None = None,
          work: Path | None = None) -> Path:
    out = (out or ROOT / "dist").resolve()
    work = (work or ROOT / "build" / "pyinstaller").resolve()
    started = time.perf_counter()
    qm = compile_translations()
    print(f"translations: {', '.join(p.name for p in qm)}", flush=True)
    ensure_pyinstaller()
    env = dict(os.environ, PCF_BUNDLE_WORK=str(work), PCF_BUNDLE_NAME=NAME,
               PCF_BUNDLE_ONEFILE="1" if onefile else "0", PCF_BUNDLE_EDITION=str(edition.resolve()) if edition else "")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(out), "--workpath", str(work), str(SPEC)]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    if onefile:
        bundle = out / (NAME + (".exe" if sys.platform == "win32" else ""))
    else:
        bundle = out / NAME
        remove_dangling_links(bundle)
        if sys.platform != "win32":
            link_cli(bundle)
    size = bundle_size(bundle)
    kind = "one file (unpacks to a temporary folder at each start)" if onefile else "unpacked"
    print(f"bundle: {bundle}", flush=True)
    print(f"size: {size / 1e6:.1f} MB {kind} ({time.perf_counter() - started:.0f} s to build)", flush=True)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the PCF Desk bundle (PyInstaller) for this machine.")
    parser.add_argument("--onefile", action="store_true", help="one executable instead of a folder")
    parser.add_argument("--out", type=Path, help="output folder (default: dist/)")
    parser.add_argument("--edition", type=Path, help="a folder copied into the bundle as edition/")
    parser.add_argument("--work", type=Path, help="PyInstaller's work folder (default: build/pyinstaller/)")
    args = parser.parse_args(argv)
    if args.edition and not args.edition.is_dir():
        parser.error(f"--edition: not a folder: {args.edition}")
    build(onefile=args.onefile, out=args.out, edition=args.edition, work=args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
