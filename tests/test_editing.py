"""Edits as typed into the GUI's cells, checked by core (the GUI only shows the message)."""
from __future__ import annotations

import pytest

from core.domain import Activity, Basis, DataType
from core.editing import activity_cell_text, check_credit_code, edit_activity
from core.errors import InputError
from core.lifecycle import Stage


def base() -> Activity:
    return Activity(Stage.PRODUCTION, "电力", 1200.0, "kWh", factor_ref="MEE-GRID-2023-EAST", factor_id=7)


@pytest.mark.parametrize("field, typed, expected", [
    ("amount", "1,500.5", 1500.5),
    ("amount", "３００", 300.0),
    ("unit", "万kWh", "万kWh"),
    ("stage", "原材料获取", Stage.RAW_MATERIALS),
    ("stage", "end_of_life", Stage.END_OF_LIFE),
    ("basis", "单位产品", Basis.PER_UNIT),
    ("data_type", "实测", DataType.PRIMARY),
    ("distance_km", "", None),
    ("distance_km", "120", 120.0),
    ("name", "  天然气 ", "天然气"),
])
def test_accepted_edits(field, typed, expected):
    edited = edit_activity(base(), field, typed)
    assert getattr(edited, field) == expected
    assert base().amount == 1200.0                       # the original is untouched (undo keeps it)


@pytest.mark.parametrize("field, typed, message_id, text", [
    ("amount", "abc", "cell.not_number", "'abc' is not a number"),
    ("amount", "-5", "cell.negative", "'-5' is negative"),
    ("unit", "公斤米秒每", "unit.unknown", "公斤米秒每"),
    ("stage", "somewhere", "cell.bad_stage", "somewhere"),
    ("name", "   ", "edit.empty", "cannot be empty"),
])
def test_refused_edits_say_why(field, typed, message_id, text):
    with pytest.raises(InputError) as err:
        edit_activity(base(), field, typed)
    assert err.value.problems[0].message_id == message_id
    assert text in str(err.value) and "How to fix" in str(err.value)


def test_a_new_factor_reference_drops_the_pinned_version():
    assert edit_activity(base(), "factor_ref", "MEE-GRID-2023-EAST").factor_id == 7
    assert edit_activity(base(), "factor_ref", "CPCD-X").factor_id is None


def test_cell_text_round_trips():
    a = base()
    for field in ("stage", "name", "amount", "unit", "basis", "factor_ref", "data_type"):
        assert getattr(edit_activity(a, field, activity_cell_text(a, field)), field) == getattr(a, field)


def test_credit_code_check():
    assert check_credit_code("91320594 ma1xk7p2h2") == "91320594MA1XK7P2H2"
    with pytest.raises(InputError) as err:
        check_credit_code("91320594MA1XK7P2H3")
    assert err.value.problems[0].message_id == "edit.credit_code"


def test_transport_helper_builds_a_mass_times_distance_activity():
    from builders import factor, product

    from core.editing import transport_activity
    from core.engine import compute
    a = transport_activity(Stage.RAW_MATERIALS, "20 t", "150", "ROAD", "铝棒公路运输")
    assert (a.amount, a.unit, a.distance_km, a.factor_ref) == (20.0, "t", 150.0, "ROAD")
    p = product("P", [a], declared="1 pcs", boundary="cradle-to-gate")
    total = compute([p], {"ROAD": factor("ROAD", "t*km", co2e=0.078)}).product("P").total_kgco2e
    assert total == pytest.approx(20 * 150 * 0.078)              # 3,000 t·km × 0.078 kg CO2e per t·km
    with pytest.raises(InputError) as err:
        transport_activity(Stage.RAW_MATERIALS, "20 kWh", "150", "ROAD", "x")
    assert err.value.problems[0].message_id == "edit.not_mass"


def test_reference_period_and_site():
    from datetime import date

    from core.domain import ProjectData
    from core.editing import edit_period, with_site
    from core.library.builtin import grid_factor_code
    assert edit_period("2024-01-01", "2024年12月31日") == (date(2024, 1, 1), date(2024, 12, 31))
    assert edit_period("", "") == (None, None)
    with pytest.raises(InputError) as err:
        edit_period("2024-12-31", "2024-01-01")
    assert err.value.problems[0].message_id == "edit.period_order"
    with pytest.raises(InputError):
        edit_period("sometime", "")
    data = with_site(ProjectData(), "苏州工厂", "江苏")
    assert (data.sites[0].name, data.sites[0].province, data.sites[0].grid_region) == ("苏州工厂", "江苏", "江苏")
    assert grid_factor_code(data.sites[0].grid_region) == "MEE-GRID-2023-JIANGSU"


def test_a_freight_row_needs_a_mode_and_a_name_or_is_refused_with_a_message():
    import pytest

    from core.editing import transport_activity
    from core.errors import InputError
    from core.lifecycle import Stage
    with pytest.raises(InputError) as no_mode:
        transport_activity(Stage.RAW_MATERIALS, "20 t", "300", "", "生铁运输")
    assert no_mode.value.problems[0].message_id == "edit.no_transport_mode"
    with pytest.raises(InputError) as no_name:
        transport_activity(Stage.RAW_MATERIALS, "20 t", "300", "CPCD-TRUCK", "  ")
    assert no_name.value.problems[0].message_id == "edit.empty"
    row = transport_activity(Stage.RAW_MATERIALS, "20 t", "300", " CPCD-TRUCK ", "生铁运输")
    assert (row.amount, row.unit, row.distance_km, row.factor_ref) == (20.0, "t", 300.0, "CPCD-TRUCK")


def test_an_electricity_row_is_proposed_the_grid_factor_of_the_sites_province():
    from core.domain import Activity, ProjectData, Site
    from core.library.proposals import proposed_factor
    from core.lifecycle import Stage
    data = ProjectData(products=[], sites=[Site(name="苏州铸造厂", province="江苏", grid_region="江苏")])
    row = Activity(Stage.PRODUCTION, "生产用电", 1_250_000, "kWh")
    assert proposed_factor(data, row) == "MEE-GRID-2023-JIANGSU"
    assert proposed_factor(data, Activity(Stage.PRODUCTION, "用电", 1, "万kWh")) == "MEE-GRID-2023-JIANGSU"
    assert proposed_factor(data, Activity(Stage.PRODUCTION, "天然气", 3.6, "GJ")) is None     # energy, not power
    assert proposed_factor(data, Activity(Stage.PRODUCTION, "生铁", 10, "kg")) is None
    assert proposed_factor(ProjectData(products=[]), row) is None                             # no province yet
