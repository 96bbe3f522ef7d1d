"""Reading a number from the text of one cell: the one parser the study workbook and the factor importer share.

Why one: a value typed "１２,３４５.６" must mean the same thing in a study workbook, a factor file and a GUI cell.
Each repair is named (`fix.*`) so the caller decides whether to accept it with a note (factor files report it row by
row) or to refuse it (a study workbook accepts only full-width digits and thousands separators); each refusal is
named (`row.*`). Column-wise bulk reading (pandas) stays in `core.library.cell_values`, on top of this.
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

THOUSANDS = r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"               # 12,345.6 (never 0,227: a decimal)
DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")                        # 0,53 (only when the caller says so)
FOOTNOTE_MARK = re.compile(r"^(?P<number>.*?\d)\s*(?:\*+|[a-z]|[①-⑳]|\[\d+\]|\(\d+\)|（\d+）|※)$")
NO_NUMBER = frozenset({"", "-", "--", "—", "——", "/", "n/a", "na", "nan", "null", "none", "无", "暂无", "缺省"})


def parse_number_text(text: str, decimal_comma: bool = False) -> tuple[float | None, str | None, str | None]:
    """(value, fix message id, error message id) for the text of one cell."""
    raw = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-").replace(" ", "")
    if raw.lower() in NO_NUMBER:
        return None, None, "row.no_number"
    fix: str | None = "fix.full_width" if raw != text.strip() else None
    mark = FOOTNOTE_MARK.match(raw)
    if mark and not _is_float(raw):
        raw, fix = mark.group("number"), "fix.footnote_mark"
    if re.fullmatch(THOUSANDS, raw) and not (decimal_comma and DECIMAL_COMMA.match(raw)):
        raw, fix = raw.replace(",", ""), "fix.thousands"
    elif DECIMAL_COMMA.match(raw) and decimal_comma:
        raw, fix = raw.replace(",", "."), "fix.decimal_comma"
    if raw.endswith("%"):
        return None, None, "row.percent"
    try:
        value = float(raw)
    except ValueError:
        return None, None, "row.not_a_number"
    if not math.isfinite(value):
        return None, None, "row.not_finite"
    return value, fix, None


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def format_number(value: float) -> str:
    """A number as people write it in a table: thousands separators, every digit of its shortest exact form, never
    scientific notation (1250000.0 -> '1,250,000'; 2e-05 -> '0.00002'; 0.0978 -> '0.0978'). Reads back through
    `parse_number_text` to the same float."""
    if not math.isfinite(value):
        return str(value)
    text = format(Decimal(repr(float(value))), ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_significant(value: float, digits: int = 6) -> str:
    """`digits` significant digits with thousands separators and never scientific notation (0.0000507 for
    5.076e-05 at 3 digits; 21,849.1 at 6): for small gas masses beside large ones in one table."""
    if not math.isfinite(value):
        return str(value)
    rounded = Decimal(f"{value:.{digits}g}")
    text = format(rounded, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
