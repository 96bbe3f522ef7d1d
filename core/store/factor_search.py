"""The SQL of factor search and of the dataset list (SQLite FTS5; see `factor_index.py` for how the index is cut).

Ranking: factors whose own code or name contain every word come first, ordered by FTS5's bm25 (a hit in the name
weighs more than one in the code), newer data years first on ties. Then, if there is room, factors where some words
are found only in their category, region, source or notes, the latest imported first (in id order, so SQLite stops
after the first matches instead of sorting thousands of rows). Without words, factors come in file order. Filters
(dataset, region, year, the units an activity unit converts to) apply to both; by default only the latest version of
each dataset is searched.
"""
from __future__ import annotations

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from core.domain import DatasetInfo, SearchFilter
from core.store.factor_index import match_expression
from core.store.schema import EmissionFactorRow, FactorDatasetRow

_NAME_WEIGHTS = "2.0, 10.0"          # bm25 weights of (code, name)


def list_datasets(session: Session, counts: bool = True) -> list[DatasetInfo]:
    """Every dataset version, oldest import first, with its factor count (`counts=False`: 0, and no scan of the
    factors — what every search needs, 15 ms saved on a 200,000-factor library)."""
    counts_by_id = dict(session.execute(select(EmissionFactorRow.dataset_id, func.count())
                                        .group_by(EmissionFactorRow.dataset_id)).all()) if counts else {}
    rows = session.scalars(select(FactorDatasetRow).order_by(FactorDatasetRow.imported_at, FactorDatasetRow.id)).all()
    latest = {r.name: r.id for r in rows}
    return [DatasetInfo(r.id, r.name, r.version, r.publisher, r.imported_at, r.file_name, r.sha256, r.is_builtin,
                        counts_by_id.get(r.id, 0), latest[r.name] == r.id) for r in rows]


def distinct_units(session: Session) -> list[str]:
    return list(session.scalars(select(EmissionFactorRow.unit).distinct()))


def data_stamp(session: Session) -> tuple[object, ...]:
    """Changes whenever factors are added or removed (cheap: max of primary keys and a small count)."""
    return (session.scalar(select(func.max(EmissionFactorRow.id))),
            session.scalar(select(func.count()).select_from(FactorDatasetRow)),
            session.scalar(select(func.max(FactorDatasetRow.id))))


def search_ids(session: Session, query: str, where: SearchFilter, limit: int) -> list[int]:
    """Factor ids, best first (see the module docstring)."""
    if where.units is not None and not where.units:
        return []
    clauses, params = _filters(where)
    phrases = match_expression(query)
    if not phrases:
        sql = f"SELECT f.id FROM emission_factors f WHERE {clauses} ORDER BY f.id LIMIT :limit"   # file order
        return _run(session, sql, params | {"limit": limit}, where)
    sql = (f"SELECT f.id FROM factor_name_fts JOIN emission_factors f ON f.id = factor_name_fts.rowid "
           f"WHERE factor_name_fts MATCH :q AND {clauses} "
           f"ORDER BY bm25(factor_name_fts, {_NAME_WEIGHTS}), f.year DESC, f.id LIMIT :limit")
    best = _run(session, sql, params | {"q": " AND ".join(phrases), "limit": limit}, where)
    if len(best) >= limit:
        return best
    contexts = [_matching_contexts(session, p) for p in phrases]
    if not any(contexts):
        return best
    terms, extra = [], {}
    for i, (phrase, ctx) in enumerate(zip(phrases, contexts)):
        in_name = f"f.id IN (SELECT rowid FROM factor_name_fts WHERE factor_name_fts MATCH :p{i})"
        extra[f"p{i}"] = phrase
        if ctx:
            extra[f"c{i}"] = ctx
            terms.append(f"({in_name} OR f.search_context_id IN :c{i})")
        else:
            terms.append(in_name)
    sql = (f"SELECT f.id FROM emission_factors f WHERE {clauses} AND {' AND '.join(terms)} "
           f"AND f.id NOT IN :seen ORDER BY f.id DESC LIMIT :limit")
    rest = _run(session, sql, params | extra | {"seen": best or [-1], "limit": limit - len(best)}, where,
                expanding=[k for k in extra if k.startswith("c")] + ["seen"])
    return best + rest


def _matching_contexts(session: Session, phrase: str) -> list[int]:
    return list(session.scalars(text("SELECT rowid FROM factor_context_fts WHERE factor_context_fts MATCH :p"),
                                {"p": phrase}))


def _filters(where: SearchFilter) -> tuple[str, dict[str, object]]:
    clauses, params = ["1 = 1"], {}
    if where.dataset_ids is not None:
        # unary +: keeps SQLite from driving the query by the (dataset, code) index, which would read a whole
        # 200,000-row dataset and sort it; in id order it stops at the first matches
        clauses.append("+f.dataset_id IN :datasets")
        params["datasets"] = list(where.dataset_ids) or [-1]
    if where.geography:
        clauses.append("f.geography = :geography")
        params["geography"] = where.geography
    if where.year is not None:
        clauses.append("f.year = :year")
        params["year"] = where.year
    if where.units is not None:
        clauses.append("f.unit IN :units")
        params["units"] = list(where.units)
    return " AND ".join(clauses), params


def _run(session: Session, sql: str, params: dict[str, object], where: SearchFilter,
         expanding: list[str] | None = None) -> list[int]:
    names = [k for k in ("datasets", "units") if k in params] + (expanding or [])
    statement = text(sql).bindparams(*(bindparam(k, expanding=True) for k in names))
    return list(session.scalars(statement, params))
