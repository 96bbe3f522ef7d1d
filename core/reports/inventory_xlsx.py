"""The inventory workbook an auditor recomputes in Excel: every emission is a live formula over visible inputs.

Why formulas and not values: a verifier must be able to change one amount or factor and see the total move, and to
check by hand that nothing else went into the result. So each product gets its own sheet (the formulas then read
`=D5*G5*J5/I5` instead of carrying a product column), one row per activity the engine counted:

    quantity per declared unit  K = amount D [× distance F] × conversion G [× allocation share J ÷ period output I]
    emission                    R = K × kg CO2e per unit Q

in exactly the engine's order of operations (core/engine/compile.py), so Excel reproduces its float64 numbers to the
last bits. A product-link row's Q is a formula pointing at the linked product's total cell on that product's sheet,
so the whole chain recomputes; only a link inside a loop of products (which Excel could only iterate) or to a product
studied under another GWP set carries PCF Desk's number, with a note saying why. The "Factors" sheet shows where each
kg CO2e per unit comes from: the factor's gas flows × GWP-100 of the study's set, as SUMPRODUCT formulas.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.domain import Basis, EmissionFactor, Product, ProjectData
from core.engine import ProjectResult
from core.gwp import GwpSet, co2e_of, flow_keys, flow_vector, flows
from core.i18n import tr
from core.lifecycle import STAGES, Stage
from core.reports.completeness import left_out_lines

DEFAULT_LANG = "zh_CN"              # the auditors this is written for read Chinese; en on request
HEADER_ROW, FIRST_ROW = 4, 5
COLUMNS = ("index", "stage", "activity", "amount", "unit", "distance", "conversion", "conversion_units", "output",
           "share", "quantity", "quantity_unit", "factor", "factor_name", "source", "dataset", "factor_value",
           "emission", "note")
COL = {name: get_column_letter(i + 1) for i, name in enumerate(COLUMNS)}
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class _Row:
    """One counted activity with the engine's own inputs (coefficient, unit conversion, factor slot or linked
    product): the workbook restates the engine's numbers, it never derives its own."""

    activity_index: int
    coef: float
    conversion: float
    factor: EmissionFactor | None = None     # a factor row
    slot: int | None = None                  # its column in the engine's factor matrix
    target: int | None = None                # a product-link row: index of the linked product


def write_inventory(data: ProjectData, result: ProjectResult, path: str | Path,
                    product_codes: Iterable[str] | None = None, lang: str | None = None) -> Path:
    """Write the workbook for `product_codes` (default all) and every product they use through links, so each
    link formula has a sheet to point at. Returns the path written."""
    lang = lang or DEFAULT_LANG
    path = Path(path)
    writer = _InventoryWriter(data, result, lang)
    wanted = list(product_codes) if product_codes is not None else None
    writer.write(writer.closure(wanted), wanted)
    writer.wb.save(path)
    return path


