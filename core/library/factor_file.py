"""Open a factor file as people hand it over: a grid of text cells, whatever the encoding, separator or format.

Why it is shaped this way:
- Everything is read as text (`dtype=str`), header rows included (`header=None`): deciding which row is the header,
  what a number is and what counts as a footnote is `column_mapping` and `factor_import`'s job, with row numbers that
  match what the user sees in Excel or a text editor.
- Encodings are decided by rule, not by statistics: a BOM (UTF-8, UTF-16 as Excel's "Unicode text" writes it), then
  strict UTF-8, then GB18030 (the superset of GBK and GB2312 that Chinese Excel writes). A general detector such as
  charset-normalizer guesses Big5 or cp1252 on short GBK files; these three cover what factor files come in.
- The separator is sniffed over the first lines (comma, tab, semicolon); rows may have different lengths (title
  lines, footnotes), so the grid is as wide as the widest row.
- `.xlsx` and `.xls` through calamine (python-calamine via pandas: one Rust reader for both formats, the engine
  pandas recommends now that it deprecates xlrd, and far faster than openpyxl on big sheets): merged cells arrive as
  one value in the first cell and blanks after it, which the header reader fills across.
- Any failure to read becomes an InputError naming the file, never a traceback.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from core.errors import InputError, Location

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})
_DELIMITERS = (",", "\t", ";")
_SNIFF_LINES = 60
_SAMPLE_BYTES = 65536


@dataclass(frozen=True)
class RawGrid:
    """The cells of one table, as text ("" for empty); row i of `cells` is row i + 1 of the file or sheet."""

    cells: pd.DataFrame
    file_name: str
    sha256: str
    sheet: str | None = None        # Excel sheet name; None for text files
    encoding: str | None = None     # text files: the encoding used
    delimiter: str | None = None    # text files: the separator used

    def location(self, row: int | None = None, column: str | None = None, header: str | None = None) -> Location:
        return Location(self.file_name, self.sheet, row, column, header)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_grids(path: str | Path, sheet: str | None = None) -> list[RawGrid]:
    """The grid of a text file, or of each sheet of a workbook (only `sheet` when given)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.one("factor_file.cannot_read", Location(path.name), hint_id="hint.factor_file_path",
                             reason=exc.strerror or str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _excel_grids(data, path.name, digest, suffix, sheet)
    if suffix in CSV_SUFFIXES or not suffix:
        return [_text_grid(data, path.name, digest)]
    raise InputError.one("factor_file.unsupported", Location(path.name), hint_id="hint.factor_file_format",
                         suffix=suffix)


ENCODING_LABELS = {"utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16", "utf-8": "UTF-8", "gb18030": "GBK/GB18030"}


def detect_encoding(data: bytes, file_name: str) -> str:
    """The codec of a text file: by BOM, then UTF-8 if the bytes are valid UTF-8, else GB18030; binary data refused.

    Only a sample is decoded here; the full check happens while pandas reads (a UnicodeDecodeError there makes the
    reader try the next codec), so a 50 MB file is not decoded twice."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        raise InputError.one("factor_file.encoding", Location(file_name), hint_id="hint.factor_file_encoding")
    sample = data[:_SAMPLE_BYTES]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) == len(data))
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def decode_head(data: bytes, encoding: str, file_name: str) -> str:
    """The first part of the file as text, for sniffing (a character cut at the end of the sample is dropped)."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data[:_SAMPLE_BYTES], final=False)
    except UnicodeDecodeError as exc:
        raise InputError.one("factor_file.encoding", Location(file_name),
                             hint_id="hint.factor_file_encoding") from exc


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of the same width (ties: comma)."""
    lines = [ln for ln in _head_lines(text) if ln.strip()]
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]), default=(1, 0))
        score = count * (width > 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_grid(data: bytes, file_name: str, digest: str) -> RawGrid:
    encoding = detect_encoding(data, file_name)
    head = decode_head(data, encoding, file_name)
    if not head.strip():
        raise InputError.one("factor_file.empty", Location(file_name), hint_id="hint.factor_file_content")
    delimiter = sniff_delimiter(head)
    width = max((len(r) for r in csv.reader(_head_lines(head), delimiter=delimiter)), default=1)
    cells: pd.DataFrame | None = None
    for attempt in range(3):
        try:
            cells = _read_csv(data, encoding, delimiter, width)
            break
        except UnicodeDecodeError as exc:
            if encoding != "utf-8":      # GB18030 decodes nearly anything; failing it, the file is not text
                raise InputError.one("factor_file.encoding", Location(file_name),
                                     hint_id="hint.factor_file_encoding") from exc
            encoding = "gb18030"         # valid UTF-8 at the start only
        except pd.errors.ParserError as exc:
            if attempt:
                raise _unreadable(file_name, exc) from exc
            # a row further down is wider than the first lines: measure every row, then read again
            text = data.decode(encoding, errors="replace")
            width = max(len(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter))
        except (ValueError, UnicodeError, csv.Error) as exc:
            raise _unreadable(file_name, exc) from exc
    if cells is None:
        raise InputError.one("factor_file.encoding", Location(file_name), hint_id="hint.factor_file_encoding")
    return RawGrid(_strip(cells, padded=False), file_name, digest, encoding=ENCODING_LABELS.get(encoding, encoding),
                   delimiter=delimiter)


def _head_lines(head: str) -> list[str]:
    return head.splitlines()[:_SNIFF_LINES]


def _read_csv(data: bytes, encoding: str, delimiter: str, width: int) -> pd.DataFrame:
    """pandas' C parser on the original bytes: it decodes UTF-8 itself, far faster than from a str or through the
    "utf-8-sig" codec (which goes through Python), so a UTF-8 BOM is read as UTF-8 and dropped from the first cell."""
    sig = encoding == "utf-8-sig"
    cells = pd.read_csv(io.BytesIO(data), sep=delimiter, header=None, names=range(width), dtype=object,
                        na_filter=False, skip_blank_lines=False, engine="c", quotechar='"',
                        skipinitialspace=True, encoding="utf-8" if sig else encoding)
    if sig and len(cells) and str(cells.iat[0, 0]).startswith("\ufeff"):
        cells.iat[0, 0] = str(cells.iat[0, 0])[1:]
    return cells


def _excel_grids(data: bytes, file_name: str, digest: str, suffix: str, sheet: str | None) -> list[RawGrid]:
    engine = "calamine"
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=sheet if sheet is not None else None, header=None,
                               dtype=str, engine=engine)
    except ValueError as exc:
        if sheet is not None and "not found" in str(exc).lower():
            raise InputError.one("factor_file.no_sheet", Location(file_name, sheet), hint_id="hint.factor_file_sheet",
                                 sheet=sheet) from exc
        raise _unreadable(file_name, exc) from exc
    except Exception as exc:
        raise _unreadable(file_name, exc) from exc
    if isinstance(sheets, pd.DataFrame):
        sheets = {sheet: sheets}
    grids = [RawGrid(_strip(df.fillna("")), file_name, digest, sheet=str(name)) for name, df in sheets.items()]
    if not any(len(g.cells) for g in grids):
        raise InputError.one("factor_file.empty", Location(file_name), hint_id="hint.factor_file_content")
    return grids


def _strip(cells: pd.DataFrame, padded: bool = True) -> pd.DataFrame:
    """Cells without surrounding spaces (NBSP and full-width spaces included), columns numbered 0.. .

    Text files skip this (`padded=False`): pandas drops the spaces after a separator while parsing, and the checker
    strips the few columns it reads when one of their cells still ends in a space (`strip_column`); stripping
    every cell of a 200,000-row file would cost as much as reading it."""
    if not all(pd.api.types.is_object_dtype(dtype) for dtype in cells.dtypes):
        cells = cells.astype(str).astype(object)        # plain Python strings: numpy compares them fastest
    cells.columns = range(cells.shape[1])
    if padded:
        for col in cells.columns:
            cells[col] = cells[col].str.strip(WHITESPACE)
    return cells.reset_index(drop=True)


WHITESPACE = " \t\r\n\u00a0\u3000"


def strip_column(column: pd.Series, repetitive: bool = False) -> pd.Series:
    """The column without surrounding white space, copied only when some cell has any.

    Checked in C, not cell by cell: a `repetitive` column (unit, region, source) is stripped over its distinct
    values; any other is joined into one string and searched for white space beside a separator."""
    if repetitive:
        codes, uniques = pd.factorize(column)
        stripped = [u.strip(WHITESPACE) for u in uniques.tolist()]
        if stripped == uniques.tolist():
            return column
        table = np.array([*stripped, ""], dtype=object)         # code -1 (missing) takes the last
        return pd.Series(table[codes], index=column.index, dtype=object)
    joined = "\x1f" + "\x1f".join(column.tolist()) + "\x1f"
    if any(w in joined and (w + "\x1f" in joined or "\x1f" + w in joined) for w in WHITESPACE):
        return column.str.strip(WHITESPACE)
    return column


def _unreadable(file_name: str, exc: BaseException) -> InputError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError.one("factor_file.unreadable", Location(file_name), hint_id="hint.factor_file_format",
                          reason=reason[:200])
