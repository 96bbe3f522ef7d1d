"""The engine against hand calculations: every number below is worked out in the comment next to it."""
from __future__ import annotations

import pytest
from builders import act, coproduct, factor, product

from core.engine import compute
from core.errors import ComputeError
from core.gwp import GwpSet, flow_keys

REL = 1e-9


def one(products, factors, code="A", gwp=None, strict=True):
    fs = {f.code: f for f in factors}
    return compute(products, fs, gwp=gwp, strict=strict).product(code)


def test_per_unit_activity_is_amount_times_factor():
    r = one([product("A", [act("raw_materials", 2, "kg", "STEEL")])], [factor("STEEL", "kg", co2e=2.5)])
    assert r.total_kgco2e == pytest.approx(5.0, rel=REL)          # 2 kg x 2.5
    assert r.by_stage["raw_materials"] == pytest.approx(5.0, rel=REL)
    assert r.contributions[0].share == pytest.approx(1.0)
    assert r.contributions[0].factor_source == "test source for STEEL"


def test_unit_conversions_g_t_mwh_wan_kwh_du():
    f = [factor("STEEL", "kg", co2e=2.0), factor("GRID", "kWh", co2e=0.5)]
    acts = [
        act("raw_materials", 500, "g", "STEEL"),        # 0.5 kg x 2   = 1
        act("raw_materials", 0.001, "t", "STEEL"),      # 1 kg x 2     = 2
        act("production", 0.002, "MWh", "GRID"),        # 2 kWh x 0.5  = 1
        act("production", 0.0001, "万kWh", "GRID"),     # 1 kWh x 0.5  = 0.5
        act("production", 3, "度", "GRID"),              # 3 kWh x 0.5  = 1.5
    ]
    r = one([product("A", acts)], f)
    assert r.total_kgco2e == pytest.approx(6.0, rel=REL)


def test_energy_units_tce_and_gj():
    r = one([product("A", [act("production", 0.001, "tce", "GAS")])], [factor("GAS", "GJ", co2_fossil=56.1)])
    # 0.001 tce = 1 kgce = 29.3076 MJ = 0.0293076 GJ (GB/T 2589); x 56.1
    assert r.total_kgco2e == pytest.approx(0.0293076 * 56.1, rel=REL)


def test_per_period_divided_by_output():
    p = product("A", [act("production", 1000, "kWh", "GRID", basis="per_period")], declared="1 t", output="500 t")
    r = one([p], [factor("GRID", "kWh", co2e=0.5)])
    assert r.total_kgco2e == pytest.approx(1.0, rel=REL)           # 1000/500 = 2 kWh/t x 0.5


def test_per_period_output_in_other_unit_than_declared():
    p = product("A", [act("production", 1000, "kWh", "GRID", basis="per_period")], declared="1 kg", output="2 t")
    r = one([p], [factor("GRID", "kWh", co2e=0.5)])
    assert r.total_kgco2e == pytest.approx(0.25, rel=REL)          # 1000 kWh / 2000 kg x 0.5


def test_mass_allocation_share():
    p = product("A", [act("production", 1000, "kWh", "GRID", basis="per_period")], declared="1 t", output="800 t",
                allocation="mass", coproducts=[coproduct("slag", "200000 kg")])
    r = one([p], [factor("GRID", "kWh", co2e=0.5)])
    # share 800/(800+200) = 0.8; 1000/800 x 0.8 x 0.5 = 0.5
    assert r.total_kgco2e == pytest.approx(0.5, rel=REL)


def test_economic_allocation_share_uses_output_times_price():
    p = product("A", [act("production", 1000, "kWh", "GRID", basis="per_period"),
                      act("raw_materials", 1, "kg", "STEEL")],
                declared="1 t", output="800 t", allocation="economic", unit_price=10,
                coproducts=[coproduct("by-product", "200 t", 60)])
    r = one([p], [factor("GRID", "kWh", co2e=0.5), factor("STEEL", "kg", co2e=3)])
    # values 800x10 = 8000, 200x60 = 12000 -> share 0.4; per-period 1000/800 x 0.4 x 0.5 = 0.25; per-unit not allocated 3
    assert r.by_stage["production"] == pytest.approx(0.25, rel=REL)
    assert r.total_kgco2e == pytest.approx(3.25, rel=REL)


