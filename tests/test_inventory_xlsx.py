"""The inventory workbook recomputes the engine's footprint from its own visible inputs.

Fast tests evaluate the workbook's formulas in Python (the few shapes the writer produces) on hand-made products that
use every path: per-unit, transport, per-period with economic allocation, multi-gas factors and product links (plain,
in a loop, and across GWP sets). The slow test lets LibreOffice recalculate the demo workbook, as Excel would.
"""
from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from core.domain import ProjectData
from core.engine import ProjectResult, compute
from core.gwp import GwpSet
from core.reports.inventory_xlsx import COL, FIRST_ROW, write_inventory
from tests.builders import act, coproduct, factor, product

REL = 1e-9


def _data() -> ProjectData:
    factors = {f.code: f for f in [
        factor("ALU", "t", co2_fossil=16000.0, ch4_fossil=2.5, n2o=0.1),
        factor("TRUCK", "t*km", co2e=0.0978),
        factor("GRID", "kWh", co2_fossil=0.55, ch4_fossil=0.0004),
        factor("GAS", "GJ", co2_fossil=56.1, ch4_fossil=0.001, n2o=0.0001),
        factor("GLASS", "kg", co2e=1.13),
    ]}
    profile = product("PROFILE", [
        act("raw_materials", 1.03, "t", "ALU", name="billet"),
        act("raw_materials", 1.03, "t", "TRUCK", name="billet truck", distance_km=1600),
        act("production", 4150, "MWh", "GRID", name="extrusion power", basis="per_period"),
        act("production", 21600, "GJ", "GAS", name="oven gas", basis="per_period"),
    ], declared="1 t", boundary="cradle-to-gate", output="3000 t", allocation="economic", unit_price=21000,
        coproducts=[coproduct("scrap", "150 t", unit_price=12000)])
    window = product("WINDOW", [
        act("raw_materials", 38, "kg", "product:PROFILE", name="profile"),
        act("raw_materials", 20, "kg", "GLASS", name="glass"),
        act("distribution", 45, "kg", "TRUCK", name="delivery", distance_km=300),
        act("production", 410, "MWh", "GRID", name="assembly power", basis="per_period"),
    ], declared="1 pcs", boundary="cradle-to-grave", output="20000 pcs", mass_per_unit_kg=60)
    return ProjectData(products=[profile, window], factors=factors)


def _result(data: ProjectData) -> ProjectResult:
    return compute(data.products, data.factors, pinned=data.pinned_factors)


class _Evaluator:
    """Evaluates the formula shapes the writer emits (products/quotients of cells, a difference, SUM, SUMIF,
    SUMPRODUCT and cross-sheet references), left to right as Excel does."""

    CELL = r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]+)\$?(\d+)"

    def __init__(self, wb: openpyxl.Workbook):
        self.wb = wb

    def value(self, sheet: str, ref: str) -> object:
        v = self.wb[sheet][ref.replace("$", "")].value
        if isinstance(v, str) and v.startswith("="):
            return self.formula(sheet, v[1:])
        return v

    def cell(self, sheet: str, text: str) -> float:
        m = re.fullmatch(self.CELL, text)
        assert m, text
        other = m.group(1).replace("''", "'") if m.group(1) else sheet
        v = self.value(other, f"{m.group(2)}{m.group(3)}")
        return float(v)  # type: ignore[arg-type]

    def cells(self, sheet: str, rng: str) -> list[object]:
        ws = self.wb[sheet]
        return [self.value(sheet, c.coordinate) for row in ws[rng.replace("$", "")] for c in row]

    def formula(self, sheet: str, f: str) -> object:
        if m := re.fullmatch(r"SUMIF\(([^,]+),([^,]+),([^,]+)\)", f):
            keys, values = self.cells(sheet, m.group(1)), self.cells(sheet, m.group(3))
            wanted = self.value(sheet, m.group(2))
            return sum(float(v) for k, v in zip(keys, values) if k == wanted)  # type: ignore[arg-type]
        if m := re.fullmatch(r"SUMPRODUCT\(([^,]+),([^,]+)\)", f):
            a, b = self.cells(sheet, m.group(1)), self.cells(sheet, m.group(2))
            return sum(float(x or 0) * float(y or 0) for x, y in zip(a, b))  # type: ignore[arg-type]
        if m := re.fullmatch(r"SUM\((.+)\)", f):
            return sum(self.cell(sheet, c) for c in m.group(1).split(","))
        if m := re.fullmatch(rf"({self.CELL})-({self.CELL})", f):
            return self.cell(sheet, m.group(1)) - self.cell(sheet, m.group(5))
        tokens = re.split(r"([*/])", f)
        acc = self.cell(sheet, tokens[0])
        for op, operand in zip(tokens[1::2], tokens[2::2]):
            x = self.cell(sheet, operand)
            acc = acc * x if op == "*" else acc / x
        return acc


