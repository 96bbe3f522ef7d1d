"""Per-product scaling of per-period data: output in declared units, and the allocation share over co-products.

Mass allocation converts every output to kg (pieces through the product's mass per unit); economic allocation uses
output × unit price, the price being per one unit of the output as written. `none` (or no co-products) gives 1.
"""
from __future__ import annotations

from collections.abc import Callable

from core.domain import Allocation, Product
from core.units import Amount, UnitProblem, conversion_factor

Report = Callable[..., None]   # report(code, field=..., hint=..., **params)


def is_count(unit: str) -> bool:
    try:
        conversion_factor(unit, "pcs")
        return True
    except UnitProblem:
        return False


def in_declared_units(target: Product, amount: Amount) -> float:
    """`amount` of `target` in its declared units, bridging pieces and mass with the product's own mass per unit."""
    du = target.declared_unit
    try:
        return amount.to(du.unit) / du.value
    except UnitProblem:
        if not target.mass_per_unit_kg:
            raise
    if is_count(du.unit):            # declared per piece, amount given as a mass
        return amount.to("kg") / (target.mass_per_unit_kg * du.value)
    if is_count(amount.unit):        # declared per mass, amount given in pieces
        return amount.value * target.mass_per_unit_kg / du.to("kg")
    raise UnitProblem("unit.incompatible", from_unit=amount.unit, to_unit=du.unit)


def mass_kg(p: Product, amount: Amount) -> float:
    try:
        return amount.to("kg")
    except UnitProblem:
        if p.mass_per_unit_kg and is_count(amount.unit):
            return amount.value * p.mass_per_unit_kg
        raise


def allocation_share(p: Product, report: Report) -> float:
    st = p.study
    if st.allocation is Allocation.NONE or not st.coproducts:
        return 1.0
    if st.period_output is None:
        report("finding.allocation_needs_output", field="period_output", hint="hint.allocation_needs_output")
        return 1.0
    try:
        if st.allocation is Allocation.MASS:
            own = mass_kg(p, st.period_output)
            others = [c.output.to("kg") for c in st.coproducts]
        else:
            if st.unit_price is None or any(c.unit_price is None for c in st.coproducts):
                report("finding.allocation_needs_price", field="unit_price", hint="hint.allocation_needs_price")
                return 1.0
            own = st.period_output.value * st.unit_price
            others = [c.output.value * (c.unit_price or 0.0) for c in st.coproducts]
    except UnitProblem as e:
        report("finding.allocation_unit", hint="hint.allocation_unit", **e.params)
        return 1.0
    total = own + sum(others)
    if total <= 0:
        report("finding.allocation_zero", hint="hint.allocation_needs_price")
        return 1.0
    return own / total


def output_in_declared_units(p: Product, report: Report) -> float | None:
    """The period's output in declared units, or None (reported) when it is missing or unusable."""
    st = p.study
    if st.period_output is None:
        return None
    try:
        out = in_declared_units(p, st.period_output)
    except UnitProblem as e:
        report("finding.output_unit", field="period_output", hint="hint.output_unit", output=str(st.period_output),
               declared=str(p.declared_unit), **e.params)
        return None
    if out <= 0:
        report("finding.output_not_positive", field="period_output", hint="hint.output_unit",
               output=str(st.period_output))
        return None
    return out
