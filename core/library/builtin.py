"""The built-in emission-factor library: the app's own CSV files in `resources/factors`, read once per process.

Every value comes from a public source named in the row (see `resources/factors/README.md`); the only arithmetic done
here is unit arithmetic on raw fuel parameters: the IPCC fuel defaults (kg/TJ to kg/GJ and, with the net calorific
value, to kg per kg) and China's standard fuel defaults (carbon content x oxidation rate x 44/12 per GJ and, with the
net calorific value, per physical unit). Each derived factor writes its steps in its notes.

This runs at app start-up, so it reads with the `csv` module (pandas would cost more to import than the whole read)
and does not parse units: building the pint registry is the slow part of `core.units`, and a unit that does not parse
is a bug in a shipped file, which `tests/test_builtin_library.py` catches before release.
"""
from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from core.domain import EmissionFactor
from core.gwp import flow_keys
from core.paths import resource_path

BUILTIN_DATASET = "PCF Desk built-in library"
BUILTIN_VERSION = resource_path("factors", "VERSION").read_text(encoding="utf-8").strip()

CATEGORIES = frozenset({"electricity", "fuel", "material", "transport", "heat", "water"})
FACTOR_COLUMNS = ("code", "name_zh", "name_en", "category", "unit", "unit_text", "flow", "value", "gwp_basis", "year",
                  "geography", "source", "notes")
# Raw IPCC fuel defaults: a file with these columns yields two factors per fuel (per GJ and per kg). An optional
# `carbon` column says `fossil` (default) or `biogenic`: biomass CO2 and CH4 go to the biogenic flows.
FUEL_COLUMNS = ("code", "name_zh", "name_en", "ncv_tj_per_gg", "co2_kg_per_tj", "ch4_kg_per_tj_manufacturing",
                "n2o_kg_per_tj_manufacturing", "source", "table_refs", "confidence", "notes")
# Raw fuel parameters of China's accounting standards and guidelines (NCV per published unit, carbon content per GJ,
# oxidation rate): a file with these columns yields a CO2 factor per GJ and one per physical unit.
GUIDE_COLUMNS = ("code", "name_zh", "name_en", "published_unit", "ncv_gj_per_published_unit", "carbon_tc_per_gj",
                 "oxidation_pct", "year", "geography", "source", "table_refs", "confidence", "notes")
# Published unit of a Chinese fuel default -> (unit of the shipped per-unit factor, its size in published units, the
# conversion as written in the notes, code suffix). Explicit, so that start-up needs no unit registry.
_GUIDE_UNITS = {
    "万Nm3": ("Nm3", Fraction(1, 10_000), "1 万Nm3 = 10 000 Nm3", "NM3"),
    "t": ("t", Fraction(1), "", "T"),
}

# Values of the optional `scope` column that the look-ups below rely on.
FOOTPRINT_AVERAGE_SCOPE = "national_average"          # life-cycle electricity footprint, national average
GRID_AVERAGE_SCOPES = frozenset({"national", "regional", "provincial"})  # MEE CO2 factors a region maps to

_REGION_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "区域电网", "电网", "省", "市")
_REGION_ALIASES = {"中国": "全国"}


class BuiltinLibraryError(ValueError):
    """A shipped factor file is malformed. This is a packaging bug, never a user error, so it fails loudly."""


@dataclass(frozen=True)
class _Library:
    factors: dict[str, EmissionFactor]
    scopes: dict[str, str]    # code -> value of the `scope` column, for the rows that have one


def load_builtin_factors() -> dict[str, EmissionFactor]:
    """All built-in factors by code. Read once and cached: callers share the dict and must not mutate it or its
    factors (copy with `dict(...)` / `dataclasses.replace` first)."""
    return _read_library().factors


def default_electricity_factor_code() -> str:
    """Code of the latest national life-cycle electricity carbon-footprint factor, the default for a new study.

    GB/T 24067 / ISO 14067 count the electricity supply's life cycle, which these factors cover and the MEE CO2 factors
    do not; it is looked up in the data so that shipping a newer year changes the default without a code change.
    """
    lib = _read_library()
    candidates = [f for code, f in lib.factors.items() if lib.scopes.get(code) == FOOTPRINT_AVERAGE_SCOPE]
    if not candidates:
        raise BuiltinLibraryError(f"no factor with scope {FOOTPRINT_AVERAGE_SCOPE!r} in the built-in library")
    return max(candidates, key=lambda f: (f.year or 0, f.code)).code


