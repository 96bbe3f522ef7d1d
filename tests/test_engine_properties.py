"""Property tests: on random projects (loops included) the engine agrees with a dense solve done independently."""
from __future__ import annotations

import numpy as np
from builders import act, factor, product
from hypothesis import given, settings
from hypothesis import strategies as st

from core.engine import compute

STAGES = ["raw_materials", "production", "distribution", "use", "end_of_life"]


@st.composite
def projects(draw):
    n = draw(st.integers(1, 6))
    direct = [draw(st.floats(0, 1000, allow_nan=False)) for _ in range(n)]
    links = []   # (user, used, amount, stage)
    for i in range(n):
        for _ in range(draw(st.integers(0, 2))):
            links.append((i, draw(st.integers(0, n - 1)), draw(st.floats(0, 0.45)), draw(st.sampled_from(STAGES))))
    return n, direct, links


@settings(max_examples=60, deadline=None)
@given(projects())
def test_engine_matches_dense_linear_algebra(case):
    n, direct, links = case
    products = []
    for i in range(n):
        acts = [act("production", direct[i], "kg", "ONE")]
        acts += [act(stage, amount, "kg", f"product:P{j}") for (u, j, amount, stage) in links if u == i]
        products.append(product(f"P{i}", acts))
    result = compute(products, {"ONE": factor("ONE", "kg", co2e=1.0)})
    a = np.zeros((n, n))
    for u, j, amount, _ in links:
        a[u, j] += amount
    expected = np.linalg.solve(np.eye(n) - a, np.array(direct))
    for i in range(n):
        r = result.product(f"P{i}")
        assert np.isclose(r.total_kgco2e, expected[i], rtol=1e-9, atol=1e-9)
        assert np.isclose(sum(r.by_stage.values()), r.total_kgco2e, rtol=1e-9, atol=1e-9)
        assert np.isclose(sum(c.kgco2e for c in r.contributions), r.total_kgco2e, rtol=1e-9, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.001, 1e6), st.floats(0.001, 1e6), st.floats(1, 1e7))
def test_per_period_scales_linearly(amount, factor_value, output):
    p = product("A", [act("production", amount, "kWh", "F", basis="per_period")], declared="1 kg",
                output=f"{output} kg")
    r = compute([p], {"F": factor("F", "kWh", co2e=factor_value)}).product("A")
    assert np.isclose(r.total_kgco2e, amount / output * factor_value, rtol=1e-12)


def test_loop_needing_more_than_it_makes_is_still_solved_exactly():
    """A needs 2 B and B needs 1 A per unit: the series diverges, the sparse LU gives the linear system's solution
    (xA = 1 + 2 xB, xB = 1 + xA  ->  xA = -3, xB = -2)."""
    a = product("A", [act("raw_materials", 2, "kg", "product:B"), act("production", 1, "kg", "ONE")])
    b = product("B", [act("raw_materials", 1, "kg", "product:A"), act("production", 1, "kg", "ONE")])
    r = compute([a, b], {"ONE": factor("ONE", "kg", co2e=1.0)})
    assert np.isclose(r.product("A").total_kgco2e, -3.0, rtol=1e-12)
    assert np.isclose(r.product("B").total_kgco2e, -2.0, rtol=1e-12)
    assert [w.code for w in r.product("A").warnings] == ["finding.loop_needs_more"]
    assert "may be negative" in r.product("B").warnings[0].message()


def test_slowly_converging_loop_falls_back_to_lu_without_warning():
    """x = 1 + 0.999 x needs thousands of series steps: the LU path gives x = 1000 exactly, with no warning."""
    a = product("A", [act("production", 0.999, "kg", "product:A"), act("production", 1, "kg", "ONE")])
    r = compute([a], {"ONE": factor("ONE", "kg", co2e=1.0)}).product("A")
    assert np.isclose(r.total_kgco2e, 1000.0, rtol=1e-9)
    assert r.warnings == []
