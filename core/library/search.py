"""Find the right factor: words in Chinese or English, filtered by dataset, region, year and the activity's unit.

The index and its SQL live in `core/store/factor_index.py` and `factor_search.py`, the query and hit types in
`core/domain/factor_search.py`; this module turns an activity unit into the factor units it converts to (pint, so `t`
finds factors per kg and per t, `kWh` finds per MWh and per GJ) and asks any `FactorIndex` (the project's store)
for the hits, each with its kg CO2e per unit (AR6 for per-gas factors) for display.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from core.domain import DatasetInfo, EmissionFactor, FactorHit, FactorQuery, SearchFilter
from core.units import same_dimension

__all__ = ["FactorHit", "FactorIndex", "FactorQuery", "search"]


class FactorIndex(Protocol):
    """What a search needs of a project's factors (the store answers it; the library never imports the store)."""

    def datasets(self, counts: bool = True) -> list[DatasetInfo]: ...

    def distinct_units(self) -> list[str]: ...

    def search_ids(self, text: str, where: SearchFilter, limit: int) -> list[int]: ...

    def factors_by_id(self, ids: Iterable[int]) -> dict[int, EmissionFactor]: ...


def search(store: FactorIndex, query: FactorQuery) -> list[FactorHit]:
    datasets = store.datasets(counts=False)
    chosen = [d for d in datasets if (query.all_versions or d.is_latest)
              and (query.dataset is None or d.name == query.dataset)]
    units = None
    if query.unit:
        units = [u for u in store.distinct_units() if same_dimension(query.unit, u)]
    where = SearchFilter(dataset_ids=[d.id for d in chosen], geography=query.geography or None, year=query.year,
                         units=units)
    ids = store.search_ids(query.text, where, query.limit)
    found = store.factors_by_id(ids)
    return [FactorHit.of(found[i]) for i in ids if i in found]