def provinces() -> list[str]:
    """Provinces (as the MEE publishes their names) that have a provincial grid factor, for a site's province."""
    lib = _read_library()
    names = {lib.factors[c].geography for c, scope in lib.scopes.items() if scope == "provincial"}
    order = _province_order()
    return sorted(names, key=lambda n: (order.get(n, 99), n))      # GB/T 2260 order: 北京、天津、河北 …


@lru_cache(maxsize=1)
def _province_order() -> dict[str, int]:
    """Short province name -> its GB/T 2260 code (resources/regions/provinces_gbt2260.csv)."""
    with open(resource_path("regions", "provinces_gbt2260.csv"), encoding="utf-8", newline="") as fh:
        return {row["name_zh"]: int(row["code"]) for row in csv.DictReader(fh)}


def grid_factor_code(region_or_province: str, year: int | None = None) -> str | None:
    """Code of the MEE electricity CO2 factor of a province, a regional grid or 全国, for `year` (latest if None).

    Accepts the names people write ("江苏", "江苏省", "华东电网", "内蒙古自治区") and the English part of the code
    ("Jiangsu", "inner mongolia", "EAST"). Returns None when the region or that year is not published, rather than
    falling back to another year or region: which factor a study uses is a choice the report must state.
    """
    by_year = _grid_index().get(_region_key(region_or_province))
    if not by_year:
        return None
    if year is None:
        return by_year[max(by_year)]
    return by_year.get(year)


# -- reading -------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _read_library() -> _Library:
    factors: dict[str, EmissionFactor] = {}
    scopes: dict[str, str] = {}
    for path in sorted(resource_path("factors").iterdir()):
        if path.suffix.lower() != ".csv":
            continue
        for factor, scope in _read_file(path):
            if factor.code in factors:
                raise BuiltinLibraryError(f"{path.name}: code {factor.code} is already used by another row or file")
            factors[factor.code] = factor
            if scope:
                scopes[factor.code] = scope
    return _Library(factors, scopes)


