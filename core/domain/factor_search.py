"""What a factor search asks and finds, and the dataset versions it searches: types the facade hands out.

They live here, under the store and the library, because both speak them: the store answers a `SearchFilter` and
lists `DatasetInfo`, the library builds the filter from a `FactorQuery` and returns `FactorHit`s, the GUI and the CLI
show them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.domain.study import EmissionFactor
from core.gwp import DEFAULT_GWP, co2e_of, flow_vector


@dataclass(frozen=True)
class DatasetInfo:
    id: int
    name: str
    version: str
    publisher: str
    imported_at: datetime
    file_name: str
    sha256: str
    is_builtin: bool
    factor_count: int
    is_latest: bool                  # the newest imported version of this name

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "version": self.version, "publisher": self.publisher,
                "imported_at": self.imported_at.isoformat(timespec="seconds"), "file_name": self.file_name,
                "sha256": self.sha256, "builtin": self.is_builtin, "factors": self.factor_count,
                "latest": self.is_latest}


@dataclass(frozen=True)
class SearchFilter:
    dataset_ids: Sequence[int] | None = None     # None: every dataset
    geography: str | None = None
    year: int | None = None
    units: Sequence[str] | None = None           # None: any unit; empty: nothing matches


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
    """kg CO2e per one unit of `factor` under AR6 (what a picker shows), by the engine's own `co2e_of`."""
    return co2e_of(flow_vector(factor.flows), DEFAULT_GWP)
