"""Which column of a factor file holds which factor field: guessed from the headers, or given and saved as JSON.

Why:
- Factor files name their columns in Chinese or English, with the unit in the header ("排放因子(kgCO2e/kWh)") or as the
  whole header ("kgCO2e/kWh"), over one header row or two (a merged "排放因子" above "CO2 | CH4 | N2O"). The guess reads
  the synonyms in `resources/library/column_synonyms.json`, so an association can teach it a new spelling without
  touching code.
- A mapping that worked is saved (`pcf factors import --save-mapping`) and reused for the next file of the same kind
  (`--mapping FILE`); the file is validated against `resources/library/mapping.schema.json`.
- Columns are named by their header text, not by position: a publisher that inserts a column does not silently shift
  every value into the wrong field.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

import jsonschema
import pandas as pd

from core.errors import InputError, Location
from core.library.factor_file import RawGrid
from core.library.factor_units import UnitProblem, parse_factor_unit, parse_numerator, split_factor_unit
from core.paths import resource_path

MAPPING_FORMAT = "pcf-factor-mapping/1"
_HEADER_SCAN_ROWS = 30
_BRACKETED = re.compile(r"[(\[{（【](?P<unit>[^()\[\]{}（）【】]*)[)\]}）】]")


class FactorField(str, Enum):
    ID = "id"
    NAME = "name"
    CATEGORY = "category"
    UNIT = "unit"
    GWP_BASIS = "gwp_basis"
    SOURCE = "source"
    YEAR = "year"
    GEOGRAPHY = "geography"
    UNCERTAINTY = "uncertainty"
    NOTES = "notes"
    # value columns, named by the flow of core.gwp they hold ("co2e": already in CO2e, or as the unit says)
    CO2E = "co2e"
    CO2 = "co2_fossil"
    CO2_BIOGENIC = "co2_biogenic"
    CH4 = "ch4_fossil"
    N2O = "n2o"

    @property
    def is_value(self) -> bool:
        return self in VALUE_FIELDS

    def label(self, lang: str | None = None) -> str:
        """The field's name for people (编号, 名称, 排放因子（CO2e）...); value fields read as their flow."""
        from core.gwp import flow_label
        from core.i18n import has_message, tr
        if has_message(f"factor_field.{self.value}"):
            return tr(f"factor_field.{self.value}", lang=lang)
        return tr("factor_field.value", lang=lang, flow=flow_label(self.value, lang))


VALUE_FIELDS = frozenset({FactorField.CO2E, FactorField.CO2, FactorField.CO2_BIOGENIC, FactorField.CH4,
                          FactorField.N2O})
_ALIASES = {"co2": FactorField.CO2, "ch4": FactorField.CH4, "co2e_kg": FactorField.CO2E, "value": FactorField.CO2E}


