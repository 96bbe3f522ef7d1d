"""`ProjectStore`: one open `.pcfdesk` file, the only object the rest of the app holds to read and write a project.

Why it is shaped this way:
- One project = one SQLite file, so a project can be copied, mailed and archived like a document. `close()`
  checkpoints the WAL so the file is complete on its own afterwards.
- Every write goes through `transaction()`: all of it commits or none of it does (a failed import or save leaves the
  file exactly as it was). Database errors come out as StoreError with a message a person can act on.
- Opening checks what the file is before anything can change it: not a database, another application's database,
  written by a newer PCF Desk -> refused untouched; older -> backed up beside itself, then upgraded in one transaction.
- A file we may not write is opened read-only; reading works, any write raises StoreError.
"""
from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from core.domain import DatasetInfo, EmissionFactor, Evidence, FactorBatch, Product, Progress, ProjectData, SearchFilter
from core.errors import StoreError
from core.store import backups, database, factor_search, migrations
from core.store.evidence import document_bytes, read_document, store_document
from core.store.factors import (
    add_factor_dataset,
    ensure_factors,
    factors_by_id,
    factors_of_dataset,
    find_dataset,
    load_factors,
    newest_factors,
    write_batch,
)
from core.store.repository import load_project_data, replace_project_data, save_project_data, update_products
from core.store.schema import EmissionFactorRow, FactorDatasetRow


