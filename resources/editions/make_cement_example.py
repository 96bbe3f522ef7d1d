"""Rebuild the files of the example cement edition (`resources/editions/cement/`) from the built-in library.

Run from the repository root: `python resources/editions/make_cement_example.py`. It writes
- `cement_factors.csv`: built-in rows relevant to cement, copied value for value with their source and notes (no new
  factor: every value comes with the public source the built-in library already cites), laid out as a factor file
  the normal factor import reads (unit written as kg CO2e per unit);
- `cement_template.xlsx`: a study workbook for a cement product, with the typical activities and factor references
  that exist in the built-in library, amounts left blank for the plant's own figures;
- `logo.png`: a simple drawn logo (Pillow, which matplotlib already brings in; a build-time tool, not a dependency).
`edition.json` is written by hand. The files are committed, so the app never runs this.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FOLDER = Path(__file__).resolve().parent / "cement"
FACTOR_FILES = ("cpcd_materials_transport.csv", "gbt51366_materials_transport.csv")
CODES = (
    # cement, clinker, concrete and the mineral raw materials of a cement plant
    "CPCD-37440X0292019C", "GBT51366-CEMENT-OPC", "CPCD-37430X0782025C", "GBT51366-CONCRETE-C30",
    "GBT51366-CONCRETE-C50", "GBT51366-LIME", "GBT51366-GYPSUM-NATURAL", "GBT51366-SAND", "GBT51366-CRUSHED-STONE",
    "GBT51366-CLAY", "GBT51366-SHALE-ROCK", "GBT51366-TAP-WATER",
    # electricity (national life-cycle footprint, CPCD copies), coal and diesel supply and combustion
    "CPCD-17100H3732024C", "CPCD-17100H3502023C", "CPCD-11010X0012022C", "CPCD-11040X0072025C",
    "CPCD-11010X0142025C", "CPCD-33360X0012022C", "CPCD-33360X0022025C",
    # freight of raw materials and cement
    "GBT51366-TRUCK-DIESEL-30T", "GBT51366-TRUCK-DIESEL-46T", "CPCD-65119X0282024C", "GBT51366-RAIL-AVERAGE",
    "GBT51366-SHIP-DRY-BULK-2500T",
)
CSV_COLUMNS = ("code", "name", "category", "unit", "factor", "year", "geography", "source", "notes")

PRODUCT = {
    "code": "CEMENT-PO425", "name": "普通硅酸盐水泥 P·O 42.5（示例）", "model": "P·O 42.5", "declared_unit": "1 t",
    "boundary": "摇篮到大门", "gwp_set": "AR6", "allocation": "none",
    "cutoff_rule": "质量或排放贡献小于1%的物料可舍去，舍去总量不超过5%（示例，请按所采用的核算规则填写）",
}
# (stage, name, unit, factor code, distance, note). Amounts are per tonne of cement and left for the plant to fill.
ACTIVITIES = (
    ("原材料获取", "熟料", "t", "CPCD-37430X0782025C", None,
     "填写每吨水泥的熟料用量。CPCD 该记录为大门到大门（仅熟料生产），自产熟料的企业宜单独建模熟料产品"
     "（含石灰石分解的过程排放，用自有因子填入“排放因子”表）并在此引用 product:熟料编码。"),
    ("原材料获取", "石膏（缓凝剂）", "t", "GBT51366-GYPSUM-NATURAL", None, "天然石膏；脱硫石膏等请换用相应因子。"),
    ("原材料获取", "石灰石（混合材）", "t", "GBT51366-CRUSHED-STONE", None,
     "代用因子：内置库无石灰石因子，暂用 GB/T 51366 碎石；请换用供应商或公开来源的石灰石因子，并在报告中说明。"),
    ("原材料获取", "原料公路运输", "t", "GBT51366-TRUCK-DIESEL-30T", None,
     "填写运输的原料质量（t）和运输距离（km，运输距离列）；车型不同请换用相应因子。"),
    ("原材料获取", "煤炭（开采与洗选，上游）", "kg", "CPCD-11010X0012022C", None, "与下一行燃烧排放使用同一耗煤量。"),
    ("生产制造", "煤炭燃烧（窑头、窑尾及烘干）", "kg", "IPCC2006-OTHER-BITUMINOUS-COAL-KG", None,
     "IPCC 缺省热值；有实测低位热值时改按 GJ 填写并使用 IPCC2006-OTHER-BITUMINOUS-COAL-GJ。"),
    ("生产制造", "外购电力（生料、熟料、水泥粉磨）", "kWh", "MEE-ELEC-CF-2024-NATIONAL", None,
     "全国电力平均碳足迹因子（2024）；余热发电自用电量不计入外购电力。"),
    ("原材料获取", "柴油（上游）", "kg", "CPCD-33360X0012022C", None, "与下一行燃烧排放使用同一柴油量。"),
    ("生产制造", "柴油燃烧（厂内车辆及矿山设备）", "kg", "IPCC2006-GAS-DIESEL-OIL-KG", None, ""),
)


def builtin_rows() -> dict[str, tuple[str, dict[str, str]]]:
    rows: dict[str, tuple[str, dict[str, str]]] = {}
    for name in FACTOR_FILES:
        with open(ROOT / "resources" / "factors" / name, encoding="utf-8", newline="") as fh:
            rows.update({row["code"]: (name, row) for row in csv.DictReader(fh)})
    return rows


def write_factors(path: Path) -> None:
    rows = builtin_rows()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for code in CODES:
            file_name, row = rows[code]
            if row["flow"] != "co2e":
                raise ValueError(f"{code}: only co2e rows can be written as kg CO2e per unit")
            notes = (f"{row['name_en']}. Copied unchanged from the PCF Desk built-in library "
                     f"(resources/factors/{file_name}, code {code}). {row['notes']}")
            writer.writerow((code, row["name_zh"], row["category"], f"kgCO2e/{row['unit']}", row["value"],
                             row["year"], row["geography"], row["source"], notes))


def write_workbook(path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment

    from core.workbook.layout import ACTIVITIES as ACT_SHEET
    from core.workbook.layout import PRODUCTS as PRODUCT_SHEET
    from core.workbook.template import write_template
    write_template(path)
    wb = load_workbook(path)
    products = wb["Products"]
    for j, column in enumerate(PRODUCT_SHEET.columns, start=1):
        if column.key in PRODUCT:
            products.cell(row=2, column=j, value=PRODUCT[column.key])
    activities = wb["Activities"]
    keys = [c.key for c in ACT_SHEET.columns]
    for i, (stage, name, unit, factor, distance, note) in enumerate(ACTIVITIES, start=2):
        values = {"product": PRODUCT["code"], "stage": stage, "name": name, "unit": unit, "basis": "单位产品",
                  "factor": factor, "distance_km": distance, "data_type": "实测", "note": note}
        for key, value in values.items():
            if value is not None:
                activities.cell(row=i, column=keys.index(key) + 1, value=value)
    about = wb.create_sheet("行业模板说明 About", 0)
    lines = (
        ("水泥行业示范版 — 行业模板（示例，非真实行业协会发布）",
         "Cement sector demo edition — sector template (an example, not published by any real association)"),
        ("产品为每吨普通硅酸盐水泥（摇篮到大门）。各活动的“数量”留空，请按企业台账填写每吨水泥的用量；运输行另填运输距离。",
         "The product is one tonne of ordinary Portland cement, cradle to gate. Amounts are blank: fill in the "
         "plant's own use per tonne of cement; transport rows also need the distance."),
        ("排放因子编号均为 PCF Desk 内置因子库中的因子，来源见因子库；代用因子在备注中注明。",
         "Every factor code is a factor of the PCF Desk built-in library, with its source there; a proxy factor "
         "says so in the note."),
        ("请在“产品种类规则”列填写所采用的水泥产品碳足迹核算标准。",
         "Name the cement product carbon-footprint rule the study follows in the pcr column."),
    )
    for r, (zh, en) in enumerate(lines, start=1):
        about.cell(row=r, column=1, value=zh).alignment = Alignment(wrap_text=True, vertical="top")
        about.cell(row=r, column=2, value=en).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 70
    about.column_dimensions["B"].width = 70
    wb.active = wb.index(about)
    wb.save(path)


def write_logo(path: Path) -> None:
    """A green rounded square with a rotary kiln (a tilted cylinder) and a pale cement silo: plain shapes only."""
    from PIL import Image, ImageDraw
    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, size - 8, size - 8), radius=40, fill=(27, 94, 32, 255))
    draw.rectangle((150, 60, 200, 200), fill=(236, 239, 241, 255))              # silo
    draw.ellipse((150, 44, 200, 76), fill=(236, 239, 241, 255))
    draw.polygon([(40, 170), (150, 120), (160, 142), (50, 192)], fill=(176, 190, 197, 255))   # kiln
    draw.ellipse((32, 166, 58, 196), fill=(120, 144, 156, 255))
    draw.rectangle((30, 200, 226, 212), fill=(165, 214, 167, 255))               # ground line
    image.save(path, format="PNG", optimize=True)


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    write_factors(FOLDER / "cement_factors.csv")
    write_workbook(FOLDER / "cement_template.xlsx")
    write_logo(FOLDER / "logo.png")
    print(f"wrote {FOLDER}")


if __name__ == "__main__":
    main()
