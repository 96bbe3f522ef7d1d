"""Save a PNG of the start page and of each of the six steps of the demo project, to look at what users see.

    python tests/screenshots.py [--out screenshots] [--lang zh_CN|en]

Runs offscreen (no display needed); `tests/test_screenshots.py` runs it too.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STEP_NAMES = ("1-organization", "2-boundary", "3-activities", "4-factors", "5-results", "6-report")


def save_screenshots(out: Path, language: str = "zh_CN") -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.translations import switch_language

    app = create_app()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pcf-shots-") as folder:
        settings = Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = language
        switch_language(language)
        window = MainWindow(settings, data_folder=Path(folder))
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        written = [out / "0-start.png"]
        window.grab().save(str(written[0]))
        window.open_demo()
        for i, name in enumerate(STEP_NAMES):
            window.step_list.setCurrentRow(i)
            if name == "3-activities":
                window.pages[2].tabs.setCurrentIndex(1)
            if name == "4-factors":
                window.pages[3].search.setText("电力")
                window.pages[3].run_search()
            QApplication.processEvents()
            path = out / f"{name}.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    args = parser.parse_args()
    for path in save_screenshots(args.out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
