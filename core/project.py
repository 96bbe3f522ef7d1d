"""`Project`: the one door the CLI and the GUI use into a project file (after Anki's `Collection`).

Every mutating call runs in one transaction and returns a `Changes` value saying what it touched, so a screen can
refresh only what changed. Reads return plain dataclasses from `core.domain`, never ORM rows; the store behind it is
private. The result of computing the stored data is kept until the next write, so an import, a report and a
package built one after the other compute once.
"""
from __future__ import annotations

import contextlib
import dataclasses
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from core.changes import ALL_CHANGED, Changes, FactorImport, ImportReport, WorkbookPreview
from core.domain import DatasetInfo, EmissionFactor, Evidence, Progress, ProjectData
from core.engine import AMOUNT_PENDING, Contribution, Finding, ProductResult, ProjectResult, Severity, compute
from core.errors import ComputeError, InputError, Location, StoreError
from core.gwp import GwpSet
from core.library.builtin import BUILTIN_DATASET, BUILTIN_VERSION, load_builtin_factors
from core.library.factor_updates import StudyUpdate, study_updates
from core.library.search import FactorHit, FactorQuery, search
from core.project_files import (
    BackupCopy,
    ProjectCheck,
    check_project,
    compute_workbook,
    remove_project_file,
    restore_project,
)
from core.store import PROJECT_SUFFIX, ProjectStore
from core.store.session_lock import SessionLock

if TYPE_CHECKING:      # pandas / reportlab based: imported when a file is read or written, not at start-up
    from core.library.column_mapping import ColumnMapping
    from core.library.factor_import import FactorFile
    from core.reports.documents import StudyDocuments

__all__ = [
    "ALL_CHANGED",
    "PROJECT_SUFFIX",
    "BackupCopy",
    "Changes",
    "Contribution",
    "DatasetInfo",
    "FactorImport",
    "Finding",
    "ImportReport",
    "ProductResult",
    "Project",
    "ProjectCheck",
    "ProjectResult",
    "Severity",
    "WorkbookPreview",
    "check_project",
    "compute_workbook",
    "remove_project_file",
    "restore_project",
]