def test_transport_is_mass_times_distance():
    p = product("A", [act("distribution", 500, "kg", "TRUCK", distance_km=200)])
    r = one([p], [factor("TRUCK", "t*km", co2e=0.1)])
    assert r.contributions[0].quantity_per_declared_unit == pytest.approx(100.0, rel=REL)   # 500 kg x 200 km = 100 t*km
    assert r.total_kgco2e == pytest.approx(10.0, rel=REL)


def test_transport_factor_per_tkm_spelling():
    p = product("A", [act("distribution", 2, "t", "SHIP", distance_km=1000)])
    r = one([p], [factor("SHIP", "吨公里", co2e=0.01)])
    assert r.total_kgco2e == pytest.approx(20.0, rel=REL)          # 2000 t*km x 0.01


def test_biogenic_and_dluc_reported_separately():
    f = factor("WOOD", "kg", co2_fossil=1.0, co2_biogenic=2.0, co2_biogenic_removal=3.0, ch4_biogenic=0.01,
               dluc_co2e=0.5)
    r = one([product("A", [act("raw_materials", 2, "kg", "WOOD")])], [f])
    # per kg: total 1 + 2 - 3 + 0.01x27.0 + 0.5 = 0.77; excluding biogenic CO2: 1 + 0.27 + 0.5 = 1.77
    assert r.total_kgco2e == pytest.approx(1.54, rel=REL)
    assert r.excluding_biogenic_kgco2e == pytest.approx(3.54, rel=REL)
    assert r.biogenic_co2_emissions_kg == pytest.approx(4.0, rel=REL)
    assert r.biogenic_co2_removals_kg == pytest.approx(6.0, rel=REL)
    assert r.dluc_kgco2e == pytest.approx(1.0, rel=REL)
    assert r.total_kgco2e == pytest.approx(
        r.excluding_biogenic_kgco2e + r.biogenic_co2_emissions_kg - r.biogenic_co2_removals_kg, rel=REL)
    assert r.by_gas_kg["ch4_biogenic"] == pytest.approx(0.02, rel=REL)


@pytest.mark.parametrize("gwp, ch4, n2o, sf6, nf3", [
    (GwpSet.AR6, 29.8, 273, 25200, 17400),
    (GwpSet.AR5, 28, 265, 23500, 16100),
    (GwpSet.AR4, 25, 298, 22800, 17200),
])
def test_gwp_sets(gwp, ch4, n2o, sf6, nf3):
    f = [factor("CH4", "kg", ch4_fossil=1), factor("N2O", "kg", n2o=1), factor("SF6", "kg", sf6=1),
         factor("NF3", "kg", nf3=1)]
    p = product("A", [act("production", 1, "kg", c) for c in ("CH4", "N2O", "SF6", "NF3")])
    r = one([p], f, gwp=gwp)
    assert r.gwp_set == gwp.value
    assert r.total_kgco2e == pytest.approx(ch4 + n2o + sf6 + nf3, rel=REL)


def test_ar6_biogenic_methane_uses_non_fossil_gwp():
    r = one([product("A", [act("end_of_life", 1, "kg", "LANDFILL")])], [factor("LANDFILL", "kg", ch4_biogenic=1)])
    assert r.total_kgco2e == pytest.approx(27.0, rel=REL)
    assert r.excluding_biogenic_kgco2e == pytest.approx(27.0, rel=REL)


@pytest.mark.parametrize("boundary, expected, warned", [
    ("cradle-to-gate", 1 + 2, {"distribution", "use", "end_of_life"}),
    ("gate-to-gate", 2, {"raw_materials", "distribution", "use", "end_of_life"}),
    ("cradle-to-grave", 1 + 2 + 4 + 8 + 16, set()),
])
def test_boundaries_leave_out_and_warn(boundary, expected, warned):
    stages = ["raw_materials", "production", "distribution", "use", "end_of_life"]
    acts = [act(s, 2 ** i, "kg", "ONE", name=f"in {s}") for i, s in enumerate(stages)]
    r = one([product("A", acts, boundary=boundary)], [factor("ONE", "kg", co2e=1)])
    assert r.total_kgco2e == pytest.approx(expected, rel=REL)
    assert {w.stage for w in r.warnings if w.code == "finding.outside_boundary"} == warned
    for s in warned:
        assert r.by_stage[s] == 0.0


