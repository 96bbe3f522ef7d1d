"""Property tests of the factor-file importer: whatever a user hands over, it reads or refuses with a PcfError, and an
import either writes exactly the factors the report accepted or leaves the project file as it was.

Why these properties: factor files come from many publishers in many encodings and layouts; a traceback or a
half-written dataset would be worse than a clear refusal. Each example runs in its own temporary folder (function
fixtures and hypothesis do not mix), on a copy of one base project made once per module.
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.errors import InputError, PcfError
from core.library.factor_import import FactorFile, RowStatus, read_factor_file
from core.project import Project

HEADERS = ["编号", "名称", "排放因子", "单位", "来源", "年份", "地区", "id", "name", "factor", "unit", "source",
           "kgCO2e/kWh", "CO2", "CH4", "N2O", "因子编号", "排放因子(kgCO2e/kWh)", "类别", "备注", "序号", "CO2e",
           "排放因子单位", "tCO2/万Nm3", "数据来源", "适用地区"]
UNITS = ["kgCO2e/kWh", "tCO2/t", "kgCO2e/吨", "tCO2/万Nm3", "kgCO2e/kg", "kgCO2e/m3", "kgCH4/kg", "gN2O/km",
         "kgCO2e/t·km", "kg CO₂-eq / MWh", "kg", "tC/TJ", "kgCO2e/foo", "/", "tCO2/", "kgXYZ/kg", "万Nm3",
         "kgCO2e/元", "kgCO2e/", "kgCO2/GJ", "kgCO2e/(kg", "tCO2e/t)", "kgCO2e/100km", "kgCO2e/台·年", "tCO2/万",
         "kgCO2e/kg#1", "kgCO2e/件", "kgCO2e/m^3", "kgCO2e/1e400 kg", "kgCO2e/0 kg"]
ODD_NUMBERS = ["inf", "-inf", "NaN", "1e400", "-1e400", "1,234.5", "0,53", "0.5306*", "１２３", "12%", "—", "-",
               "n/a", "1 234", "1.2.3", "−0.5", "2.5①", "3[1]", "0x10", "1_000", "+7", ".5", "5.", "1e-320"]
YEARS = ["2022", "2022年", "2021-2022", "2022.0", "二〇二二", "1899", "9999"]
SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=10)
_PAD = " \t\r\n\u00a0\u3000"       # what the reader strips around a cell
BASE_FILE = "x.csv"
BASE_CSV = "因子编号,名称,排放因子,单位\nB1,基准电力,0.5703,kgCO2e/kWh\nB2,基准柴油,3.1,kgCO2e/kg\n"


# -- the base project and its fingerprint ------------------------------------------------------------------------

@dataclass(frozen=True)
class Base:
    """The base project file, the hash of its content, and what it holds: a failed import must leave all three."""

    path: Path
    dump: str
    datasets: int
    factors: int


def db_dump(path: Path) -> str:
    """sha256 of the whole database content (schema, rows, FTS shadow tables), read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    finally:
        conn.close()


def factor_count(path: Path) -> int:
    """Factor rows in the file, counted by SQLite itself (not through the code under test)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM emission_factors").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """A project already holding one dataset named like the fuzzed files ("x"), so imports make version 2."""
    folder = tmp_path_factory.mktemp("base")
    (folder / BASE_FILE).write_text(BASE_CSV, encoding="utf-8")
    with Project.create(folder / "base.pcfdesk") as project:
        project.import_factors(folder / BASE_FILE)
        n = len(project.datasets())
    path = folder / "base.pcfdesk"
    return Base(path, db_dump(path), n, factor_count(path))


# -- the properties ----------------------------------------------------------------------------------------------

def read_or_refuse(path: Path) -> FactorFile | None:
    """The file's report, or None when it was refused with an InputError; any other exception fails the test."""
    try:
        return read_factor_file(path)
    except InputError:
        return None


Expected = list[list[str | None]]       # the text the reader should see in each cell; None: cannot say


