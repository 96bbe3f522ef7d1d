"""Who has a project open: a small `<file>.lock` beside it, so a second window is refused and a crash is noticed.

Why a lock file and not SQLite's own locking: SQLite lets two processes open the same file (WAL readers and one
writer at a time), so two windows would quietly overwrite each other's edits. The lock names the process; a lock
whose process is gone means the app did not close properly last time, which the GUI reports (nothing is lost: every
edit was committed when it was made) before taking the lock over.
"""
from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from core.errors import StoreError


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    since: str


class SessionLock:
    _held_here: ClassVar[set[Path]] = set()           # projects this process has open (two windows of one app)

    def __init__(self, project: Path):
        self.path = project.with_name(project.name + ".lock")
        self.project = project
        self.held = False

    def acquire(self) -> LockInfo | None:
        """Take the lock; returns the stale lock of a crashed session if there was one. Raises StoreError when a
        live process (this machine) holds it."""
        stale = self.read()
        key = self.project.resolve()
        if key in SessionLock._held_here or (stale is not None and stale.pid != os.getpid()
                                              and stale.host == socket.gethostname() and _alive(stale.pid)):
            stale = stale or LockInfo(os.getpid(), socket.gethostname(), "")
            raise StoreError.one("store.in_use", hint_id="hint.store_in_use", path=str(self.project), pid=stale.pid,
                                 since=stale.since)
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": datetime.now(UTC).isoformat(timespec="seconds")}
        try:
            self.path.write_text(json.dumps(info), encoding="utf-8")
            self.held = True
        except OSError:
            self.held = False             # a read-only folder: the project opens read-only anyway
        SessionLock._held_here.add(key)
        self._key = key
        return stale if stale is not None and stale.pid != os.getpid() else None

    def release(self) -> None:
        SessionLock._held_here.discard(getattr(self, "_key", None))
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def read(self) -> LockInfo | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockInfo(int(data["pid"]), str(data["host"]), str(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
