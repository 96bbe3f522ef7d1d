"""One rule per field: a text typed into a GUI cell (core.editing) and the same text in a study workbook cell are
accepted as the same value or refused with the same message; factor files and workbooks read numbers with one
parser (core.numbers)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from builders import write_workbook

from core.domain import Activity, Basis, DataType
from core.editing import edit_activity
from core.errors import InputError, PcfError
from core.library.cell_values import parse_numbers, parse_years
from core.lifecycle import Stage
from core.numbers import parse_number_text
from core.workbook import read_workbook
from core.workbook.cells import CellProblem, as_number

HEADER = ["product", "stage", "name", "amount", "unit", "basis", "factor", "distance_km", "data_type"]
ROW = {"product": "P", "stage": "raw_materials", "name": "steel", "amount": 2, "unit": "kg", "basis": "per_unit",
       "factor": "F", "distance_km": None, "data_type": "primary"}
CASES = [                           # field, text typed, what both must make of it (a value, or the message id)
    ("amount", "1,234.5", 1234.5), ("amount", "１２", 12.0), ("amount", "0.5*", "cell.not_number"),
    ("amount", "-3", "cell.negative"), ("amount", "n/a", "cell.not_number"), ("amount", "5%", "cell.not_number"),
    ("amount", "1e400", "cell.not_number"),
    ("basis", "单位产品", Basis.PER_UNIT), ("basis", "核算期总量", Basis.PER_PERIOD), ("basis", "每件", "cell.bad_basis"),
    ("data_type", "实测", DataType.PRIMARY), ("data_type", "次级", DataType.SECONDARY),
    ("data_type", "measured?", "cell.bad_data_type"),
    ("stage", "原材料获取", Stage.RAW_MATERIALS), ("stage", "somewhere", "cell.bad_stage"),
    ("unit", "吨", "吨"), ("unit", "xyzzy", "unit.unknown"),
    ("distance_km", "260", 260.0), ("distance_km", "-1", "cell.negative"),
]


def _from_workbook(tmp_path: Path, field: str, text: str) -> object:
    row = dict(ROW, **{field: text})
    path = write_workbook(tmp_path / "w.xlsx", {
        "Products": [["code", "name", "declared_unit", "period_output"], ["P", "Product", "1 kg", "100 kg"]],
        "Activities": [HEADER, [row[h] for h in HEADER]],
        "Factors": [["id", "name", "unit", "co2e"], ["F", "F", "kg", 1.0], ["F-T", "F-T", "t*km", 0.1]],
    })
    try:
        activity = read_workbook(path).products[0].study.activities[0]
    except PcfError as e:
        return e.problems[0].message_id
    return getattr(activity, field)


def _from_edit(field: str, text: str) -> object:
    try:
        return getattr(edit_activity(Activity(stage=Stage.RAW_MATERIALS, name="steel", amount=2, unit="kg",
                                              factor_ref="F"), field, text), field)
    except InputError as e:
        return e.problems[0].message_id


@pytest.mark.parametrize(("field", "text", "expected"), CASES)
def test_a_workbook_cell_and_a_gui_edit_read_a_text_alike(tmp_path: Path, field: str, text: str,
                                                          expected: object) -> None:
    assert _from_edit(field, text) == expected
    assert _from_workbook(tmp_path, field, text) == expected


def test_one_number_parser_for_workbook_cells_and_factor_files() -> None:
    texts = ["12,345.6", "１２３", "0.5306*", "0,53", "n/a", "5%", "inf"]
    column = parse_numbers(pd.Series(texts, dtype=object))
    for i, text in enumerate(texts):
        value, fix, error = parse_number_text(text)
        assert (None if pd.isna(column.values[i]) else column.values[i]) == value
        assert (column.fixes[i], column.errors[i]) == (fix, error)
    assert [parse_number_text(t)[0] for t in texts] == [12345.6, 123.0, 0.5306, None, None, None, None]
    # a study workbook takes the full-width and thousands repairs silently and refuses the rest
    assert as_number("12,345.6") == 12345.6 and as_number("１２３") == 123.0
    for refused in ("0.5306*", "0,53", "n/a", "5%", "inf"):
        with pytest.raises(CellProblem):
            as_number(refused)


def test_an_infinite_year_in_a_factor_file_is_dropped_not_a_crash() -> None:
    years, fixes = parse_years(pd.Series(["INF", "2022", "-inf", "nan"], dtype=object))
    assert years == [None, 2022, None, None]
    assert fixes == ["fix.year_dropped", None, "fix.year_dropped", "fix.year_dropped"]


def test_numbers_are_written_without_scientific_notation_and_read_back() -> None:
    from core.numbers import format_number, format_significant
    assert [format_number(x) for x in (1_250_000.0, 2e-05, 0.0978, -3.5, 0.0)] == [
        "1,250,000", "0.00002", "0.0978", "-3.5", "0"]
    for x in (1_250_000.0, 2e-05, 0.0978, 123456.789, 1 / 3, 1e22):
        assert parse_number_text(format_number(x))[0] == x                  # the table's text reads back exactly
    assert [format_significant(x) for x in (5.076e-05, 21849.1234, 11.40476)] == ["0.00005076", "21,849.1",
                                                                                 "11.4048"]


def test_a_leading_zero_is_never_read_as_thousands() -> None:
    """'0,227' is a decimal comma (0.227), never 227: refused where commas are not decimals, read as 0.227 where the
    file says they are; '1,234' stays one thousand two hundred and thirty-four."""
    from core.library.cell_values import parse_numbers
    assert parse_number_text("0,227") == (None, None, "row.not_a_number")
    assert parse_number_text("0,227", decimal_comma=True) == (0.227, "fix.decimal_comma", None)
    assert parse_number_text("1,234")[0] == 1234.0 and parse_number_text("-0,5")[0] is None
    column = parse_numbers(pd.Series(["0,227", "3,1"], dtype=object), decimal_comma=True)
    assert list(column.values) == [0.227, 3.1]
    with pytest.raises(CellProblem):
        as_number("0,227")                                  # a study workbook refuses it with the cell named
