"""Units: parse what factories write ("24000 吨", "万kWh", "t·km") and convert exactly, or refuse.

pint does the arithmetic; `resources/units/pcf_units.txt` adds the Chinese units and spellings. A conversion between
units of different dimensions is an error, never a guess (m3 does not become Nm3, pieces do not become kg).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pint

from core.paths import resource_path

_SPELLINGS = {
    "·": "*", "×": "*", "⋅": "*", "．": ".", "（": "(", "）": ")", "／": "/",
    "³": "3", "²": "2", "ｍ": "m", "ｋ": "k", "ｇ": "g",
}
_NUMBER = re.compile(r"^\s*([-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


class UnitProblem(ValueError):
    """A unit text that cannot be understood, or two units that do not convert; `message_id` indexes the catalogue."""

    def __init__(self, message_id: str, **params: object):
        self.message_id = message_id
        self.params = params
        super().__init__(f"{message_id}: {params}")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """pint's registry with our units. Parsed definitions are cached in the user's cache folder (pint's ":auto:"),
    which takes a tenth of a second off every start; an unwritable or damaged cache falls back to parsing."""
    for cache in (":auto:", None):
        try:
            reg = pint.UnitRegistry(autoconvert_offset_to_baseunit=False, cache_folder=cache)
            reg.load_definitions(str(resource_path("units", "pcf_units.txt")))
            reg.parse_units("kWh")
            return reg
        except Exception:
            if cache is None:
                raise
    raise AssertionError("unreachable")


def normalize_unit_text(text: str) -> str:
    """Canonical spelling of a unit as written by a person: unify symbols, drop spaces around operators."""
    out = str(text).strip()
    for a, b in _SPELLINGS.items():
        out = out.replace(a, b)
    out = re.sub(r"\s*([*/])\s*", r"\1", out)
    return out


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    cleaned = normalize_unit_text(text)
    if not cleaned:
        raise UnitProblem("unit.empty")
    try:
        unit = registry().parse_units(cleaned)
    except Exception:
        raise UnitProblem("unit.unknown", unit=str(text)) from None
    return unit


@lru_cache(maxsize=4096)
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Multiplier m so that `x from_unit` equals `x * m to_unit`; raises UnitProblem if the dimensions differ."""
    src, dst = parse_unit(from_unit), parse_unit(to_unit)
    if src.dimensionality != dst.dimensionality:
        raise UnitProblem("unit.incompatible", from_unit=from_unit, to_unit=to_unit)
    try:
        factor = float(registry().Quantity(1.0, src).to(dst).magnitude)
    except (ArithmeticError, ValueError):
        factor = math.nan
    if not math.isfinite(factor) or factor == 0.0:
        raise UnitProblem("unit.unknown", unit=str(from_unit))     # e.g. "kg/1e-400"
    return factor


def same_dimension(a: str, b: str) -> bool:
    try:
        return parse_unit(a).dimensionality == parse_unit(b).dimensionality
    except UnitProblem:
        return False


def transport_unit(mass_unit: str, distance_unit: str = "km") -> str:
    """Unit of mass × distance, e.g. 'kg' over 'km' gives 'kg*km' (convertible to t*km)."""
    return f"({normalize_unit_text(mass_unit)})*{distance_unit}"


@dataclass(frozen=True)
class Amount:
    """A number with its unit as the user wrote it (e.g. declared unit '1 t', output '12000 吨')."""

    value: float
    unit: str

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"

    def to(self, unit: str) -> float:
        return self.value * conversion_factor(self.unit, unit)


def parse_amount(text: object, default_value: float | None = None) -> Amount:
    """Parse '12000 t', '1,000 kg', '1 pcs' or just 't' (with `default_value`); raises UnitProblem."""
    raw = normalize_unit_text(str(text if text is not None else ""))
    if not raw:
        raise UnitProblem("amount.empty")
    m = _NUMBER.match(raw)
    if m:
        value = float(m.group(1).replace(",", ""))
        unit = m.group(2)
    elif default_value is not None:
        value, unit = default_value, raw
    else:
        raise UnitProblem("amount.no_number", text=str(text))
    if not unit:
        raise UnitProblem("amount.no_unit", text=str(text))
    parse_unit(unit)
    return Amount(value, unit)
