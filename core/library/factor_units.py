"""Read the unit of an emission factor as factor files write it: `tCO2/万Nm3`, `kgCO2e/吨`, `kg CO₂-eq / t·km`.

A factor unit is "mass of a gas per amount of activity". The numerator (mass and, usually, the gas) is read here;
the denominator goes to pint through `core.units`, which knows the Chinese units. The result says how to turn the
written number into kg of one flow (see `core.gwp`) per one *base unit* of the activity's dimension, so every
imported factor is stored in the same few units (kg, kWh, m3, Nm3, t*km, ...) and stays comparable in search; the
text as written is kept beside it for the auditor.

Anything not understood is refused with a message id, never guessed: `tC/TJ` (carbon, not CO2) is not read as CO2.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core.units import UnitProblem, conversion_factor, normalize_unit_text, parse_unit

# Mass units of the numerator, in kg. Not pint: "t" before "CO2" has to be split off text pint cannot parse.
_MASS_KG = {"mg": 1e-6, "g": 1e-3, "kg": 1.0, "t": 1e3, "kt": 1e6, "mt": 1e9, "gg": 1e6, "tonne": 1e3,
            "ton": 1e3, "克": 1e-3, "千克": 1.0, "公斤": 1.0, "吨": 1e3, "公吨": 1e3, "万吨": 1e7, "万t": 1e7}
# The gas written after the mass, mapped to a flow key of core.gwp ("co2e" = already characterised).
_GAS_FLOW = {
    "co2e": "co2e", "co2eq": "co2e", "co2-eq": "co2e", "co2-e": "co2e", "co2当量": "co2e", "二氧化碳当量": "co2e",
    "co2": "co2_fossil", "二氧化碳": "co2_fossil",
    "ch4": "ch4_fossil", "甲烷": "ch4_fossil",
    "n2o": "n2o", "氧化亚氮": "n2o",
}
_CARBON = {"c", "碳"}     # mass of carbon, not of CO2: refused (converting needs a stated oxidation rule)
_NUMERATOR = re.compile(
    r"^(?P<mass>" + "|".join(sorted(map(re.escape, _MASS_KG), key=len, reverse=True)) + r")"
    r"(?P<gas>.*)$", re.IGNORECASE)

# The unit imported factors of each dimension are stored per: mass, energy, volume, normal volume, transport work,
# distance, area, pieces, time, money. kWh for energy because electricity is the energy most studies count.
BASE_UNITS = ("kg", "kWh", "m3", "Nm3", "t*km", "km", "m2", "pcs", "h", "CNY")


@dataclass(frozen=True)
class FactorUnit:
    """How a number written in `text` becomes kg of `flow` per one `per_unit`: multiply by `multiplier`.

    `flow` is None when the unit names no gas ("kg/TJ"): the column the number sits in says which gas it is.
    """

    text: str
    flow: str | None
    per_unit: str
    multiplier: float


def split_factor_unit(text: str) -> tuple[str, str]:
    """('kgCO2e', 'kWh') from 'kgCO2e/kWh'; the numerator is empty when there is no '/' (a bare activity unit)."""
    clean = _clean(text)
    if "/" not in clean:
        return "", clean
    numerator, _, denominator = clean.partition("/")
    return numerator, denominator


@lru_cache(maxsize=2048)
def parse_factor_unit(text: str, default_numerator: str = "") -> FactorUnit:
    """Parse a factor unit; `default_numerator` (e.g. 'kgCO2e' from a header "排放因子(kgCO2e)") stands in when the
    text is only the activity unit ('kWh'). Raises UnitProblem with a message id of the library catalogue."""
    numerator, denominator = split_factor_unit(text)
    if not numerator and _is_numerator(denominator):
        raise UnitProblem("factor_unit.no_denominator", unit=str(text))     # "kgCO2e": per what?
    if not numerator:
        numerator = _clean(default_numerator)
    if not denominator:
        raise UnitProblem("factor_unit.no_denominator", unit=str(text))
    if not numerator:
        raise UnitProblem("factor_unit.no_numerator", unit=str(text))
    mass_kg, flow = parse_numerator(numerator, str(text))
    per_unit, per_multiplier = _base_unit(denominator, str(text))
    # 15 significant digits: 1000 × 3.6e-6 is 0.0036, not 0.0036000000000000003
    multiplier = float(f"{mass_kg * per_multiplier:.15g}")
    return FactorUnit(text=str(text).strip(), flow=flow, per_unit=per_unit, multiplier=multiplier)


def parse_numerator(numerator: str, whole: str = "") -> tuple[float, str | None]:
    """(kg per written mass unit, flow key or None) of 'tCO2', 'kg CO2-eq', '千克二氧化碳当量', 'kg'."""
    m = _NUMERATOR.match(numerator.replace(" ", ""))
    if not m:
        raise UnitProblem("factor_unit.no_mass", unit=whole or numerator)
    mass = m.group("mass")
    kg = _MASS_KG.get(mass, _MASS_KG.get(mass.lower()))
    gas = m.group("gas").lower().strip("()[]")
    if kg is None:
        raise UnitProblem("factor_unit.no_mass", unit=whole or numerator)
    if not gas:
        return kg, None
    if gas in _CARBON:
        raise UnitProblem("factor_unit.carbon", unit=whole or numerator)
    flow = _GAS_FLOW.get(gas)
    if flow is None:
        raise UnitProblem("factor_unit.unknown_gas", unit=whole or numerator, gas=m.group("gas"))
    return kg, flow


def _is_numerator(text: str) -> bool:
    """A mass of a named gas ("kgCO2e"), which cannot be an activity unit; a bare "kg" can."""
    try:
        return parse_numerator(text)[1] is not None
    except UnitProblem:
        return False


def base_unit_of(unit: str) -> str | None:
    """The base unit the library stores factors of this activity unit's dimension per (None: no base unit)."""
    return _base_by_dimension().get(parse_unit(unit).dimensionality)


@lru_cache(maxsize=1)
def _base_by_dimension() -> dict[object, str]:
    return {parse_unit(u).dimensionality: u for u in BASE_UNITS}


def _base_unit(denominator: str, whole: str) -> tuple[str, float]:
    """(base unit, multiplier) so that 'per 1 denominator' = 'per multiplier⁻¹ base units'; the denominator as
    written when its dimension has no base unit (e.g. a currency)."""
    try:
        base = base_unit_of(denominator)
    except UnitProblem:
        raise UnitProblem("factor_unit.unknown_denominator", unit=whole, denominator=denominator) from None
    if base is None:
        return denominator, 1.0
    # x kg per 1 denominator = x / (denominator in base units) kg per base unit
    return base, 1.0 / conversion_factor(denominator, base)


def _clean(text: str) -> str:
    """NFKC (CO₂ → CO2, full-width letters → ASCII), unified symbols, no spaces around '/', 'per' as '/'."""
    out = unicodedata.normalize("NFKC", str(text)).strip()
    out = re.sub(r"\s+per\s+", "/", out, flags=re.IGNORECASE).replace("每", "/")
    return normalize_unit_text(out)
