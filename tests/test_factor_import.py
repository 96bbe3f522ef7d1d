"""Factor files as people are handed them: GBK CSV, merged Excel headers, footnotes, separators, broken rows.

Every file here is written by the test itself; every expected number is worked out by hand in the comment beside it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.cli.main import main
from core.errors import InputError
from core.library.column_mapping import ColumnMapping, FactorField
from core.library.factor_import import RowStatus, read_factor_file
from core.library.factor_units import parse_factor_unit
from core.project import Project
from core.units import UnitProblem


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    path.write_bytes("\r\n".join(line.replace(",", delimiter) for line in lines).encode(encoding) + b"\r\n")
    return path


def by_code(path: Path, **kw) -> dict[str, object]:
    read = read_factor_file(path, **kw)
    return {f.code: f for f in read.batch.factors()}


# -- units as factor files write them ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, flow, per, multiplier", [
    ("kgCO2e/kWh", "co2e", "kWh", 1.0),
    ("tCO2/t", "co2_fossil", "kg", 1.0),                 # 1000 kg per 1000 kg
    ("kgCO2e/吨", "co2e", "kg", 0.001),
    ("tCO2/MWh", "co2_fossil", "kWh", 1.0),              # 1000 kg per 1000 kWh
    ("kgCO2e/t·km", "co2e", "t*km", 1.0),
    ("tCO2/万Nm3", "co2_fossil", "Nm3", 0.1),            # 1000 kg per 10,000 Nm3
    ("kg CO₂-eq / t·km", "co2e", "t*km", 1.0),
    ("千克二氧化碳当量/千瓦时", "co2e", "kWh", 1.0),
    ("tCO2e/TJ", "co2e", "kWh", 0.0036),                 # 1000 kg per 277,777.8 kWh
    ("gCO2e/km", "co2e", "km", 0.001),
    ("kgCO2e/万元", "co2e", "CNY", 0.0001),
    ("kg/TJ", None, "kWh", 3.6e-6),
])
def test_factor_units_convert_to_kg_per_base_unit(text, flow, per, multiplier):
    unit = parse_factor_unit(text)
    assert (unit.flow, unit.per_unit) == (flow, per)
    assert unit.multiplier == pytest.approx(multiplier, rel=1e-12)
    assert unit.text == text


@pytest.mark.parametrize("text, message_id", [
    ("kgCO2e", "factor_unit.no_denominator"),
    ("tC/TJ", "factor_unit.carbon"),
    ("kgSO2/kWh", "factor_unit.unknown_gas"),
    ("CO2/kWh", "factor_unit.no_mass"),
    ("kgCO2e/furlong-ish", "factor_unit.unknown_denominator"),
])
def test_factor_units_not_understood_are_refused(text, message_id):
    with pytest.raises(UnitProblem) as err:
        parse_factor_unit(text)
    assert err.value.message_id == message_id


# -- real-shaped files -----------------------------------------------------------------------------------------

def test_gbk_csv_with_chinese_headers_and_units(tmp_path):
    path = write_csv(tmp_path / "省级因子.csv", [
        "编号,名称,类别,排放因子,单位,数据来源,年份,地区",
        "E1,华东电网平均,电力,0.5703,tCO2/MWh,生态环境部公告,2022年,华东",
        "N1,天然气,燃料,21.622,tCO2/万Nm3,省清单指南,2021,江苏",
        "S1,普通碳钢,材料,2.05,kgCO2e/千克,CPCD,2022,中国",
        "P1,聚乙烯,材料,2000,kgCO2e/吨,CPCD,2022,中国",
        "T1,公路运输（柴油货车）,运输,0.078,kgCO2e/t·km,GB/T 51366,2019,中国",
    ], encoding="gbk")
    read = read_factor_file(path)
    r = read.report
    assert r.encoding == "GBK/GB18030" and r.delimiter == "," and (r.header_row, r.header_rows) == (1, 1)
    assert r.mapping.columns[FactorField.CO2E] == "排放因子" and r.mapping.columns[FactorField.UNIT] == "单位"
    assert r.count(RowStatus.ACCEPTED) == 4 and r.count(RowStatus.FIXED) == 1    # "2022年" read as 2022
    f = {x.code: x for x in read.batch.factors()}
    assert f["E1"].flows == {"co2_fossil": pytest.approx(0.5703)} and f["E1"].unit == "kWh"
    assert f["E1"].unit_text == "tCO2/MWh" and f["E1"].year == 2022 and f["E1"].geography == "华东"
    assert f["N1"].flows == {"co2_fossil": pytest.approx(2.1622)} and f["N1"].unit == "Nm3"   # 21.622 t / 1e4 Nm3
    assert f["S1"].flows == {"co2e": pytest.approx(2.05)} and f["S1"].unit == "kg"
    assert f["P1"].flows == {"co2e": pytest.approx(2.0)} and f["P1"].unit == "kg"            # 2000 kg per 1000 kg
    assert f["T1"].flows == {"co2e": pytest.approx(0.078)} and f["T1"].unit == "t*km"
    assert f["T1"].name == "公路运输（柴油货车）" and f["T1"].source == "GB/T 51366"


def test_excel_with_a_title_a_two_row_merged_header_and_a_footnote(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "燃料"
    ws.append(["表1 常见燃料排放因子（IPCC 2006 缺省值）"])
    ws.merge_cells("A1:F1")
    ws.append(["编号", "燃料名称", "排放因子", None, None, "单位"])
    ws.merge_cells("C2:E2")
    ws.append([None, None, "CO2", "CH4", "N2O", None])
    ws.append(["D", "柴油", 74100, 3, 0.6, "kg/TJ"])
    ws.append(["NG", "天然气", 56100, 1, 0.1, "kg/TJ"])
    ws.append([None])
    ws.append(["注：CH4 与 N2O 为制造业和建筑业固定源燃烧的缺省值。"])
    wb.save(tmp_path / "fuels.xlsx")
    read = read_factor_file(tmp_path / "fuels.xlsx")
    r = read.report
    assert (r.sheet, r.header_row, r.header_rows) == ("燃料", 2, 2)
    assert r.mapping.columns[FactorField.CO2] == "排放因子 CO2"
    assert r.mapping.columns[FactorField.CH4] == "排放因子 CH4" and r.mapping.columns[FactorField.N2O] == "排放因子 N2O"
    assert r.count(RowStatus.ACCEPTED) == 2 and r.count(RowStatus.REJECTED) == 0
    skipped = r.notes(RowStatus.SKIPPED)
    assert [(n.row, n.message_id) for n in skipped] == [(7, "row.note_line")]
    assert "注：CH4" in skipped[0].problem(r.file_name, r.sheet).text()
    f = {x.code: x for x in read.batch.factors()}
    # kg per TJ -> kg per kWh: 1 TJ = 277,777.78 kWh, i.e. × 3.6e-6
    assert f["D"].unit == "kWh" and f["D"].unit_text == "kg/TJ"
    assert f["D"].flows == {"co2_fossil": pytest.approx(0.26676), "ch4_fossil": pytest.approx(1.08e-5),
                            "n2o": pytest.approx(2.16e-6)}
    assert f["NG"].flows["co2_fossil"] == pytest.approx(0.20196)


def test_thousands_separators_and_other_repairs_are_reported(tmp_path):
    path = write_csv(tmp_path / "mats.csv", [
        "id,name,factor,unit,year",
        'A,Aluminium ingot,"16,500",kgCO2e/t,2022',
        "B,Copper,３.５,kgCO2e/kg,2022",
        "C,Cement,0.735*,kgCO2e/kg,2021",
        "D,Glass,1.13,kgCO2e/kg,2021-2022",
    ])
    read = read_factor_file(path)
    r = read.report
    assert r.count(RowStatus.FIXED) == 4 and r.count(RowStatus.REJECTED) == 0
    fixes = {n.row: n.message_id for n in r.notes(RowStatus.FIXED)}
    assert fixes == {2: "fix.thousands", 3: "fix.full_width", 4: "fix.footnote_mark", 5: "fix.year_read"}
    f = {x.code: x for x in read.batch.factors()}
    assert f["A"].flows == {"co2e": pytest.approx(16.5)}              # 16,500 kg per 1000 kg
    assert f["B"].flows == {"co2e": pytest.approx(3.5)} and f["C"].flows == {"co2e": pytest.approx(0.735)}
    assert f["D"].year == 2022


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("id;name;value;unit\nX;Steel;1,85;kgCO2e/kg\nY;Paper;0,92;kgCO2e/kg\n", encoding="utf-8")
    read = read_factor_file(path)
    assert read.report.delimiter == ";"
    assert [f.flows["co2e"] for f in read.batch.factors()] == [pytest.approx(1.85), pytest.approx(0.92)]
    assert {n.message_id for n in read.report.notes(RowStatus.FIXED)} == {"fix.decimal_comma"}


def test_each_broken_row_is_rejected_with_its_reason_and_cell(tmp_path):
    path = write_csv(tmp_path / "broken.csv", [
        "编号,名称,排放因子,单位",
        "OK1,好的因子,1.5,kgCO2e/kg",
        "B1,没有数值,,kgCO2e/kg",
        "B2,不是数字,abc,kgCO2e/kg",
        "B3,单位不懂,2.0,kgCO2e",
        "B4,负值,-1,kgCO2e/kg",
        "OK1,重复编号,2.5,kgCO2e/kg",
        "B5,碳不是二氧化碳,15.3,tC/TJ",
        "B6,,1.0,kgCO2e/kg",
        "B7,百分比,12%,kgCO2e/kg",
    ])
    read = read_factor_file(path)
    r = read.report
    rejected = {(n.row, n.message_id, n.column) for n in r.notes(RowStatus.REJECTED)}
    assert rejected == {
        (3, "row.no_number", "C"), (4, "row.not_a_number", "C"), (5, "row.bad_unit", "D"),
        (6, "row.negative", "C"), (7, "row.duplicate_id", "A"), (8, "row.bad_unit", "D"), (9, "row.no_name", "B"),
        (10, "row.percent", "C"),
    }
    assert r.count(RowStatus.ACCEPTED) == 1 and r.count(RowStatus.REJECTED) == 8
    texts = {n.row: n.problem(r.file_name, r.sheet).text() for n in r.notes(RowStatus.REJECTED)}
    assert "'abc' is not a number" in texts[4] and "broken.csv" in texts[4] and "row 4" in texts[4]
    assert "does not say per what" in texts[5]
    assert "already used by row 2" in texts[7]
    assert "mass of carbon" in texts[8]
    assert read.batch.codes == ["OK1"]


def test_rejected_rows_stop_the_import_unless_accepted(tmp_path):
    path = write_csv(tmp_path / "broken.csv", ["编号,名称,排放因子,单位", "A,好,1.5,kgCO2e/kg",
                                               "B,坏,abc,kgCO2e/kg", "C,也好,2.5,kgCO2e/t"])
    project_path = tmp_path / "p.pcfdesk"
    with Project.create(project_path) as project:
        with pytest.raises(InputError) as err:
            project.import_factors(path)
        assert [p.message_id for p in err.value.problems] == ["row.not_a_number"]
        assert err.value.problems[0].location.row == 3
        assert project.datasets() == []                                   # nothing imported
        result = project.import_factors(path, accept_rejected=True)
        assert result.imported == 2 and result.dataset.factor_count == 2
        assert [h.code for h in project.search_factors(_query("好"))] == ["A", "C"]


def test_negative_values_import_when_the_mapping_allows_them(tmp_path):
    path = write_csv(tmp_path / "removals.csv", ["id,name,value,unit", "W,Timber uptake,-1.6,kgCO2e/kg"])
    assert read_factor_file(path).report.count(RowStatus.REJECTED) == 1
    read = read_factor_file(path, ColumnMapping(allow_negative=True))
    assert read.batch.factors()[0].flows == {"co2e": -1.6}


def test_an_explicit_mapping_is_saved_and_reused(tmp_path):
    path = write_csv(tmp_path / "odd.csv", ["A列,B列,C列,D列", "X1,热力,0.11,kgCO2e/MJ"])
    with pytest.raises(InputError) as err:
        read_factor_file(path)
    assert err.value.problems[0].message_id == "factor_file.no_header"
    mapping = ColumnMapping(columns={FactorField.ID: "A列", FactorField.NAME: "B列", FactorField.CO2E: "C列",
                                     FactorField.UNIT: "D列"}, header_row=1, default_source="供热公司声明",
                            default_geography="江苏")
    mapping.save(tmp_path / "mapping.json")
    again = ColumnMapping.load(tmp_path / "mapping.json")
    assert again == mapping
    f = read_factor_file(path, again).batch.factors()[0]
    assert f.flows == {"co2e": pytest.approx(0.396)} and f.unit == "kWh"        # 0.11 per MJ × 3.6 MJ/kWh
    assert (f.source, f.geography) == ("供热公司声明", "江苏")
    (tmp_path / "bad.json").write_text(json.dumps({"format": "pcf-factor-mapping/1", "columns": {"colour": "A"}}))
    with pytest.raises(InputError) as err:
        ColumnMapping.load(tmp_path / "bad.json")
    assert err.value.problems[0].message_id == "mapping.invalid"
    missing = ColumnMapping(columns={FactorField.NAME: "名称", FactorField.CO2E: "C列"})
    with pytest.raises(InputError) as err:
        read_factor_file(path, missing)
    assert err.value.problems[0].message_id == "mapping.no_column" and "A列" in str(err.value)


def test_files_that_are_not_tables_get_a_clear_message(tmp_path):
    cases = {"empty.csv": b"", "binary.csv": b"\x00\x01\x02PK\x03\x04" * 40, "fake.xlsx": b"not a zip",
             "notes.docx": b"whatever"}
    expected = {"empty.csv": "factor_file.empty", "binary.csv": "factor_file.encoding",
                "fake.xlsx": "factor_file.unreadable", "notes.docx": "factor_file.unsupported"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as err:
            read_factor_file(tmp_path / name)
        assert err.value.problems[0].message_id == expected[name], name
        assert name in str(err.value)


def test_utf16_tab_separated_text_as_excel_saves_it(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("名称\t排放因子\t单位\n蒸汽\t0.25\tkgCO2e/kg\n".encode("utf-16"))
    read = read_factor_file(path)
    assert (read.report.encoding, read.report.delimiter) == ("UTF-16", "\t")
    assert read.report.ids_generated and read.batch.codes[0].startswith("G-")
    assert read.batch.factors()[0].flows == {"co2e": 0.25}


def test_cli_import_prints_the_report_and_exports_back(tmp_path, capsys):
    path = write_csv(tmp_path / "lib.csv", ["编号,名称,排放因子,单位,来源", 'A,铝锭,"16,500",kgCO2e/t,协会',
                                            "B,坏行,x,kgCO2e/t,协会"], encoding="utf-8-sig")
    project = tmp_path / "new.pcfdesk"
    assert main(["--lang", "en", "factors", "import", str(path), "--project", str(project)]) == 2
    assert not project.exists()                                          # a failed first import leaves no file
    assert "'x' is not a number" in capsys.readouterr().err
    assert main(["factors", "import", str(path), "--project", str(project), "--accept-rejected",
                 "--dataset", "协会因子", "--save-mapping", str(tmp_path / "m.json")]) == 0
    out = capsys.readouterr().out
    assert "1 accepted with a fix, 1 rejected" in out and "row 3" in out and "version 1" in out
    assert ColumnMapping.load(tmp_path / "m.json").columns[FactorField.CO2E] == "排放因子"
    assert main(["factors", "export", "--project", str(project), "--dataset", "协会因子",
                 "--out", str(tmp_path / "out.xlsx")]) == 0
    back = read_factor_file(tmp_path / "out.xlsx").batch.factors()
    assert [(f.code, f.name, f.unit, f.flows, f.source) for f in back] == [("A", "铝锭", "kg", {"co2e": 16.5},
                                                                            "协会")]


def _query(text: str):
    from core.library.search import FactorQuery
    return FactorQuery(text=text)


@pytest.mark.slow
def test_old_xls_workbooks_are_read(tmp_path):
    """An .xls as the national database still publishes: made from an .xlsx by LibreOffice (installed by dev.py)."""
    import shutil
    import subprocess
    wb = Workbook()
    ws = wb.active
    ws.title = "因子"
    ws.append(["编号", "名称", "排放因子", "单位"])
    ws.append(["E1", "华东电网", 0.5703, "tCO2/MWh"])
    wb.save(tmp_path / "grid.xlsx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to make an .xls file; `python3 dev.py test` installs libreoffice-calc-nogui"
    subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(tmp_path / "grid.xlsx")],
                   check=True, capture_output=True, timeout=120)
    read = read_factor_file(tmp_path / "grid.xls")
    assert read.report.sheet == "因子"
    assert [(f.code, f.name, f.unit, f.flows) for f in read.batch.factors()] == [
        ("E1", "华东电网", "kWh", {"co2_fossil": pytest.approx(0.5703)})]