def _rows(ws) -> list[int]:
    """The activity rows of a product sheet (an activity number in column A)."""
    return [r for r in range(FIRST_ROW, ws.max_row + 1) if isinstance(ws[f"A{r}"].value, int)]


def _total_row(ws, label: str) -> int:
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"{COL['activity']}{r}"].value == label)


def test_every_emission_is_a_formula_that_reproduces_the_engine(tmp_path: Path):
    data = _data()
    result = _result(data)
    path = write_inventory(data, result, tmp_path / "inventory.xlsx", lang="en")
    wb = openpyxl.load_workbook(path)
    ev = _Evaluator(wb)
    assert wb.sheetnames == ["Summary", "PROFILE", "WINDOW", "Factors"]
    for code in ("PROFILE", "WINDOW"):
        ws, r = wb[code], result.product(code)
        by_activity = {c.activity_index: c for c in r.contributions}
        rows = _rows(ws)
        assert len(rows) == len(r.contributions)
        for row in rows:
            emission = ws[f"{COL['emission']}{row}"].value
            quantity = ws[f"{COL['quantity']}{row}"].value
            assert isinstance(emission, str) and emission.startswith("=")
            assert isinstance(quantity, str) and quantity.startswith("=")
            c = by_activity[ws[f"A{row}"].value - 1]
            assert ev.value(code, f"{COL['quantity']}{row}") == pytest.approx(c.quantity_per_declared_unit,
                                                                             rel=1e-15)
            assert ev.value(code, f"{COL['emission']}{row}") == pytest.approx(c.kgco2e, rel=1e-12)
        total = ev.value(code, f"{COL['emission']}{_total_row(ws, 'Total')}")
        assert total == pytest.approx(r.total_kgco2e, rel=1e-12)
        for stage_row in range(rows[-1] + 2, _total_row(ws, "Total")):
            formula = ws[f"{COL['emission']}{stage_row}"].value
            assert formula.startswith("=SUMIF(")
        summary_total = next(row for row in wb["Summary"].iter_rows(min_row=FIRST_ROW) if row[0].value == code)[5]
        assert ev.value("Summary", summary_total.coordinate) == pytest.approx(r.total_kgco2e, rel=1e-12)
    link_row = next(r for r in _rows(wb["WINDOW"]) if wb["WINDOW"][f"{COL['factor']}{r}"].value == "product:PROFILE")
    assert wb["WINDOW"][f"{COL['factor_value']}{link_row}"].value.startswith("='PROFILE'!$R$")


def test_per_period_rows_show_output_and_allocation_share_as_numbers(tmp_path: Path):
    data = _data()
    wb = openpyxl.load_workbook(write_inventory(data, _result(data), tmp_path / "i.xlsx", lang="en"))
    ws = wb["PROFILE"]
    power = next(r for r in _rows(ws) if ws[f"C{r}"].value == "extrusion power")
    assert ws[f"{COL['output']}{power}"].value == 3000
    assert ws[f"{COL['share']}{power}"].value == pytest.approx(3000 * 21000 / (3000 * 21000 + 150 * 12000))
    assert ws[f"{COL['conversion']}{power}"].value == 1000
    assert ws[f"{COL['conversion_units']}{power}"].value == "MWh → kWh"
    truck = next(r for r in _rows(ws) if ws[f"C{r}"].value == "billet truck")
    assert ws[f"{COL['distance']}{truck}"].value == 1600
    assert ws[f"{COL['quantity']}{truck}"].value == f"=D{truck}*F{truck}*G{truck}"


