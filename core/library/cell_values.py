"""Numbers and years as factor files write them, read a whole column at a time.

Why column-wise: a national database download has hundreds of thousands of rows; pandas converts the plain numbers
in C and only the odd cells ("1,234.5", "0,53", "0.5306*", "１２３") are looked at one by one in Python. Every
repair is reported (the report says "accepted with a fix"), every refusal says why.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.numbers import THOUSANDS, parse_number_text

_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)")


@dataclass
class ParsedColumn:
    """Values (NaN where none), and per row the repair made or the reason for refusal (None: nothing to say)."""

    values: np.ndarray
    fixes: list[str | None]
    errors: list[str | None]


def parse_numbers(cells: pd.Series, decimal_comma: bool = False) -> ParsedColumn:
    """Read a column of number texts. Empty cells give NaN with no error (the caller decides if one is needed)."""
    n = len(cells)
    texts = cells.to_numpy(dtype=object)
    values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
    fixes: list[str | None] = [None] * n
    errors: list[str | None] = [None] * n
    todo = np.flatnonzero(np.isnan(values) & (cells.to_numpy(dtype=object) != ""))
    if len(todo):
        # the common repair in bulk: "12,345.6" (thousands separators), in C
        sub = cells.iloc[todo]
        grouped = sub.str.fullmatch(THOUSANDS).fillna(False).to_numpy(dtype=bool)
        if grouped.any():
            values[todo[grouped]] = pd.to_numeric(sub[grouped].str.replace(",", "", regex=False)).to_numpy(float)
            for i in todo[grouped]:
                fixes[i] = "fix.thousands"
            todo = todo[~grouped]
    for i in todo:
        value, fix, error = parse_number_text(str(texts[i]), decimal_comma)
        values[i] = np.nan if value is None else value
        fixes[i], errors[i] = fix, error
    bad = np.flatnonzero(np.isinf(values))
    for i in bad:
        values[i], errors[i] = np.nan, "row.not_finite"
    return ParsedColumn(values, fixes, errors)


def parse_years(cells: pd.Series) -> tuple[list[int | None], list[str | None]]:
    """Years from '2022', '2022.0', '2022年', '2021-2022' (the last year); a cell with no year gives None and a fix
    saying it was left empty (a year is useful, not required). A year column has few distinct texts: each is read
    once."""
    codes, uniques = pd.factorize(cells)
    parsed = [_year(str(u)) for u in uniques]
    years = np.array([y for y, _ in parsed] + [None], dtype=object)     # code -1 (missing) takes the last
    fixes = np.array([x for _, x in parsed] + [None], dtype=object)
    return years[codes].tolist(), fixes[codes].tolist()


def _year(text: str) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isfinite(value) and value == int(value) and 1900 <= value <= 2200:
        return int(value), None
    found = _YEAR.findall(unicodedata.normalize("NFKC", text))
    return (int(found[-1]), "fix.year_read") if found else (None, "fix.year_dropped")