def check_report(read: FactorFile, rows_in_file: int, expected: Expected | None = None) -> None:
    """Counts add up, values are finite, every rejected row is named with a row of the file. With the table as
    written (`expected`): every non-blank row below the header ends accepted, fixed, rejected or skipped, and a note
    quoting a cell quotes what the file holds at that row and column."""
    report, batch = read.report, read.batch
    assert len(batch) == report.count(RowStatus.ACCEPTED) + report.count(RowStatus.FIXED)
    for positions, values in batch.flows.values():
        assert all(math.isfinite(v) for v in values.tolist())
        assert all(0 <= p < len(batch) for p in positions.tolist())
    assert all(batch.codes) and len(set(batch.codes)) == len(batch)
    rejected = report.notes(RowStatus.REJECTED)
    rejected_rows = {n.row for n in rejected}
    skipped_rows = {n.row for n in report.notes(RowStatus.SKIPPED)}
    assert len(rejected_rows) == report.count(RowStatus.REJECTED)
    assert len(skipped_rows) == report.count(RowStatus.SKIPPED)
    assert not rejected_rows & set(batch.rows) and not skipped_rows & (rejected_rows | set(batch.rows))
    assert {n.row for n in report.notes(RowStatus.FIXED)} <= set(batch.rows) | rejected_rows
    for note in rejected:
        assert report.header_row < note.row <= rows_in_file, note
    if rejected:
        with pytest.raises(InputError):
            read.require_clean()
    if expected is None:
        return
    for note in rejected:
        if note.column and "value" in note.params:
            row = expected[note.row - 1]
            col = _column_index(note.column)
            if col < len(row) and row[col] is not None:
                assert note.params["value"] == row[col], note
    below = range(report.header_row + report.header_rows, len(expected) + 1)
    known = [r for r in below if all(c is not None for c in expected[r - 1]) or any(expected[r - 1])]
    filled = {r for r in known if any(expected[r - 1])}
    accounted = set(batch.rows) | rejected_rows | skipped_rows
    assert accounted & set(known) == filled


def check_import(base: Base, folder: Path, path: Path, accept_rejected: bool) -> None:
    """Import into a copy of the base project: exactly len(batch) factors in one new dataset, or nothing at all."""
    project_path = folder / "p.pcfdesk"
    shutil.copyfile(base.path, project_path)
    read = read_or_refuse(path)
    project = Project.open(project_path)
    try:
        before = project.datasets()
        assert len(before) == base.datasets
        try:
            result = project.import_factors(path, accept_rejected=accept_rejected)
        except PcfError:
            unchanged = True
            assert project.datasets() == before
        else:
            unchanged = result.already_imported         # the base file itself: recognised by its SHA-256
            assert read is not None
            assert result.imported == (0 if unchanged else len(read.batch))
        if not unchanged:
            after = project.datasets()
            assert [replace(d, is_latest=False) for d in after[:-1]] == [replace(d, is_latest=False) for d in before]
            assert after[-1].factor_count == len(read.batch)
            assert after[-1].name == "x" and after[-1].version == "2"
    finally:
        project.close()
    if unchanged:
        assert db_dump(project_path) == base.dump
    else:
        assert factor_count(project_path) == base.factors + len(read.batch)


def _column_index(letter: str) -> int:
    """'A' -> 0, 'AB' -> 27: the column a note names, as an index into the table written."""
    index = 0
    for ch in letter:
        index = index * 26 + ord(ch) - 64
    return index - 1


# -- a) bytes ----------------------------------------------------------------------------------------------------

def _sample_xlsx() -> bytes:
    """A small readable workbook to corrupt: random bytes alone rarely get past the zip header."""
    wb = Workbook()
    ws = wb.active
    for row in (["编号", "名称", "排放因子", "单位"], ["A1", "电力", 0.57, "kgCO2e/kWh"], ["A2", "柴油", "3,100.5", "kgCO2e/t"]):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


