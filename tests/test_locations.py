"""Portable mode, an unwritable data folder, and the start-up hook the bundle benchmark uses."""
from __future__ import annotations

import os
import subprocess
import sys

from desktop import locations as loc


def test_portable_mode_keeps_everything_beside_the_program(qapp, tmp_path):
    (tmp_path / "portable").write_text("", encoding="utf-8")
    where = loc.locations(tmp_path)
    assert where.portable and where.writable
    assert where.data == tmp_path / "data" and where.data.is_dir()
    assert where.settings.fileName() == str(tmp_path / "settings.ini")


def test_an_unwritable_data_folder_falls_back_to_a_temporary_one(qapp, tmp_path, monkeypatch):
    (tmp_path / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(loc, "_writable", lambda folder: False)
    where = loc.locations(tmp_path)
    assert not where.writable and where.wanted == tmp_path / "data"
    assert where.data != where.wanted and where.data.is_dir()


def test_the_window_starts_and_reports_idle(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PCF_DESK_EXIT_WHEN_IDLE="1", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "desktop"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "idle"
