"""`pcf-desk --self-test`: prove an installed copy works, without a display or a network — the demo project is
built from the bundled workbook, computed, its report rendered and its window drawn offscreen; each check is printed.

Used by the installer CI on Windows and by the bundle test on Linux: a missing data file, font, translation or Qt
plugin in a frozen build shows up here as a failed line and exit code 1, not at a user's desk.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[dict], str]]] = [
        ("resources", _resources), ("demo project", _demo), ("compute", _compute), ("report PDF", _report),
        ("window", _window),
    ]
    state: dict = {}
    failed = 0
    with tempfile.TemporaryDirectory(prefix="pcf-self-test-") as folder:
        state["folder"] = Path(folder)
        for name, check in checks:
            started = time.perf_counter()
            try:
                detail = check(state)
            except Exception as exc:
                failed += 1
                print(f"FAIL  {name}: {type(exc).__name__}: {exc}", flush=True)
                continue
            print(f"ok    {name}: {detail} ({time.perf_counter() - started:.2f} s)", flush=True)
    print("self-test passed" if not failed else f"self-test FAILED ({failed} check(s))", flush=True)
    return 1 if failed else 0


def _resources(state: dict) -> str:
    from core.library.builtin import BUILTIN_VERSION, load_builtin_factors
    from core.paths import resource_path
    from desktop.translations import qm_path
    for part in (("fonts", "wqy-microhei.ttc"), ("demo", "demo_study.xlsx"), ("units", "pcf_units.txt")):
        if not resource_path(*part).is_file():
            raise FileNotFoundError("/".join(part))
    qm = qm_path("zh_CN")
    if not qm.is_file():
        raise FileNotFoundError(qm.name)
    return f"{len(load_builtin_factors())} built-in factors (library {BUILTIN_VERSION}), font, translations"


def _demo(state: dict) -> str:
    import shutil

    from core.paths import resource_path
    from core.project import Project
    workbook = state["folder"] / "demo_study.xlsx"
    shutil.copyfile(resource_path("demo", "demo_study.xlsx"), workbook)
    path = state["folder"] / "demo.pcfdesk"
    with Project.create(path) as project:
        project.ensure_builtin_library()
        report = project.import_workbook(workbook)
    state["project"] = path
    return f"{len(report.products_added)} products, {report.activities} activities"


def _compute(state: dict) -> str:
    from core.project import Project
    with Project.open(state["project"], read_only=True) as project:
        result = project.compute(strict=True)
        codes = [p.code for p in project.data().products]
    return ", ".join(f"{c} {result.total_kgco2e(c):,.3f} kg CO2e" for c in codes)


def _report(state: dict) -> str:
    from core.project import Project
    with Project.open(state["project"], read_only=True) as project:
        path = project.documents("WIN-60").report(state["folder"] / "report.pdf")
    return f"{path.stat().st_size // 1024} KB"


def _window(state: dict) -> str:
    from PySide6.QtCore import QSettings

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    app = create_app()
    settings = Settings(QSettings(str(state["folder"] / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, data_folder=state["folder"])
    window.show()
    if not window.open_project(state["project"]):
        raise RuntimeError("the demo project did not open")
    window.step_list.setCurrentRow(4)
    app.processEvents()
    text = window.pages[4].total.text()
    image = window.grab()
    window.close()
    if image.isNull() or "CO2e" not in text:
        raise RuntimeError("the results step did not draw")
    return f"results step drawn ({image.width()}×{image.height()}): {text}"


if __name__ == "__main__":
    sys.exit(run())
