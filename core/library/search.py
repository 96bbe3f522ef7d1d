"""Find the right factor: words in Chinese or English, filtered by dataset, region, year and the activity's unit.

The index and its SQL live in `core/store/factor_index.py` and `factor_search.py`; this module says what a query and a
hit are, turns an activity unit into the factor units it converts to (pint, so `t` finds factors per kg and per t,
`kWh` finds per MWh and per GJ), and gives each hit its kg CO2e per unit (AR6 for per-gas factors) for display.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.domain import EmissionFactor
from core.gwp import DEFAULT_GWP, characterisation, flow_index
from core.store import ProjectStore
from core.store.factor_search import SearchFilter
from core.units import same_dimension


@dataclass(frozen=True)
class FactorQuery:
    text: str = ""
    unit: str | None = None          # the activity's unit: only factors whose unit it converts to
    dataset: str | None = None       # a dataset name
    geography: str | None = None
    year: int | None = None
    all_versions: bool = False       # also older versions of each dataset
    limit: int = 20


@dataclass(frozen=True)
class FactorHit:
    code: str
    name: str
    unit: str
    co2e_kg: float          # kg CO2e per one `unit`, AR6 for per-gas factors
    dataset: str
    version: str
    source: str
    year: int | None
    geography: str
    category: str
    unit_text: str
    factor_id: int | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.code, "name": self.name, "unit": self.unit, "co2e_kg": self.co2e_kg,
                "dataset": self.dataset, "version": self.version, "source": self.source, "year": self.year,
                "geography": self.geography, "category": self.category, "unit_text": self.unit_text,
                "factor_id": self.factor_id}

    @classmethod
    def of(cls, f: EmissionFactor) -> FactorHit:
        return cls(f.code, f.name, f.unit, co2e_per_unit(f), f.dataset, f.dataset_version, f.source, f.year,
                   f.geography, f.category, f.unit_text, f.id)


def co2e_per_unit(factor: EmissionFactor) -> float:
    cf = characterisation(DEFAULT_GWP).total
    idx = flow_index()
    return float(sum(v * cf[idx[k]] for k, v in factor.flows.items()))


def search(store: ProjectStore, query: FactorQuery) -> list[FactorHit]:
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
