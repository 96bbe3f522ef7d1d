"""Turn products, studies and factors into arrays: the one place where units, bases and links are resolved.

Everything downstream (solve, results, later Monte Carlo and scenarios) works on `CompiledSystem` arrays only.
Per declared unit of product p:
- factor activity a:  coef_a = amount × conversion(unit → factor unit) [÷ output in declared units × allocation share]
- product link a:     A[p, q] += amount in q's declared units [÷ output × share], in the activity's stage
Transport with a distance uses amount × distance (500 kg over 200 km = 100 t*km).

Activities are read in one pass into columns and the arithmetic is done on arrays, so 100,000 activities compile in
a fraction of a second; Python-level work per activity is only what cannot be vectorised (reading the objects).
"""
from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from core.domain import PRODUCT_LINK_PREFIX, Activity, Basis, EmissionFactor, Product
from core.engine.allocation import allocation_share, in_declared_units, output_in_declared_units
from core.engine.findings import AMOUNT_PENDING, Finding, Severity
from core.gwp import flow_keys, flow_vector
from core.lifecycle import STAGES
from core.units import Amount, UnitProblem, conversion_factor, transport_unit

STAGE_INDEX = {s: i for i, s in enumerate(STAGES)}
_LINK = len(PRODUCT_LINK_PREFIX)


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
    # The unit conversion inside each coefficient (activity unit → factor unit, or → the linked product's declared
    # units), kept so documents show the engine's own factor instead of converting again.
    fa_conversion: np.ndarray = field(default_factory=lambda: np.zeros(0))
    la_conversion: np.ndarray = field(default_factory=lambda: np.zeros(0))
    findings: list[Finding] = field(default_factory=list)
    allocation_share: np.ndarray | None = None
    output_declared_units: np.ndarray | None = None
    factors: list[EmissionFactor] = field(default_factory=list)   # the factor of each slot (factor_codes order)

    @property
    def n_products(self) -> int:
        return len(self.product_codes)


