"""The PyInstaller bundle (installers/build.py) works on its own: built into a temporary folder, then run from a folder
outside the source tree with no Python, venv or PYTHONPATH in its environment (and no network use: ssl is not even
in the bundle).

Checks: `pcf-desk --self-test` (resources, demo project, compute, report PDF, window drawn offscreen) exits 0; the
bundled `pcf` command line builds the demo, writes the report, application form and label (PDF/PNG/SVG), a
certification package that `pcf verify` accepts, and a PACT file — the paths the self-test does not reach (pandas,
openpyxl, matplotlib's PDF/SVG back ends, segno, jsonschema); and the unpacked size stays within budget.

Slow (PyInstaller analysis, about one minute on two cores); still part of `.ci/run`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "installers" / "build.py"
sys.path.insert(0, str(REPO / "benchmarks"))
from bundle_size import TARGET_MB, largest, total_size  # noqa: E402

# The target for the Linux bundle is 150 MB unpacked; the dependencies as they stand (Qt 6 with its 32 MB ICU
# data, two OpenBLAS builds of 25 MB each for numpy and scipy, pandas, matplotlib) need about 280 MB after every
# exclusion in installers/pyinstaller/bundle_filters.py (see installers/README.md). This budget catches regressions;
# lower it to TARGET_MB when the dependency set allows.
SIZE_BUDGET_MB = 300


def _clean_env(home: Path) -> dict[str, str]:
    """What a user's session has: no venv on PATH, no PYTHONPATH/PYTHONHOME/VIRTUAL_ENV."""
    path = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())
    if sys.platform == "win32":
        env = {k: v for k, v in os.environ.items()
               if k.upper() not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PATH")}
        env["PATH"] = os.environ.get("SystemRoot", r"C:\Windows") + r"\System32"
    else:
        env = {"PATH": path, "LANG": "C.UTF-8"}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PCF_LANG="en")
    return env


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run([sys.executable, str(BUILD), "--out", str(out / "dist"), "--work", str(out / "build")],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    print(done.stdout[-3000:])
    assert done.returncode == 0, f"installers/build.py failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    return out / "dist" / "pcf-desk"


@pytest.mark.slow
def test_bundle_runs_without_python_or_source_tree(bundle: Path, tmp_path: Path):
    exe = ".exe" if sys.platform == "win32" else ""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _clean_env(home)

    def run(program: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bundle / (program + exe)), *args], cwd=work, env=env, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=300)

    test = run("pcf-desk", "--self-test")
    print(test.stdout)
    assert test.returncode == 0, f"self-test failed:\n{test.stdout}\n{test.stderr[-4000:]}"
    assert "self-test passed" in test.stdout

    demo = run("pcf", "demo", "--out", "demo")
    assert demo.returncode == 0, demo.stdout + demo.stderr[-4000:]
    project = work / "demo" / "demo.pcfdesk"
    report = run("pcf", "report", str(project), "--product", "WIN-60", "--out", "report", "--draft")
    assert report.returncode == 0, report.stdout + report.stderr[-4000:]
    for name in ("report.pdf", "application.pdf", "label.pdf", "label.png", "label.svg"):
        assert (work / "report" / name).stat().st_size > 1000, name
    package = run("pcf", "package", str(project), "--product", "WIN-60", "--out", "package.zip", "--draft")
    assert package.returncode == 0, package.stdout + package.stderr[-4000:]
    verify = run("pcf", "verify", "package.zip")
    assert verify.returncode == 0, verify.stdout + verify.stderr[-4000:]
    pact = run("pcf", "export-pact", str(project), "--product", "WIN-60", "--out", "pact.json")
    assert pact.returncode == 0, pact.stdout + pact.stderr[-4000:]

    size = total_size(bundle)
    print(f"bundle {bundle}: {size / 1e6:.1f} MB unpacked (target {TARGET_MB} MB, budget {SIZE_BUDGET_MB} MB)")
    for name, item in largest(bundle):
        print(f"  {item / 1e6:8.1f} MB  {name}")
    assert size < SIZE_BUDGET_MB * 1e6
