"""The built-in factor library: well-formed factors, and every shipped value equal to the checked reference data.

The reference files (public sources transcribed and cross-checked, see their README) are read at test time, so a value
typed into `resources/factors` that differs from its source fails here.
"""
from __future__ import annotations

import csv
import math
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from core.gwp import flow_keys
from core.library import builtin
from core.library.builtin import (
    BUILTIN_DATASET, BUILTIN_VERSION, CATEGORIES, default_electricity_factor_code, grid_factor_code,
    load_builtin_factors,
)
from core.paths import resource_path
from core.units import parse_unit

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "factors"


def reference(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def with_prefix(prefix: str) -> dict[str, object]:
    return {code: f for code, f in load_builtin_factors().items() if code.startswith(prefix)}


# -- every factor ----------------------------------------------------------------------------------------------------

def test_every_factor_is_sourced_parses_and_is_finite() -> None:
    factors = load_builtin_factors()
    assert len(factors) > 200
    known_flows = set(flow_keys())
    for code, f in factors.items():
        assert f.code == code
        assert re.fullmatch(r"[A-Z0-9][A-Z0-9-]*", code), code
        assert f.source.strip(), code
        assert f.name.strip() and f.notes.strip() and f.unit_text.strip(), code
        parse_unit(f.unit)  # raises UnitProblem if the unit does not parse
        assert f.flows, code
        for flow, value in f.flows.items():
            assert flow in known_flows, (code, flow)
            assert math.isfinite(value) and value >= 0, (code, flow, value)
        assert f.category in CATEGORIES, code
        assert f.dataset == BUILTIN_DATASET and f.dataset_version == BUILTIN_VERSION
        assert f.year is not None and 2000 <= f.year <= 2100, code


def test_version_is_read_from_the_version_file() -> None:
    assert re.fullmatch(r"\d{4}\.\d{1,2}", BUILTIN_VERSION)


def test_codes_are_unique_across_files() -> None:
    """The loader refuses duplicates; this also checks no row is lost: codes in the files = factors loaded."""
    codes: list[str] = []
    for path in sorted(resource_path("factors").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if "ncv_tj_per_gg" in rows[0]:
            codes += [f"{r['code']}-{suffix}" for r in rows for suffix in ("GJ", "KG")]
        else:
            codes += [r["code"] for r in rows]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert set(codes) == set(load_builtin_factors())


def test_loading_is_fast() -> None:
    start = time.perf_counter()
    fresh = builtin._read_library.__wrapped__()  # bypass the cache: a real read of every file
    elapsed = time.perf_counter() - start
    print(f"\nbuilt-in library: {len(fresh.factors)} factors read in {elapsed * 1000:.1f} ms")
    assert len(fresh.factors) == len(load_builtin_factors())
    assert elapsed < 2.0  # target is well under 0.2 s; only a gross regression fails here


# -- spot checks -----------------------------------------------------------------------------------------------------

def test_spot_values() -> None:
    f = load_builtin_factors()
    assert f["MEE-GRID-2023-NATIONAL"].flows == {"co2_fossil": 0.5306}
    assert f["MEE-GRID-2023-NATIONAL"].unit == "kWh"
    assert f["MEE-ELEC-CF-2024-NATIONAL"].flows == {"co2e": 0.5777}
    assert f["MEE-ELEC-CF-2024-NATIONAL"].gwp_basis == ""   # the announcement does not state one
    gas_gj = f["IPCC2006-NATURAL-GAS-GJ"]
    assert gas_gj.unit == "GJ" and gas_gj.geography == "GLO" and gas_gj.category == "fuel"
    assert gas_gj.flows == {"co2_fossil": 56.1, "ch4_fossil": 0.001, "n2o": 0.0001}
    gas_kg = f["IPCC2006-NATURAL-GAS-KG"]
    assert gas_kg.unit == "kg"
    assert gas_kg.flows["co2_fossil"] == pytest.approx(56100 * 48.0 / 1e6, rel=1e-12)
    assert gas_kg.flows["co2_fossil"] == 2.6928  # by hand: 56 100 kg/TJ × 48.0 TJ/Gg ÷ 1e6 kg/Gg
    assert "56100 kg/TJ × 48.0 TJ/Gg ÷ 1e6 = 2.6928 kg/kg" in gas_kg.notes
    al = f["CPCD-41431X0102018C"]
    assert al.flows == {"co2e": 20300.0} and al.unit == "t" and al.year == 2018
    assert al.source == "CPCD 中国产品全生命周期温室气体排放系数库, product ID 41431X0102018C, data year 2018"
    truck = f["CPCD-65119X0282024C"]
    assert truck.unit == "t*km" and truck.unit_text == "t·km" and truck.category == "transport"


def test_notes_start_with_the_english_name() -> None:
    f = load_builtin_factors()
    assert f["MEE-GRID-2021-JIANGSU"].notes.startswith("Electricity CO2 emission factor 2021, Jiangsu.")
    assert f["CPCD-41232X0092022C"].notes.startswith("Ordinary carbon steel (market average).")
    assert f["MEE-GRID-2021-JIANGSU"].geography == "江苏" and f["MEE-GRID-2022-EAST"].geography == "华东"


def test_default_electricity_factor_is_the_latest_national_footprint() -> None:
    code = default_electricity_factor_code()
    assert code == "MEE-ELEC-CF-2024-NATIONAL"
    footprints = with_prefix("MEE-ELEC-CF-")
    assert load_builtin_factors()[code].year == max(f.year for f in footprints.values())


def test_grid_factor_code_lookup() -> None:
    assert grid_factor_code("江苏") == "MEE-GRID-2023-JIANGSU"
    assert grid_factor_code("江苏省", 2021) == "MEE-GRID-2021-JIANGSU"
    assert grid_factor_code("华东", 2022) == "MEE-GRID-2022-EAST"
    assert grid_factor_code("华东电网") == "MEE-GRID-2023-EAST"
    assert grid_factor_code("内蒙古自治区") == "MEE-GRID-2023-INNER-MONGOLIA"
    assert grid_factor_code("广西壮族自治区", 2022) == "MEE-GRID-2022-GUANGXI"
    assert grid_factor_code("Inner Mongolia") == "MEE-GRID-2023-INNER-MONGOLIA"
    assert grid_factor_code("全国") == "MEE-GRID-2023-NATIONAL"
    assert grid_factor_code("西藏") is None          # not published
    assert grid_factor_code("江苏", 2019) is None     # no silent fallback to another year
    assert grid_factor_code("") is None


# -- against the reference files -------------------------------------------------------------------------------------

GRID_VARIANT_CODES = {"national_excl_market_nonfossil": "NATIONAL-EXCL-MARKET-NONFOSSIL",
                      "national_fossil": "NATIONAL-FOSSIL", "reporting_national": "REPORTING-NATIONAL"}


def test_every_grid_reference_row_is_shipped_with_its_value() -> None:
    rows = reference("grid_cn.csv")
    shipped = with_prefix("MEE-GRID-")
    assert len(shipped) == len(rows)
    assert Counter((f.year, f.flows["co2_fossil"]) for f in shipped.values()) == \
        Counter((int(r["year"]), float(r["kgco2_per_kwh"])) for r in rows)
    factors = load_builtin_factors()
    for r in rows:
        year = int(r["year"])
        if r["scope"] in GRID_VARIANT_CODES:
            code = f"MEE-GRID-{year}-{GRID_VARIANT_CODES[r['scope']]}"
        else:
            code = grid_factor_code(r["region_zh"], year)
            assert code is not None, r["region_zh"]
            assert factors[code].geography == r["region_zh"]
        f = factors[code]
        assert f.flows == {"co2_fossil": float(r["kgco2_per_kwh"])}, code
        assert f.year == year and f.unit == "kWh" and f.category == "electricity"
        assert r["source_doc"] in f.source


def test_every_footprint_reference_row_is_shipped_with_its_value() -> None:
    rows = reference("electricity_footprint.csv")
    shipped = with_prefix("MEE-ELEC-CF-")
    assert len(shipped) == len(rows)
    assert Counter((f.year, f.flows["co2e"]) for f in shipped.values()) == \
        Counter((int(r["year"]), float(r["kgco2e_per_kwh"])) for r in rows)
    assert all(f.flows.keys() == {"co2e"} and f.unit == "kWh" and f.geography == "全国" for f in shipped.values())
    for r in rows:
        if r["scope"] == "national_average":
            f = load_builtin_factors()[f"MEE-ELEC-CF-{r['year']}-NATIONAL"]
            assert f.flows["co2e"] == float(r["kgco2e_per_kwh"])
            assert r["source_doc"] in f.source


def test_ipcc_fuels_are_unit_conversions_of_the_reference() -> None:
    rows = reference("ipcc2006_fuels.csv")
    factors = load_builtin_factors()
    assert len(with_prefix("IPCC2006-")) == 2 * len(rows)
    by_name = {f.notes.split(",")[0]: f for f in factors.values() if f.code.endswith("-GJ")}
    for r in rows:
        gj = by_name[r["fuel"]]
        kg = factors[gj.code.removesuffix("-GJ") + "-KG"]
        ncv = float(r["ncv_tj_per_gg"])
        per_tj = {"co2_fossil": float(r["co2_kg_per_tj"]), "ch4_fossil": float(r["ch4_kg_per_tj_manufacturing"]),
                  "n2o": float(r["n2o_kg_per_tj_manufacturing"])}
        assert gj.flows == pytest.approx({k: v / 1000 for k, v in per_tj.items()}, rel=1e-12)
        assert kg.flows == pytest.approx({k: v * ncv / 1e6 for k, v in per_tj.items()}, rel=1e-12)
        assert gj.unit == "GJ" and kg.unit == "kg" and gj.geography == kg.geography == "GLO"
        assert "Table 1.2" in gj.source and "Table 2.3" in kg.source


def test_every_cpcd_reference_row_is_shipped_with_its_value() -> None:
    rows = reference("materials_transport.csv")
    factors = load_builtin_factors()
    assert len(with_prefix("CPCD-")) == len(rows)
    for r in rows:
        product_id = re.search(r"product ID (\w+)", r["cpcd_reference"]).group(1)
        f = factors[f"CPCD-{product_id}"]
        assert f.flows == {"co2e": float(r["kgco2e_per_unit"])}, f.code
        assert f.unit_text == r["unit"] and f.unit == r["unit"].replace("·", "*")
        assert f.year == int(r["data_year"])
        assert f.name == r["name_zh"] and f.notes.startswith(r["name_en"])
        assert product_id in f.source and f"data year {r['data_year']}" in f.source
