"""Schema versions: a `PRAGMA user_version` ladder run at open time (chosen over Alembic: no script files to locate
inside a frozen PyInstaller bundle, and a project file is small enough to upgrade in one transaction).

Rules:
- A new file gets the current ORM schema (`Base.metadata.create_all`) and `user_version = SCHEMA_VERSION`.
- A file newer than SCHEMA_VERSION is refused before anything touches it (it was written by a newer PCF Desk).
- An older file is first backed up beside itself (`<name>.v<old>.bak`), then upgraded one step at a time inside ONE
  transaction: either it ends at SCHEMA_VERSION or it is left exactly as it was.
- Each step is a small function `_upgrade_to_N(conn)` using portable DDL. Steps are frozen history: never edit an
  old step, add a new one and bump SCHEMA_VERSION. A test migrates `tests/support/project_v1.sql` and compares every
  table with a fresh file, so the ORM and the ladder cannot drift apart unnoticed.

History:
- 1: first release (no evidence files, no per-activity data quality or uncertainty).
- 2: `evidence_files`; `activities.dq_technology/dq_geography/dq_time/dq_precision` and `activities.uncertainty`.
- 3: the factor search index (FTS5 tables, `factor_search_contexts`, `emission_factors.search_context_id`).
- 4: `evidence_blobs` (evidence bytes once per SHA-256); bytes stored in `evidence_files.content` move there.
- 5: `activities.amount_pending` (an amount still to be entered, e.g. a row of a sector template).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table

from core.errors import StoreError
from core.store import database, factor_index
from core.store.schema import Base, EvidenceBlobRow, EvidenceFileRow

SCHEMA_VERSION = 5
OLDEST_SUPPORTED = 1


def create_schema(conn: Connection) -> None:
    """Make an empty file a PCF Desk project at the current version (inside the caller's transaction)."""
    Base.metadata.create_all(conn)
    factor_index.create_index(conn)
    database.write_application_id(conn)
    database.write_user_version(conn, SCHEMA_VERSION)


def check_version(path: Path, found: int) -> None:
    """Refuse versions this build cannot read; says nothing about whether an upgrade is needed."""
    if found > SCHEMA_VERSION:
        raise StoreError.one("store.too_new", hint_id="hint.store_update_app", path=str(path), found=found,
                             supported=SCHEMA_VERSION)
    if found < OLDEST_SUPPORTED:
        raise StoreError.one("store.bad_version", hint_id="hint.store_backup", path=str(path), found=found)


def needs_upgrade(found: int) -> bool:
    return found < SCHEMA_VERSION


def backup_path(path: Path, old_version: int) -> Path:
    """`<name>.v<old>.bak` beside the file; an earlier backup is never overwritten (`.v1-2.bak`, ...)."""
    candidate = path.with_name(f"{path.name}.v{old_version}.bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{old_version}-{n}.bak")
        n += 1
    return candidate


def upgrade(conn: Connection) -> int:
    """Run every step from the file's version to SCHEMA_VERSION inside the caller's (single) transaction.

    The version is read again here, under the write lock, in case another process upgraded the file meanwhile.
    Returns the version the file had.
    """
    found = database.read_user_version(conn)
    for target in range(found + 1, SCHEMA_VERSION + 1):
        _STEPS[target](conn)
    if found < SCHEMA_VERSION:
        database.write_user_version(conn, SCHEMA_VERSION)
    return found


def _upgrade_to_2(conn: Connection) -> None:
    """Evidence files per activity; data-quality ratings (1-5, PEF DQR) and uncertainty per activity."""
    for column in ("dq_technology", "dq_geography", "dq_time", "dq_precision"):
        conn.exec_driver_sql(f"ALTER TABLE activities ADD COLUMN {column} INTEGER")
    conn.exec_driver_sql("ALTER TABLE activities ADD COLUMN uncertainty TEXT DEFAULT '' NOT NULL")
    # The table as version 2 defines it. If a later version changes evidence_files, freeze a copy of this Table here
    # (or create it with literal DDL) so this step keeps producing the version-2 table.
    cast(Table, EvidenceFileRow.__table__).create(conn)


def _upgrade_to_3(conn: Connection) -> None:
    """Full-text search over factors: the index tables, each factor's search context, every stored factor indexed."""
    conn.exec_driver_sql("ALTER TABLE emission_factors ADD COLUMN search_context_id INTEGER")
    conn.exec_driver_sql("CREATE INDEX ix_emission_factors_search_context_id "
                         "ON emission_factors (search_context_id)")
    factor_index.create_index(conn)
    factor_index.reindex_all(conn)


def _upgrade_to_4(conn: Connection) -> None:
    """Evidence bytes once per content: a table keyed by SHA-256, filled from the links that carried bytes."""
    cast(Table, EvidenceBlobRow.__table__).create(conn)
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO evidence_blobs (sha256, size, content) "
        "SELECT sha256, length(content), content FROM evidence_files WHERE content IS NOT NULL")
    conn.exec_driver_sql("UPDATE evidence_files SET content = NULL")


def _upgrade_to_5(conn: Connection) -> None:
    """Amounts still to be entered: every existing activity has its amount."""
    conn.exec_driver_sql("ALTER TABLE activities ADD COLUMN amount_pending BOOLEAN DEFAULT '0' NOT NULL")


_STEPS: dict[int, Callable[[Connection], None]] = {
    2: _upgrade_to_2,
    3: _upgrade_to_3,
    4: _upgrade_to_4,
    5: _upgrade_to_5,
}
