"""The footprint engine: compile (units, bases, allocation, links) → solve (one sparse LU) → results."""
from __future__ import annotations

from collections.abc import Mapping

from core.domain import EmissionFactor, Product
from core.engine.compile import CompiledSystem, compile_system
from core.engine.findings import AMOUNT_PENDING, Finding, Severity
from core.engine.results import Contribution, ProductResult, ProjectResult
from core.engine.solve import LinkSolver, SolvedSystem, factorise, solve
from core.errors import ComputeError
from core.gwp import GwpSet

__all__ = [
    "AMOUNT_PENDING",
    "CompiledSystem",
    "Contribution",
    "Finding",
    "LinkSolver",
    "ProductResult",
    "ProjectResult",
    "Severity",
    "SolvedSystem",
    "compile_system",
    "compute",
    "factorise",
    "solve",
]


def compute(products: list[Product], factors: Mapping[str, EmissionFactor], gwp: GwpSet | None = None,
            strict: bool = True, pinned: Mapping[int, EmissionFactor] | None = None) -> ProjectResult:
    """Compute every product. With `strict`, any activity that cannot be computed raises ComputeError listing all of
    them (the CLI's behaviour); without, such activities are left out and reported as error findings (the GUI's).
    `pinned` holds the stored factor versions activities point at by `factor_id` (see `Activity.factor_id`)."""
    compiled = compile_system(products, factors, pinned)
    errors = [f for f in compiled.findings if f.severity is Severity.ERROR]
    if strict and errors:
        raise ComputeError([f.as_problem() for f in errors])
    return ProjectResult(solve(compiled), products, gwp)
