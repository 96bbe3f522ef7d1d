"""Project files a user can trust: a damaged file is refused before anything reads or writes it, good copies are
kept automatically and can be put back, and a file is whole on its own after every successful command."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from core.cli.main import main
from core.errors import StoreError
from core.project import Project, check_project, restore_project
from core.store import backups

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out / "demo.pcfdesk"


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


def damage_an_index(path: Path) -> None:
    """Flip one bit in the last cell of the activities' study index: every table still reads, but a query through
    that index misses a row ("row N missing from index"), which quick_check would not notice."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_activities_study_id'").fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[root * page_size - 8] ^= 0x01
    path.write_bytes(bytes(raw))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"          # the cheap check misses it
        assert "missing from index" in conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()


def test_a_damaged_project_is_refused_by_every_command_and_never_written(demo_file: Path, tmp_path: Path,
                                                                         capsys) -> None:
    path = _copy(demo_file, tmp_path / "damaged.pcfdesk")
    damage_an_index(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        Project.open(path)
    problem = refused.value.problems[0]
    assert problem.message_id == "store.damaged" and "missing from index ix_activities_study_id" in problem.text()
    assert problem.hint_id == "hint.store_no_backup"          # never opened here whole, so no copy of it exists
    for argv in (["compute", str(path)], ["report", str(path), "--product", "WIN-60", "--out", str(tmp_path / "r")],
                 ["import", str(REPO / "resources" / "demo" / "demo_study.xlsx"), "--project", str(path)],
                 ["package", str(path), "--product", "WIN-60", "--out", str(tmp_path / "p.zip"), "--draft"]):
        assert main(argv) == 2, argv
        assert "is damaged" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert not (tmp_path / "r").exists() and not (tmp_path / "p.zip").exists()


def test_a_good_open_keeps_a_backup_once_per_change_and_only_the_last_five(demo_file: Path, tmp_path: Path) -> None:
    path = _copy(demo_file, tmp_path / "p.pcfdesk")
    with Project.open(path):
        pass
    first = backups.backups(path)
    assert len(first) == 1
    with Project.open(path):                                   # nothing changed: no second copy of the same file
        pass
    assert backups.backups(path) == first
    with Project.open(path, read_only=True):                    # reading never copies
        pass
    with sqlite3.connect(first[0].path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"   # one file on its own
        assert copy.execute("SELECT count(*) FROM activities").fetchone()[0] == 17
    copy.close()
    start = datetime.now().replace(microsecond=0) + timedelta(days=1)
    for i in range(7):                                          # a change, then the next open copies again
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 10 * (i + 1)))
        backups.make_backup(path, now=start + timedelta(hours=i))
    kept = backups.backups(path)
    assert len(kept) == backups.KEEP == 5
    assert kept[0].made == start + timedelta(hours=6) and kept[-1].made == start + timedelta(hours=2)


def test_pcf_check_names_the_last_good_copy_and_pcf_restore_puts_it_back(demo_file: Path, tmp_path: Path,
                                                                         capsys) -> None:
    path = _copy(demo_file, tmp_path / "p.pcfdesk")
    assert main(["check", str(path)]) == 0
    assert "is whole (0 automatic backups)" in capsys.readouterr().out
    with Project.open(path) as project:                         # a working session: the copy is made at open
        total = project.compute().total_kgco2e("WIN-60")
    [good] = backups.backups(path)
    damage_an_index(path)
    damaged = path.read_bytes()
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert "failed the integrity check" in out and "missing from index" in out
    assert f'pcf restore "{path}" "{good.path}"' in out
    with pytest.raises(StoreError) as refused:
        Project.open(path)
    assert refused.value.problems[0].hint_id == "hint.store_restore" and str(good.path) in refused.value.problems[0].text()
    assert main(["restore", str(path), str(good.path)]) == 0
    capsys.readouterr()
    [kept] = tmp_path.glob("p.damaged-*.pcfdesk")
    assert kept.read_bytes() == damaged                         # the damaged file is kept, never overwritten
    assert check_project(path).whole
    with Project.open(path, read_only=True) as project:
        assert project.compute().total_kgco2e("WIN-60") == pytest.approx(total, rel=1e-15)
    with pytest.raises(StoreError):                             # a damaged copy is never put back
        restore_project(path, kept)