@dataclass
class ColumnMapping:
    """Field -> header text (as combined from the header rows), plus what the file itself does not say."""

    columns: dict[FactorField, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None      # 1-based row of the (first) header row; None = find it
    header_rows: int | None = None     # 1 or 2; None = decide from the file
    value_unit: str = ""               # numerator for files whose unit column holds only "kWh": e.g. "kgCO2e"
    default_unit: str = ""             # factor unit when the file has no unit column or header unit
    default_source: str = ""
    default_year: int | None = None
    default_geography: str = ""
    default_gwp_basis: str = ""
    allow_negative: bool = False       # a dataset of removals or credits

    def to_json(self) -> dict[str, object]:
        return {
            "format": MAPPING_FORMAT, "sheet": self.sheet, "header_row": self.header_row,
            "header_rows": self.header_rows, "columns": {f.value: h for f, h in self.columns.items()},
            "value_unit": self.value_unit, "allow_negative": self.allow_negative,
            "defaults": {"unit": self.default_unit, "source": self.default_source, "year": self.default_year,
                         "geography": self.default_geography, "gwp_basis": self.default_gwp_basis},
        }

    @classmethod
    def from_json(cls, data: object, file_name: str = "") -> ColumnMapping:
        try:
            jsonschema.validate(data, _schema())
        except jsonschema.ValidationError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
            raise InputError.one("mapping.invalid", Location(file_name), hint_id="hint.mapping_invalid",
                                 where=where, reason=exc.message) from exc
        assert isinstance(data, dict)
        defaults = data.get("defaults") or {}
        return cls(
            columns={_field(k): v for k, v in (data.get("columns") or {}).items()}, sheet=data.get("sheet"),
            header_row=data.get("header_row"), header_rows=data.get("header_rows"),
            value_unit=data.get("value_unit") or "", allow_negative=bool(data.get("allow_negative")),
            default_unit=defaults.get("unit") or "", default_source=defaults.get("source") or "",
            default_year=defaults.get("year"), default_geography=defaults.get("geography") or "",
            default_gwp_basis=defaults.get("gwp_basis") or "")

    def save(self, path: str | Path) -> None:
        path = Path(path)
        try:
            path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise InputError.one("mapping.cannot_save", Location(path.name), hint_id="hint.os_write",
                                 path=str(path), reason=exc.strerror or str(exc)) from exc

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError.one("mapping.unreadable", Location(path.name), hint_id="hint.mapping_invalid",
                                 where="(top)", reason=str(exc)) from exc
        return cls.from_json(data, path.name)


@dataclass(frozen=True)
class Header:
    """One column of the file: its position, Excel letter and name (two header rows joined by a space)."""

    index: int
    letter: str
    text: str

    @property
    def unit(self) -> str:
        """A unit written in the header: "(kgCO2e/kWh)", or the whole header when it is one ("tCO2/万Nm3")."""
        m = _BRACKETED.search(self.text)
        if m and _looks_like_unit(m.group("unit")):
            return m.group("unit").strip()
        return self.text.strip() if "/" in self.text and _looks_like_unit(self.text) else ""


@dataclass(frozen=True)
class HeaderLayout:
    headers: list[Header]
    first_row: int           # 1-based row of the first header row
    rows: int                # header rows (1 or 2)

    @property
    def data_start(self) -> int:
        """0-based index into the grid of the first data row."""
        return self.first_row - 1 + self.rows


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def find_header(grid: RawGrid, mapping: ColumnMapping | None = None) -> HeaderLayout | None:
    """The header rows: as the mapping says, else the row among the first 30 naming the most fields (at least two,
    one of them a value column), joined with the row below when that row is a sub-header (no numbers, gas names)."""
    cells = grid.cells
    if mapping is not None and mapping.header_row is not None:
        first = mapping.header_row
        rows = mapping.header_rows or (2 if _is_subheader(cells, first) else 1)
        return _layout(cells, first, rows) if first <= len(cells) else None
    if mapping is not None and mapping.columns:
        return _find_mapped_header(cells, mapping)
    best, best_score = None, 1
    for i in range(min(_HEADER_SCAN_ROWS, len(cells))):
        row = cells.iloc[i].tolist()
        matched = [classify(t) for t in row if t]
        score = sum(f is not None for f in matched)
        if score > best_score and any(f is not None and f.is_value for f in matched):
            best, best_score = i + 1, score
        elif score > best_score and i + 1 < len(cells) and _is_subheader(cells, i + 1):
            layout = _layout(cells, i + 1, 2)
            if any((f := classify(h.text)) is not None and f.is_value for h in layout.headers):
                best, best_score = i + 1, score
    if best is None:
        return None
    rows = (mapping.header_rows if mapping and mapping.header_rows else None) or (
        2 if _is_subheader(cells, best) else 1)
    return _layout(cells, best, rows)


def _find_mapped_header(cells: pd.DataFrame, mapping: ColumnMapping) -> HeaderLayout | None:
    """The row (or pair of rows) naming most of the mapping's columns."""
    wanted = {_key(h) for h in mapping.columns.values()}
    best: HeaderLayout | None = None
    best_score = 0
    for i in range(min(_HEADER_SCAN_ROWS, len(cells))):
        for rows in ((mapping.header_rows,) if mapping.header_rows else (1, 2)):
            layout = _layout(cells, i + 1, rows)
            score = len(wanted & {_key(h.text) for h in layout.headers})
            if score > best_score:
                best, best_score = layout, score
    return best


def guess_mapping(headers: list[Header]) -> ColumnMapping:
    """Each field to the header that names it best; a header is used once, a field once."""
    candidates: list[tuple[int, int, int, FactorField]] = []
    order = list(FactorField)
    for h in headers:
        for f, score in _scores(h.text).items():
            candidates.append((score, -order.index(f), -h.index, f))
    taken_fields: set[FactorField] = set()
    taken_headers: set[int] = set()
    columns: dict[FactorField, str] = {}
    for _, _, neg_index, f in sorted(candidates, reverse=True):
        if f in taken_fields or -neg_index in taken_headers:
            continue
        columns[f] = headers[-neg_index].text
        taken_fields.add(f)
        taken_headers.add(-neg_index)
    return ColumnMapping(columns=dict(sorted(columns.items(), key=lambda kv: order.index(kv[0]))))


def resolve(mapping: ColumnMapping, headers: list[Header], grid: RawGrid) -> dict[FactorField, Header]:
    """The header of each mapped field; a mapped header missing from the file is an error naming the columns there."""
    by_key = {_key(h.text): h for h in reversed(headers)}
    out: dict[FactorField, Header] = {}
    for f, text in mapping.columns.items():
        h = by_key.get(_key(text))
        if h is None:
            raise InputError.one("mapping.no_column", grid.location(), hint_id="hint.mapping_columns",
                                 field=f.value, header=text,
                                 columns=", ".join(f"{x.letter} {x.text}" for x in headers if x.text))
        out[f] = h
    return out


def classify(text: str) -> FactorField | None:
    scores = _scores(text)
    return max(scores, key=lambda f: scores[f]) if scores else None


# -- matching --------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _synonyms() -> dict[str, object]:
    return json.loads(resource_path("library", "column_synonyms.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _schema() -> dict[str, object]:
    return json.loads(resource_path("library", "mapping.schema.json").read_text(encoding="utf-8"))


def _field(name: str) -> FactorField:
    return _ALIASES.get(name) or FactorField(name)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).lower()


@lru_cache(maxsize=4096)
def _scores(text: str) -> dict[FactorField, int]:
    """How well a header names each field (0 = not at all), from the synonym file."""
    syn = _synonyms()
    unit = Header(0, "A", text).unit
    bare = _key(_BRACKETED.sub("", text) if _BRACKETED.search(text) else text)
    if not bare or bare in syn["ignore"]:
        return {}
    scores: dict[FactorField, int] = {}
    for name, words in syn["fields"].items():
        best = max((_match(bare, _key(w)) for w in words), default=0)
        if name == "unit" and any(bare.endswith(_key(w)) for w in words):
            best = max(best, 150)        # "排放因子单位" is a unit column, not a value column
        if best:
            scores[FactorField(name)] = best
    value = max((_match(bare, _key(w)) for w in syn["value"]), default=0)
    gas = _gas(bare)
    if unit:
        value = max(value, 50)
        gas = gas or _unit_gas(unit)
    if gas is not None:
        value = max(value, 40)
    if value and FactorField.UNIT not in scores:
        scores[FactorField(gas or "co2e")] = value + 1      # a value header beats a field it merely contains
    return scores


def _match(header: str, word: str) -> int:
    if not word:
        return 0
    if header == word:
        return 100 + len(word)
    return len(word) if word in header else 0


def _gas(bare: str) -> str | None:
    for flow, words in _synonyms()["gases"].items():
        if any(_key(w) in bare for w in words):
            return flow
    return None


def _unit_gas(unit: str) -> str | None:
    numerator, denominator = split_factor_unit(unit)
    try:
        return parse_numerator(numerator or denominator)[1]
    except UnitProblem:
        return None


def _looks_like_unit(text: str) -> bool:
    """A whole factor unit ("kgCO2e/kWh") or just its numerator ("kgCO2e", "tCO2")."""
    numerator, denominator = split_factor_unit(text)
    try:
        if numerator:
            parse_factor_unit(text)
        else:
            parse_numerator(denominator)
    except UnitProblem:
        return False
    return True


def _is_subheader(cells: pd.DataFrame, first_row: int) -> bool:
    """Whether the row below `first_row` (1-based) continues the header: text only, and either naming gases/units
    or sitting under blank (merged) cells of the row above."""
    if first_row >= len(cells):
        return False
    top, below = cells.iloc[first_row - 1].tolist(), cells.iloc[first_row].tolist()
    texts = [t for t in below if t]
    if not texts or any(_is_number(t) or _is_number(t.rstrip("*")) for t in texts):
        return False
    under_merged = any(b and not t for t, b in zip(top, below))
    # every cell names a gas or a unit ("CO2 | CH4 | N2O", "kg/TJ"): a data row always has a name that does not
    names_value = all(_gas(_key(t)) or _looks_like_unit(t) for t in texts)
    return under_merged or names_value


def _layout(cells: pd.DataFrame, first_row: int, rows: int) -> HeaderLayout:
    texts = top = cells.iloc[first_row - 1].tolist()
    if rows == 2 and first_row < len(cells):
        top = _fill_merged(top)
        below = cells.iloc[first_row].tolist()
        texts = [_join_header(t, b) for t, b in zip(top, below)]
    headers = [Header(i, column_letter(i), t) for i, t in enumerate(texts)]
    return HeaderLayout(headers, first_row, rows)


def _join_header(top: str, below: str) -> str:
    """"排放因子" over "CO2" -> "排放因子 CO2"; "CO2" over "kg/TJ" -> "CO2 (kg/TJ)" (a unit reads as the header's)."""
    if not below or below == top:
        return top
    if top and _looks_like_unit(below):
        return f"{top} ({below})"
    return f"{top} {below}".strip()


def _fill_merged(row: list[str]) -> list[str]:
    """A merged header cell arrives as its text then blanks: carry the text right over the blanks that follow it,
    only up to the next non-blank cell (blank columns at the end stay blank)."""
    out, last = [], ""
    last_filled = max((i for i, t in enumerate(row) if t), default=-1)
    for i, t in enumerate(row):
        if t:
            last = t
            out.append(t)
        else:
            out.append(last if i < last_filled else "")
    return out


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True