def test_linked_product_carries_whole_result_into_the_stage_of_use():
    b = product("B", [act("raw_materials", 1, "kg", "ONE"), act("production", 1, "kg", "WOOD")])
    a = product("A", [act("raw_materials", 2500, "g", "product:B"), act("production", 1, "kg", "ONE")])
    f = [factor("ONE", "kg", co2e=1.0), factor("WOOD", "kg", co2_biogenic=2.0, co2_fossil=0.5)]
    r = one([a, b], f)
    # B per kg: 1 + 0.5 + 2 (biogenic) = 3.5; A: 2.5 units of B (2500 g / 1 kg) = 8.75 in raw materials, + 1
    assert r.by_stage["raw_materials"] == pytest.approx(8.75, rel=REL)
    assert r.total_kgco2e == pytest.approx(9.75, rel=REL)
    assert r.biogenic_co2_emissions_kg == pytest.approx(5.0, rel=REL)     # 2.5 x 2
    link = next(c for c in r.contributions if c.linked_product == "B")
    assert link.quantity_per_declared_unit == pytest.approx(2.5, rel=REL)


def test_three_levels():
    c = product("C", [act("raw_materials", 1, "kg", "ONE")])                  # 1
    b = product("B", [act("raw_materials", 2, "kg", "product:C"), act("production", 1, "kg", "ONE")])   # 2x1+1 = 3
    a = product("A", [act("raw_materials", 3, "kg", "product:B")])            # 3x3 = 9
    assert one([a, b, c], [factor("ONE", "kg", co2e=1)]).total_kgco2e == pytest.approx(9.0, rel=REL)


def test_loop_solved_exactly():
    a = product("A", [act("raw_materials", 0.5, "kg", "product:B"), act("production", 1, "kg", "ONE")])
    b = product("B", [act("raw_materials", 0.2, "kg", "product:A"), act("production", 2, "kg", "ONE")])
    res = compute([a, b], {"ONE": factor("ONE", "kg", co2e=1)})
    # xA = 1 + 0.5 xB, xB = 2 + 0.2 xA  ->  xA = 2 / 0.9, xB = 2 + 0.4 / 0.9
    ra, rb = res.product("A"), res.product("B")
    assert ra.total_kgco2e == pytest.approx(2 / 0.9, rel=REL)
    assert rb.total_kgco2e == pytest.approx(2 + 0.4 / 0.9, rel=REL)
    assert ra.by_stage["raw_materials"] == pytest.approx(0.5 * (2 + 0.4 / 0.9), rel=REL)
    assert ra.by_stage["production"] == pytest.approx(1.0, rel=REL)


def test_self_loop_solved_exactly():
    a = product("A", [act("production", 0.1, "kg", "product:A"), act("production", 1, "kg", "ONE")])
    r = one([a], [factor("ONE", "kg", co2e=1)])
    assert r.total_kgco2e == pytest.approx(1 / 0.9, rel=REL)            # x = 1 + 0.1 x


def test_singular_loop_is_a_clear_error_naming_the_products():
    a = product("A", [act("raw_materials", 1, "kg", "product:B")])
    b = product("B", [act("raw_materials", 1, "kg", "product:A"), act("production", 1, "kg", "ONE")])
    c = product("C", [act("production", 1, "kg", "ONE")])
    with pytest.raises(ComputeError) as e:
        compute([a, b, c], {"ONE": factor("ONE", "kg", co2e=1)})
    assert "A, B" in str(e.value)
    assert "C" not in str(e.value).split("products")[1].split("use")[0]


