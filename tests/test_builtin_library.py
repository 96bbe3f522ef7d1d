"""The built-in factor library: well-formed factors, and every shipped value equal to the checked reference data.

The reference files (public sources transcribed and cross-checked, see their README) are read at test time, so a value
typed into `resources/factors` that differs from its source fails here. Values added after the reference set (more IPCC
fuels, China's standard fuel defaults, GB/T 51366-2019 tables) are compared with the numbers transcribed in this file
and their derived factors recomputed by hand.
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
    BUILTIN_DATASET,
    BUILTIN_VERSION,
    CATEGORIES,
    FACTOR_COLUMNS,
    FUEL_COLUMNS,
    GUIDE_COLUMNS,
    default_electricity_factor_code,
    grid_factor_code,
    load_builtin_factors,
)
from core.paths import resource_path
from core.units import parse_unit

REFERENCE = Path(__file__).resolve().parent / "support" / "reference" / "factors"   # copied from ../shared (see its README)


def reference(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def with_prefix(prefix: str) -> dict[str, object]:
    return {code: f for code, f in load_builtin_factors().items() if code.startswith(prefix)}


def shipped(name: str) -> list[dict[str, str]]:
    with open(resource_path("factors", name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


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
        if set(rows[0]) >= set(FUEL_COLUMNS):
            codes += [f"{r['code']}-{suffix}" for r in rows for suffix in ("GJ", "KG")]
        elif set(rows[0]) >= set(GUIDE_COLUMNS):
            suffix = {"万Nm3": "NM3", "t": "T"}
            codes += [f"{r['code']}-{s}" for r in rows for s in ("GJ", suffix[r["published_unit"]])]
        else:
            assert set(rows[0]) >= set(FACTOR_COLUMNS), path.name
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
    assert len(with_prefix("IPCC2006-")) == 2 * len(shipped("ipcc2006_fuels.csv"))
    by_name = {f.notes.split(",")[0]: f for f in factors.values() if f.code.startswith("IPCC2006-")
               and f.code.endswith("-GJ")}
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


# -- values added after the reference set (transcribed here from the checked copies named in each row's notes) -------

# IPCC 2006 defaults added in 2026.12 as written in the IPCC EFDB export (checked there against one or more independent
# copies): NCV TJ/Gg (Table 1.2), CO2 kg/TJ (Table 1.4), CH4 and N2O kg/TJ (Table 2.3, 1.A.2).
IPCC_ADDED = {
    "COKING-COAL": ("28.2", "94600", "10", "1.5"), "BROWN-COAL-BRIQUETTES": ("20.7", "97500", "10", "1.5"),
    "PATENT-FUEL": ("20.7", "97500", "10", "1.5"), "GAS-COKE": ("28.2", "107000", "1", "0.1"),
    "COAL-TAR": ("28.0", "80700", "10", "1.5"), "GAS-WORKS-GAS": ("38.7", "44400", "1", "0.1"),
    "COKE-OVEN-GAS": ("38.7", "44400", "1", "0.1"), "BLAST-FURNACE-GAS": ("2.47", "260000", "1", "0.1"),
    "OXYGEN-STEEL-FURNACE-GAS": ("7.06", "182000", "1", "0.1"), "CRUDE-OIL": ("42.3", "73300", "3", "0.6"),
    "NATURAL-GAS-LIQUIDS": ("44.2", "64200", "3", "0.6"), "AVIATION-GASOLINE": ("44.3", "70000", "3", "0.6"),
    "JET-KEROSENE": ("44.1", "71500", "3", "0.6"), "OTHER-KEROSENE": ("43.8", "71900", "3", "0.6"),
    "ETHANE": ("46.4", "61600", "1", "0.1"), "NAPHTHA": ("44.5", "73300", "3", "0.6"),
    "BITUMEN": ("40.2", "80700", "3", "0.6"), "LUBRICANTS": ("40.2", "73300", "3", "0.6"),
    "PETROLEUM-COKE": ("32.5", "97500", "3", "0.6"), "REFINERY-GAS": ("49.5", "57600", "1", "0.1"),
    "PARAFFIN-WAXES": ("40.2", "73300", "3", "0.6"), "WHITE-SPIRIT-AND-SBP": ("40.2", "73300", "3", "0.6"),
    "OTHER-PETROLEUM-PRODUCTS": ("40.2", "73300", "3", "0.6"), "WASTE-OILS": ("40.2", "73300", "30", "4"),
    "WOOD-WOOD-WASTE": ("15.6", "112000", "30", "4"), "SULPHITE-LYES-BLACK-LIQUOR": ("11.8", "95300", "3", "2"),
    "OTHER-PRIMARY-SOLID-BIOMASS": ("11.6", "100000", "30", "4"), "CHARCOAL": ("29.5", "112000", "200", "4"),
    "BIOGASOLINE": ("27.0", "70800", "3", "0.6"), "BIODIESELS": ("27.0", "70800", "3", "0.6"),
    "OTHER-LIQUID-BIOFUELS": ("27.4", "79600", "3", "0.6"), "LANDFILL-GAS": ("50.4", "54600", "1", "0.1"),
    "SLUDGE-GAS": ("50.4", "54600", "1", "0.1"), "OTHER-BIOGAS": ("50.4", "54600", "1", "0.1"),
}
BIOMASS = {"WOOD-WOOD-WASTE", "SULPHITE-LYES-BLACK-LIQUOR", "OTHER-PRIMARY-SOLID-BIOMASS", "CHARCOAL", "BIOGASOLINE",
           "BIODIESELS", "OTHER-LIQUID-BIOFUELS", "LANDFILL-GAS", "SLUDGE-GAS", "OTHER-BIOGAS"}


def test_added_ipcc_fuels_match_the_transcribed_defaults() -> None:
    raw = {r["code"].removeprefix("IPCC2006-"): r for r in shipped("ipcc2006_fuels.csv")}
    reference_codes = {r["code"].removeprefix("IPCC2006-") for r in shipped("ipcc2006_fuels.csv")
                       if r["carbon"] == "fossil" and r["code"].removeprefix("IPCC2006-") not in IPCC_ADDED}
    assert len(reference_codes) == len(reference("ipcc2006_fuels.csv"))       # the ten reference fuels, unchanged
    assert set(raw) == reference_codes | set(IPCC_ADDED)
    factors = load_builtin_factors()
    for name, (ncv, co2, ch4, n2o) in IPCC_ADDED.items():
        r = raw[name]
        assert (r["ncv_tj_per_gg"], r["co2_kg_per_tj"], r["ch4_kg_per_tj_manufacturing"],
                r["n2o_kg_per_tj_manufacturing"]) == (ncv, co2, ch4, n2o), name
        assert r["confidence"] == "high" and "EF IDs" in r["notes"], name
        biogenic = name in BIOMASS
        assert r["carbon"] == ("biogenic" if biogenic else "fossil"), name
        co2_flow, ch4_flow = ("co2_biogenic", "ch4_biogenic") if biogenic else ("co2_fossil", "ch4_fossil")
        gj, kg = factors[f"IPCC2006-{name}-GJ"], factors[f"IPCC2006-{name}-KG"]
        per_tj = {co2_flow: float(co2), ch4_flow: float(ch4), "n2o": float(n2o)}
        assert gj.flows == pytest.approx({k: v / 1000 for k, v in per_tj.items()}, rel=1e-12), name
        assert kg.flows == pytest.approx({k: v * float(ncv) / 1e6 for k, v in per_tj.items()}, rel=1e-12), name
        assert gj.year == 2006 and gj.geography == "GLO" and gj.category == "fuel"


def test_ipcc_hand_calculated_examples() -> None:
    f = load_builtin_factors()
    # Coking coal: 94 600 kg/TJ ÷ 1000 = 94.6 kg CO2/GJ; × 28.2 TJ/Gg ÷ 1e6 = 2.66772 kg CO2 per kg of coal.
    assert f["IPCC2006-COKING-COAL-GJ"].flows == {"co2_fossil": 94.6, "ch4_fossil": 0.01, "n2o": 0.0015}
    assert f["IPCC2006-COKING-COAL-KG"].flows["co2_fossil"] == 2.66772
    # Blast furnace gas: 260 000 kg/TJ × 2.47 TJ/Gg ÷ 1e6 = 0.6422 kg CO2 per kg of gas.
    assert f["IPCC2006-BLAST-FURNACE-GAS-KG"].flows["co2_fossil"] == 0.6422
    # Wood: 112 000 kg/TJ × 15.6 TJ/Gg ÷ 1e6 = 1.7472 kg biogenic CO2 per kg; CH4 30 kg/TJ -> 0.03 kg/GJ, non-fossil.
    wood_kg = f["IPCC2006-WOOD-WOOD-WASTE-KG"]
    assert wood_kg.flows == {"co2_biogenic": 1.7472, "ch4_biogenic": 0.000468, "n2o": 0.0000624}
    assert "co2_fossil" not in f["IPCC2006-WOOD-WOOD-WASTE-GJ"].flows
    assert "biogenic" in wood_kg.notes and "112000 kg/TJ × 15.6 TJ/Gg ÷ 1e6 = 1.7472 kg/kg" in wood_kg.notes
    assert f["IPCC2006-CHARCOAL-GJ"].flows == {"co2_biogenic": 112.0, "ch4_biogenic": 0.2, "n2o": 0.004}


def test_china_guideline_natural_gas_by_hand() -> None:
    rows = shipped("cn_guideline_fuels.csv")
    assert [(r["code"], r["published_unit"], r["ncv_gj_per_published_unit"], r["carbon_tc_per_gj"], r["oxidation_pct"])
            for r in rows] == [("CN-GUIDE-NATURAL-GAS", "万Nm3", "389.31", "0.0153", "99")]
    f = load_builtin_factors()
    gj, nm3 = f["CN-GUIDE-NATURAL-GAS-GJ"], f["CN-GUIDE-NATURAL-GAS-NM3"]
    # By hand: 0.0153 tC/GJ × 1000 kg/t × 0.99 × 44/12 = 15.147 × 44/12 = 666.468/12 = 55.539 kg CO2/GJ.
    assert gj.flows == {"co2_fossil": 55.539}
    assert gj.flows["co2_fossil"] == pytest.approx(0.0153 * 1000 * 0.99 * 44 / 12, rel=1e-12)
    # × 389.31 GJ per 万Nm3 = 21 621.888 09 kg per 万Nm3; ÷ 10 000 = 2.162 188 809 kg CO2 per Nm3.
    assert nm3.flows == {"co2_fossil": 2.162188809}
    assert nm3.unit == "Nm3" and gj.unit == "GJ"
    assert "55.539 kg/GJ × 389.31 GJ/万Nm3 = 21621.88809 kg/万Nm3" in nm3.notes
    assert "= 2.162188809 kg/Nm3" in nm3.notes
    for factor in (gj, nm3):
        assert factor.category == "fuel" and factor.year == 2024 and factor.geography == "中国"
        assert "GB/T 32151.34—2024" in factor.source and "表C.1" in factor.source
        assert "github-file-id:52627613573" in factor.notes and "GHGTOOL" in factor.notes
    # It differs from the IPCC default (56.1 kg/GJ at oxidation factor 1), which is why it ships beside it.
    assert f["IPCC2006-NATURAL-GAS-GJ"].flows["co2_fossil"] == 56.1


def test_guideline_converter_handles_mass_units_and_inexact_steps() -> None:
    row = {"code": "CN-GUIDE-TEST", "name_zh": "试验燃料", "name_en": "Test fuel", "published_unit": "t",
           "ncv_gj_per_published_unit": "28.435", "carbon_tc_per_gj": "0.0295", "oxidation_pct": "93",
           "year": "2024", "geography": "中国", "source": "test", "table_refs": "test", "confidence": "test",
           "notes": ""}
    gj, t = (factor for factor, _ in builtin._guideline_fuel_factors(row))
    # By hand: 0.0295 × 1000 × 0.93 × 44/12 = 27.435 × 44/12 = 100.595 kg CO2/GJ; × 28.435 GJ/t = 2860.418825 kg/t.
    assert (gj.code, t.code, t.unit) == ("CN-GUIDE-TEST-GJ", "CN-GUIDE-TEST-T", "t")
    assert gj.flows["co2_fossil"] == pytest.approx(100.595, rel=1e-12)
    assert t.flows["co2_fossil"] == pytest.approx(2860.418825, rel=1e-12)
    assert "= 100.595 kg/GJ" in gj.notes
    row.update(carbon_tc_per_gj="0.0202", oxidation_pct="98")    # 19.796 × 44/12 = 72.585333... does not terminate
    gj, _ = (factor for factor, _ in builtin._guideline_fuel_factors(row))
    assert gj.flows["co2_fossil"] == pytest.approx(0.0202 * 1000 * 0.98 * 44 / 12, rel=1e-12)
    assert "= ≈72.5853333333 kg/GJ" in gj.notes
    with pytest.raises(ValueError):
        list(builtin._guideline_fuel_factors({**row, "published_unit": "m3"}))
    with pytest.raises(ValueError):
        list(builtin._guideline_fuel_factors({**row, "oxidation_pct": "120"}))


# GB/T 51366-2019 values as written in the two agreeing copies named in the notes (kg CO2e per unit).
GBT51366 = {
    "CONCRETE-C30": ("m3", 295), "CONCRETE-C50": ("m3", 385), "CEMENT-OPC": ("t", 735), "LIME": ("t", 1190),
    "SLAKED-LIME": ("t", 747), "GYPSUM-NATURAL": ("t", 32.8), "SAND": ("t", 2.51), "CRUSHED-STONE": ("t", 2.18),
    "SHALE-ROCK": ("t", 5.08), "CLAY": ("t", 2.69), "BRICK-CONCRETE": ("m3", 336),
    "BRICK-AUTOCLAVED-FLY-ASH": ("m3", 341), "BRICK-SINTERED-FLY-ASH-SOLID": ("m3", 134),
    "BRICK-SHALE-SOLID": ("m3", 292), "BRICK-SHALE-HOLLOW": ("m3", 204), "BRICK-CLAY-HOLLOW": ("m3", 250),
    "BRICK-GANGUE-SOLID": ("m3", 22.8), "BRICK-GANGUE-HOLLOW": ("m3", 16.0), "PIG-IRON-STEELMAKING": ("t", 1700),
    "PIG-IRON-FOUNDRY": ("t", 2280), "FERROALLOY": ("t", 9530), "STEEL-BOF": ("t", 1990), "STEEL-EAF": ("t", 3030),
    "STEEL-CARBON-AVERAGE": ("t", 2050), "STEEL-HR-SMALL-SECTIONS": ("t", 2310),
    "STEEL-HR-MEDIUM-SECTIONS": ("t", 2365), "STEEL-HR-LARGE-BILLETS": ("t", 2340),
    "STEEL-HR-LARGE-RAILS": ("t", 2380), "STEEL-HR-PLATE": ("t", 2400), "STEEL-HR-H-BEAM": ("t", 2350),
    "STEEL-HR-WIDE-STRIP": ("t", 2310), "STEEL-HR-REBAR": ("t", 2340), "STEEL-HR-WIRE-ROD": ("t", 2375),
    "STEEL-HR-BAR": ("t", 2340), "PIPE-SPIRAL-SAW": ("t", 2520), "PIPE-LSAW-LARGE": ("t", 2430),
    "PIPE-WELDED-STRAIGHT": ("t", 2530), "PIPE-SEAMLESS-HR": ("t", 3150), "PIPE-SEAMLESS-COLD": ("t", 3680),
    "STEEL-HOT-DIP-GALVANIZED": ("t", 3110), "STEEL-ELECTRO-GALVANIZED": ("t", 3020), "STEEL-TINPLATE": ("t", 2870),
    "STEEL-PICKLED": ("t", 1730), "STEEL-COLD-ROLLED": ("t", 2530), "STEEL-FULL-HARD": ("t", 2410),
    "GLASS-FLAT": ("t", 1130), "ALUMINIUM-ELECTROLYTIC": ("t", 20300), "ALUMINIUM-STRIP": ("t", 28500),
    "WINDOW-ALU-THERMAL-BREAK-PRIMARY": ("m2", 254), "WINDOW-ALU-THERMAL-BREAK-70-30": ("m2", 194),
    "WINDOW-ALU-WOOD-PRIMARY": ("m2", 147), "WINDOW-PVC": ("m2", 121), "PIPE-PPR": ("kg", 3.72),
    "PIPE-PE": ("kg", 3.6), "PIPE-PVC-U": ("kg", 7.93), "BOARD-EPS": ("t", 5020), "BOARD-ROCK-WOOL": ("t", 1980),
    "BOARD-PUR": ("t", 5220), "PANEL-ALU-PLASTIC": ("m2", 8.06), "PANEL-COPPER-PLASTIC": ("m2", 37.1),
    "PANEL-COPPER-SINGLE": ("m2", 218), "POLYSTYRENE-GPPS": ("t", 4620), "LLDPE": ("t", 1990), "HDPE": ("t", 2620),
    "LDPE": ("t", 2810), "PVC": ("t", 7300), "TAP-WATER": ("t", 0.168),
    "TRUCK-GASOLINE-2T": ("t*km", 0.334), "TRUCK-GASOLINE-8T": ("t*km", 0.115),
    "TRUCK-GASOLINE-10T": ("t*km", 0.104), "TRUCK-GASOLINE-18T": ("t*km", 0.104),
    "TRUCK-DIESEL-2T": ("t*km", 0.286), "TRUCK-DIESEL-8T": ("t*km", 0.179), "TRUCK-DIESEL-10T": ("t*km", 0.162),
    "TRUCK-DIESEL-18T": ("t*km", 0.129), "TRUCK-DIESEL-30T": ("t*km", 0.078), "TRUCK-DIESEL-46T": ("t*km", 0.057),
    "RAIL-ELECTRIC": ("t*km", 0.010), "RAIL-DIESEL": ("t*km", 0.011), "RAIL-AVERAGE": ("t*km", 0.010),
    "SHIP-LIQUID-CARGO-2000T": ("t*km", 0.019), "SHIP-DRY-BULK-2500T": ("t*km", 0.015),
    "SHIP-CONTAINER-200TEU": ("t*km", 0.012),
}


def test_gbt51366_rows_match_the_transcribed_tables() -> None:
    shipped_rows = with_prefix("GBT51366-")
    assert set(shipped_rows) == {f"GBT51366-{k}" for k in GBT51366}
    for key, (unit, value) in GBT51366.items():
        f = shipped_rows[f"GBT51366-{key}"]
        assert f.unit == unit and f.flows == {"co2e": value}, key
        assert f.year == 2019 and f.geography == "中国" and f.gwp_basis == ""
        table = "附录E 表E.0.1" if f.category == "transport" else "附录D 表D.0.1"
        assert "GB/T 51366-2019" in f.source and table in f.source, key
        assert "github-file-id:70336283949" in f.notes and "github-file-id:22781865639" in f.notes, key
    assert shipped_rows["GBT51366-TRUCK-DIESEL-30T"].unit_text == "t·km"
    assert shipped_rows["GBT51366-TAP-WATER"].category == "water"


def test_every_added_row_is_sourced_unique_parsed_and_non_negative() -> None:
    factors = load_builtin_factors()
    added = [f for c, f in factors.items() if c.startswith(("GBT51366-", "CN-GUIDE-"))
             or c.removeprefix("IPCC2006-").rsplit("-", 1)[0] in IPCC_ADDED]
    assert len(added) == len(GBT51366) + 2 + 2 * len(IPCC_ADDED)
    assert len({f.code for f in added}) == len(added)
    for f in added:
        parse_unit(f.unit)
        assert f.source.strip() and "confidence" in f.notes, f.code
        assert f.flows and all(math.isfinite(v) and v >= 0 for v in f.flows.values()), f.code
        assert f.dataset_version == BUILTIN_VERSION == "2026.12"


def test_provinces_are_listed_in_the_gbt_2260_order_of_official_lists():
    from core.library.builtin import provinces
    names = provinces()
    assert names[:5] == ["北京", "天津", "河北", "山西", "内蒙古"] and names[-3:] == ["青海", "宁夏", "新疆"]
    assert names.index("上海") < names.index("江苏") < names.index("浙江") < names.index("重庆")
    assert len(names) == 30                         # every province with a provincial MEE grid factor, none unknown
