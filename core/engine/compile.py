"""Turn products, studies and factors into arrays: the one place where units, bases, allocation and links are resolved.

Everything downstream (solve, results, later Monte Carlo) works on `CompiledSystem` arrays only.
Per declared unit of product p:
- factor activity a:  coef_a = amount × conversion(unit → factor unit) [÷ output in declared units × allocation share]
- product link a:     A[p, q] += amount in q's declared units [÷ output × share], in the activity's stage
Transport with a distance uses amount × distance (500 kg over 200 km = 100 t*km).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from core.domain import Activity, Allocation, Basis, EmissionFactor, Product
from core.engine.findings import Finding, Severity
from core.gwp import flow_index, flow_keys
from core.lifecycle import STAGES, Stage
from core.units import Amount, UnitProblem, conversion_factor, transport_unit

STAGE_INDEX = {s: i for i, s in enumerate(STAGES)}


@dataclass
class CompiledSystem:
    product_codes: list[str]
    factor_codes: list[str]
    factor_flows: np.ndarray            # (n_factors, n_flows) kg of flow per factor unit
    # Activities that point at a factor (one entry each)
    fa_product: np.ndarray              # int product index
    fa_stage: np.ndarray                # int stage index
    fa_factor: np.ndarray               # int factor index
    fa_coef: np.ndarray                 # factor units per declared unit of the product
    fa_activity: np.ndarray             # int index into the product's study.activities
    # Activities that point at another product (technosphere links)
    la_product: np.ndarray
    la_stage: np.ndarray
    la_target: np.ndarray
    la_coef: np.ndarray                 # declared units of the target per declared unit of the product
    la_activity: np.ndarray
    findings: list[Finding] = field(default_factory=list)
    allocation_share: np.ndarray | None = None
    output_declared_units: np.ndarray | None = None

    @property
    def n_products(self) -> int:
        return len(self.product_codes)


class _Builder:
    def __init__(self, products: list[Product], factors: Mapping[str, EmissionFactor]):
        self.products = products
        self.factors = factors
        self.index = {p.code: i for i, p in enumerate(products)}
        self.factor_pos: dict[str, int] = {}
        self.factor_list: list[EmissionFactor] = []
        self.findings: list[Finding] = []
        self.fa: list[tuple[int, int, int, float, int]] = []
        self.la: list[tuple[int, int, int, float, int]] = []

    # -- helpers -----------------------------------------------------------------------------------------------
    def problem(self, code: str, product: Product, act: Activity | None = None, index: int | None = None,
                hint: str | None = None, severity: Severity = Severity.ERROR, field: str | None = None,
                **params: object) -> None:
        origin = (act.origin if act is not None else None) or product.origin
        loc = origin.at(field) if origin is not None else None
        self.findings.append(Finding(
            code=code, severity=severity, product=product.code, params=params, activity_index=index,
            stage=act.stage.value if act is not None else None, location=loc, hint_id=hint,
        ))

    def factor_slot(self, factor: EmissionFactor) -> int:
        pos = self.factor_pos.get(factor.code)
        if pos is None:
            pos = self.factor_pos[factor.code] = len(self.factor_list)
            self.factor_list.append(factor)
        return pos

    def in_declared_units(self, target: Product, amount: Amount) -> float:
        """`amount` of `target` expressed in its declared units, bridging pieces and mass with the mass per unit."""
        du = target.declared_unit
        try:
            return amount.to(du.unit) / du.value
        except UnitProblem:
            if not target.mass_per_unit_kg:
                raise
        # pieces <-> mass: one declared unit weighs mass_per_unit_kg (the product's own data, not a guess)
        kg_per_declared = target.mass_per_unit_kg * du.value if _is_count(du.unit) else None
        if kg_per_declared is not None:
            return amount.to("kg") / kg_per_declared
        if _is_count(amount.unit):
            return amount.value * target.mass_per_unit_kg / Amount(du.value, du.unit).to("kg")
        raise UnitProblem("unit.incompatible", from_unit=amount.unit, to_unit=du.unit)

    # -- per product ---------------------------------------------------------------------------------------------
    def period_scaling(self, p: Product) -> tuple[float | None, float, float | None]:
        """(output in declared units, allocation share, divisor-or-None) of a product; problems are recorded."""
        st = p.study
        share = self.allocation_share(p)
        if st.period_output is None:
            return None, share, None
        try:
            out = self.in_declared_units(p, st.period_output)
        except UnitProblem as e:
            self.problem("finding.output_unit", p, field="period_output", hint="hint.output_unit", output=str(st.period_output),
                         declared=str(p.declared_unit), **e.params)
            return None, share, None
        if out <= 0:
            self.problem("finding.output_not_positive", p, field="period_output", hint="hint.output_unit", output=str(st.period_output))
            return None, share, None
        return out, share, out

    def allocation_share(self, p: Product) -> float:
        st = p.study
        if st.allocation is Allocation.NONE or not st.coproducts:
            return 1.0
        if st.period_output is None:
            self.problem("finding.allocation_needs_output", p, field="period_output", hint="hint.allocation_needs_output")
            return 1.0
        try:
            if st.allocation is Allocation.MASS:
                own = self._mass_kg(p, st.period_output)
                others = [Amount(c.output.value, c.output.unit).to("kg") for c in st.coproducts]
            else:
                if st.unit_price is None or any(c.unit_price is None for c in st.coproducts):
                    self.problem("finding.allocation_needs_price", p, field="unit_price",
                                 hint="hint.allocation_needs_price")
                    return 1.0
                own = st.period_output.value * st.unit_price
                others = [c.output.value * c.unit_price for c in st.coproducts]  # type: ignore[operator]
        except UnitProblem as e:
            self.problem("finding.allocation_unit", p, hint="hint.allocation_unit", **e.params)
            return 1.0
        total = own + sum(others)
        if total <= 0:
            self.problem("finding.allocation_zero", p, hint="hint.allocation_needs_price")
            return 1.0
        return own / total

    def _mass_kg(self, p: Product, amount: Amount) -> float:
        try:
            return amount.to("kg")
        except UnitProblem:
            if p.mass_per_unit_kg and _is_count(amount.unit):
                return amount.value * p.mass_per_unit_kg
            raise

    def add_product(self, pi: int, p: Product) -> None:
        st = p.study
        included = st.included_stages
        needs_period = any(a.basis is Basis.PER_PERIOD for a in st.activities)
        output, share, divisor = self.period_scaling(p) if (needs_period or st.coproducts) else (None, 1.0, None)
        self.shares[pi] = share
        self.outputs[pi] = output if output is not None else np.nan
        if needs_period and st.period_output is None:
            self.problem("finding.period_output_missing", p, field="period_output", hint="hint.period_output_missing")
        for ai, act in enumerate(st.activities):
            if act.stage not in included:
                self.problem("finding.outside_boundary", p, act, ai, field="stage", severity=Severity.WARNING,
                             hint="hint.outside_boundary", activity=act.name, stage=act.stage.value,
                             boundary=st.boundary.value)
                continue
            self.add_activity(pi, p, ai, act, share, divisor)

    def add_activity(self, pi: int, p: Product, ai: int, act: Activity, share: float, divisor: float | None) -> None:
        if act.amount < 0:
            self.problem("finding.negative_amount", p, act, ai, field="amount", hint="hint.negative_amount",
                         activity=act.name, amount=act.amount)
            return
        scale = 1.0
        if act.basis is Basis.PER_PERIOD:
            if divisor is None:
                return  # the missing or unusable output was reported once for the product
            scale = share / divisor
        amount, unit = act.amount, act.unit
        if act.distance_km is not None:
            amount, unit = act.amount * act.distance_km, transport_unit(act.unit)
        stage = STAGE_INDEX[act.stage]
        linked = act.linked_product
        if linked is not None:
            qi = self.index.get(linked)
            if qi is None:
                self.problem("finding.unknown_product", p, act, ai, field="factor", hint="hint.unknown_product",
                             activity=act.name, target=linked)
                return
            try:
                coef = self.in_declared_units(self.products[qi], Amount(amount, unit))
            except UnitProblem as e:
                self.problem("finding.unit_mismatch", p, act, ai, field="unit", hint="hint.unit_mismatch", activity=act.name,
                             unit=act.unit, factor_unit=str(self.products[qi].declared_unit.unit),
                             target=linked)
                return
            self.la.append((pi, stage, qi, coef * scale, ai))
            return
        ref = act.factor_ref.strip()
        if not ref:
            self.problem("finding.no_factor", p, act, ai, field="factor", hint="hint.no_factor", activity=act.name)
            return
        factor = self.factors.get(ref)
        if factor is None:
            self.problem("finding.unknown_factor", p, act, ai, field="factor", hint="hint.unknown_factor",
                         activity=act.name, factor=ref)
            return
        try:
            conv = conversion_factor(unit, factor.unit)
        except UnitProblem:
            self.problem("finding.unit_mismatch", p, act, ai, field="unit", hint="hint.unit_mismatch", activity=act.name,
                         unit=unit if act.distance_km is None else f"{act.unit} × km", factor_unit=factor.unit,
                         target=ref)
            return
        self.fa.append((pi, stage, self.factor_slot(factor), amount * conv * scale, ai))

    def build(self) -> CompiledSystem:
        n = len(self.products)
        self.shares = np.ones(n)
        self.outputs = np.full(n, np.nan)
        for pi, p in enumerate(self.products):
            self.add_product(pi, p)
        fidx = flow_index()
        ff = np.zeros((len(self.factor_list), len(flow_keys())))
        for i, f in enumerate(self.factor_list):
            for key, value in f.flows.items():
                if value:
                    ff[i, fidx[key]] = value
        fa = np.array(self.fa, dtype=float).reshape(-1, 5)
        la = np.array(self.la, dtype=float).reshape(-1, 5)
        as_int = lambda col: col.astype(np.int64)  # noqa: E731
        return CompiledSystem(
            product_codes=[p.code for p in self.products],
            factor_codes=[f.code for f in self.factor_list],
            factor_flows=ff,
            fa_product=as_int(fa[:, 0]), fa_stage=as_int(fa[:, 1]), fa_factor=as_int(fa[:, 2]),
            fa_coef=fa[:, 3].copy(), fa_activity=as_int(fa[:, 4]),
            la_product=as_int(la[:, 0]), la_stage=as_int(la[:, 1]), la_target=as_int(la[:, 2]),
            la_coef=la[:, 3].copy(), la_activity=as_int(la[:, 4]),
            findings=self.findings, allocation_share=self.shares, output_declared_units=self.outputs,
        )


def _is_count(unit: str) -> bool:
    try:
        conversion_factor(unit, "pcs")
        return True
    except UnitProblem:
        return False


def compile_system(products: list[Product], factors: Mapping[str, EmissionFactor]) -> CompiledSystem:
    return _Builder(products, factors).build()
