"""Find factors by words and unit, in memory (enough for the built-in library and a workbook's own factors).

Ranking: every word must appear in the code, name, category, source or notes; hits in the code or name rank first.
The full-text index over hundreds of thousands of imported factors (SQLite FTS5) is the factor-library issue's work.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.domain import EmissionFactor
from core.gwp import DEFAULT_GWP, characterisation, flow_index
from core.units import same_dimension


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
    score: float

    def to_json(self) -> dict[str, object]:
        return {"id": self.code, "name": self.name, "unit": self.unit, "co2e_kg": self.co2e_kg,
                "dataset": self.dataset, "version": self.version, "source": self.source, "year": self.year,
                "geography": self.geography}


def co2e_per_unit(factor: EmissionFactor) -> float:
    cf = characterisation(DEFAULT_GWP).total
    idx = flow_index()
    return float(sum(v * cf[idx[k]] for k, v in factor.flows.items()))


def search_factors(factors: Iterable[EmissionFactor], text: str, unit: str | None = None,
                   limit: int = 20) -> list[FactorHit]:
    words = [w.lower() for w in text.split()]
    hits: list[FactorHit] = []
    for f in factors:
        if unit and not same_dimension(unit, f.unit):
            continue
        head = f"{f.code} {f.name}".lower()
        body = f"{f.category} {f.source} {f.notes} {f.geography}".lower()
        if not all(w in head or w in body for w in words):
            continue
        score = sum(2.0 if w in head else 1.0 for w in words) + (f.year or 0) / 10000
        hits.append(FactorHit(f.code, f.name, f.unit, co2e_per_unit(f), f.dataset, f.dataset_version, f.source,
                              f.year, f.geography, score))
    hits.sort(key=lambda h: (-h.score, h.code))
    return hits[:limit]