SEEDS = [_sample_xlsx(), BASE_CSV.encode("utf-8"), BASE_CSV.encode("gb18030"), b"\xef\xbb\xbf" + BASE_CSV.encode(),
         BASE_CSV.encode("utf-16"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), b"PK\x03\x04" + bytes(100)]


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes, or a readable file (xlsx, CSV in several encodings, OLE and zip magic) with bytes changed."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return bytes(data)


@settings(max_examples=200, deadline=None)
@given(data=file_bytes(), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".txt"]), accept=st.booleans())
def test_any_bytes_are_read_or_refused_and_never_half_imported(base: Base, data: bytes, suffix: str,
                                                               accept: bool) -> None:
    """Damaged downloads, wrong extensions, binary junk: refused with a message, never a traceback or a write."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"x{suffix}"
        path.write_bytes(data)
        read = read_or_refuse(path)
        if read is not None:
            check_report(read, rows_in_file=max(len(data.splitlines()), 1) if suffix in {".csv", ".txt"} else 10**6)
        check_import(base, folder, path, accept)


# -- b) tables ---------------------------------------------------------------------------------------------------

def _number(v: float, style: int) -> str:
    """A number as factor files write it: repr, thousands separators, short, or a grouped integer."""
    if style == 0:
        return repr(v)
    if style == 1:
        return f"{v:,.3f}"
    if style == 2:
        return f"{v:.6g}"
    return f"{int(v):,}" if math.isfinite(v) and abs(v) < 1e15 else repr(v)


NUMBER_TEXT = st.builds(_number, st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e12),
                        st.integers(0, 3))
CELL = st.one_of(NUMBER_TEXT, NUMBER_TEXT, st.just(""), st.just(""), SAFE_TEXT, st.sampled_from(UNITS),
                 st.sampled_from(UNITS), st.sampled_from(ODD_NUMBERS), st.sampled_from(YEARS),
                 st.sampled_from(HEADERS), st.builds(lambda s: f" {s}\u3000", st.sampled_from(UNITS + ["1.5"])))
HEADER = st.one_of(st.sampled_from(HEADERS), st.sampled_from(HEADERS), SAFE_TEXT)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    """A header row and up to 10 data rows; mostly rectangular, sometimes ragged, sometimes blank rows."""
    width = draw(st.integers(1, 7))
    rows = [draw(st.lists(HEADER, min_size=width, max_size=width))]
    for _ in range(draw(st.integers(0, 10))):
        w = width if draw(st.integers(0, 5)) else draw(st.integers(0, width + 2))
        rows.append(draw(st.lists(CELL, min_size=w, max_size=w)))
    return rows


def write_csv(rows: list[list[str]], path: Path, delimiter: str, encoding: str) -> None:
    """CSV as Excel or a script would write it; GB18030 only when every cell can be encoded, else UTF-8."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    text = out.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path.write_bytes(data)


def write_xlsx(rows: list[list[str]], path: Path, as_numbers: bool) -> Expected:
    """The table as one sheet (number texts as numbers when `as_numbers`); returns what the reader should see,
    None for cells not written as the text they hold (numbers, formulas, characters Excel cannot hold)."""
    wb = Workbook()
    ws = wb.active
    expected: Expected = []
    for r, row in enumerate(rows, start=1):
        seen: list[str | None] = []
        for c, text in enumerate(row, start=1):
            value: object = ILLEGAL_CHARACTERS_RE.sub("", text)
            if as_numbers and _plain_float(text) is not None:
                value = _plain_float(text)
            seen.append(text.strip(_PAD) if value == text and not text.startswith("=") else None)
            ws.cell(row=r, column=c, value=value if value != "" else None)
        expected.append(seen)
    wb.save(path)
    return expected