class _Compiler:
    def __init__(self, products: list[Product], factors: Mapping[str, EmissionFactor],
                 pinned: Mapping[int, EmissionFactor] | None = None):
        self.products = products
        self.factors = factors
        self.pinned = pinned or {}
        self.index = {p.code: i for i, p in enumerate(products)}
        self.findings: list[Finding] = []
        self.factor_list: list[EmissionFactor] = []   # factors the activities use, in slot order

    def problem(self, code: str, product: Product, act: Activity | None = None, index: int | None = None,
                hint: str | None = None, severity: Severity = Severity.ERROR, field: str | None = None,
                **params: object) -> None:
        origin = (act.origin if act is not None else None) or product.origin
        self.findings.append(Finding(
            code=code, severity=severity, product=product.code, params=params, activity_index=index,
            stage=act.stage.value if act is not None else None, hint_id=hint,
            location=origin.at(field) if origin is not None else None, field=field,
        ))

    # -- per product ---------------------------------------------------------------------------------------------
    def product_scalars(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per product: allocation share, output in declared units (nan if unusable), included-stage mask."""
        n = len(self.products)
        share, output = np.ones(n), np.full(n, np.nan)
        included = np.zeros((n, len(STAGES)), dtype=bool)
        for pi, p in enumerate(self.products):
            st = p.study
            for s in st.included_stages:
                included[pi, STAGE_INDEX[s]] = True
            needs_period = any(a.basis is Basis.PER_PERIOD for a in st.activities)
            if not (needs_period or st.coproducts):
                continue
            report = lambda code, _p=p, **kw: self.problem(code, _p, **kw)  # noqa: E731
            share[pi] = allocation_share(p, report)
            out = output_in_declared_units(p, report)
            if out is not None:
                output[pi] = out
            elif needs_period and st.period_output is None:
                self.problem("finding.period_output_missing", p, field="period_output",
                             hint="hint.period_output_missing")
        return share, output, included

    # -- activities ----------------------------------------------------------------------------------------------
    def resolve_targets(self, refs: set[tuple[str, int | None]]) -> dict[tuple[str, int | None], tuple[int, int]]:
        """Each distinct (reference, pinned factor id) → (0, factor slot) or (1, product index); unknown ones are
        left out. A pinned id wins while it still names the same code (a study keeps the factor version it was saved
        with until the user updates it); otherwise the code is looked up."""
        out: dict[tuple[str, int | None], tuple[int, int]] = {}
        slots: dict[tuple[str, int | None, int], int] = {}
        for key in refs:
            ref, factor_id = key
            r = ref.strip()
            if r[:_LINK].lower() == PRODUCT_LINK_PREFIX:
                qi = self.index.get(r[_LINK:].strip())
                if qi is not None:
                    out[key] = (1, qi)
                continue
            f = self.pinned.get(factor_id) if factor_id is not None else None
            if f is None or f.code != r:
                f = self.factors.get(r)
            if f is not None:
                slot_key = (f.code, f.id, id(f))
                if slot_key not in slots:
                    slots[slot_key] = len(self.factor_list)
                    self.factor_list.append(f)
                out[key] = (0, slots[slot_key])
        return out

    def build(self) -> CompiledSystem:
        share, output, included = self.product_scalars()
        cols = [(pi, ai, STAGE_INDEX[a.stage], a.amount, a.unit, a.basis is Basis.PER_PERIOD,
                 (a.factor_ref, a.factor_id), a.distance_km)
                for pi, p in enumerate(self.products) for ai, a in enumerate(p.study.activities)]
        n = len(cols)
        c_pi, c_ai, c_st, c_amount, _, c_pp, c_ref, c_dist = zip(*cols) if cols else ((),) * 8
        pi_ = np.array(c_pi, np.int64)
        st_ = np.array(c_st, np.int64)
        amount = np.array([np.nan if a is None else a for a in c_amount], float)   # None: still to be entered
        per_period = np.array(c_pp, bool)
        distance = np.array([np.nan if d is None else d for d in c_dist], float)
        targets = self.resolve_targets(set(c_ref))
        target_units = [f.unit for f in self.factor_list]

        ok = (included[pi_, st_] & (amount >= 0) & ~(per_period & np.isnan(output[pi_]))).tolist()
        # the conversion depends only on (unit, transport?, what the target is measured in): cache on that
        unit_key = [f.unit for f in self.factor_list]
        product_key = [(p.declared_unit.unit, p.declared_unit.value, p.mass_per_unit_kg) for p in self.products]
        conv_cache: dict[tuple, float | None] = {}
        kinds, tgts, convs = [-1] * n, [0] * n, [0.0] * n
        for k, c in enumerate(cols):
            if not ok[k]:
                self.explain_skipped(c, output, targets)
                continue
            t = targets.get(c[6])
            if t is None:
                self.explain_unknown(c)
                continue
            key = (c[4], c[7] is not None, t[0], unit_key[t[1]] if t[0] == 0 else product_key[t[1]])
            conv = conv_cache.get(key, -1.0)
            if conv == -1.0:
                conv = conv_cache[key] = self.conversion(c, t, target_units)
            if conv is None:
                self.explain_unit(c, t, target_units)
                continue
            kinds[k], tgts[k], convs[k] = t[0], t[1], conv
        kind, target = np.array(kinds, np.int64), np.array(tgts, np.int64)
        coef = np.where(np.isnan(distance), amount, amount * distance) * np.array(convs)
        coef = np.where(per_period, coef * share[pi_] / np.where(np.isnan(output), 1.0, output)[pi_], coef)
        return self.assemble(kind, target, coef, np.array(convs), pi_, st_, np.array(c_ai, np.int64),
                             share, output)

    def conversion(self, c: tuple, t: tuple[int, int], target_units: list[str]) -> float | None:
        unit = transport_unit(c[4]) if c[7] is not None else c[4]
        try:
            if t[0] == 1:
                return in_declared_units(self.products[t[1]], Amount(1.0, unit))
            return conversion_factor(unit, target_units[t[1]])
        except UnitProblem:
            return None

    def assemble(self, kind: np.ndarray, target: np.ndarray, coef: np.ndarray, conv: np.ndarray, pi_: np.ndarray,
                 st_: np.ndarray, ai_: np.ndarray, share: np.ndarray, output: np.ndarray) -> CompiledSystem:
        fa, la = kind == 0, kind == 1
        ff = np.zeros((len(self.factor_list), len(flow_keys())))
        for i, f in enumerate(self.factor_list):
            ff[i] = flow_vector(f.flows)
        return CompiledSystem(
            product_codes=[p.code for p in self.products], factor_codes=[f.code for f in self.factor_list],
            factor_flows=ff, factors=list(self.factor_list),
            fa_product=pi_[fa], fa_stage=st_[fa], fa_factor=target[fa], fa_coef=coef[fa], fa_activity=ai_[fa],
            fa_conversion=conv[fa],
            la_product=pi_[la], la_stage=st_[la], la_target=target[la], la_coef=coef[la], la_activity=ai_[la],
            la_conversion=conv[la],
            findings=self.findings, allocation_share=share, output_declared_units=output,
        )

    # -- why an activity was left out (rare paths, so plain Python) ----------------------------------------------
    def _act(self, c: tuple) -> tuple[Product, Activity]:
        p = self.products[c[0]]
        return p, p.study.activities[c[1]]

    def explain_skipped(self, c: tuple, output: np.ndarray, targets: Mapping[tuple, tuple[int, int]]) -> None:
        p, a = self._act(c)
        if a.stage not in p.study.included_stages:
            self.problem("finding.outside_boundary", p, a, c[1], field="stage", severity=Severity.WARNING,
                         hint="hint.outside_boundary", activity=a.name, stage=a.stage.value,
                         boundary=p.study.boundary.value)
        elif a.amount is None:              # left out, never counted as 0; its factor is checked all the same
            self.problem(AMOUNT_PENDING, p, a, c[1], field="amount", hint="hint.amount_pending",
                         activity=a.name)
            if targets.get(c[6]) is None:
                self.explain_unknown(c)
        elif a.amount < 0:
            self.problem("finding.negative_amount", p, a, c[1], field="amount", hint="hint.negative_amount",
                         activity=a.name, amount=a.amount)
        # a per-period activity of a product without usable output was reported once for the product

    def explain_unknown(self, c: tuple) -> None:
        p, a = self._act(c)
        ref = a.factor_ref.strip()
        if a.linked_product is not None:
            self.problem("finding.unknown_product", p, a, c[1], field="factor", hint="hint.unknown_product",
                         activity=a.name, target=a.linked_product)
        elif not ref:
            self.problem("finding.no_factor", p, a, c[1], field="factor", hint="hint.no_factor", activity=a.name)
        else:
            self.problem("finding.unknown_factor", p, a, c[1], field="factor", hint="hint.unknown_factor",
                         activity=a.name, factor=ref)

    def explain_unit(self, c: tuple, t: tuple[int, int], target_units: list[str]) -> None:
        p, a = self._act(c)
        if t[0] == 1:
            q = self.products[t[1]]
            target_name, target_unit = q.code, q.declared_unit.unit
        else:
            target_name, target_unit = self.factor_list[t[1]].code, target_units[t[1]]
        self.problem("finding.unit_mismatch", p, a, c[1], field="unit", hint="hint.unit_mismatch", activity=a.name,
                     unit=a.unit if a.distance_km is None else f"{a.unit} × km", factor_unit=target_unit,
                     target=target_name)


def compile_system(products: list[Product], factors: Mapping[str, EmissionFactor],
                   pinned: Mapping[int, EmissionFactor] | None = None) -> CompiledSystem:
    # Reading 100,000 activities creates as many short-lived tuples, none of them in reference cycles; pausing the
    # cyclic garbage collector meanwhile halves the time (it would otherwise rescan them all repeatedly).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Compiler(products, factors, pinned).build()
    finally:
        if was_enabled:
            gc.enable()
