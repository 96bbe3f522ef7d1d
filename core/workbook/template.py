"""Write an empty study workbook: bilingual headers, dropdowns for every closed list, and a how-to sheet."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.gwp import GwpSet
from core.i18n import tr
from core.lifecycle import STAGES, Boundary
from core.workbook import layout

COMMON_UNITS = ("kg", "t", "g", "kWh", "MWh", "GJ", "MJ", "Nm3", "m3", "L", "t*km", "km", "pcs", "m2", "tce")
MAX_ROWS = 2000
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")

_DROPDOWNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Products", "boundary"): tuple(b.value for b in Boundary),
    ("Products", "gwp_set"): tuple(g.value for g in GwpSet),
    ("Products", "allocation"): ("none", "mass", "economic"),
    ("Activities", "stage"): tuple(s.value for s in STAGES),
    ("Activities", "basis"): ("per_unit", "per_period"),
    ("Activities", "data_type"): ("primary", "secondary"),
    ("Activities", "unit"): COMMON_UNITS,
    ("Factors", "unit"): COMMON_UNITS,
}


def write_template(path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    guide = wb.active
    guide.title = tr("template.guide_sheet", lang="zh_CN")
    for i, key in enumerate(("intro", "products", "activities", "factors", "coproducts", "units", "ids"), start=1):
        guide.cell(row=i, column=1, value=tr(f"template.guide.{key}", lang="zh_CN"))
        guide.cell(row=i, column=2, value=tr(f"template.guide.{key}", lang="en"))
    guide.column_dimensions["A"].width = 80
    guide.column_dimensions["B"].width = 80
    for row in guide.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for spec in layout.SHEETS:
        ws = wb.create_sheet(f"{spec.key}")
        for j, col in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=j, value=col.header)
            cell.font = Font(bold=True)
            cell.fill = _REQUIRED_FILL if col.required else _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True)
            ws.column_dimensions[get_column_letter(j)].width = max(col.width, len(col.header) + 2)
            choices = _DROPDOWNS.get((spec.key, col.key))
            if choices:
                letter = get_column_letter(j)
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                    showErrorMessage=col.key != "unit")
                dv.error = tr("template.dropdown_error", lang="zh_CN")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
