"""Results per declared unit, traceable to every activity, factor and factor source.

`ProjectResult` holds the solved arrays for all products; `product(code)` builds the detailed, JSON-ready result of
one product (totals, by stage, by gas, contributions, warnings) only when it is asked for.

Every number a document shows about a product is computed here once and read by every writer (report, application
form, label, PACT file, inventory workbook, GUI): the factor's kg CO2e per unit, each activity's contribution, the
allocation share, the period output, the primary-data share, and which activities were left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.domain import DataType, Product
from core.engine.compile import CompiledSystem
from core.engine.findings import Finding, Severity
from core.engine.solve import SolvedSystem
from core.gwp import GwpSet, characterisation, co2e_of, flow_keys
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
    conversion: float = 1.0             # activity unit → target_unit (inside quantity_per_declared_unit)
    factor_kgco2e_per_unit: float = 0.0  # kg CO2e per one target_unit: the factor's, or the linked product's total

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name, "stage": self.stage, "kgco2e": self.kgco2e, "share": self.share,
            "amount": self.amount, "unit": self.unit,
            "quantity_per_declared_unit": self.quantity_per_declared_unit, "target_unit": self.target_unit,
            "kgco2e_per_target_unit": self.factor_kgco2e_per_unit,
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
    # Share (0..1) of |kg CO2e| from primary-data activities, linked products counting with their own share
    # (PACT's primaryDataShare definition, here as a fraction).
    primary_data_share: float = 0.0
    allocation_share: float = 1.0             # of the period's burden, over co-products (1: none allocated)
    period_output: float | None = None        # the reference period's output in declared units (None: not usable)
    # Activities that could not be computed (missing factor, unit mismatch, ...) in this product or any product it
    # uses: a total with these left out is incomplete, and no final document may be written from it.
    left_out: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.left_out

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code, "name": self.name, "declared_unit": self.declared_unit, "boundary": self.boundary,
            "gwp_set": self.gwp_set, "total_kgco2e": self.total_kgco2e,
            "excluding_biogenic_kgco2e": self.excluding_biogenic_kgco2e,
            "biogenic_co2_emissions_kg": self.biogenic_co2_emissions_kg,
            "biogenic_co2_removals_kg": self.biogenic_co2_removals_kg, "dluc_kgco2e": self.dluc_kgco2e,
            "by_stage": self.by_stage, "by_gas_kg": self.by_gas_kg,
            "primary_data_share": self.primary_data_share, "allocation_share": self.allocation_share,
            "period_output": self.period_output,
            "contributions": [c.to_json() for c in self.contributions],
            "warnings": [w.to_json() for w in self.warnings],
            "left_out": [w.to_json() for w in self.left_out],
        }


class ProjectResult:
    def __init__(self, solved: SolvedSystem, products: list[Product], gwp_override: GwpSet | None = None):
        self.solved = solved
        self.products = products
        self.gwp_override = gwp_override
        self._index = {p.code: i for i, p in enumerate(products)}
        self._primary: dict[GwpSet, np.ndarray] = {}
        self._adjacency: list[list[int]] | None = None

    @property
    def findings(self) -> list[Finding]:
        """What compiling and solving found, compiled first."""
        return self.solved.compiled.findings + self.solved.findings

    @property
    def compiled(self) -> CompiledSystem:
        return self.solved.compiled

    def _links_of(self, i: int) -> list[int]:
        if self._adjacency is None:
            cs = self.solved.compiled
            self._adjacency = [[] for _ in range(cs.n_products)]
            for src, dst in zip(cs.la_product.tolist(), cs.la_target.tolist()):
                self._adjacency[src].append(dst)
        return self._adjacency[i]

    def used_products(self, code: str) -> list[str]:
        """`code` and every product it reaches through links, in the order met (depth first)."""
        order: list[int] = []
        seen: set[int] = set()
        stack = [self._index[code]]
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            order.append(i)
            stack.extend(q for q in reversed(self._links_of(i)) if q not in seen)
        return [self.products[i].code for i in order]

    def left_out(self, code: str) -> list[Finding]:
        """Error findings (activities not computed) of `code` and of the products it uses."""
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        if not errors:
            return []
        used = set(self.used_products(code))
        return [f for f in errors if f.product in used]

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
        return co2e_of(self.solved.totals[i], self.gwp_of(self.products[i]))

    def product(self, code: str) -> ProductResult:
        i = self._index[code]
        p = self.products[i]
        gwp = self.gwp_of(p)
        ch = characterisation(gwp)
        flows = self.solved.totals[i]
        total = co2e_of(flows, gwp)
        by_stage = {s.value: co2e_of(self.solved.by_stage[k, i], gwp) for k, s in enumerate(STAGES)}
        by_gas = {key: float(v) for key, v in zip(flow_keys(), flows) if v != 0.0}
        cs = self.solved.compiled
        output = float(cs.output_declared_units[i]) if cs.output_declared_units is not None else float("nan")
        return ProductResult(
            code=p.code, name=p.name, declared_unit=str(p.declared_unit), boundary=p.study.boundary.value,
            gwp_set=gwp.value, total_kgco2e=total,
            excluding_biogenic_kgco2e=float(flows @ ch.excluding_biogenic),
            biogenic_co2_emissions_kg=float(flows @ ch.biogenic_emissions),
            biogenic_co2_removals_kg=float(flows @ ch.biogenic_removals),
            dluc_kgco2e=float(flows @ ch.dluc),
            by_stage=by_stage, by_gas_kg=by_gas,
            contributions=self._contributions(i, p, gwp, total),
            warnings=[f for f in self.findings if f.product == p.code],
            primary_data_share=float(self.primary_data_shares(gwp)[i]),
            allocation_share=float(cs.allocation_share[i]) if cs.allocation_share is not None else 1.0,
            period_output=output if np.isfinite(output) else None,
            left_out=self.left_out(p.code),
        )

    def factor_kgco2e(self, gwp: GwpSet) -> np.ndarray:
        """kg CO2e per unit of each compiled factor (slot order)."""
        ff = self.solved.compiled.factor_flows
        return np.array([co2e_of(ff[k], gwp) for k in range(ff.shape[0])])

    def primary_data_shares(self, gwp: GwpSet) -> np.ndarray:
        """Per product, the share (0..1) of |kg CO2e| from primary-data activities, a linked product counting with
        its own share when the activity citing it is primary. Solved as s = (P + B·s) / W from s = 0: exact after
        as many rounds as the deepest chain; a loop of products settles on the share its own activities give."""
        if gwp in self._primary:
            return self._primary[gwp]
        cs, n = self.solved.compiled, self.solved.compiled.n_products
        primary = self._primary_flags()
        fa_kg = np.abs(cs.fa_coef * self.factor_kgco2e(gwp)[cs.fa_factor]) if len(cs.fa_coef) else np.zeros(0)
        totals = np.array([co2e_of(self.solved.totals[q], gwp) for q in range(n)])
        la_kg = np.abs(cs.la_coef * totals[cs.la_target]) if len(cs.la_coef) else np.zeros(0)
        weight = np.bincount(cs.fa_product, fa_kg, n) + np.bincount(cs.la_product, la_kg, n)
        own = np.bincount(cs.fa_product, fa_kg * primary[0], n)
        linked = la_kg * primary[1]
        shares = np.zeros(n)
        for _ in range(n + 1):
            nxt = np.where(weight > 0, (own + np.bincount(cs.la_product, linked * shares[cs.la_target], n))
                           / np.where(weight > 0, weight, 1.0), 0.0)
            nxt = np.clip(nxt, 0.0, 1.0)
            if np.array_equal(nxt, shares):
                break
            shares = nxt
        self._primary[gwp] = shares
        return shares

    def _primary_flags(self) -> tuple[np.ndarray, np.ndarray]:
        cs = self.solved.compiled

        def flags(products: np.ndarray, activities: np.ndarray) -> np.ndarray:
            return np.array([self.products[int(p)].study.activities[int(a)].data_type is DataType.PRIMARY
                             for p, a in zip(products, activities)], dtype=float)
        return flags(cs.fa_product, cs.fa_activity), flags(cs.la_product, cs.la_activity)

    def _contributions(self, i: int, p: Product, gwp: GwpSet, total: float) -> list[Contribution]:
        cs = self.solved.compiled
        acts = p.study.activities
        out: list[Contribution] = []
        for k in np.nonzero(cs.fa_product == i)[0]:
            a = acts[int(cs.fa_activity[k])]
            assert a.amount is not None          # an activity still to be filled in is never computed
            fcode = cs.factor_codes[int(cs.fa_factor[k])]
            f = cs.factors[int(cs.fa_factor[k])] if cs.factors else None
            per_unit = co2e_of(cs.factor_flows[cs.fa_factor[k]], gwp)
            kg = float(cs.fa_coef[k] * per_unit)
            out.append(Contribution(
                activity_index=int(cs.fa_activity[k]), name=a.name, stage=a.stage.value, kgco2e=kg,
                share=kg / total if total else 0.0, amount=a.amount, unit=a.unit,
                quantity_per_declared_unit=float(cs.fa_coef[k]), target_unit=f.unit if f else "",
                factor_code=fcode, factor_name=f.name if f else "", factor_source=f.source if f else "",
                factor_dataset=f.dataset if f else "", factor_version=f.dataset_version if f else "",
                factor_year=f.year if f else None, factor_geography=f.geography if f else "",
                data_type=a.data_type.value, conversion=float(cs.fa_conversion[k]) if len(cs.fa_conversion) else 1.0,
                factor_kgco2e_per_unit=per_unit,
            ))
        for k in np.nonzero(cs.la_product == i)[0]:
            a = acts[int(cs.la_activity[k])]
            assert a.amount is not None          # an activity still to be filled in is never computed
            q = cs.product_codes[int(cs.la_target[k])]
            per_unit = co2e_of(self.solved.totals[cs.la_target[k]], gwp)
            kg = float(cs.la_coef[k] * per_unit)
            out.append(Contribution(
                activity_index=int(cs.la_activity[k]), name=a.name, stage=a.stage.value, kgco2e=kg,
                share=kg / total if total else 0.0, amount=a.amount, unit=a.unit,
                quantity_per_declared_unit=float(cs.la_coef[k]),
                target_unit=str(self.products[int(cs.la_target[k])].declared_unit),
                linked_product=q, data_type=a.data_type.value,
                conversion=float(cs.la_conversion[k]) if len(cs.la_conversion) else 1.0, factor_kgco2e_per_unit=per_unit,
            ))
        out.sort(key=lambda c: (-abs(c.kgco2e), c.activity_index))
        return out

    def to_json(self, codes: list[str] | None = None) -> dict[str, object]:
        wanted = codes or [p.code for p in self.products]
        return {"schema": RESULT_SCHEMA, "products": [self.product(c).to_json() for c in wanted]}
