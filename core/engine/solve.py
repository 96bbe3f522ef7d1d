"""Solve the whole project at once, every product and every gas in one linear system.

T = (I - A)^-1 · D   gives the flows per declared unit of every product (rows) and flow (columns),
X_s = D_s + A_s · T  splits them by life-cycle stage, a linked product's whole result landing in the stage
of the activity that uses it.

How (I - A) T = D is solved:
1. T = D + A·T iterated (the power series of LCA, Heijungs & Suh 2002, ch. 5). Without loops A is nilpotent and the
   series ends exactly after as many steps as the deepest chain of products; with loops whose products need less
   than one unit of themselves in total it converges geometrically, and we stop only when no entry changes any
   more in double precision, then check the residual. This costs a few sparse products instead of a factorisation,
   which matters when thousands of products loop into each other (LU fill-in).
2. Otherwise (the series does not settle: a loop needs as much or more of a product than it makes), one sparse LU
   factorisation of (I - A) with SuperLU; an exactly singular system is an error naming the looped products.

`factorise` does the part that depends only on the links (A, and its LU when needed) once; `LinkSolver.solve` then
takes any direct-flow matrix D, so uncertainty draws and scenarios that change factors reuse one factorisation.
Solving never changes the compiled system: what it finds goes into `SolvedSystem.findings`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import SuperLU, splu

from core.engine.compile import CompiledSystem
from core.engine.findings import Finding, Severity
from core.errors import ComputeError
from core.lifecycle import STAGES

MAX_SERIES_STEPS = 400


@dataclass
class SolvedSystem:
    compiled: CompiledSystem
    totals: np.ndarray      # (n_products, n_flows)
    by_stage: np.ndarray    # (n_stages, n_products, n_flows)
    findings: list[Finding] = field(default_factory=list)    # what solving found (loops needing more than they make)


def direct_flows(cs: CompiledSystem, factor_flows: np.ndarray | None = None) -> np.ndarray:
    """D per stage: (n_stages, n_products, n_flows); `factor_flows` replaces the compiled factors (a draw, a
    scenario) when given."""
    ff = cs.factor_flows if factor_flows is None else factor_flows
    n, s = cs.n_products, len(STAGES)
    nf = ff.shape[0]
    if len(cs.fa_coef) == 0 or nf == 0:
        return np.zeros((s, n, ff.shape[1]))
    rows = cs.fa_stage * n + cs.fa_product
    coef = sp.csr_matrix((cs.fa_coef, (rows, cs.fa_factor)), shape=(s * n, nf))
    return np.asarray(coef @ ff).reshape(s, n, -1)


def _links(cs: CompiledSystem, stage: int | None = None) -> sp.csr_matrix:
    n = cs.n_products
    mask = slice(None) if stage is None else (cs.la_stage == stage)
    return sp.csr_matrix((cs.la_coef[mask], (cs.la_product[mask], cs.la_target[mask])), shape=(n, n))


def _loop_products(cs: CompiledSystem, a: sp.csr_matrix) -> list[str]:
    _, labels = connected_components(a, directed=True, connection="strong")
    sizes = np.bincount(labels)
    looped = {i for i in range(cs.n_products) if sizes[labels[i]] > 1 or a[i, i] != 0}
    return [cs.product_codes[i] for i in sorted(looped)]


def _power_series(a: sp.csr_matrix, d: np.ndarray) -> np.ndarray | None:
    """T = D + A·T iterated until no entry changes; None if it does not settle (then the LU path decides)."""
    x = d.copy()
    for _ in range(MAX_SERIES_STEPS):
        nxt = d + a @ x
        if not np.all(np.isfinite(nxt)):
            return None
        if np.array_equal(nxt, x) or np.all(np.abs(nxt - x) <= 4 * np.finfo(float).eps * np.abs(nxt)):
            residual = np.abs(nxt - a @ nxt - d)
            if np.all(residual <= 1e-12 * (np.abs(nxt) + np.abs(d)).max(initial=0.0) + 1e-300):
                return nxt
            return None
        x = nxt
    return None


class LinkSolver:
    """(I - A) of one compiled system, ready to solve for any D: the power series while it settles, else one
    SuperLU factorisation made on first need and kept."""

    def __init__(self, cs: CompiledSystem):
        self.cs = cs
        self.a: sp.csr_matrix | None = _links(cs) if len(cs.la_coef) else None
        self._lu: SuperLU | None = None
        self._series = True
        self._stage_links: dict[int, sp.csr_matrix] = {}

    @property
    def factorised(self) -> bool:
        return self._lu is not None

    def totals(self, d_total: np.ndarray) -> tuple[np.ndarray, list[Finding]]:
        """T for D summed over stages, and the findings of this solve (never stored on the compiled system)."""
        if self.a is None:
            return d_total, []
        if self._series:
            t = _power_series(self.a, d_total)
            if t is not None:
                return t, []
            self._series = False          # the same A will not settle for another D either
        return self._factorised(d_total)

    def _factorised(self, d_total: np.ndarray) -> tuple[np.ndarray, list[Finding]]:
        assert self.a is not None
        cs, a = self.cs, self.a
        if self._lu is None:
            m = (sp.identity(cs.n_products, format="csc") - a).tocsc()
            try:
                self._lu = splu(m)
            except RuntimeError:
                raise ComputeError.one("compute.singular", hint_id="hint.singular",
                                       products=", ".join(_loop_products(cs, a))) from None
        totals = self._lu.solve(np.ascontiguousarray(d_total))
        if not np.all(np.isfinite(totals)):
            raise ComputeError.one("compute.singular", hint_id="hint.singular",
                                   products=", ".join(_loop_products(cs, a)))
        # With a loop that makes more than it needs, every amount and factor being >= 0, no flow can be negative;
        # a negative one means the loop needs as much of itself as it makes, or more (the series did not settle).
        findings: list[Finding] = []
        if np.any(totals < 0):
            index = {c: i for i, c in enumerate(cs.product_codes)}
            for code in _loop_products(cs, a):
                if np.any(totals[index[code]] < 0):
                    findings.append(Finding(code="finding.loop_needs_more", severity=Severity.WARNING,
                                            product=code, hint_id="hint.singular"))
        return totals, findings

    def by_stage(self, d: np.ndarray, totals: np.ndarray) -> np.ndarray:
        """X_s = D_s + A_s · T: a linked product's whole result in the stage of the activity using it."""
        out = d.copy()
        for s in range(len(STAGES)):
            if not np.any(self.cs.la_stage == s):
                continue
            if s not in self._stage_links:
                self._stage_links[s] = _links(self.cs, s)
            out[s] += self._stage_links[s] @ totals
        return out

    def solve(self, factor_flows: np.ndarray | None = None) -> SolvedSystem:
        """The whole system solved, with the compiled factors or with `factor_flows` in their place."""
        d = direct_flows(self.cs, factor_flows)
        totals, findings = self.totals(d.sum(axis=0))
        return SolvedSystem(self.cs, totals, self.by_stage(d, totals), findings)


def factorise(cs: CompiledSystem) -> LinkSolver:
    return LinkSolver(cs)


def solve(cs: CompiledSystem, solver: LinkSolver | None = None) -> SolvedSystem:
    return (solver or LinkSolver(cs)).solve()
