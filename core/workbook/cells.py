"""Reading one cell as the type its column needs, or saying exactly what is wrong with it."""
from __future__ import annotations

import math
import re
from datetime import date, datetime

from core.numbers import parse_number_text
from core.units import Amount, UnitProblem, parse_amount, parse_unit

_SILENT_FIXES = (None, "fix.full_width", "fix.thousands")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


class CellProblem(ValueError):
    """Raised by the converters below; the reader adds the cell's location."""

    def __init__(self, message_id: str, hint_id: str | None = None, **params: object):
        self.message_id, self.hint_id, self.params = message_id, hint_id, params
        super().__init__(message_id)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def as_number(value: object) -> float:
    """A number cell, or its text read by the shared parser (`core.numbers`); of its repairs only full-width digits
    and thousands separators are taken silently here, anything else (a footnote mark, "n/a", "5%") is refused."""
    if isinstance(value, bool):
        raise CellProblem("cell.not_number", "hint.number", value=str(value))
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise CellProblem("cell.not_number", "hint.number", value=str(value))
        return float(value)
    number, fix, error = parse_number_text(as_text(value))
    if number is None or error or fix not in _SILENT_FIXES:
        raise CellProblem("cell.not_number", "hint.number", value=as_text(value))
    return number


def as_amount(value: object, default_value: float | None = None) -> Amount:
    """'12000 t', '1 pcs', or a bare unit ('t') when `default_value` is given (declared unit '1 t')."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellProblem("cell.amount_needs_unit", "hint.amount", value=as_text(value))
    try:
        return parse_amount(as_text(value).translate(_FULLWIDTH), default_value=default_value)
    except UnitProblem as e:
        hint = "hint.unit" if e.message_id == "unit.unknown" else "hint.amount"
        raise CellProblem(e.message_id, hint, value=as_text(value), **e.params) from None


def as_unit(value: object) -> str:
    text = as_text(value)
    try:
        parse_unit(text)
    except UnitProblem as e:
        raise CellProblem(e.message_id, "hint.unit", value=text, **e.params) from None
    return text


def as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = as_text(value).translate(_FULLWIDTH)
    m = re.match(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise CellProblem("cell.not_date", "hint.date", value=text)


def as_choice(value: object, spellings: dict, message_id: str, hint_id: str):
    key = as_text(value).strip().lower()
    found = spellings.get(key)
    if found is None:
        raise CellProblem(message_id, hint_id, value=as_text(value))
    return found