class ProjectStore:
    """An open project file. Use `ProjectStore.create` / `ProjectStore.open` (or `open_project`), and close it
    (it is a context manager). Thread use: one writer at a time (the desktop app serialises writes on a worker);
    sessions must not be shared between threads."""

    def __init__(self, path: Path, engine: Engine, read_only: bool, backup_path: Path | None = None):
        self._path = path
        self._engine: Engine | None = engine
        self._read_only = read_only
        self._backup_path = backup_path
        self._units: tuple[tuple[object, ...], list[str]] | None = None     # (data stamp, distinct factor units)
        self.backup_problem: str | None = None      # why this open could not keep its automatic backup

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def create(cls, path: str | Path, *, overwrite: bool = False) -> ProjectStore:
        """A new, empty project at `path`; refuses an existing file unless `overwrite` (which deletes it first)."""
        path = Path(path)
        if path.exists() or any(p.exists() for p in database.sidecar_files(path)):
            if not overwrite:
                raise StoreError.one("store.exists", hint_id="hint.store_other_name", path=str(path))
            for p in (path, *database.sidecar_files(path)):
                p.unlink(missing_ok=True)
        if not path.parent.is_dir():
            raise StoreError.one("store.no_folder", hint_id="hint.store_check_path", path=str(path))
        engine = database.make_engine(path, read_only=False)
        try:
            with database.writer(engine).begin() as conn:
                migrations.create_schema(conn)
        except SQLAlchemyError as exc:
            engine.dispose()
            for p in (path, *database.sidecar_files(path)):
                p.unlink(missing_ok=True)
            raise StoreError.one("store.cannot_create", path=str(path),
                                 reason=database.describe_error(exc)) from exc
        return cls(path, engine, read_only=False)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> ProjectStore:
        """Open an existing project, upgrading an older file (after a backup) unless it must stay read-only."""
        path = Path(path)
        if database.wal_removed(path):        # not damaged: the changes are with the program that has it open
            raise database.wal_removed_error(path)
        info = database.inspect_file(path)
        migrations.check_version(path, info.user_version)
        backups.require_whole(path)        # a damaged file is never read, computed, reported or written
        read_only = read_only or not database.is_writable(path)
        backup: Path | None = None
        if migrations.needs_upgrade(info.user_version):
            if read_only:
                raise StoreError.one("store.upgrade_read_only", hint_id="hint.store_make_writable", path=str(path),
                                     found=info.user_version, target=migrations.SCHEMA_VERSION)
            backup = migrations.backup_path(path, info.user_version)
            database.backup_file(path, backup)
        engine = database.make_engine(path, read_only=read_only)
        try:
            if backup is not None:
                with database.writer(engine).begin() as conn:
                    migrations.upgrade(conn)
            else:
                with engine.connect() as conn:      # fail now, not at the first read, on a damaged file
                    database.verify(conn)
        except Exception as exc:
            engine.dispose()
            if backup is not None:
                raise StoreError.one("store.upgrade_failed", hint_id="hint.store_backup", path=str(path),
                                     found=info.user_version, target=migrations.SCHEMA_VERSION, backup=str(backup),
                                     reason=database.describe_error(exc)) from exc
            if isinstance(exc, SQLAlchemyError):
                raise database.store_error(exc, path) from exc
            raise
        store = cls(path, engine, read_only=read_only, backup_path=backup)
        if not read_only:
            store.backup_problem = _automatic_backup(path)
        return store

    def close(self) -> None:
        """Write the WAL back into the file and let go of it; safe to call twice. StoreError when the file could
        not be completed (disk full): the last changes are then only in the -wal file beside it, which says so."""
        if self._engine is None:
            return
        engine, self._engine = self._engine, None
        try:
            if not self._read_only:
                database.checkpoint(engine)     # False: another reader; SQLite completes it when that one closes
        except SQLAlchemyError as exc:
            raise StoreError.one("store.checkpoint_failed", hint_id="hint.store_checkpoint", path=str(self._path),
                                 wal=self._path.name + "-wal", reason=database.describe_error(exc)) from exc
        finally:
            engine.dispose()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------ properties

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def backup_path(self) -> Path | None:
        """Where the file was backed up before this open upgraded it (None when no upgrade was needed)."""
        return self._backup_path

    @property
    def schema_version(self) -> int:
        with self._live_engine().connect() as conn:
            return database.read_user_version(conn)

    # ------------------------------------------------------------ sessions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A Session whose work all commits at the end of the block, or all rolls back if anything raises."""
        if self._read_only:
            raise StoreError.one("store.read_only", hint_id="hint.store_save_copy", path=str(self._path))
        engine = database.writer(self._live_engine())
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise database.store_error(exc, self._path) from exc

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A Session for reading one consistent snapshot; nothing done in it is committed."""
        try:
            with Session(self._live_engine()) as session:     # closing the session rolls its transaction back
                yield session
        except SQLAlchemyError as exc:
            raise database.store_error(exc, self._path) from exc

    # ------------------------------------------------------------ whole-project operations

    def load(self) -> ProjectData:
        with self.reader() as session:
            data = load_project_data(session)
        data.source_name = self._path.name
        return data

    def replace_all(self, data: ProjectData, *, dataset_name: str | None = None) -> None:
        """Make the project exactly `data` (organization, sites, products and studies) in one transaction."""
        with self.transaction() as session:
            replace_project_data(session, data, dataset_name=dataset_name)

    def save(self, data: ProjectData, *, dataset_name: str | None = None, replace_products: bool = True) -> None:
        """`save_project_data` in one transaction (keeps the organization when `data` has none)."""
        with self.transaction() as session:
            save_project_data(session, data, dataset_name=dataset_name, replace_products=replace_products)

    def update_products(self, data: ProjectData, changed: Sequence[Product], removed: Sequence[str],
                        organization_changed: bool) -> None:
        """`repository.update_products` in one transaction: only what an edit touched is written."""
        with self.transaction() as session:
            update_products(session, data, changed, removed, organization_changed)

    def import_data(self, data: ProjectData, *, source_name: str | None = None,
                    dataset_name: str | None = None) -> None:
        """Add or replace `data`'s products (by code) and store its factors, keeping the other products, in one
        transaction. `source_name` (e.g. the workbook's file name) names the dataset of the factors it defines."""
        if source_name is not None:
            data = dataclasses.replace(data, source_name=source_name)
        self.save(data, dataset_name=dataset_name, replace_products=False)

    def has_dataset(self, name: str, version: str) -> bool:
        """Whether a factor dataset version is in the file (possibly only the factors a saved study used; use
        `ensure_factors` to bring a whole library in)."""
        with self.reader() as session:
            return find_dataset(session, name, version) is not None

    def dataset_codes(self, name: str, version: str) -> set[str]:
        """Codes stored in a factor dataset version (empty if the version is not in the file)."""
        with self.reader() as session:
            dataset_id = find_dataset(session, name, version)
            if dataset_id is None:
                return set()
            return set(session.scalars(select(EmissionFactorRow.code).where(EmissionFactorRow.dataset_id == dataset_id)))

    def ensure_factors(self, name: str, version: str, factors: Sequence[EmissionFactor], *, publisher: str = "",
                       is_builtin: bool = False, progress: Progress | None = None) -> int:
        """`factors.ensure_factors` in one transaction: create the dataset version or add the codes it lacks."""
        with self.transaction() as session:
            return ensure_factors(session, name, version, factors, publisher=publisher, is_builtin=is_builtin,
                                  progress=progress)

    def add_factor_dataset(self, name: str, version: str, factors: Sequence[EmissionFactor], *,
                           publisher: str = "", file_name: str = "", sha256: str = "", is_builtin: bool = False,
                           progress: Progress | None = None) -> int:
        with self.transaction() as session:
            return add_factor_dataset(session, name, version, factors, publisher=publisher, file_name=file_name,
                                      sha256=sha256, is_builtin=is_builtin, progress=progress)

    def add_evidence(self, path: str | Path) -> Evidence:
        """Keep a document in the project (once per content); returns what an activity cites."""
        evidence, data = read_document(path)
        with self.transaction() as session:
            store_document(session, evidence, data)
        return evidence

    def evidence_bytes(self, sha256: str) -> bytes | None:
        with self.reader() as session:
            return document_bytes(session, sha256)

    def add_factor_batch(self, name: str, version: str, batch: FactorBatch, *, publisher: str = "",
                         file_name: str = "", sha256: str = "", progress: Progress | None = None) -> int:
        """A new dataset version holding an imported file's factors, in one transaction; returns its id."""
        with self.transaction() as session:
            if find_dataset(session, name, version) is not None:
                raise StoreError.one("store.dataset_exists", hint_id="hint.store_dataset_version", name=name,
                                     version=version)
            row = FactorDatasetRow(name=name, version=version, publisher=publisher, file_name=file_name,
                                   sha256=sha256)
            session.add(row)
            session.flush()
            write_batch(session, row.id, batch, progress)
            return row.id

    # ------------------------------------------------------------ reading factors

    def datasets(self, counts: bool = True) -> list[DatasetInfo]:
        with self.reader() as session:
            return factor_search.list_datasets(session, counts)

    def all_factors(self) -> dict[str, EmissionFactor]:
        """Every stored factor by code, newest import winning (exports and tests; can be 200,000 factors)."""
        with self.reader() as session:
            return load_factors(session)

    def newest_factors(self, codes: Iterable[str]) -> dict[str, EmissionFactor]:
        with self.reader() as session:
            return newest_factors(session, codes)

    def factors_by_id(self, ids: Iterable[int]) -> dict[int, EmissionFactor]:
        with self.reader() as session:
            return factors_by_id(session, ids)

    def dataset_factors(self, dataset_id: int) -> list[EmissionFactor]:
        """Every factor of one dataset version, in the order they were written."""
        with self.reader() as session:
            return factors_of_dataset(session, dataset_id)

    def distinct_units(self) -> list[str]:
        """Units factors are stored per; cached until factors are added or removed."""
        with self.reader() as session:
            stamp = factor_search.data_stamp(session)
            if self._units is None or self._units[0] != stamp:
                self._units = (stamp, factor_search.distinct_units(session))
        return self._units[1]

    def search_ids(self, text: str, where: SearchFilter, limit: int) -> list[int]:
        with self.reader() as session:
            return factor_search.search_ids(session, text, where, limit)

    def _live_engine(self) -> Engine:
        if self._engine is None:
            raise StoreError.one("store.closed", path=str(self._path))
        return self._engine


def open_project(path: str | Path, *, create: bool = False, read_only: bool = False) -> ProjectStore:
    """`ProjectStore.create(path)` when `create`, else `ProjectStore.open(path, read_only=read_only)`."""
    return ProjectStore.create(path) if create else ProjectStore.open(path, read_only=read_only)


def _automatic_backup(path: Path) -> str | None:
    """Keep a copy of the file as it was opened (checked whole); a copy that cannot be made does not stop the work,
    but is reported (None: copied, or unchanged since the newest copy)."""
    try:
        backups.make_backup(path)
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    return None
