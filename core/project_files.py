"""Whole-file operations that need no open `Project`: check a project file, put a backup back, compute a study
workbook on its own (`pcf check`, `pcf restore`, `pcf compute x.xlsx`). Re-exported by `core.project`, the door the
CLI and the GUI use.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.domain import ProjectData
from core.engine import ProjectResult, compute
from core.errors import StoreError
from core.gwp import GwpSet
from core.library.builtin import load_builtin_factors
from core.store.session_lock import SessionLock


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    made: datetime


@dataclass(frozen=True)
class ProjectCheck:
    """`pcf check`: what SQLite's full integrity check found (empty: whole) and the automatic copies, newest first."""

    path: Path
    problems: list[str]
    backups: list[BackupCopy]

    @property
    def whole(self) -> bool:
        return not self.problems


def check_project(path: str | Path) -> ProjectCheck:
    """Check a project file without opening it for work (it is not a project, or unreadable: StoreError)."""
    from core.store import backups, database
    path = Path(path)
    database.inspect_file(path)
    copies = [BackupCopy(b.path, b.made) for b in backups.backups(path)]
    try:
        problems = backups.integrity_problems(path)
    except StoreError as e:          # not even readable: what SQLite said is the problem
        problems = [str(e.problems[0].params.get("reason", ""))]
    return ProjectCheck(path, problems, copies)


def restore_project(path: str | Path, backup: str | Path) -> Path | None:
    """Put an automatic (or any) copy back as `path` after checking it is a whole PCF Desk project; the file there
    is moved aside, never overwritten, and where it went is returned. Refused while a window has the project open."""
    from core.store import backups
    path, backup = Path(path), Path(backup)
    lock = SessionLock(path)
    lock.acquire()
    try:
        return backups.restore(path, backup)
    finally:
        lock.release()


def compute_workbook(path: str | Path, gwp: GwpSet | None = None) -> tuple[ProjectData, ProjectResult]:
    """A study workbook computed on its own, with the built-in library and no project file (`pcf compute x.xlsx`);
    activities that cannot be computed raise ComputeError with their cells."""
    from core.workbook import read_workbook
    data = read_workbook(path, load_builtin_factors())
    return data, compute(data.products, data.factors, gwp=gwp, strict=True, pinned=data.pinned_factors)


def remove_project_file(path: str | Path) -> None:
    """Remove a project file this program has just created and could not complete, with its -wal and -shm."""
    path = Path(path)
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if p.exists():
            p.unlink()
