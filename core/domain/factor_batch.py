"""Many factors as columns: what the file importer produces and the store writes in bulk.

Why not a list of `EmissionFactor`: a 200,000-row national database would be 200,000 objects with a dict each,
built only to be taken apart again by the store's executemany. Columns keep the import at a few times pandas' read.
`factors()` / `from_factors()` convert to and from the domain objects for small sets (a workbook's own factors,
tests, the built-in library).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from core.domain.study import EmissionFactor

# progress(done, total, what): long writes (a 200,000-row import) report through it; raising in it cancels.
Progress = Callable[[int, int, str], None]


@dataclass
class FactorBatch:
    """One entry per factor in every list; `flows[flow] = (factor positions, kg of flow per one units[i])`."""

    codes: list[str]
    names: list[str]
    units: list[str]
    unit_texts: list[str]
    years: list[int | None]
    categories: list[str]
    sources: list[str]
    geographies: list[str]
    gwp_bases: list[str]
    uncertainties: list[str]
    notes: list[str]
    flows: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)      # the file row of each factor, when read from a file

    def __len__(self) -> int:
        return len(self.codes)

    def flows_by_factor(self) -> list[dict[str, float]]:
        out: list[dict[str, float]] = [{} for _ in self.codes]
        for flow, (positions, values) in self.flows.items():
            for i, v in zip(positions.tolist(), values.tolist()):
                out[i][flow] = v
        return out

    def factors(self, dataset: str = "", version: str = "") -> list[EmissionFactor]:
        flows = self.flows_by_factor()
        return [EmissionFactor(
            code=self.codes[i], name=self.names[i], unit=self.units[i], flows=flows[i], source=self.sources[i],
            year=self.years[i], geography=self.geographies[i], category=self.categories[i],
            gwp_basis=self.gwp_bases[i], dataset=dataset, dataset_version=version, notes=self.notes[i],
            uncertainty=self.uncertainties[i], unit_text=self.unit_texts[i]) for i in range(len(self.codes))]

    @classmethod
    def from_factors(cls, factors: Sequence[EmissionFactor]) -> FactorBatch:
        positions: dict[str, list[int]] = {}
        values: dict[str, list[float]] = {}
        for i, f in enumerate(factors):
            for flow, kg in f.flows.items():
                if kg is not None:
                    positions.setdefault(flow, []).append(i)
                    values.setdefault(flow, []).append(float(kg))
        return cls(
            codes=[f.code for f in factors], names=[f.name for f in factors], units=[f.unit for f in factors],
            unit_texts=[f.unit_text for f in factors], years=[f.year for f in factors],
            categories=[f.category for f in factors], sources=[f.source for f in factors],
            geographies=[f.geography for f in factors], gwp_bases=[f.gwp_basis for f in factors],
            uncertainties=[f.uncertainty for f in factors], notes=[f.notes for f in factors],
            flows={k: (np.array(positions[k], dtype=np.int64), np.array(values[k], dtype=float)) for k in positions})
