"""Read a study workbook into `ProjectData`, collecting every problem with its file, sheet, row and column.

Nothing is half-read: either the whole workbook is valid and a complete `ProjectData` comes back, or `InputError`
lists every problem found (up to MAX_PROBLEMS) and nothing else happens.
"""
from __future__ import annotations

import re
import zipfile
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.credit_code import credit_code_problem
from core.domain import (
    Activity,
    Allocation,
    Basis,
    Coproduct,
    DataType,
    EmissionFactor,
    Organization,
    Product,
    ProjectData,
    Study,
)
from core.errors import InputError, Location, Origin, Problem
from core.gwp import flow_keys
from core.lifecycle import Boundary
from core.workbook import layout
from core.workbook.cells import CellProblem, as_text, is_blank

MAX_PROBLEMS = 200
WORKBOOK_DATASET = "workbook"


@dataclass
class _Sheet:
    spec: layout.SheetSpec
    title: str
    columns: dict[str, tuple[int, str, str]]         # key -> (index, letter, header as written)
    extras: dict[int, str]                           # index -> header of columns we do not know
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def origin(self, file: str, row: int) -> Origin:
        cols = tuple((k, letter, header) for k, (_, letter, header) in self.columns.items())
        return Origin(file, self.title, row, cols)


class _Reader:
    def __init__(self, path: Path, library: Mapping[str, EmissionFactor], pending_amounts: bool = False):
        self.path = path
        self.pending_amounts = pending_amounts
        self.file = path.name
        self.library = library
        self.problems: list[Problem] = []

    # -- problems ----------------------------------------------------------------------------------------------
    def add(self, message_id: str, loc: Location, hint_id: str | None = None, **params: object) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message_id, params, loc, hint_id))

    def loc(self, sheet: _Sheet, row: int | None = None, key: str | None = None) -> Location:
        if key is not None and key in sheet.columns:
            _, letter, header = sheet.columns[key]
            return Location(self.file, sheet.title, row, letter, header)
        return Location(self.file, sheet.title, row)

    def get(self, sheet: _Sheet, rownum: int, values: tuple[Any, ...], key: str, required: bool = False) -> Any:
        """The value of one cell converted by its column's converter (`layout`, `fields`: the same one a GUI edit
        of that field uses); None if blank (and a problem if it was required) or invalid."""
        col = sheet.columns.get(key)
        raw = values[col[0]] if col is not None and col[0] < len(values) else None
        if is_blank(raw):
            if required:
                self.add("cell.required", self.loc(sheet, rownum, key), "hint.required",
                         column=key, zh=sheet.spec.column(key).zh)
            return None
        try:
            return sheet.spec.column(key).convert(raw)
        except CellProblem as e:
            self.add(e.message_id, self.loc(sheet, rownum, key), e.hint_id, **e.params)
            return None

    # -- sheets --------------------------------------------------------------------------------------------------
    def open(self) -> dict[str, _Sheet]:
        if not self.path.exists():
            raise InputError.one("workbook.missing", Location(self.file), "hint.workbook_missing", path=str(self.path))
        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
            raise InputError.one("workbook.not_xlsx", Location(self.file), "hint.not_xlsx",
                                 detail=type(e).__name__) from None
        try:
            sheets: dict[str, _Sheet] = {}
            for ws in wb.worksheets:
                spec = next((s for s in layout.SHEETS if _norm(ws.title) in s.spellings()), None)
                if spec is None or spec.key in sheets:
                    continue
                sheets[spec.key] = self.read_sheet(spec, ws.title, list(ws.iter_rows(values_only=True)))
        finally:
            wb.close()
        for spec in layout.SHEETS:
            if not spec.optional and spec.key not in sheets:
                self.add("workbook.sheet_missing", Location(self.file), "hint.sheet_missing",
                         sheet=spec.key, zh=spec.zh)
        return sheets

    def read_sheet(self, spec: layout.SheetSpec, title: str, rows: list[tuple[Any, ...]]) -> _Sheet:
        best_row, best = 0, {}
        for i, row in enumerate(rows[:10]):
            found = _match_headers(spec, row)
            if len(found) > len(best):
                best_row, best = i, found
        columns = {k: (idx, get_column_letter(idx + 1), as_text(rows[best_row][idx])) for k, idx in best.items()}
        header = rows[best_row] if rows else ()
        extras = {i: as_text(h) for i, h in enumerate(header)
                  if not is_blank(h) and i not in {c[0] for c in columns.values()}}
        sheet = _Sheet(spec, title, columns, extras)
        for col in spec.columns:
            if col.required and col.key not in columns:
                self.add("workbook.column_missing", Location(self.file, title, best_row + 1 if rows else None),
                         "hint.column_missing", column=col.key, zh=col.zh, sheet=title)
        known = [c[0] for c in columns.values()]
        for i, row in enumerate(rows[best_row + 1:], start=best_row + 2):
            if all(is_blank(row[j]) for j in known if j < len(row)):
                continue
            sheet.rows.append((i, row))
        return sheet

    # -- records -------------------------------------------------------------------------------------------------
    def products(self, sheet: _Sheet) -> list[Product]:
        out: list[Product] = []
        seen: dict[str, int] = {}
        for r, v in sheet.rows:
            code = self.get(sheet, r, v, "code", required=True)
            name = self.get(sheet, r, v, "name", required=True)
            du = self.get(sheet, r, v, "declared_unit", required=True)
            if code and code in seen:
                self.add("product.duplicate_code", self.loc(sheet, r, "code"), "hint.duplicate_code",
                         code=code, first_row=seen[code])
                continue
            boundary = self.get(sheet, r, v, "boundary")
            gwp = self.get(sheet, r, v, "gwp_set")
            alloc = self.get(sheet, r, v, "allocation")
            credit = self.get(sheet, r, v, "credit_code")
            if credit and (msg := credit_code_problem(credit)):
                self.add(msg, self.loc(sheet, r, "credit_code"), "hint.credit_code", value=credit)
            study = Study(
                boundary=boundary or Boundary.CRADLE_TO_GATE,
                period_start=self.get(sheet, r, v, "period_start"),
                period_end=self.get(sheet, r, v, "period_end"),
                period_output=self.get(sheet, r, v, "period_output"),
                allocation=alloc or Allocation.NONE,
                unit_price=self.get(sheet, r, v, "unit_price"),
                pcr_reference=self.get(sheet, r, v, "pcr") or "",
                cutoff_rule=self.get(sheet, r, v, "cutoff_rule") or "",
            )
            if gwp is not None:
                study.gwp_set = gwp
            if not (code and name and du):
                continue
            seen[code] = r
            out.append(Product(
                code=code, name=name, declared_unit=du, study=study,
                model=self.get(sheet, r, v, "model") or "",
                mass_per_unit_kg=self.get(sheet, r, v, "mass_per_unit_kg"),
                region=self.get(sheet, r, v, "region") or "",
                organization=self.get(sheet, r, v, "organization") or "",
                credit_code=(credit or "").upper(), origin=sheet.origin(self.file, r),
            ))
        return out

    def factors(self, sheet: _Sheet) -> dict[str, EmissionFactor]:
        out: dict[str, EmissionFactor] = {}
        first: dict[str, int] = {}
        for r, v in sheet.rows:
            code = self.get(sheet, r, v, "id", required=True)
            unit = self.get(sheet, r, v, "unit", required=True)
            before = len(self.problems)
            flows = {k: val for k in flow_keys() if (val := self.get(sheet, r, v, k)) is not None}
            year = self.get(sheet, r, v, "year")
            if code in first:
                self.add("factor.duplicate_id", self.loc(sheet, r, "id"), "hint.duplicate_code",
                         code=code, first_row=first[code])
                continue
            if not flows and len(self.problems) == before and code:
                self.add("factor.no_value", self.loc(sheet, r, "id"), "hint.factor_value", code=code)
                continue
            if "co2e" in flows and len(flows) > 1:
                self.add("factor.co2e_and_gases", self.loc(sheet, r, "co2e"), "hint.factor_value", code=code)
                continue
            if not (code and unit and flows):
                continue
            first[code] = r
            out[code] = EmissionFactor(
                code=code, name=self.get(sheet, r, v, "name") or code, unit=unit, unit_text=unit, flows=flows,
                source=self.get(sheet, r, v, "source") or "", year=int(year) if year is not None else None,
                geography=self.get(sheet, r, v, "geography") or "", dataset=f"{WORKBOOK_DATASET}: {self.file}",
                origin=sheet.origin(self.file, r),
            )
        return out

    def coproducts(self, sheet: _Sheet, products: dict[str, Product]) -> None:
        for r, v in sheet.rows:
            code = self.get(sheet, r, v, "product", required=True)
            name = self.get(sheet, r, v, "name", required=True)
            output = self.get(sheet, r, v, "output", required=True)
            price = self.get(sheet, r, v, "unit_price")
            if code and code not in products:
                self.add("coproduct.unknown_product", self.loc(sheet, r, "product"), "hint.unknown_product",
                         target=code)
                continue
            if code and name and output:
                products[code].study.coproducts.append(
                    Coproduct(name=name, output=output, unit_price=price, origin=sheet.origin(self.file, r)))

    def activities(self, sheet: _Sheet, products: dict[str, Product], factors: Mapping[str, EmissionFactor]) -> None:
        only = next(iter(products)) if len(products) == 1 else None
        for r, v in sheet.rows:
            code = self.get(sheet, r, v, "product") or only
            stage = self.get(sheet, r, v, "stage", required=True)
            name = self.get(sheet, r, v, "name", required=True)
            amount = self.get(sheet, r, v, "amount", required=not self.pending_amounts)
            unit = self.get(sheet, r, v, "unit", required=True)
            basis = self.get(sheet, r, v, "basis")
            dtype = self.get(sheet, r, v, "data_type")
            distance = self.get(sheet, r, v, "distance_km")
            ref = self.get(sheet, r, v, "factor", required=True) or ""
            if code is None:
                self.add("activity.product_required", self.loc(sheet, r, "product"), "hint.activity_product")
                continue
            if code not in products:
                self.add("activity.unknown_product", self.loc(sheet, r, "product"), "hint.unknown_product",
                         target=code)
                continue
            if ref and not self.reference_exists(ref, products, factors):
                linked = ref.lower().startswith("product:")
                self.add("activity.unknown_product_link" if linked else "activity.unknown_factor",
                         self.loc(sheet, r, "factor"), "hint.unknown_product" if linked else "hint.unknown_factor",
                         factor=ref, target=ref.split(":", 1)[-1].strip())
                continue
            if None in (stage, name, unit) or not ref or (amount is None and not self.pending_amounts):
                continue                     # each was reported; a blank amount of a template is still to be filled
            note = self.get(sheet, r, v, "note") or ""
            extra = [f"{h}: {as_text(v[i])}" for i, h in sheet.extras.items() if i < len(v) and not is_blank(v[i])]
            products[code].study.activities.append(Activity(
                stage=stage, name=name, amount=amount, unit=unit, basis=basis or Basis.PER_UNIT,
                factor_ref=ref, distance_km=distance, data_type=dtype or DataType.SECONDARY,
                source=self.get(sheet, r, v, "source") or "", note="; ".join([note, *extra]) if extra else note,
                origin=sheet.origin(self.file, r),
            ))

    @staticmethod
    def reference_exists(ref: str, products: Mapping[str, Product], factors: Mapping[str, EmissionFactor]) -> bool:
        if ref.lower().startswith("product:"):
            return ref.split(":", 1)[1].strip() in products
        return ref in factors

    def check_period_outputs(self, sheet: _Sheet, products: list[Product]) -> None:
        for p in products:
            if p.study.period_output is None and any(a.basis is Basis.PER_PERIOD for a in p.study.activities):
                row = p.origin.row if p.origin else None
                self.add("product.period_output_required", self.loc(sheet, row, "period_output"),
                         "hint.period_output_missing", code=p.code)

    def read(self) -> ProjectData:
        sheets = self.open()
        products = self.products(sheets["Products"]) if "Products" in sheets else []
        by_code = {p.code: p for p in products}
        own = self.factors(sheets["Factors"]) if "Factors" in sheets else {}
        resolvable: Mapping[str, EmissionFactor] = ChainMap(own, self.library)   # looked up, never copied
        if "Coproducts" in sheets:
            self.coproducts(sheets["Coproducts"], by_code)
        if "Activities" in sheets:
            self.activities(sheets["Activities"], by_code, resolvable)
        if "Products" in sheets:
            self.check_period_outputs(sheets["Products"], products)
        if self.problems:
            raise InputError(self.problems)
        used = {a.factor_ref for p in products for a in p.study.activities if a.linked_product is None}
        factors = {**{c: resolvable[c] for c in used if c not in own and c in resolvable}, **own}
        first = next((p for p in products if p.organization), None)
        organization = Organization(name=first.organization, credit_code=first.credit_code) if first else None
        return ProjectData(products=products, factors=factors, organization=organization, source_name=self.file)


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


def _match_headers(spec: layout.SheetSpec, row: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for idx, cell in enumerate(row):
        if is_blank(cell):
            continue
        text = _norm(as_text(cell))
        candidates = [text, *[t for t in _split_header(text) if t]]
        for col in spec.columns:
            if col.key not in found and any(c in col.spellings() for c in candidates):
                found[col.key] = idx
                break
    return found


def _split_header(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[\n/|()（）\[\]]", text)]
    words = text.split(" ")
    return parts + words + [" ".join(words[1:]), " ".join(words[:-1])]


def read_workbook(path: str | Path, library: Mapping[str, EmissionFactor] | None = None, *,
                  template: bool = False) -> ProjectData:
    """Read and validate a study workbook; `library` holds the built-in factors its activities may cite by id.

    A `template` (an association's sector template, a workbook half filled in) may leave amounts blank: such a row
    comes in with `amount=None`, to be entered in the window, and is never counted as 0. Without it a blank amount
    is a located problem, as every other required cell."""
    return _Reader(Path(path), library or {}, pending_amounts=template).read()