def test_pieces_link_to_mass_declared_product_through_mass_per_unit():
    profile = product("PROFILE", [act("raw_materials", 1000, "kg", "ONE")], declared="1 t")  # 1000 per t
    window = product("WIN", [act("raw_materials", 2, "pcs", "product:FRAME")], declared="1 pcs")
    frame = product("FRAME", [act("raw_materials", 5, "kg", "product:PROFILE")], declared="1 pcs")
    r = compute([profile, window, frame], {"ONE": factor("ONE", "kg", co2e=1)})
    # frame: 5 kg = 0.005 t x 1000 = 5; window: 2 frames = 10
    assert r.product("WIN").total_kgco2e == pytest.approx(10.0, rel=REL)
    # a product declared per piece with a mass per unit can be used by mass: 3 kg of a 1.5 kg piece = 2 pieces
    piece = product("PIECE", [act("raw_materials", 1, "kg", "ONE")], declared="1 pcs", mass_per_unit_kg=1.5)
    user = product("USER", [act("raw_materials", 3, "kg", "product:PIECE")])
    r2 = compute([piece, user], {"ONE": factor("ONE", "kg", co2e=1)})
    assert r2.product("USER").total_kgco2e == pytest.approx(2.0, rel=REL)


def test_unit_that_does_not_convert_is_an_error_never_a_guess():
    p = product("A", [act("production", 10, "m3", "GAS")])
    with pytest.raises(ComputeError, match="'m3' cannot be converted to 'Nm3'"):
        compute([p], {"GAS": factor("GAS", "Nm3", co2e=2)})
    r = compute([p], {"GAS": factor("GAS", "Nm3", co2e=2)}, strict=False).product("A")
    assert r.total_kgco2e == 0.0
    assert [w.code for w in r.warnings] == ["finding.unit_mismatch"]


def test_missing_factor_and_period_output_are_errors():
    p = product("A", [act("production", 1, "kg", "NOPE"), act("production", 5, "kWh", "GRID", basis="per_period")])
    with pytest.raises(ComputeError) as e:
        compute([p], {"GRID": factor("GRID", "kWh", co2e=1)})
    codes = {pr.message_id for pr in e.value.problems}
    assert codes == {"finding.unknown_factor", "finding.period_output_missing"}


def test_contribution_shares_add_up_and_are_sorted():
    acts = [act("raw_materials", 1, "kg", "ONE"), act("production", 3, "kg", "ONE"), act("use", 6, "kg", "ONE")]
    r = one([product("A", acts)], [factor("ONE", "kg", co2e=1)])
    assert [c.kgco2e for c in r.contributions] == [6.0, 3.0, 1.0]
    assert sum(c.share for c in r.contributions) == pytest.approx(1.0, rel=REL)


def test_study_gwp_set_used_when_no_override():
    p = product("A", [act("production", 1, "kg", "CH4")])
    p.study.gwp_set = GwpSet.AR4
    assert one([p], [factor("CH4", "kg", ch4_fossil=1)]).total_kgco2e == pytest.approx(25.0, rel=REL)


def test_one_factorisation_solves_other_factor_values_and_solving_changes_nothing_compiled():
    """A loop that needs more of itself than it makes takes the LU path: xA = 1 + 2 xB, xB = 1 + 0.75 xA gives
    xA = 3 / (1 - 1.5) = -6 and xB = 1 + 0.75 * (-6) = -3.5 (a warning, not a footprint). The same factorisation
    then solves for doubled factor values (a scenario or an uncertainty draw): exactly twice the flows, no new LU;
    and the findings of a solve stay in its SolvedSystem, never on the compiled system."""
    from core.engine import compile_system, factorise
    a = product("A", [act("raw_materials", 2, "kg", "product:B"), act("production", 1, "kg", "ONE")])
    b = product("B", [act("raw_materials", 0.75, "kg", "product:A"), act("production", 1, "kg", "ONE")])
    cs = compile_system([a, b], {"ONE": factor("ONE", "kg", co2e=1)})
    before = list(cs.findings)
    solver = factorise(cs)
    first = solver.solve()
    lu = solver._lu
    assert solver.factorised and lu is not None
    co2e = list(flow_keys()).index("co2e")
    assert first.totals[:, co2e] == pytest.approx([-6.0, -3.5], rel=REL)
    assert [f.code for f in first.findings] == ["finding.loop_needs_more"] * 2
    doubled = solver.solve(2 * cs.factor_flows)
    assert solver._lu is lu                                                   # factorised once
    assert doubled.totals[:, co2e] == pytest.approx([-12.0, -7.0], rel=REL)
    assert cs.findings == before and solver.solve().findings == first.findings    # nothing accumulates
