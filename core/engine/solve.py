"""Solve the whole project at once: one sparse LU factorisation of (I - A) for every product and every gas.

T = (I - A)^-1 · D   gives the flows per declared unit of every product (rows) and flow (columns),
X_s = D_s + A_s · T  splits them by life-cycle stage, a linked product's whole result landing in the stage
of the activity that uses it. Products that use each other in a loop are solved exactly; a singular loop
(e.g. A needs one B per unit and B needs one A per unit) is an error naming the products.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import splu

from core.engine.compile import CompiledSystem
from core.errors import ComputeError
from core.lifecycle import STAGES


@dataclass
class SolvedSystem:
    compiled: CompiledSystem
    totals: np.ndarray      # (n_products, n_flows)
    by_stage: np.ndarray    # (n_stages, n_products, n_flows)


def _direct_flows(cs: CompiledSystem) -> np.ndarray:
    n, s = cs.n_products, len(STAGES)
    nf = cs.factor_flows.shape[0]
    if len(cs.fa_coef) == 0 or nf == 0:
        return np.zeros((s, n, cs.factor_flows.shape[1]))
    rows = cs.fa_stage * n + cs.fa_product
    coef = sp.csr_matrix((cs.fa_coef, (rows, cs.fa_factor)), shape=(s * n, nf))
    return np.asarray(coef @ cs.factor_flows).reshape(s, n, -1)


def _links(cs: CompiledSystem, stage: int | None = None) -> sp.csr_matrix:
    n = cs.n_products
    mask = slice(None) if stage is None else (cs.la_stage == stage)
    return sp.csr_matrix((cs.la_coef[mask], (cs.la_product[mask], cs.la_target[mask])), shape=(n, n))


def _loop_products(cs: CompiledSystem, a: sp.csr_matrix) -> list[str]:
    _, labels = connected_components(a, directed=True, connection="strong")
    sizes = np.bincount(labels)
    looped = {i for i in range(cs.n_products) if sizes[labels[i]] > 1 or a[i, i] != 0}
    return [cs.product_codes[i] for i in sorted(looped)]


def solve(cs: CompiledSystem) -> SolvedSystem:
    d = _direct_flows(cs)
    d_total = d.sum(axis=0)
    if len(cs.la_coef) == 0:
        return SolvedSystem(cs, d_total, d)
    a = _links(cs)
    m = (sp.identity(cs.n_products, format="csc") - a).tocsc()
    try:
        lu = splu(m)
        totals = lu.solve(np.ascontiguousarray(d_total))
    except RuntimeError:
        raise ComputeError.one("compute.singular", hint_id="hint.singular",
                               products=", ".join(_loop_products(cs, a))) from None
    if not np.all(np.isfinite(totals)):
        raise ComputeError.one("compute.singular", hint_id="hint.singular",
                               products=", ".join(_loop_products(cs, a)))
    by_stage = d.copy()
    for s in range(len(STAGES)):
        if np.any(cs.la_stage == s):
            by_stage[s] += _links(cs, s) @ totals
    return SolvedSystem(cs, totals, by_stage)