class Project:
    def __init__(self, store: ProjectStore, lock: SessionLock | None = None, recovered_since: str | None = None):
        self._store = store
        self._lock = lock
        self.recovered_since = recovered_since      # a crashed session's lock was found (the GUI says so)
        self._data: ProjectData | None = None
        self._results: dict[GwpSet | None, ProjectResult] = {}

    # -- opening and closing ---------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, session: bool = False) -> Project:
        return cls._with_lock(Path(path), session, lambda: ProjectStore.create(Path(path)))

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, *, session: bool = False) -> Project:
        """Open a project file. With `session` (the GUI's window), take its session lock first: a project another
        live window holds is refused (StoreError), and a crashed session's lock is noted in `recovered_since`."""
        return cls._with_lock(Path(path), session, lambda: ProjectStore.open(Path(path), read_only=read_only))

    @classmethod
    def open_or_create(cls, path: str | Path) -> Project:
        p = Path(path)
        return cls.open(p) if p.exists() else cls.create(p)

    @classmethod
    def _with_lock(cls, path: Path, session: bool, make: Callable[[], ProjectStore]) -> Project:
        if not session:
            return cls(make())
        lock = SessionLock(path)
        stale = lock.acquire()
        try:
            store = make()
        except BaseException:
            lock.release()
            raise
        return cls(store, lock, stale.since if stale is not None else None)

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def backup_path(self) -> Path | None:
        """The copy of an older file kept before it was upgraded on opening (None: no upgrade)."""
        return self._store.backup_path

    def close(self) -> None:
        """Complete the file and let go of it (StoreError if it could not be completed: disk full); the session
        lock is released either way."""
        try:
            self._store.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc is None:
            self.close()
            return
        with contextlib.suppress(StoreError):       # the error that ended the block is the one to report
            self.close()

    # -- reading -------------------------------------------------------------------------------------------------
    def forget_cached_data(self) -> None:
        """Read the file again on the next `data()` (after a write), and compute again."""
        self._data = None
        self._results.clear()

    def data(self) -> ProjectData:
        if self._data is None:
            self._data = self._store.load()
        return self._data

    def compute(self, gwp: GwpSet | None = None, strict: bool = False,
                data: ProjectData | None = None) -> ProjectResult:
        """The footprint of every product of the stored data (kept until the next write), or of `data` (an edit
        on screen). With `strict`, activities that cannot be computed raise ComputeError; without, they are left
        out and named by `ProductResult.left_out` (documents refuse such a result unless it is a draft)."""
        if data is not None:
            return compute(data.products, data.factors, gwp=gwp, strict=strict, pinned=data.pinned_factors)
        result = self._results.get(gwp)
        if result is None:
            stored = self.data()
            result = compute(stored.products, stored.factors, gwp=gwp, strict=False, pinned=stored.pinned_factors)
            self._results[gwp] = result
        if strict:
            _raise_errors(result.findings)
        return result

    def documents(self, product_code: str, *, lang: str = "zh_CN", draft: bool = False,
                  footer_extra: str = "", data: ProjectData | None = None,
                  result: ProjectResult | None = None) -> StudyDocuments:
        """The documents of one product (report, application form, label, PACT, inventory, package) from the
        stored data and its one computed result, or from the `data` and `result` on screen."""
        from core.reports.documents import StudyDocuments
        data = data if data is not None else self.data()
        result = result if result is not None else self.compute(data=None if data is self._data else data)
        return StudyDocuments(data, result, product_code, lang=lang, draft=draft, footer_extra=footer_extra,
                              evidence=self.evidence_bytes)

    def save(self, data: ProjectData) -> Changes:
        """Make the project exactly `data` (organization, sites, products and studies) in one transaction; the GUI
        calls this after every accepted edit, so nothing typed waits in memory for a save that a crash would lose."""
        self._store.replace_all(data)
        self.forget_cached_data()
        return Changes(products=True, studies=True, activities=True)

    def save_changes(self, before: ProjectData, after: ProjectData) -> Changes:
        """Save `after`, writing only what differs from `before` (the data last saved): products that are not the
        very same objects as before, removed products, and the organization and sites if they changed. Edits share
        unchanged products between snapshots, so this is the GUI's one-cell save; a reordering saves everything."""
        before_ids = {id(p) for p in before.products}
        after_codes = {p.code for p in after.products}
        before_codes = {p.code for p in before.products}
        kept = [p.code for p in before.products if p.code in after_codes]
        if [p.code for p in after.products[:len(kept)]] != kept:    # reordered, or added before the end
            return self.save(after)
        changed = [p for p in after.products if id(p) not in before_ids]
        removed = sorted(before_codes - after_codes)
        organization_changed = after.organization != before.organization or after.sites != before.sites
        self._store.update_products(after, changed, removed, organization_changed)
        self.forget_cached_data()
        return Changes.between(before, after)

    def attach_evidence(self, path: str | Path) -> Evidence:
        """Keep a document (invoice, meter photo) in the project file; cite the returned Evidence on activities."""
        return self._store.add_evidence(path)

    def evidence_bytes(self, sha256: str) -> bytes | None:
        """The content of an evidence file kept in the project (None: not there)."""
        return self._store.evidence_bytes(sha256)

    def with_factors(self, data: ProjectData) -> ProjectData:
        """`data` with the newest factor of every code its activities cite that it does not carry yet (an edit
        typed a new factor id): looked up in the project, then in the built-in library."""
        library = self.library()
        refs = {a.factor_ref.strip() for p in data.products for a in p.study.activities
                if a.linked_product is None and a.factor_ref.strip()}
        found = {r: library[r] for r in refs - set(data.factors) if r in library}
        return dataclasses.replace(data, factors={**data.factors, **found}) if found else data

    def library(self) -> ChainMap[str, EmissionFactor]:
        """Factors by code as a workbook may cite them: the project's (newest version) before the built-in ones."""
        return ChainMap(_StoredFactors(self._store), load_builtin_factors())

    def datasets(self) -> list[DatasetInfo]:
        return self._store.datasets()

    def dataset_factors(self, dataset: DatasetInfo) -> list[EmissionFactor]:
        """Every factor of one stored dataset version."""
        return self._store.dataset_factors(dataset.id)

    def distinct_units(self) -> list[str]:
        """The units the project's factors are given in (the factor search's unit filter)."""
        return self._store.distinct_units()

    def search_factors(self, query: FactorQuery) -> list[FactorHit]:
        return search(self._store, query)

    def factor_updates(self) -> list[StudyUpdate]:
        """Studies whose footprint would change if they used the newest version of their factors, and by how much."""
        return study_updates(self.data())

    # -- changing ------------------------------------------------------------------------------------------------
    def preview_workbook(self, path: str | Path, *, template: bool = False) -> ProjectData:
        """Read and check a study workbook against this project's factor library, writing nothing. A `template`
        may leave amounts blank (still to be entered, never counted as 0: see `read_workbook`)."""
        from core.workbook import read_workbook  # openpyxl: loaded when a workbook is read, not at start-up
        return read_workbook(path, self.library(), template=template)

    def preview_import(self, path: str | Path, *, template: bool = False) -> WorkbookPreview:
        """Read, validate and compute the workbook together with the products already here, writing nothing: what
        an import would add and replace, or the problems (with their cells) that refuse it."""
        return self._merged(self.preview_workbook(path, template=template), Path(path).name, template)

    def import_workbook(self, source: str | Path | WorkbookPreview, *, template: bool = False) -> ImportReport:
        """Import a workbook, or exactly what a preview showed, in one transaction. Any problem raises before anything
        is written: the project file stays exactly as it was. The result computed for the preview is kept: the
        report or package that follows does not compute again. A `template` (or a preview of one) keeps its blank
        amounts as activities still to be entered."""
        preview = source if isinstance(source, WorkbookPreview) else self.preview_import(source, template=template)
        if preview.base is not self.data():            # the project changed since that preview: merge again
            preview = self._merged(preview.incoming, preview.source, preview.template)
        incoming = preview.incoming
        self._store.import_data(incoming, source_name=preview.source)
        self.forget_cached_data()
        self._results[None] = preview.result
        return ImportReport(
            source=preview.source, products_added=preview.products_added,
            products_replaced=preview.products_replaced, activities=preview.activities,
            factors=len(incoming.factors),
            changes=Changes(products=True, studies=True, activities=True, factors=bool(incoming.factors)),
            amounts_pending=preview.amounts_pending,
        )

    def _merged(self, incoming: ProjectData, source: str, template: bool = False) -> WorkbookPreview:
        current = self.data()
        new_codes = {p.code for p in incoming.products}
        merged = ProjectData(
            products=[p for p in current.products if p.code not in new_codes] + incoming.products,
            factors={**current.factors, **incoming.factors}, pinned_factors=current.pinned_factors,
            organization=current.organization, sites=current.sites,
        )
        result = compute(merged.products, merged.factors, strict=False, pinned=merged.pinned_factors)
        # the workbook's own problems refuse it, with their cells; a template's blank amounts are expected, and the
        # project's earlier products are the project's business, not this workbook's
        _raise_errors([f for f in result.findings if f.product in new_codes
                       and not (template and f.code == AMOUNT_PENDING)])
        existing = {p.code for p in current.products}
        return WorkbookPreview(
            source=source, incoming=incoming, result=result, base=current,
            products_added=[p.code for p in incoming.products if p.code not in existing],
            products_replaced=[p.code for p in incoming.products if p.code in existing], template=template,
        )

    def ensure_builtin_library(self) -> Changes:
        """Load the built-in factor library into the project on first use (and when a newer version ships)."""
        library = load_builtin_factors()
        if set(library) <= self._store.dataset_codes(BUILTIN_DATASET, BUILTIN_VERSION):
            return Changes()
        self._store.ensure_factors(BUILTIN_DATASET, BUILTIN_VERSION, list(library.values()), publisher="PCF Desk",
                                   is_builtin=True)
        self.forget_cached_data()
        return Changes(factors=True)

    def import_factors(self, path: str | Path, mapping: ColumnMapping | None = None, *, dataset: str | None = None,
                       version: str | None = None, publisher: str = "", accept_rejected: bool = False,
                       progress: Progress | None = None) -> FactorImport:
        """Import a factor file as a new version of dataset `dataset` (default: the file name).

        Rejected rows stop the import (InputError listing each with its cell) unless `accept_rejected`; then only
        the good rows are written. The same file imported again without a new version name is recognised by its
        SHA-256 and not stored twice. One transaction: a failure leaves the project as it was."""
        from core.library.factor_import import read_factor_file
        return self.store_factor_file(read_factor_file(path, mapping), dataset=dataset, version=version,
                                      publisher=publisher, accept_rejected=accept_rejected, progress=progress)

    def store_factor_file(self, read: FactorFile, *, dataset: str | None = None, version: str | None = None,
                          publisher: str = "", accept_rejected: bool = False,
                          progress: Progress | None = None) -> FactorImport:
        """Write a factor file already read (and shown to the user: the GUI's preview) as a dataset version."""
        name_of_file = read.report.file_name
        if not accept_rejected:
            read.require_clean()
        if not len(read.batch):
            raise InputError.one("factor_import.nothing", Location(name_of_file),
                                 hint_id="hint.factor_import_nothing")
        name = (dataset or Path(name_of_file).stem).strip()
        versions = [d for d in self._store.datasets() if d.name == name]
        same = next((d for d in versions if d.sha256 == read.report.sha256), None)
        if same is not None and version is None:
            return FactorImport(read.report, same, 0, already_imported=True)
        version = version or _next_version([d.version for d in versions])
        dataset_id = self._store.add_factor_batch(name, version, read.batch, publisher=publisher,
                                                  file_name=name_of_file, sha256=read.report.sha256,
                                                  progress=progress)
        self.forget_cached_data()
        info = next(d for d in self._store.datasets() if d.id == dataset_id)
        return FactorImport(read.report, info, len(read.batch), changes=Changes(factors=True))

    def import_pact(self, path: str | Path) -> DatasetInfo:
        """Store a supplier's PACT file as a factor dataset "PACT: <company>" (see `core.reports.pact.read_pact_file`).

        Version: the footprint's own version for a one-footprint file, else (or when that version is taken by another
        file) the file's SHA-256 prefix. The same file imported again returns the dataset it made the first time."""
        from core.reports.pact import read_pact_file
        read = read_pact_file(path)          # first: a missing or broken file is an InputError naming it
        name = f"PACT: {read.companies[0]}"
        existing = [d for d in self._store.datasets() if d.name == name]
        if (same := next((d for d in existing if d.sha256 == read.sha256), None)) is not None:
            return same
        factors = read.factors
        version = factors[0].dataset_version if len(factors) == 1 and factors[0].dataset_version else read.sha256[:12]
        if any(d.version == version for d in existing):
            version = read.sha256[:12]
        dataset_id = self._store.add_factor_dataset(name, version, factors, publisher=", ".join(read.companies),
                                                    file_name=Path(path).name, sha256=read.sha256)
        self.forget_cached_data()
        return next(d for d in self._store.datasets() if d.id == dataset_id)

    def export_dataset(self, name: str, path: str | Path, version: str | None = None) -> Path:
        """Write one dataset version (default: the latest of that name) to .csv or .xlsx."""
        versions = [d for d in self._store.datasets() if d.name == name and (version is None or d.version == version)]
        if not versions:
            known = ", ".join(sorted({f"{d.name} {d.version}" for d in self._store.datasets()})) or "-"
            raise InputError.one("factor_export.no_dataset", hint_id="hint.factor_export_datasets", name=name,
                                 version=version or "", known=known)
        from core.library.factor_export import write_factors
        chosen = versions[-1]
        return write_factors(self._store.dataset_factors(chosen.id), path, sheet=chosen.name)

    def update_factors(self, products: list[str] | None = None) -> Changes:
        """Let the given products' studies (default: all) use the newest version of each of their factors."""
        data = self.data()
        wanted = set(products) if products is not None else {p.code for p in data.products}
        unknown = wanted - {p.code for p in data.products}
        if unknown:
            raise InputError.one("project.unknown_product", hint_id="hint.project_products",
                                 code=", ".join(sorted(unknown)), known=", ".join(p.code for p in data.products))
        updated = [dataclasses.replace(p, study=dataclasses.replace(p.study, activities=[
            dataclasses.replace(a, factor_id=None) for a in p.study.activities])) if p.code in wanted else p
            for p in data.products]
        self._store.save(dataclasses.replace(data, products=updated))
        self.forget_cached_data()
        return Changes(studies=True, activities=True)


def _raise_errors(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise ComputeError([f.as_problem() for f in errors])


class _StoredFactors(Mapping[str, EmissionFactor]):
    """The project's factors by code (newest version), read one code at a time: a library can hold 200,000."""

    def __init__(self, store: ProjectStore):
        self._store = store
        self._cache: dict[str, EmissionFactor | None] = {}

    def __getitem__(self, code: str) -> EmissionFactor:
        if code not in self._cache:
            self._cache[code] = self._store.newest_factors([code]).get(code)
        found = self._cache[code]
        if found is None:
            raise KeyError(code)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.all_factors())

    def __len__(self) -> int:
        return sum(d.factor_count for d in self._store.datasets())


def _next_version(existing: list[str]) -> str:
    """'1', '2', ... after the numeric versions already there (a non-numeric version does not count)."""
    numbers = [int(v) for v in existing if v.isdigit()]
    candidate = max(numbers, default=0) + 1
    while str(candidate) in existing:
        candidate += 1
    return str(candidate)