def _plain_float(text: str) -> float | None:
    """The number a text cell would be if Excel held it as a number (None: it stays text)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@settings(max_examples=250, deadline=None)
@given(rows=tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), form=st.sampled_from(["csv", "csv", "xlsx"]),
       as_numbers=st.booleans(), accept=st.booleans())
def test_random_tables_give_a_consistent_report_and_a_whole_import(base: Base, rows: list[list[str]], delimiter: str,
                                                                   encoding: str, form: str, as_numbers: bool,
                                                                   accept: bool) -> None:
    """Tables as people make them (odd numbers, units, blanks, ragged rows): the report accounts for every row."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if form == "xlsx":
            path = folder / "x.xlsx"
            expected: Expected | None = write_xlsx(rows, path, as_numbers)
        else:
            path = folder / "x.csv"
            write_csv(rows, path, delimiter, encoding)
            expected = [[c.strip(_PAD) for c in row] for row in rows]
        read = read_or_refuse(path)
        if read is not None:
            sniffed_as_written = form == "xlsx" or read.report.delimiter == delimiter
            check_report(read, len(rows), expected if sniffed_as_written else None)
        check_import(base, folder, path, accept)


# -- c) hand-calculated ------------------------------------------------------------------------------------------

NAME = st.text(st.sampled_from("天然气煤焦炉高炉转炉液化石油炼厂干沼华东北南"), min_size=1, max_size=5)
VALUE = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(NAME, VALUE), min_size=1, max_size=12, unique_by=lambda r: r[0]),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_tco2_per_10k_nm3_is_stored_as_kg_per_nm3(rows: list[tuple[str, float]], delimiter: str,
                                                   encoding: str) -> None:
    """1 tCO2/万Nm3 = 1000 kg / 10,000 Nm3 = 0.1 kg CO2 (fossil) per Nm3."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "gas.csv"
        table = [["名称", "排放因子", "单位"]] + [[name, repr(v), "tCO2/万Nm3"] for name, v in rows]
        write_csv(table, path, delimiter, encoding)
        with Project.create(folder / "p.pcfdesk") as project:
            result = project.import_factors(path)
            assert result.imported == len(rows)
            stored = {f.name: f for f in project.dataset_factors(result.dataset)}
        assert set(stored) == {name for name, _ in rows}
        for name, v in rows:
            f = stored[name]
            assert f.unit == "Nm3" and f.unit_text == "tCO2/万Nm3"
            assert f.flows == {"co2_fossil": pytest.approx(v * 1000 / 10000, rel=1e-12)}


# -- inputs the properties once found crashing or losing rows (kept as regression tests) ---------------------

def _factor_csv(folder: Path, *data_rows: str) -> Path:
    path = folder / "x.csv"
    path.write_text("名称,排放因子,单位\n" + "".join(f"{r}\n" for r in data_rows), encoding="utf-8")
    return path


def test_unit_with_an_unbalanced_bracket_is_a_rejected_row(tmp_path: Path) -> None:
    read = read_factor_file(_factor_csv(tmp_path, "柴油,3.1,kgCO2e/(kg", "汽油,2.9,kgCO2e/kg"))
    assert [n.row for n in read.report.notes(RowStatus.REJECTED)] == [2]


def test_unit_divided_by_zero_is_a_rejected_row(tmp_path: Path) -> None:
    read = read_factor_file(_factor_csv(tmp_path, "柴油,3.1,kgCO2e/t/0", "汽油,2.9,kgCO2e/kg"))
    assert [n.row for n in read.report.notes(RowStatus.REJECTED)] == [2]


def test_value_overflowing_in_unit_conversion_is_rejected(tmp_path: Path) -> None:
    read = read_factor_file(_factor_csv(tmp_path, "柴油,1e306,tCO2/g", "汽油,2.9,kgCO2e/kg"))
    assert [n.row for n in read.report.notes(RowStatus.REJECTED)] == [2]
    assert read.batch.names == ["汽油"]


@pytest.mark.parametrize("value", ["0.5306*", "—", ""])
def test_first_data_row_with_an_odd_value_is_not_read_as_a_header(tmp_path: Path, value: str) -> None:
    read = read_factor_file(_factor_csv(tmp_path, f"柴油,{value},kgCO2e/kg", "汽油,2.9,kgCO2e/kg"))
    assert read.report.header_rows == 1
    assert 2 in set(read.batch.rows) | {n.row for n in read.report.notes(RowStatus.REJECTED)}
