"""Emission-factor datasets in the project file: versioned, append-only, bulk-written.

Why:
- A dataset is one version of one source (a library release, or the Factors sheet of a workbook). A study's activity
  points at the factor row it used (`activities.factor_id`), so a dataset version is never rewritten in place: a
  changed source is a new version. Codes a saved project needs but a stored version lacks are added to it (a workbook
  carries only the library factors it uses, the full library may be imported later).
- Libraries reach 200k factors: rows are written as tuples straight through the driver (`bulk_insert`) in chunks (one
  executemany each), never as ORM objects one by one.
- `load_factors` gives the engine one flat {code: EmissionFactor}. When several datasets hold the same code, the most
  recently imported dataset wins (ordered by `imported_at`, then by id), so a workbook's own factor overrides a
  library factor with the same code imported earlier, and a new library version overrides the older one.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import cast

import numpy as np
from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session

from core.domain import EmissionFactor, FactorBatch, Progress
from core.errors import StoreError
from core.i18n import tr
from core.store.bulk import bulk_insert
from core.store.factor_index import context_ids, context_key, index_factors
from core.store.schema import EmissionFactorRow, FactorDatasetRow, FactorFlowRow

_IN_CHUNK = 500      # values per SQL IN (...): well under every database's parameter limit
_FACTOR_TABLE = cast(Table, EmissionFactorRow.__table__)
_FLOW_TABLE = cast(Table, FactorFlowRow.__table__)


def factors_digest(factors: Iterable[EmissionFactor]) -> str:
    """sha256 of the factors' content (not of their ids or origins): the version of factors a project defines itself,
    so saving the same workbook twice reuses one dataset and a changed workbook gets a new version."""
    canon = sorted(
        (f.code, f.name, f.unit, sorted((k, float(v)) for k, v in f.flows.items()), f.source, f.year, f.geography,
         f.category, f.gwp_basis, f.notes, f.uncertainty, f.unit_text)
        for f in factors)
    return hashlib.sha256(json.dumps(canon, ensure_ascii=False).encode("utf-8")).hexdigest()


def find_dataset(session: Session, name: str, version: str) -> int | None:
    return session.scalar(select(FactorDatasetRow.id).where(FactorDatasetRow.name == name,
                                                            FactorDatasetRow.version == version))


def add_factor_dataset(session: Session, name: str, version: str, factors: Sequence[EmissionFactor], *,
                       publisher: str = "", file_name: str = "", sha256: str = "", is_builtin: bool = False,
                       progress: Progress | None = None) -> int:
    """Store a new dataset version with all its factors and flows; returns the dataset id.

    Refuses a (name, version) already in the file and a code given twice, with a StoreError naming it.
    """
    if find_dataset(session, name, version) is not None:
        raise StoreError.one("store.dataset_exists", hint_id="hint.store_dataset_version", name=name,
                             version=version)
    _refuse_duplicate_codes(name, version, factors)
    row = FactorDatasetRow(name=name, version=version, publisher=publisher, file_name=file_name, sha256=sha256,
                           is_builtin=is_builtin)
    session.add(row)
    session.flush()
    _insert_factors(session, row.id, factors, progress)
    return row.id


def ensure_factors(session: Session, name: str, version: str, factors: Sequence[EmissionFactor], *,
                   publisher: str = "", file_name: str = "", sha256: str = "", is_builtin: bool = False,
                   progress: Progress | None = None) -> int:
    """The dataset (name, version), created if missing, holding at least these codes: missing codes are added,
    codes already stored are left as stored (a stored version is immutable). Returns the dataset id.

    This is how a library should be brought in: a workbook saved earlier may already have stored the few factors of
    that library version it used, and the full library then completes that dataset instead of being refused.
    """
    row = session.scalars(select(FactorDatasetRow).where(FactorDatasetRow.name == name,
                                                         FactorDatasetRow.version == version)).first()
    if row is None:
        return add_factor_dataset(session, name, version, factors, publisher=publisher, file_name=file_name,
                                  sha256=sha256, is_builtin=is_builtin, progress=progress)
    _refuse_duplicate_codes(name, version, factors)
    row.is_builtin = row.is_builtin or is_builtin
    row.publisher = row.publisher or publisher
    # only the codes asked about: every GUI edit saves the study, which ensures the few factors it cites, and a
    # library version can hold 200,000 codes
    stored = set(factor_ids(session, row.id, (f.code for f in factors)))
    _insert_factors(session, row.id, [f for f in factors if f.code not in stored], progress)
    return row.id


def factor_ids(session: Session, dataset_id: int, codes: Iterable[str]) -> dict[str, int]:
    """Row ids of the given codes in one dataset (codes not stored are left out)."""
    wanted = sorted(set(codes))
    out: dict[str, int] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i:i + _IN_CHUNK]
        out.update(session.execute(
            select(EmissionFactorRow.code, EmissionFactorRow.id)
            .where(EmissionFactorRow.dataset_id == dataset_id, EmissionFactorRow.code.in_(chunk))).all())
    return out


def load_factors(session: Session) -> dict[str, EmissionFactor]:
    """Every factor of every dataset as {code: factor}; on a code held by several datasets the newest import wins.
    For exports and tests; the app itself reads only the factors it needs (`newest_factors`, `factors_by_id`)."""
    return {f.code: f for f in _read_factors(session, None)}


def newest_factors(session: Session, codes: Iterable[str]) -> dict[str, EmissionFactor]:
    """The newest stored version of each code (newest import wins; codes not stored are left out)."""
    wanted = sorted(set(codes))
    out: dict[str, EmissionFactor] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        for f in _read_factors(session, EmissionFactorRow.code.in_(wanted[i:i + _IN_CHUNK])):
            out[f.code] = f
    return out


def factors_of_dataset(session: Session, dataset_id: int) -> list[EmissionFactor]:
    return _read_factors(session, EmissionFactorRow.dataset_id == dataset_id)


def factors_by_id(session: Session, ids: Iterable[int]) -> dict[int, EmissionFactor]:
    wanted = sorted(set(ids))
    out: dict[int, EmissionFactor] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        out.update((f.id, f) for f in _read_factors(session, EmissionFactorRow.id.in_(wanted[i:i + _IN_CHUNK]))
                   if f.id is not None)
    return out


def _read_factors(session: Session, where: ColumnElement[bool] | None) -> list[EmissionFactor]:
    """Factors (with flows and dataset) matching `where`, oldest import first, so later ones win in a dict."""
    f = EmissionFactorRow
    query = (select(f.id, f.code, f.name, f.category, f.unit, f.unit_text, f.source, f.year, f.geography, f.gwp_basis,
                    f.notes, f.uncertainty, FactorDatasetRow.name, FactorDatasetRow.version)
             .join(FactorDatasetRow, FactorDatasetRow.id == f.dataset_id)
             .order_by(FactorDatasetRow.imported_at, FactorDatasetRow.id, f.id))
    flow_query = select(FactorFlowRow.factor_id, FactorFlowRow.flow, FactorFlowRow.kg_per_unit)
    if where is not None:
        query = query.where(where)
        flow_query = flow_query.join(f, f.id == FactorFlowRow.factor_id).where(where)
    flows: dict[int, dict[str, float]] = defaultdict(dict)
    for factor_id, flow, kg in session.execute(flow_query.order_by(FactorFlowRow.factor_id, FactorFlowRow.flow)):
        flows[factor_id][flow] = kg
    return [EmissionFactor(
        code=code, name=name, unit=unit, flows=flows.get(fid, {}), source=source, year=year, geography=geography,
        category=category, gwp_basis=gwp_basis, dataset=ds_name, dataset_version=ds_version, notes=notes,
        uncertainty=uncertainty, unit_text=unit_text, id=fid)
        for (fid, code, name, category, unit, unit_text, source, year, geography, gwp_basis, notes, uncertainty,
             ds_name, ds_version) in session.execute(query)]


def _refuse_duplicate_codes(name: str, version: str, factors: Sequence[EmissionFactor]) -> None:
    twice = [code for code, n in Counter(f.code for f in factors).items() if n > 1]
    if twice:
        raise StoreError.one("store.duplicate_factor_code", hint_id="hint.store_duplicate_factor", code=twice[0],
                             name=name, version=version)


def _insert_factors(session: Session, dataset_id: int, factors: Sequence[EmissionFactor],
                    progress: Progress | None) -> None:
    if factors:
        write_batch(session, dataset_id, FactorBatch.from_factors(factors), progress)


def write_batch(session: Session, dataset_id: int, batch: FactorBatch, progress: Progress | None = None) -> None:
    """Factors (one executemany per chunk), then their ids in one query, then flows and the search index.

    Rows go to the driver as tuples (`bulk_insert`): for 200,000 factors the ORM's per-row parameter processing
    would cost more than SQLite's own work. `progress(done, total, text)` counts factors, flows and index entries."""
    n = len(batch)
    if not n:
        return
    keys = [context_key(*t) for t in zip(batch.categories, batch.geographies, batch.sources, batch.notes)]
    contexts = context_ids(session, keys)
    columns = ("dataset_id", "code", "name", "category", "unit", "unit_text", "source", "year", "geography",
               "gwp_basis", "notes", "uncertainty", "search_context_id")
    rows = list(zip([dataset_id] * n, batch.codes, batch.names, batch.categories, batch.units, batch.unit_texts,
                    batch.sources, batch.years, batch.geographies, batch.gwp_bases, batch.notes,
                    batch.uncertainties, [contexts[k] for k in keys]))
    n_flows = sum(len(positions) for positions, _ in batch.flows.values())
    total = 2 * n + n_flows
    before = session.scalar(select(func.max(EmissionFactorRow.id))) or 0
    done = bulk_insert(session, _FACTOR_TABLE.name, columns, rows, 0, total, progress)
    ids = _new_ids(session, dataset_id, batch.codes, before)
    flow_rows = [row for flow, (positions, values) in batch.flows.items()
                 for row in zip(ids[positions].tolist(), [flow] * len(positions), values.tolist())]
    done = bulk_insert(session, _FLOW_TABLE.name, ("factor_id", "flow", "kg_per_unit"), flow_rows, done, total,
                       progress)
    index_factors(session, ids.tolist(), batch.codes, batch.names)
    if progress:
        progress(total, total, tr("store.progress_factors"))


def _new_ids(session: Session, dataset_id: int, codes: Sequence[str], before: int) -> np.ndarray:
    """Ids of the rows just written, in `codes` order. Inside one write transaction the database numbers them
    before+1 .. before+n (checked by count and bounds); anything else falls back to looking them up by code."""
    n = len(codes)
    low, high, count = session.execute(
        select(func.min(EmissionFactorRow.id), func.max(EmissionFactorRow.id), func.count())
        .where(EmissionFactorRow.id > before)).one()
    if count == n and low == before + 1 and high == before + n:
        return np.arange(before + 1, before + n + 1, dtype=np.int64)
    by_code = factor_ids(session, dataset_id, codes) if n <= _IN_CHUNK else dict(
        session.execute(select(EmissionFactorRow.code, EmissionFactorRow.id)
                        .where(EmissionFactorRow.dataset_id == dataset_id)).all())
    return np.array([by_code[c] for c in codes], dtype=np.int64)
