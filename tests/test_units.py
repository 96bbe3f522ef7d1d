"""Units as Chinese factories write them; conversions exact, mismatches refused."""
from __future__ import annotations

import pytest

from core.units import UnitProblem, conversion_factor, parse_amount


@pytest.mark.parametrize("written, canonical, factor", [
    ("吨", "kg", 1000), ("t", "kg", 1000), ("g", "kg", 0.001), ("公斤", "kg", 1),
    ("千瓦时", "kWh", 1), ("度", "kWh", 1), ("MWh", "kWh", 1000), ("万kWh", "kWh", 10000), ("万千瓦时", "kWh", 10000),
    ("GJ", "MJ", 1000), ("tce", "GJ", 29.3076), ("吨标准煤", "GJ", 29.3076),
    ("立方米", "m3", 1), ("m³", "m3", 1), ("L", "m3", 0.001), ("升", "L", 1),
    ("标准立方米", "Nm3", 1), ("万Nm3", "Nm3", 10000),
    ("t*km", "tkm", 1), ("t·km", "tkm", 1), ("吨公里", "t*km", 1), ("kg*km", "t*km", 0.001),
    ("km", "公里", 1), ("件", "pcs", 1), ("个", "pcs", 1), ("m2", "平方米", 1),
])
def test_spellings_convert_exactly(written, canonical, factor):
    assert conversion_factor(written, canonical) == pytest.approx(factor, rel=1e-12)


@pytest.mark.parametrize("a, b", [("m3", "Nm3"), ("kg", "pcs"), ("kWh", "kg"), ("t", "t*km"), ("L", "kg")])
def test_different_kinds_never_convert(a, b):
    with pytest.raises(UnitProblem) as e:
        conversion_factor(a, b)
    assert e.value.message_id == "unit.incompatible"


def test_amount_parsing():
    assert (parse_amount("12,000 吨").value, parse_amount("12,000 吨").unit) == (12000.0, "吨")
    assert parse_amount("1 pcs").to("个") == 1
    assert parse_amount("t", default_value=1).to("kg") == 1000
    with pytest.raises(UnitProblem):
        parse_amount("twelve t")
    with pytest.raises(UnitProblem):
        parse_amount("12 bananas")