def test_restore_is_refused_while_a_window_has_the_project_open(demo_file: Path, tmp_path: Path) -> None:
    path = _copy(demo_file, tmp_path / "p.pcfdesk")
    with Project.open(path, session=True):
        [good] = backups.backups(path)
        with pytest.raises(StoreError) as refused:
            restore_project(path, good.path)
        assert refused.value.problems[0].message_id == "store.in_use"
    assert not list(tmp_path.glob("p.damaged-*"))


# --- a disk that fills up ---------------------------------------------------------------------------------------
FULL_DISK_SCRIPT = r"""
set -e
mount -t tmpfs -o size=3000k tmpfs "$1"
set +e
"$2" -m core.cli.main demo --out "$1/demo" > "$3/out.txt" 2> "$3/err.txt"
echo "exit=$?" >> "$3/out.txt"
ls "$1/demo" > "$3/files.txt"
"""


def _in_a_small_tmpfs(tmp_path: Path) -> Path:
    """Run `pcf demo` on a 3 MB tmpfs (the demo needs about 4.5 MB with its WAL) in a private mount namespace."""
    unshare = shutil.which("unshare")
    assert unshare, "util-linux's unshare is needed to mount a small tmpfs for the disk-full test"
    mount_point, results = tmp_path / "mnt", tmp_path / "results"
    mount_point.mkdir()
    results.mkdir()
    script = tmp_path / "full.sh"
    script.write_text(FULL_DISK_SCRIPT, encoding="utf-8")
    prefix = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--user", "--map-root-user", "--mount"]
    env = dict(os.environ, PYTHONPATH=str(REPO), PCF_LANG="en", PCF_DESK_BACKUPS=str(tmp_path / "backups"))
    done = subprocess.run([*prefix, "sh", str(script), str(mount_point), sys.executable, str(results)],
                          capture_output=True, text=True, timeout=300, env=env, cwd=REPO)
    assert done.returncode == 0, f"could not run in a small tmpfs: {done.stdout}{done.stderr}"
    return results


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs and mount namespaces are Linux's")
def test_a_full_disk_is_an_error_not_a_project_left_in_its_wal(tmp_path: Path) -> None:
    results = _in_a_small_tmpfs(tmp_path)
    out, err = (results / "out.txt").read_text(), (results / "err.txt").read_text()
    assert "exit=2" in out, out + err
    assert "could not be completed" in err and "demo.pcfdesk-wal" in err and "free some disk space" in err
    assert "Traceback" not in err


