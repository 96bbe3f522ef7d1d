"""The SQLite adapter: the only module of the store that knows it is talking to SQLite.

Everything SQLite-specific lives here (file header, PRAGMAs, URI flags, WAL, the backup API, error texts), so that the
rest of `core.store` speaks portable SQLAlchemy and a PostgreSQL adapter can take this module's place later.

Why each setting:
- `foreign_keys=ON`: SQLite ignores foreign keys unless asked, per connection; cascades and RESTRICT rely on it.
- `journal_mode=WAL` + `synchronous=NORMAL`: readers never block the writer; a crash loses at most the last commit,
  never the file. The store checkpoints on close so the `.pcfdesk` file is whole on its own (can be mailed, copied).
- `busy_timeout`: a second window or process briefly holding the lock makes us wait, not fail.
- Python's sqlite3 (<3.12 style) does not BEGIN before DDL, which would break "one transaction" migrations; the
  documented SQLAlchemy recipe turns its transaction handling off and emits BEGIN ourselves (IMMEDIATE for writers,
  so two writers queue on the lock instead of failing half way with SQLITE_BUSY).
- The file is recognised by `PRAGMA application_id` ('PCFD'), versioned by `PRAGMA user_version`.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from core.errors import StoreError

APPLICATION_ID = 0x50434644          # 'PCFD' in the SQLite header, so any tool can tell what the file is
PROJECT_SUFFIX = ".pcfdesk"
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = b"PK\x03\x04"           # .xlsx, .docx: the most likely wrong file a user picks
_HEADER_SIZE = 100
_LOCK_BYTE_OFFSET = 0x40000000       # SQLite's lock bytes; on Windows a plain read across them fails while locked
WRITE_OPTIONS = {"pcf_begin": "IMMEDIATE"}


@dataclass(frozen=True)
class FileInfo:
    """What the header of an existing file says, read before anything may change the file."""

    application_id: int
    user_version: int


def sidecar_files(path: Path) -> list[Path]:
    """The files SQLite may keep beside the database while it is open (or after a crash)."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _wal_has_content(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def inspect_file(path: Path) -> FileInfo:
    """Check that `path` is a PCF Desk project and return its header, before anything may change the file.

    When no journal is beside the file its header is authoritative and is read as bytes: nothing is written and no
    file is left behind (opening it with SQLite, even read-only, would leave -wal/-shm files next to a WAL-mode file).
    Otherwise (after a crash) SQLite reads it, so that commits still in the WAL count; that is the only case where
    SQLite's own recovery may touch the file before it is accepted.
    """
    if not path.exists():
        raise StoreError.one("store.not_found", hint_id="hint.store_check_path", path=str(path))
    if not path.is_file():
        raise StoreError.one("store.not_a_file", hint_id="hint.store_check_path", path=str(path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(_HEADER_SIZE)
    except OSError as exc:
        raise StoreError.one("store.cannot_read", path=str(path), reason=exc.strerror or str(exc)) from exc
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        hint = "hint.store_workbook" if header.startswith(_ZIP_MAGIC) else "hint.store_pick_project"
        raise StoreError.one("store.not_database", hint_id=hint, path=str(path))
    if any(p.exists() for p in sidecar_files(path)):
        info = _read_header_with_sqlite(path)
    else:
        info = FileInfo(application_id=int.from_bytes(header[68:72], "big", signed=True),
                        user_version=int.from_bytes(header[60:64], "big", signed=True))
    if info.application_id != APPLICATION_ID:
        raise StoreError.one("store.not_project", hint_id="hint.store_pick_project", path=str(path))
    return info


def _read_header_with_sqlite(path: Path) -> FileInfo:
    ro = not os.access(path, os.W_OK)
    try:
        conn = sqlite3.connect(_uri(path, read_only=ro), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError.one("store.corrupt", hint_id="hint.store_backup", path=str(path), reason=str(exc)) from exc
    return FileInfo(application_id=int(app_id), user_version=int(version))


def is_writable(path: Path) -> bool:
    """Whether we may write the file (and create the WAL beside it); otherwise it is opened read-only."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _uri(path: Path, read_only: bool) -> str:
    uri = path.resolve().as_uri()    # percent-encodes spaces, '#', '?', '%' and non-ASCII names
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://"):]    # Windows UNC share: SQLite wants the host inside the path
    if not read_only:
        return uri + "?mode=rwc"
    if not os.access(path.parent, os.W_OK) and not _wal_has_content(path):
        # Read-only folder (a CD, a locked share): SQLite cannot create -shm there; the file is whole and nobody can
        # write it, so it may be read as immutable.
        return uri + "?mode=ro&immutable=1"
    return uri + "?mode=ro"


def read_uri(path: Path) -> str:
    """The URI to read a project without writing it (integrity checks, backups)."""
    return _uri(path, read_only=True)


def copy_with_backup_api(src: Path, dst: Path) -> None:
    """A consistent copy of `src` into a new file `dst` (commits still in the WAL included), via SQLite's backup
    API; raises sqlite3.Error or OSError."""
    source = sqlite3.connect(read_uri(src), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")      # the copy is one file, no WAL beside it
        finally:
            target.close()
    finally:
        source.close()


def make_engine(path: Path, read_only: bool) -> Engine:
    """An engine for one project file, with the PRAGMAs and transaction handling described in the module docstring."""
    uri = _uri(path, read_only)

    def connect() -> sqlite3.Connection:
        # isolation_level=None: SQLAlchemy emits BEGIN itself (see _begin); check_same_thread=False: the desktop app
        # works through a single worker thread but may close the store from the GUI thread.
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool, pool_size=4, max_overflow=4)
    event.listen(engine, "connect", _on_connect(read_only))
    event.listen(engine, "begin", _begin)
    return engine


def _on_connect(read_only: bool) -> Callable[[sqlite3.Connection, object], None]:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
    return on_connect


def _begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("pcf_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN (readers keep plain deferred BEGIN)."""
    return engine.execution_options(**WRITE_OPTIONS)


def read_user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def verify(conn: Connection) -> None:
    """Read the header and the schema, so a damaged file fails at open rather than at the first query."""
    read_user_version(conn)
    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()


def write_user_version(conn: Connection, version: int) -> None:
    """Transactional in SQLite: it rolls back with the migration that set it."""
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def write_application_id(conn: Connection) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def checkpoint(engine: Engine) -> bool:
    """Move everything from the WAL into the file and empty the WAL, so the file is complete on its own. False when
    another connection (a second window, another process) still reads it: SQLite finishes when the last one closes.
    A failure to write the file (disk full, I/O error) raises: the data is then only in the WAL beside it."""
    with engine.connect() as conn:
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not (busy and busy[0])


def backup_file(src: Path, dst: Path) -> None:
    """Copy a project before it is upgraded, holding the write lock so nobody changes it meanwhile.

    A file without WAL content is copied byte for byte (the backup is exactly the file the user had); when the WAL
    still holds commits (after a crash) the sqlite3 backup API is used so that they are in the copy (and for files
    over 1 GiB, whose locked lock-byte page a plain copy could not read on Windows).
    """
    try:
        conn = sqlite3.connect(_uri(src, read_only=False), uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if _wal_has_content(src) or src.stat().st_size > _LOCK_BYTE_OFFSET:
                    target = sqlite3.connect(dst)
                    try:
                        conn.backup(target)
                    finally:
                        target.close()
                else:
                    shutil.copyfile(src, dst)
            finally:
                conn.execute("ROLLBACK")
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        dst.unlink(missing_ok=True)
        raise StoreError.one("store.backup_failed", hint_id="hint.store_disk", path=str(src), backup=str(dst),
                             reason=str(exc)) from exc


def wal_removed(path: Path) -> bool:
    """Someone deleted or moved the -wal file while a program had the project open: the WAL index (-shm) still
    counts frames in a WAL that is not there. SQLite then reports a 'disk I/O error', which would send the user to
    free disk space or to a backup. Read before anything opens the file (opening it creates a new, empty WAL)."""
    shm, wal = path.with_name(path.name + "-shm"), path.with_name(path.name + "-wal")
    if not shm.exists() or wal.exists():
        return False
    try:
        with open(shm, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    if len(header) < 20:
        return False
    return int.from_bytes(header[16:20], sys.byteorder) > 0        # mxFrame, in the machine's byte order


def wal_removed_error(path: Path) -> StoreError:
    return StoreError.one("store.wal_removed", hint_id="hint.store_wal_removed", path=str(path),
                          wal=path.name + "-wal", shm=path.name + "-shm")


def describe_error(exc: BaseException) -> str:
    """The driver's own words for a database error (what SQLite said), for the `reason` of a message."""
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return str(orig).strip() or type(orig).__name__


def store_error(exc: BaseException, path: Path) -> StoreError:
    """Translate a driver error into a StoreError a person can act on."""
    reason = describe_error(exc)
    low = reason.lower()
    if "readonly" in low or "read-only" in low:
        return StoreError.one("store.read_only", hint_id="hint.store_save_copy", path=str(path))
    if "locked" in low or "busy" in low:
        return StoreError.one("store.busy", hint_id="hint.store_close_other", path=str(path))
    if "disk is full" in low or "disk i/o" in low:
        return StoreError.one("store.disk", hint_id="hint.store_disk", path=str(path), reason=reason)
    if "not a database" in low or "malformed" in low:
        return StoreError.one("store.corrupt", hint_id="hint.store_backup", path=str(path), reason=reason)
    return StoreError.one("store.write_failed", path=str(path), reason=reason)
