"""Results per declared unit, traceable to every activity, factor and factor source.

`ProjectResult` holds the solved arrays for all products; `product(code)` builds the detailed, JSON-ready result of
one product (totals, by stage, by gas, contributions, warnings) only when it is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.domain import EmissionFactor, Product
from core.engine.findings import Finding
from core.engine.solve import SolvedSystem
from core.gwp import GwpSet, characterisation, flow_keys
from core.lifecycle import STAGES

RESULT_SCHEMA = "pcf-result/1"


@dataclass(frozen=True)
class Contribution:
    """One activity's share of a product's footprint, with everything needed to re-check it by hand."""

    activity_index: int
    name: str
    stage: str
    kgco2e: float
    share: float
    amount: float
    unit: str
    quantity_per_declared_unit: float   # in the factor's unit, or in the linked product's declared units
    target_unit: str
    factor_code: str = ""
    factor_name: str = ""
    factor_source: str = ""
    factor_dataset: str = ""
    factor_version: str = ""
    factor_year: int | None = None
    factor_geography: str = ""
    linked_product: str = ""
    data_type: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name, "stage": self.stage, "kgco2e": self.kgco2e, "share": self.share,
            "amount": self.amount, "unit": self.unit,
            "quantity_per_declared_unit": self.quantity_per_declared_unit, "target_unit": self.target_unit,
        }
        if self.linked_product:
            out["product"] = self.linked_product
        else:
            out.update(factor=self.factor_code, factor_source=self.factor_source,
                       factor_dataset=self.factor_dataset, factor_version=self.factor_version)
        return out


@dataclass(frozen=True)
class ProductResult:
    code: str
    name: str
    declared_unit: str
    boundary: str
    gwp_set: str
    total_kgco2e: float
    excluding_biogenic_kgco2e: float
    biogenic_co2_emissions_kg: float
    biogenic_co2_removals_kg: float
    dluc_kgco2e: float
    by_stage: dict[str, float]
    by_gas_kg: dict[str, float]
    contributions: list[Contribution] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code, "name": self.name, "declared_unit": self.declared_unit, "boundary": self.boundary,
            "gwp_set": self.gwp_set, "total_kgco2e": self.total_kgco2e,
            "excluding_biogenic_kgco2e": self.excluding_biogenic_kgco2e,
            "biogenic_co2_emissions_kg": self.biogenic_co2_emissions_kg,
            "biogenic_co2_removals_kg": self.biogenic_co2_removals_kg, "dluc_kgco2e": self.dluc_kgco2e,
            "by_stage": self.by_stage, "by_gas_kg": self.by_gas_kg,
            "contributions": [c.to_json() for c in self.contributions],
            "warnings": [w.to_json() for w in self.warnings],
        }


class ProjectResult:
    def __init__(self, solved: SolvedSystem, products: list[Product], gwp_override: GwpSet | None = None):
        self.solved = solved
        self.products = products
        self.gwp_override = gwp_override
        self._index = {p.code: i for i, p in enumerate(products)}

    @property
    def findings(self) -> list[Finding]:
        return self.solved.compiled.findings

    def gwp_of(self, product: Product) -> GwpSet:
        return self.gwp_override or product.study.gwp_set

    def totals_kgco2e(self, gwp: GwpSet) -> np.ndarray:
        """Total CFP of every product (kg CO2e per declared unit) under one GWP set, as an array."""
        return self.solved.totals @ characterisation(gwp).total

    def by_stage_kgco2e(self, gwp: GwpSet) -> np.ndarray:
        """(n_products, n_stages) kg CO2e per declared unit."""
        return (self.solved.by_stage @ characterisation(gwp).total).T

    def total_kgco2e(self, code: str) -> float:
        """One product's CFP (kg CO2e per declared unit) under its study's GWP set, without the full breakdown."""
        i = self._index[code]
        return float(self.solved.totals[i] @ characterisation(self.gwp_of(self.products[i])).total)

    def product(self, code: str) -> ProductResult:
        i = self._index[code]
        p = self.products[i]
        gwp = self.gwp_of(p)
        ch = characterisation(gwp)
        flows = self.solved.totals[i]
        total = float(flows @ ch.total)
        by_stage = {s.value: float(self.solved.by_stage[k, i] @ ch.total) for k, s in enumerate(STAGES)}
        by_gas = {key: float(v) for key, v in zip(flow_keys(), flows) if v != 0.0}
        return ProductResult(
            code=p.code, name=p.name, declared_unit=str(p.declared_unit), boundary=p.study.boundary.value,
            gwp_set=gwp.value, total_kgco2e=total,
            excluding_biogenic_kgco2e=float(flows @ ch.excluding_biogenic),
            biogenic_co2_emissions_kg=float(flows @ ch.biogenic_emissions),
            biogenic_co2_removals_kg=float(flows @ ch.biogenic_removals),
            dluc_kgco2e=float(flows @ ch.dluc),
            by_stage=by_stage, by_gas_kg=by_gas,
            contributions=self._contributions(i, p, ch.total, total),
            warnings=[f for f in self.findings if f.product == p.code],
        )

    def _contributions(self, i: int, p: Product, cf: np.ndarray, total: float) -> list[Contribution]:
        cs = self.solved.compiled
        acts = p.study.activities
        out: list[Contribution] = []
        for k in np.nonzero(cs.fa_product == i)[0]:
            a = acts[int(cs.fa_activity[k])]
            fcode = cs.factor_codes[int(cs.fa_factor[k])]
            f = cs.factors[int(cs.fa_factor[k])] if cs.factors else None
            kg = float(cs.fa_coef[k] * (cs.factor_flows[cs.fa_factor[k]] @ cf))
            out.append(Contribution(
                activity_index=int(cs.fa_activity[k]), name=a.name, stage=a.stage.value, kgco2e=kg,
                share=kg / total if total else 0.0, amount=a.amount, unit=a.unit,
                quantity_per_declared_unit=float(cs.fa_coef[k]), target_unit=f.unit if f else "",
                factor_code=fcode, factor_name=f.name if f else "", factor_source=f.source if f else "",
                factor_dataset=f.dataset if f else "", factor_version=f.dataset_version if f else "",
                factor_year=f.year if f else None, factor_geography=f.geography if f else "",
                data_type=a.data_type.value,
            ))
        for k in np.nonzero(cs.la_product == i)[0]:
            a = acts[int(cs.la_activity[k])]
            q = cs.product_codes[int(cs.la_target[k])]
            kg = float(cs.la_coef[k] * (self.solved.totals[cs.la_target[k]] @ cf))
            out.append(Contribution(
                activity_index=int(cs.la_activity[k]), name=a.name, stage=a.stage.value, kgco2e=kg,
                share=kg / total if total else 0.0, amount=a.amount, unit=a.unit,
                quantity_per_declared_unit=float(cs.la_coef[k]),
                target_unit=str(self.products[int(cs.la_target[k])].declared_unit),
                linked_product=q, data_type=a.data_type.value,
            ))
        out.sort(key=lambda c: (-abs(c.kgco2e), c.activity_index))
        return out

    def to_json(self, codes: list[str] | None = None) -> dict[str, object]:
        wanted = codes or [p.code for p in self.products]
        return {"schema": RESULT_SCHEMA, "products": [self.product(c).to_json() for c in wanted]}