def test_a_journal_deleted_while_another_program_has_the_project_open_is_said_so(demo_file: Path,
                                                                                 tmp_path: Path) -> None:
    path = _copy(demo_file, tmp_path / "p.pcfdesk")
    holder = Project.open(path)                           # a window that keeps it open, with a commit in its WAL
    holder.save(holder.data())
    path.with_name(path.name + "-wal").unlink()           # a cleanup tool removes the journal
    env = dict(os.environ, PYTHONPATH=str(REPO), PCF_LANG="en")
    done = subprocess.run([sys.executable, "-m", "core.cli.main", "compute", str(path)], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 2
    assert "journal file p.pcfdesk-wal was deleted or moved while another program" in done.stderr
    assert "not damaged" in done.stderr and "free some disk space" not in done.stderr
    holder.close()                                        # the holder still writes its changes back
    assert check_project(path).whole


def test_the_window_offers_the_last_good_copy_of_a_damaged_project(
        demo_file: Path, tmp_path: Path, window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox
    path = _copy(demo_file, tmp_path / "p.pcfdesk")
    with Project.open(path) as project:
        total = project.compute().total_kgco2e("WIN-60")
    damage_an_index(path)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k:
                        asked.append(text) or QMessageBox.StandardButton.No)
    assert not window.open_project(path)                      # No: nothing restored, nothing opened
    assert "missing from index" in asked[0] and "Restore the last good copy" in asked[0]
    assert "is damaged" in window.messages[-1][1] and window.workspace is None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.open_project(path)
    assert window.messages[-1][0] == "Restored" and "p.damaged-" in window.messages[-1][1]
    assert window.workspace.result.total_kgco2e("WIN-60") == pytest.approx(total, rel=1e-15)
    assert len(list(tmp_path.glob("p.damaged-*.pcfdesk"))) == 1


# --- the operating system says no ---------------------------------------------------------------------------------
def _commands(project: Path, out: Path) -> dict[str, list[str]]:
    return {
        "report": ["report", str(project), "--product", "WIN-60", "--out", str(out / "r"), "--draft"],
        "package": ["package", str(project), "--product", "WIN-60", "--out", str(out / "p.zip"), "--draft"],
        "pact": ["export-pact", str(project), "--product", "WIN-60", "--out", str(out / "x.json"), "--draft"],
        "factors": ["factors", "export", "--project", str(project), "--dataset", "PCF Desk built-in library",
                    "--out", str(out / "f.csv")],
        "template": ["template", "--out", str(out / "t.xlsx")],
    }


def test_writing_into_a_path_that_cannot_be_a_folder_is_a_message_not_a_traceback(demo_file: Path, tmp_path: Path,
                                                                                  capsys) -> None:
    project = _copy(demo_file, tmp_path / "p.pcfdesk")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    for name, argv in _commands(project, blocker).items():
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        said = "Cannot write the file" if name == "factors" else "could not be read or written"
        assert said in err and "choose a folder that exists" in err and "Traceback" not in err, (name, err)
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


def test_an_unwritable_save_mapping_path_is_refused_before_anything_is_imported(tmp_path: Path, capsys) -> None:
    factors = tmp_path / "grid.csv"
    factors.write_text("code,name,unit,co2e\nGRID-X,grid,kgCO2e/kWh,0.5\n", encoding="utf-8")
    project = tmp_path / "p.pcfdesk"
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    argv = ["factors", "import", str(factors), "--project", str(project), "--save-mapping",
            str(tmp_path / "blocker" / "mapping.json")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "the column mapping could not be saved" in err and "nothing was imported" in err
    assert not project.exists()                                  # not created, nothing committed
    assert main([*argv[:-1], str(tmp_path / "mapping.json")]) == 0
    assert (tmp_path / "mapping.json").exists()
    with Project.open(project, read_only=True) as p:
        assert [d.factor_count for d in p.datasets()] == [1]


READ_ONLY_SCRIPT = r"""
set -e
mount -t tmpfs -o size=1m,ro tmpfs "$1"
set +e
shift
for name in report package pact factors template; do
  "$@" "$name" > /dev/null 2> "$RESULTS/$name.err"
  echo "$?" > "$RESULTS/$name.rc"
done
"""


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs and mount namespaces are Linux's")
def test_writing_onto_a_read_only_drive_is_a_message_for_every_command(demo_file: Path, tmp_path: Path) -> None:
    """A real read-only file system (as root, file permissions alone would not stop a write)."""
    project = _copy(demo_file, tmp_path / "p.pcfdesk")
    mount_point, results = tmp_path / "ro", tmp_path / "results"
    mount_point.mkdir()
    results.mkdir()
    runner = tmp_path / "run.py"
    runner.write_text("import sys\nfrom core.cli.main import main\nfrom tests_commands import COMMANDS\n"
                      "sys.exit(main(COMMANDS[sys.argv[1]]))\n", encoding="utf-8")
    (tmp_path / "tests_commands.py").write_text(f"COMMANDS = {_commands(project, mount_point)!r}\n",
                                                encoding="utf-8")
    script = tmp_path / "ro.sh"
    script.write_text(READ_ONLY_SCRIPT, encoding="utf-8")
    unshare = shutil.which("unshare")
    assert unshare, "util-linux's unshare is needed to mount a read-only tmpfs"
    prefix = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--user", "--map-root-user", "--mount"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(tmp_path)]), PCF_LANG="en",
               RESULTS=str(results))
    done = subprocess.run([*prefix, "sh", str(script), str(mount_point), sys.executable, str(runner)],
                          capture_output=True, text=True, timeout=300, env=env, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("report", "package", "pact", "factors", "template"):
        err = (results / f"{name}.err").read_text()
        assert (results / f"{name}.rc").read_text().strip() == "2", (name, err)
        assert "Read-only file system" in err and "Traceback" not in err, (name, err)
