"""Small builders for hand-calculated test cases: products, factors and workbooks written by the tests themselves."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from core.domain import Activity, Allocation, Basis, Coproduct, EmissionFactor, Product, Study
from core.lifecycle import Boundary, Stage
from core.units import Amount


def factor(code: str, unit: str, **flows: float) -> EmissionFactor:
    return EmissionFactor(code=code, name=code, unit=unit, flows=flows, source=f"test source for {code}")


def act(stage: str, amount: float, unit: str, ref: str, name: str | None = None, basis: str = "per_unit",
        distance_km: float | None = None) -> Activity:
    return Activity(stage=Stage(stage), name=name or ref, amount=amount, unit=unit, basis=Basis(basis),
                    factor_ref=ref, distance_km=distance_km)


def product(code: str, activities: list[Activity], declared: str = "1 kg", boundary: str = "cradle-to-grave",
            output: str | None = None, allocation: str = "none", unit_price: float | None = None,
            coproducts: list[Coproduct] | None = None, mass_per_unit_kg: float | None = None) -> Product:
    value, unit = declared.split(" ", 1)
    study = Study(boundary=Boundary(boundary), activities=activities, allocation=Allocation(allocation),
                  unit_price=unit_price, coproducts=coproducts or [])
    if output:
        ov, ou = output.split(" ", 1)
        study.period_output = Amount(float(ov), ou)
    return Product(code=code, name=f"Product {code}", declared_unit=Amount(float(value), unit), study=study,
                   mass_per_unit_kg=mass_per_unit_kg)


def coproduct(name: str, output: str, unit_price: float | None = None) -> Coproduct:
    v, u = output.split(" ", 1)
    return Coproduct(name=name, output=Amount(float(v), u), unit_price=unit_price)


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Each sheet is a list of rows; the first row is the header as a user would write it."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


PRODUCTS_HEADER = ["code", "name", "declared_unit", "boundary", "period_output", "allocation", "unit_price"]
ACTIVITIES_HEADER = ["product", "stage", "name", "amount", "unit", "basis", "factor", "distance_km"]
FACTORS_HEADER = ["id", "name", "unit", "co2e", "co2_fossil", "ch4_fossil", "n2o", "source"]


def simple_workbook(path: Path, activities: list[list[Any]] | None = None, factors: list[list[Any]] | None = None,
                    products: list[list[Any]] | None = None) -> Path:
    """A valid one-product workbook; pass rows to replace any sheet's data."""
    return write_workbook(path, {
        "Products": [PRODUCTS_HEADER, *(products or [["P1", "Widget", "1 kg", "cradle-to-gate", "1000 kg", None, None]])],
        "Activities": [ACTIVITIES_HEADER, *(activities or [
            ["P1", "raw_materials", "steel", 2, "kg", None, "STEEL", None],
            ["P1", "production", "power", 500, "kWh", "per_period", "GRID", None],
        ])],
        "Factors": [FACTORS_HEADER, *(factors or [
            ["STEEL", "Steel", "kg", 2.5, None, None, None, "test"],
            ["GRID", "Grid", "kWh", 0.6, None, None, None, "test"],
        ])],
    })
