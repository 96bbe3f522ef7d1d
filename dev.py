#!/usr/bin/env python3
"""One entry point for developers and CI: set up a local virtual environment, then run a job.

    python3 dev.py demo   # set up, then run the main job (`pcf demo`)
    python3 dev.py test   # set up (with test extras and the system packages the tests need), check the import
                          # contracts, ruff and mypy, then run all tests

Why a script and not a Makefile: it must work the same on Windows, Linux and in CI, with nothing but Python 3.11+.
The set-up is skipped when `pyproject.toml` has not changed since the last install.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")

# Debian packages the test suite needs beyond Python: LibreOffice writes the .xls test file (and recalculates
# exported workbooks), poppler renders PDFs to text and PNG, WenQuanYi is the CJK font the GUI tests compare against.
DEBIAN_TEST_PACKAGES: list[str] = ["libreoffice-calc-nogui", "poppler-utils", "fonts-wqy-microhei"]


def _run(cmd: list[str], **kw) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], **kw)


def _stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest}:{extras}:{sys.version_info[:2]}"


def ensure_venv(extras: str = "") -> None:
    if sys.version_info < (3, 11):
        sys.exit("PCF Desk needs Python 3.11 or newer.")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp_file = VENV / ".pcf-installed"
    wanted = _stamp(extras)
    if stamp_file.exists() and stamp_file.read_text() == wanted:
        return
    target = f".[{extras}]" if extras else "."
    if _run([PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target], cwd=ROOT) != 0:
        sys.exit("pip install failed; see the messages above.")
    stamp_file.write_text(wanted)


def build_translations() -> None:
    """Compile the GUI's Qt translations (.ts -> .qm) with the lrelease of the PySide6 wheel, when out of date."""
    lrelease = BIN / ("pyside6-lrelease.exe" if os.name == "nt" else "pyside6-lrelease")
    for ts in sorted((ROOT / "desktop" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            _run([lrelease, "-silent", ts, "-qm", qm], cwd=ROOT)


def _has_display() -> bool:
    return os.name == "nt" or sys.platform == "darwin" or bool(os.environ.get("DISPLAY") or
                                                               os.environ.get("WAYLAND_DISPLAY"))


def ensure_debian_packages(packages: list[str]) -> None:
    """Install system packages the tests need when we can (Debian/Ubuntu as root, e.g. CI)."""
    missing = [p for p in packages if not _debian_has(p)]
    if not missing or not shutil.which("apt-get"):
        return
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        print(f"note: please install {' '.join(missing)} for the full test suite", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    _run(prefix + ["apt-get", "update", "-qq"], env=env)
    _run(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def _debian_has(package: str) -> bool:
    if not shutil.which("dpkg-query"):
        return True
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return "install ok installed" in out.stdout


def main(argv: list[str]) -> int:
    job = argv[0] if argv else "demo"
    rest = argv[1:]
    if job == "demo":
        ensure_venv()
        build_translations()
        if _has_display() or os.environ.get("QT_QPA_PLATFORM"):
            return _run([BIN / "pcf-desk", "--demo", *rest], cwd=ROOT)
        print("No display here: computing the demo on the command line instead (pcf demo).", flush=True)
        return _run([BIN / "pcf", "demo", *rest], cwd=ROOT)
    if job == "test":
        ensure_venv("test,build")           # the bundle test builds the PyInstaller bundle
        build_translations()
        if sys.platform.startswith("linux"):
            ensure_debian_packages(DEBIAN_TEST_PACKAGES)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        # the contracts first (layers, Qt-free core, lint, types: seconds), then the tests
        for check in ([BIN / "lint-imports"], [BIN / "ruff", "check", "."], [BIN / "mypy"]):
            code = _run(check, cwd=ROOT, env=env)
            if code != 0:
                return code
        return _run([PY, "-m", "pytest", *rest], cwd=ROOT, env=env)
    if job == "setup":
        ensure_venv("test,build")
        return 0
    sys.exit(f"unknown job {job!r}; use 'demo' or 'test'")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
