"""Which studies would change if they used the newest version of their factors, and by how much.

A study keeps the factor versions it was saved with (`Activity.factor_id`) when a newer dataset version is imported,
so a published footprint does not move by itself. This compares, product by product, the footprint with the pinned
versions against the footprint with the newest version of every code (links between products included: a profile
whose aluminium factor changed moves the window made of it).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.domain import EmissionFactor, ProjectData
from core.engine import compute


@dataclass(frozen=True)
class FactorChange:
    code: str
    old: EmissionFactor
    new: EmissionFactor

    def to_json(self) -> dict[str, object]:
        return {"id": self.code, "old_dataset": self.old.dataset, "old_version": self.old.dataset_version,
                "new_dataset": self.new.dataset, "new_version": self.new.dataset_version}


@dataclass(frozen=True)
class StudyUpdate:
    product: str
    name: str
    current_kgco2e: float
    updated_kgco2e: float
    changes: list[FactorChange]          # the product's own outdated factors (empty if only a linked product moved)

    @property
    def delta_kgco2e(self) -> float:
        return self.updated_kgco2e - self.current_kgco2e

    @property
    def delta_share(self) -> float | None:
        return self.delta_kgco2e / self.current_kgco2e if self.current_kgco2e else None

    def to_json(self) -> dict[str, object]:
        return {"product": self.product, "name": self.name, "current_kgco2e": self.current_kgco2e,
                "updated_kgco2e": self.updated_kgco2e, "delta_kgco2e": self.delta_kgco2e,
                "delta_share": self.delta_share, "factors": [c.to_json() for c in self.changes]}


def outdated(data: ProjectData) -> dict[str, list[FactorChange]]:
    """Per product, the activities' pinned factors that a newer version of the same code replaces."""
    out: dict[str, list[FactorChange]] = {}
    for p in data.products:
        seen: set[str] = set()
        for a in p.study.activities:
            old = data.pinned_factors.get(a.factor_id) if a.factor_id is not None else None
            new = data.factors.get(a.factor_ref.strip())
            if old is None or new is None or old.code != a.factor_ref.strip() or old.id == new.id:
                continue
            if old.code not in seen:
                seen.add(old.code)
                out.setdefault(p.code, []).append(FactorChange(old.code, old, new))
    return out


def study_updates(data: ProjectData) -> list[StudyUpdate]:
    changes = outdated(data)
    if not changes:
        return []
    current = compute(data.products, data.factors, strict=False, pinned=data.pinned_factors)
    updated = compute(data.products, data.factors, strict=False)
    out: list[StudyUpdate] = []
    for p in data.products:
        now, then = current.total_kgco2e(p.code), updated.total_kgco2e(p.code)
        if p.code in changes or abs(then - now) > 1e-12 * max(1.0, abs(now)):
            out.append(StudyUpdate(p.code, p.name, float(now), float(then), changes.get(p.code, [])))
    return out