class _InventoryWriter:
    def __init__(self, data: ProjectData, result: ProjectResult, lang: str):
        self.data, self.result, self.lang = data, result, lang
        self.cs = result.solved.compiled
        self.products: list[Product] = result.products
        self.index = {p.code: i for i, p in enumerate(self.products)}
        self.wb = Workbook()
        self.sheet_names: dict[int, str] = {}
        self.total_cells: dict[int, str] = {}       # product index → "$R$n" of its total formula
        self.factor_rows: dict[tuple[int, GwpSet], int] = {}   # (id of factor, GWP set) → row on the Factors sheet
        self.used_factors: list[tuple[EmissionFactor, GwpSet]] = []
        self._per_unit: dict[GwpSet, np.ndarray] = {}

    def t(self, message_id: str, **params: object) -> str:
        return tr(message_id, lang=self.lang, **params)

    # -- which products, in what order --------------------------------------------------------------------------
    def links_of(self, i: int) -> list[int]:
        return [int(q) for q in self.cs.la_target[self.cs.la_product == i]]

    def closure(self, codes: list[str] | None) -> list[int]:
        """The wanted products first (in the order asked), then every product they reach through links."""
        wanted = [self.index[c] for c in codes] if codes is not None else list(range(len(self.products)))
        order: list[int] = []
        stack = list(reversed(wanted))
        while stack:
            i = stack.pop()
            if i in order:
                continue
            order.append(i)
            stack.extend(q for q in reversed(self.links_of(i)) if q not in order)
        return order

    def reaches(self, start: int, goal: int) -> bool:
        seen, stack = set(), [start]
        while stack:
            i = stack.pop()
            if i == goal:
                return True
            if i not in seen:
                seen.add(i)
                stack.extend(self.links_of(i))
        return False

    # -- the workbook ------------------------------------------------------------------------------------------
    def write(self, order: list[int], wanted: list[str] | None) -> None:
        summary = self.wb.active
        summary.title = self.t("inventory.sheet_summary")
        taken = {summary.title.lower(), self.t("inventory.sheet_factors").lower()}
        if self.draft_sheet(wanted if wanted is not None else [p.code for p in self.products]):
            taken.add(self.t("documents.sheet_draft").lower())
        for i in order:
            self.sheet_names[i] = _unique_sheet_name(self.products[i].code, taken)
        for i in order:           # totals first: link formulas may point at a sheet written later
            self.total_cells[i] = self._total_cell(i)
        for i in order:
            self.product_sheet(i, self.wb.create_sheet(self.sheet_names[i]))
        self.summary_sheet(summary, order)
        self.factors_sheet(self.wb.create_sheet(self.t("inventory.sheet_factors")))

    def draft_sheet(self, codes: list[str]) -> bool:
        """A first sheet listing the activities a draft's result left out (none when complete)."""
        lines: list[str] = []
        for code in codes:
            lines += left_out_lines(self.result.product(code), self.lang)
        if not lines:
            return False
        ws = self.wb.create_sheet(self.t("documents.sheet_draft"), 0)
        for r, line in enumerate(dict.fromkeys(lines), start=1):
            ws.cell(r, 1, line).font = Font(bold=r == 1, color="C62828")
        _widths(ws, {"A": 120})
        self.wb.active = 0
        return True

    def rows_of(self, i: int) -> list[_Row]:
        cs = self.cs
        fa_conv = cs.fa_conversion if len(cs.fa_conversion) else np.ones(len(cs.fa_coef))
        la_conv = cs.la_conversion if len(cs.la_conversion) else np.ones(len(cs.la_coef))
        out = [_Row(int(cs.fa_activity[k]), float(cs.fa_coef[k]), float(fa_conv[k]),
                    factor=cs.factors[int(cs.fa_factor[k])], slot=int(cs.fa_factor[k]))
               for k in np.nonzero(cs.fa_product == i)[0]]
        out += [_Row(int(cs.la_activity[k]), float(cs.la_coef[k]), float(la_conv[k]), target=int(cs.la_target[k]))
                for k in np.nonzero(cs.la_product == i)[0]]
        return sorted(out, key=lambda r: r.activity_index)

    def _total_cell(self, i: int) -> str:
        n_rows = len(self.rows_of(i))
        n_stages = len(self.products[i].study.included_stages)
        return f"${COL['emission']}${FIRST_ROW + n_rows + 1 + n_stages}"

    def product_sheet(self, i: int, ws: Worksheet) -> None:
        p = self.products[i]
        gwp = self.result.gwp_of(p)
        ws["A1"] = self.t("inventory.title", code=p.code, name=p.name)
        ws["A1"].font = Font(bold=True, size=13)
        for col, (label, value) in zip("ACEG", [
                ("inventory.declared_unit", str(p.declared_unit)), ("inventory.boundary", p.study.boundary.label(
                    self.lang)), ("inventory.gwp_set", gwp.value), ("inventory.study_version", p.study.version)]):
            ws[f"{col}2"] = self.t(label)
            ws[f"{col}2"].font = _BOLD
            ws.cell(2, ws[f"{col}2"].column + 1, value)
        ws["A3"] = self.t("inventory.formula_note")
        _header(ws, HEADER_ROW, [self.t(f"inventory.col_{c}") for c in COLUMNS])
        rows = self.rows_of(i)
        r = FIRST_ROW
        for row in rows:
            self.activity_row(ws, r, p, gwp, row)
            r += 1
        last = r - 1
        r += 1
        subtotals: list[str] = []
        for stage in STAGES:
            if stage not in p.study.included_stages:
                continue
            ws[f"{COL['stage']}{r}"] = stage.label(self.lang)
            ws[f"{COL['activity']}{r}"] = self.t("inventory.subtotal", stage=stage.label(self.lang))
            e = COL["emission"]
            ws[f"{e}{r}"] = (f"=SUMIF(${COL['stage']}${FIRST_ROW}:${COL['stage']}${last},{COL['stage']}{r},"
                             f"${e}${FIRST_ROW}:${e}${last})" if rows else "=0")
            subtotals.append(f"{e}{r}")
            r += 1
        e = COL["emission"]
        assert f"${e}${r}" == self.total_cells[i]
        ws[f"{COL['activity']}{r}"] = self.t("inventory.total")
        ws[f"{e}{r}"] = f"=SUM({','.join(subtotals)})" if subtotals else "=0"
        ws[f"{COL['activity']}{r + 1}"] = self.t("inventory.engine_total")
        ws[f"{e}{r + 1}"] = self.result.total_kgco2e(p.code)
        ws[f"{COL['activity']}{r + 2}"] = self.t("inventory.difference")
        ws[f"{e}{r + 2}"] = f"={e}{r}-{e}{r + 1}"
        for rr in (r, r + 1, r + 2):
            ws[f"{COL['activity']}{rr}"].font = ws[f"{e}{rr}"].font = _BOLD
        _widths(ws, {"A": 6, "B": 16, "C": 30, "E": 10, "G": 14, "H": 18, "K": 16, "L": 12, "M": 30, "N": 28,
                     "O": 30, "P": 24, "Q": 16, "R": 20, "S": 40})
        ws.freeze_panes = f"A{FIRST_ROW}"

    def activity_row(self, ws: Worksheet, r: int, p: Product, gwp: GwpSet, row: _Row) -> None:
        a = p.study.activities[row.activity_index]
        c = {name: f"{COL[name]}{r}" for name in COLUMNS}
        ws[c["index"]] = row.activity_index + 1
        ws[c["stage"]] = Stage(a.stage).label(self.lang)
        ws[c["activity"]] = a.name
        ws[c["amount"]] = a.amount
        ws[c["unit"]] = a.unit
        product_terms = [c["amount"]]
        if a.distance_km is not None:
            ws[c["distance"]] = a.distance_km
            product_terms.append(c["distance"])
        from_text = self.t("inventory.transport", unit=a.unit) if a.distance_km is not None else a.unit
        if row.target is not None:
            target_unit = str(self.products[row.target].declared_unit)
        else:
            assert row.factor is not None
            target_unit = row.factor.unit
        ws[c["conversion"]] = row.conversion
        ws[c["conversion_units"]] = f"{from_text} → {target_unit}"
        product_terms.append(c["conversion"])
        formula = "=" + "*".join(product_terms)
        if a.basis is Basis.PER_PERIOD:      # engine: coef × share ÷ output, in this order
            pr = self.result.product(p.code)
            ws[c["output"]] = pr.period_output
            ws[c["share"]] = pr.allocation_share
            formula += f"*{c['share']}/{c['output']}"
        ws[c["quantity"]] = formula
        ws[c["quantity_unit"]] = target_unit
        ws[c["emission"]] = f"={c['quantity']}*{c['factor_value']}"
        if row.target is not None:
            self.link_cells(ws, c, p, gwp, row.target)
        else:
            f = row.factor
            assert f is not None
            ws[c["factor"]] = f.code
            ws[c["factor_name"]] = f.name
            ws[c["source"]] = f.source
            ws[c["dataset"]] = " / ".join(x for x in (f.dataset, f.dataset_version) if x)
            assert row.slot is not None
            ws[c["factor_value"]] = self.factor_value(f, row.slot, gwp)

    def link_cells(self, ws: Worksheet, c: dict[str, str], p: Product, gwp: GwpSet, target: int) -> None:
        q = self.products[target]
        i = self.index[p.code]
        ws[c["factor"]] = f"product:{q.code}"
        ws[c["factor_name"]] = q.name
        q_gwp = self.result.gwp_of(q)
        if self.reaches(target, i):
            ws[c["factor_value"]] = co2e_of(self.result.solved.totals[target], gwp)
            ws[c["note"]] = self.t("inventory.loop_note", code=p.code, target=q.code)
        elif q_gwp is not gwp:
            ws[c["factor_value"]] = co2e_of(self.result.solved.totals[target], gwp)
            ws[c["note"]] = self.t("inventory.gwp_note", target=q.code, target_gwp=q_gwp.value, gwp=gwp.value)
        else:
            sheet = self.sheet_names[target]
            ws[c["factor_value"]] = f"={_quote(sheet)}!{self.total_cells[target]}"
            ws[c["note"]] = self.t("inventory.link_note", sheet=sheet)

    def factor_value(self, f: EmissionFactor, slot: int, gwp: GwpSet) -> float:
        """kg CO2e per factor unit: the engine's own number (core.engine.results.ProjectResult.factor_kgco2e)."""
        key = (id(f), gwp)
        if key not in self.factor_rows:
            self.factor_rows[key] = len(self.used_factors)
            self.used_factors.append((f, gwp))
        return float(self._factor_kgco2e(gwp)[slot])

    def _factor_kgco2e(self, gwp: GwpSet) -> np.ndarray:
        if gwp not in self._per_unit:
            self._per_unit[gwp] = self.result.factor_kgco2e(gwp)
        return self._per_unit[gwp]

    def summary_sheet(self, ws: Worksheet, order: list[int]) -> None:
        ws["A1"] = self.t("inventory.summary_title")
        ws["A1"].font = Font(bold=True, size=13)
        org = self.data.organization
        if org is not None:
            ws["A2"], ws["B2"] = self.t("inventory.organization"), org.name
        head = ["col_product", "col_product_name", "declared_unit", "gwp_set", "study_version", "col_total",
                "col_engine", "col_difference"]
        _header(ws, HEADER_ROW, [self.t(f"inventory.{h}") for h in head])
        for r, i in enumerate(order, start=FIRST_ROW):
            p = self.products[i]
            ws.append([p.code, p.name, str(p.declared_unit), self.result.gwp_of(p).value, p.study.version,
                       f"={_quote(self.sheet_names[i])}!{self.total_cells[i]}", self.result.total_kgco2e(p.code),
                       f"=F{r}-G{r}"])
        _widths(ws, {"A": 16, "B": 30, "C": 14, "D": 10, "E": 10, "F": 22, "G": 22, "H": 14})

    def factors_sheet(self, ws: Worksheet) -> None:
        ws["A1"] = self.t("inventory.factors_title")
        ws["A1"].font = Font(bold=True, size=13)
        used_flows = [k for k in flow_keys() if any(f.flows.get(k) for f, _ in self.used_factors)]
        sets = sorted({g for _, g in self.used_factors}, key=lambda g: g.value)
        fixed = ["col_factor_code", "col_factor_name", "col_factor_unit", "col_source", "col_dataset_name",
                 "col_version", "col_year", "col_geography", "gwp_set", "col_factor_value", "col_engine"]
        first_flow = len(fixed) + 1
        last_col = get_column_letter(first_flow + max(len(used_flows), 1) - 1)
        gwp_rows: dict[GwpSet, int] = {}
        by_key = {f.key: f for f in flows()}
        for r, g in enumerate(sets, start=2):
            gwp_rows[g] = r
            ws.cell(r, len(fixed) - 2, self.t("inventory.gwp_row", gwp=g.value)).font = _BOLD
            for j, key in enumerate(used_flows):
                ws.cell(r, first_flow + j, by_key[key].gwp[g])
        header_row = 2 + len(sets) + 1
        _header(ws, header_row, [self.t(f"inventory.{h}") for h in fixed] + list(used_flows))
        first = get_column_letter(first_flow)
        for r, (f, g) in enumerate(self.used_factors, start=header_row + 1):
            ws.append([f.code, f.name, f.unit, f.source, f.dataset, f.dataset_version, f.year, f.geography, g.value,
                       f"=SUMPRODUCT({first}{r}:{last_col}{r},${first}${gwp_rows[g]}:${last_col}${gwp_rows[g]})",
                       co2e_of(flow_vector(f.flows), g),
                       *[f.flows.get(k, 0.0) or 0.0 for k in used_flows]])
        _widths(ws, {"A": 30, "B": 30, "C": 10, "D": 30, "E": 20, "F": 10, "J": 18, "K": 18})
        ws.freeze_panes = ws.cell(header_row + 1, 1)


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row, col, label)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws: Worksheet, widths: dict[str, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[col].width = width


def _unique_sheet_name(code: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = (code.translate(_INVALID_SHEET_CHARS).strip("'") or "_")[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"