def _read_file(path: Path) -> Iterator[tuple[EmissionFactor, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = set(reader.fieldnames or ())
        if header >= set(FUEL_COLUMNS):
            convert = _fuel_factors
        elif header >= set(GUIDE_COLUMNS):
            convert = _guideline_fuel_factors
        elif header >= set(FACTOR_COLUMNS):
            convert = _row_factor
        else:
            raise BuiltinLibraryError(f"{path.name}: columns are none of {FACTOR_COLUMNS}, {FUEL_COLUMNS}, "
                                      f"{GUIDE_COLUMNS}")
        for line, row in enumerate(reader, start=2):
            try:
                yield from convert(row)
            except (KeyError, ValueError, ArithmeticError) as exc:
                raise BuiltinLibraryError(f"{path.name} line {line}: {exc}") from exc


def _row_factor(row: dict[str, str]) -> Iterator[tuple[EmissionFactor, str]]:
    flow, value = row["flow"].strip(), float(row["value"])
    if flow not in flow_keys():
        raise ValueError(f"unknown flow {flow!r}")
    yield _factor(row, unit=row["unit"], unit_text=row["unit_text"], flows={flow: value}, source=row["source"],
                  notes=row["notes"]), row.get("scope", "").strip()


def _fuel_factors(row: dict[str, str]) -> Iterator[tuple[EmissionFactor, str]]:
    """Two combustion factors per fuel, by unit arithmetic on the IPCC defaults (Decimal, so 0.1/1000 is 0.0001).

    Per GJ: kg/TJ ÷ 1000 (1 TJ = 1000 GJ). Per kg of fuel: kg/TJ × NCV (TJ/Gg) ÷ 1e6 (1 Gg = 1e6 kg).
    Biomass fuels (`carbon` = biogenic) put their CO2 and CH4 on the biogenic flows.
    """
    carbon = (row.get("carbon") or "fossil").strip()
    if carbon not in ("fossil", "biogenic"):
        raise ValueError(f"carbon must be 'fossil' or 'biogenic', not {carbon!r}")
    co2, ch4 = ("co2_fossil", "ch4_fossil") if carbon == "fossil" else ("co2_biogenic", "ch4_biogenic")
    columns = {co2: "co2_kg_per_tj", ch4: "ch4_kg_per_tj_manufacturing", "n2o": "n2o_kg_per_tj_manufacturing"}
    gas = {"co2_fossil": "CO2", "ch4_fossil": "CH4", "co2_biogenic": "biogenic CO2", "ch4_biogenic": "biogenic CH4",
           "n2o": "N2O"}
    given = {k: row[c].strip() for k, c in columns.items()}     # as written in the file, quoted in the notes
    ncv_text = row["ncv_tj_per_gg"].strip()
    ncv = Decimal(ncv_text)
    per_tj = {k: Decimal(v) for k, v in given.items()}
    per_gj = {k: v / 1000 for k, v in per_tj.items()}
    per_kg = {k: v * ncv / 1_000_000 for k, v in per_tj.items()}
    common = {"category": "fuel", "year": "2006", "geography": "GLO", "gwp_basis": ""}
    source = f"{row['source']}; {row['table_refs']}"
    scope_note = ("CO2 at oxidation factor 1; CH4 and N2O for stationary combustion in manufacturing industries and "
                  "construction (1.A.2). Combustion only, no upstream fuel supply.")
    if carbon == "biogenic":
        scope_note += (" Biomass fuel: its CO2 is biogenic (flow co2_biogenic, reported separately and left out of the "
                       "result excluding biogenic CO2) and its CH4 is non-fossil methane (flow ch4_biogenic).")
    tail = " ".join(t for t in (row["notes"].strip(), f"Transcription confidence: {row['confidence']}.") if t)

    gj_steps = "; ".join(f"{gas[k]} {given[k]} kg/TJ ÷ 1000 = {_dec(per_gj[k])} kg/GJ" for k in per_tj)
    yield _factor(
        {**row, **common, "code": f"{row['code']}-GJ", "name_zh": f"{row['name_zh']}燃烧（IPCC 2006 缺省值，按净热值 GJ）",
         "name_en": f"{row['name_en']}, combustion, per GJ (net calorific value)"},
        unit="GJ", unit_text="GJ", flows={k: float(v) for k, v in per_gj.items()}, source=source,
        notes=f"Derived by unit arithmetic from the IPCC defaults: {gj_steps}. {scope_note} {tail}"), ""

    kg_steps = "; ".join(f"{gas[k]} {given[k]} kg/TJ × {ncv_text} TJ/Gg ÷ 1e6 = {_dec(per_kg[k])} kg/kg"
                         for k in per_tj)
    yield _factor(
        {**row, **common, "code": f"{row['code']}-KG", "name_zh": f"{row['name_zh']}燃烧（IPCC 2006 缺省值，按燃料质量 kg）",
         "name_en": f"{row['name_en']}, combustion, per kg of fuel (default NCV {ncv_text} TJ/Gg)"},
        unit="kg", unit_text="kg", flows={k: float(v) for k, v in per_kg.items()}, source=source,
        notes=f"Derived by unit arithmetic from the IPCC defaults and the default net calorific value: {kg_steps}. "
              f"Prefer the per-GJ factor with the fuel's measured NCV where known. {scope_note} {tail}"), ""


def _guideline_fuel_factors(row: dict[str, str]) -> Iterator[tuple[EmissionFactor, str]]:
    """Two CO2 factors per fuel from China's standard defaults, by exact rational arithmetic (Fraction).

    Per GJ: carbon content (tC/GJ) × 1000 kg/t × oxidation rate (%) ÷ 100 × 44/12. Per physical unit: the per-GJ factor
    × NCV (GJ per published unit), then into the shipped unit (万Nm3 -> Nm3). CO2 only: the standards give no CH4 or N2O.
    """
    published = row["published_unit"].strip()
    if published not in _GUIDE_UNITS:
        raise ValueError(f"published unit {published!r} is not one of {sorted(_GUIDE_UNITS)}")
    unit, size, unit_step, suffix = _GUIDE_UNITS[published]
    ncv_text, carbon_text, ox_text = (row[c].strip() for c in ("ncv_gj_per_published_unit", "carbon_tc_per_gj",
                                                               "oxidation_pct"))
    ncv, carbon, ox = Fraction(Decimal(ncv_text)), Fraction(Decimal(carbon_text)), Fraction(Decimal(ox_text))
    if not 0 < ox <= 100:
        raise ValueError(f"oxidation rate {ox_text}% is not in (0, 100]")
    per_gj = carbon * 1000 * ox / 100 * Fraction(44, 12)
    per_published = per_gj * ncv
    per_unit = per_published * size
    common = {"category": "fuel", "gwp_basis": ""}
    source = f"{row['source']}; {row['table_refs']}"
    scope_note = ("CO2 only (the standard gives no CH4 or N2O defaults); combustion only, no upstream fuel supply; "
                  "flow co2_fossil.")
    tail = " ".join(t for t in (row["notes"].strip(), f"Transcription confidence: {row['confidence']}.") if t)
    gj_steps = (f"CO2 {carbon_text} tC/GJ × 1000 kg/t × {ox_text}% × 44/12 = {_frac(per_gj)} kg/GJ "
                f"(carbon content × oxidation rate × 44/12, on the net calorific value)")
    yield _factor(
        {**row, **common, "code": f"{row['code']}-GJ", "name_zh": f"{row['name_zh']}燃烧（国家标准缺省值，按低位发热量 GJ）",
         "name_en": f"{row['name_en']}, combustion CO2, per GJ (net calorific value)"},
        unit="GJ", unit_text="GJ", flows={"co2_fossil": float(per_gj)}, source=source,
        notes=f"Derived by unit arithmetic from the standard's defaults: {gj_steps}. {scope_note} {tail}"), ""

    unit_steps = f"{_frac(per_gj)} kg/GJ × {ncv_text} GJ/{published} = {_frac(per_published)} kg/{published}"
    if size != 1:
        unit_steps += f"; ÷ {_frac(1 / size)} ({unit_step}) = {_frac(per_unit)} kg/{unit}"
    yield _factor(
        {**row, **common, "code": f"{row['code']}-{suffix}",
         "name_zh": f"{row['name_zh']}燃烧（国家标准缺省值，按 {unit}）",
         "name_en": f"{row['name_en']}, combustion CO2, per {unit} (default NCV {ncv_text} GJ/{published})"},
        unit=unit, unit_text=unit, flows={"co2_fossil": float(per_unit)}, source=source,
        notes=f"Derived by unit arithmetic from the standard's defaults: {gj_steps}; {unit_steps}. Prefer the per-GJ "
              f"factor with the fuel's measured NCV where known. {scope_note} {tail}"), ""


def _factor(row: dict[str, str], *, unit: str, unit_text: str, flows: dict[str, float], source: str,
            notes: str) -> EmissionFactor:
    code = row["code"].strip()
    if not code.isascii() or not re.fullmatch(r"[A-Z0-9][A-Z0-9-]*", code):
        raise ValueError(f"code {code!r} is not upper-case ASCII letters, digits and '-'")
    if row["category"] not in CATEGORIES:
        raise ValueError(f"{code}: category {row['category']!r} is not one of {sorted(CATEGORIES)}")
    if not all(math.isfinite(v) and v >= 0 for v in flows.values()):
        raise ValueError(f"{code}: values must be finite and non-negative: {flows}")
    if not source.strip():
        raise ValueError(f"{code}: no source")
    name_en = row["name_en"].strip()
    lead = name_en if name_en.endswith(".") else f"{name_en}."
    year = row["year"].strip()
    return EmissionFactor(
        code=code, name=row["name_zh"].strip(), unit=unit.strip(), flows=flows, source=source.strip(),
        year=int(year) if year else None, geography=row["geography"].strip(), category=row["category"],
        gwp_basis=row["gwp_basis"].strip(), dataset=BUILTIN_DATASET, dataset_version=BUILTIN_VERSION,
        notes=f"{lead} {notes.strip()}".strip(), unit_text=unit_text.strip(),
    )


def _dec(d: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros (2.69280 -> 2.6928, 5.61E+4 -> 56100)."""
    return format(d.normalize(), "f")


def _frac(f: Fraction) -> str:
    """A Fraction as exact decimal text when it has one (55539/1000 -> 55.539), else '≈' and 12 significant digits."""
    denominator = f.denominator
    for p in (2, 5):
        while denominator % p == 0:
            denominator //= p
    if denominator == 1:
        return _dec(Decimal(f.numerator) / Decimal(f.denominator))
    return "≈" + _dec(Decimal(format(float(f), ".12g")))


# -- grid look-up --------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _grid_index() -> dict[str, dict[int, str]]:
    """Region key -> {year: code} over the MEE average CO2 factors (national, regional grids, provinces)."""
    lib = _read_library()
    index: dict[str, dict[int, str]] = {}
    for code, scope in lib.scopes.items():
        factor = lib.factors[code]
        if scope not in GRID_AVERAGE_SCOPES or factor.year is None:
            continue
        english = code.rpartition(f"-{factor.year}-")[2]      # MEE-GRID-2023-INNER-MONGOLIA -> INNER-MONGOLIA
        for key in {_region_key(factor.geography), _region_key(english)}:
            years = index.setdefault(key, {})
            if years.setdefault(factor.year, code) != code:
                raise BuiltinLibraryError(f"{years[factor.year]} and {code} are both the {factor.year} grid "
                                          f"factor of {factor.geography}")
    return index


def _region_key(text: str) -> str:
    """Comparable form of a region name: no administrative suffix ("省", "自治区", "电网"); ASCII upper-case, '-'."""
    t = re.sub(r"\s+", " ", str(text)).strip()
    if t.isascii():
        return re.sub(r"[^A-Z0-9]+", "-", t.upper()).strip("-")
    t = t.replace(" ", "")
    for suffix in _REGION_SUFFIXES:
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
            break
    return _REGION_ALIASES.get(t, t)