def test_factors_sheet_derives_each_factor_value_from_its_gas_flows(tmp_path: Path):
    data = _data()
    wb = openpyxl.load_workbook(write_inventory(data, _result(data), tmp_path / "i.xlsx", lang="en"))
    ws, ev = wb["Factors"], _Evaluator(wb)
    rows = [r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value in data.factors]
    assert sorted(ws[f"A{r}"].value for r in rows) == sorted(data.factors)
    for r in rows:
        assert ws[f"J{r}"].value.startswith("=SUMPRODUCT(")
        assert ev.value("Factors", f"J{r}") == pytest.approx(ws[f"K{r}"].value, rel=1e-12)
        assert ws[f"D{r}"].value == f"test source for {ws[f'A{r}'].value}"


def test_chinese_headers_by_default(tmp_path: Path):
    data = _data()
    wb = openpyxl.load_workbook(write_inventory(data, _result(data), tmp_path / "i.xlsx"))
    assert wb.sheetnames[0] == "汇总" and wb.sheetnames[-1] == "排放因子"
    assert wb["WINDOW"][f"{COL['emission']}4"].value == "排放量（kg CO2e/声明单位）"


def test_product_selection_brings_the_products_it_links_to(tmp_path: Path):
    data = _data()
    wb = openpyxl.load_workbook(write_inventory(data, _result(data), tmp_path / "i.xlsx", ["WINDOW"], lang="en"))
    assert wb.sheetnames == ["Summary", "WINDOW", "PROFILE", "Factors"]


def test_loops_and_other_gwp_sets_carry_the_engine_value_with_a_note(tmp_path: Path):
    data = _data()
    profile, window = data.products
    profile.study.activities.append(act("production", 0.001, "pcs", "product:WINDOW", name="jig"))
    other = product("OTHER", [act("raw_materials", 2, "kg", "GLASS"), act("raw_materials", 0.5, "kg", "ALU")])
    other.study.gwp_set = GwpSet.AR4
    window.study.activities.append(act("raw_materials", 1, "kg", "product:OTHER", name="other"))
    data.products.append(other)
    result = _result(data)
    wb = openpyxl.load_workbook(write_inventory(data, result, tmp_path / "i.xlsx", lang="en"))
    ev = _Evaluator(wb)
    for code in ("PROFILE", "WINDOW", "OTHER"):
        ws = wb[code]
        total = ev.value(code, f"{COL['emission']}{_total_row(ws, 'Total')}")
        assert total == pytest.approx(result.product(code).total_kgco2e, rel=1e-12)
    notes = [wb[s][f"{COL['note']}{r}"].value for s in ("PROFILE", "WINDOW") for r in _rows(wb[s])]
    assert sum("use each other" in (n or "") for n in notes) == 2
    assert sum("AR4" in (n or "") for n in notes) == 1


def _recalculate(src: Path, out_dir: Path, profile: Path) -> Path:
    """LibreOffice recomputes every formula while converting; its own profile so parallel runs do not collide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--calc",
                    "--convert-to", "xlsx", "--outdir", str(out_dir), str(src)],
                   check=True, capture_output=True, timeout=180)
    out = out_dir / src.name
    assert out.exists()
    return out


@pytest.mark.slow
def test_libreoffice_recalculates_the_demo_to_the_engine_totals(tmp_path: Path):
    from core.cli.main import main
    from core.project import Project
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    with Project.open(tmp_path / "demo" / "demo.pcfdesk", read_only=True) as project:
        data, result = project.data(), project.compute()
    src = write_inventory(data, result, tmp_path / "inventory.xlsx")
    # openpyxl writes formulas without cached results: every number read back below was computed by LibreOffice
    recalculated = _recalculate(src, tmp_path / "out", tmp_path / "lo-profile")
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    summary = wb["汇总"]
    seen = set()
    for row in summary.iter_rows(min_row=FIRST_ROW, values_only=True):
        code, excel_total, engine_total = row[0], row[5], row[6]
        seen.add(code)
        expected = result.product(code).total_kgco2e
        assert isinstance(excel_total, float | int)
        assert math.isclose(excel_total, expected, rel_tol=REL), (code, excel_total, expected)
        assert engine_total == pytest.approx(expected, rel=1e-14)    # LibreOffice saves 15 significant digits
        ws = wb[code]
        by_activity = {c.activity_index: c for c in result.product(code).contributions}
        for r in _rows(ws):
            assert math.isclose(ws[f"{COL['emission']}{r}"].value, by_activity[ws[f"A{r}"].value - 1].kgco2e,
                                rel_tol=REL)
    assert seen == {"AL-PROFILE", "WIN-60", "DOOR-80"}
