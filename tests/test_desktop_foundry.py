"""A factory clerk's new study, in the window alone: a cast-iron valve body from an empty project to the
certification package, with clicks, typing, drop-downs and the factor search from the row (issue 18).

铸铁阀体 DN100, declared per piece (1 pcs = 12 kg), cradle to gate, one year of 50,000 pieces:
  10 kg foundry pig iron per piece (GB/T 51366 铸造生铁, 2,280 kg CO2e/t), trucked 300 km (CPCD heavy diesel truck,
  0.0978 kg CO2e/t·km); 1.2 kg of coke burnt per piece (IPCC 2006 coke, per kg: 3.0174 kg CO2, 0.000282 kg CH4,
  0.0000423 kg N2O); 1,250,000 kWh of electricity (2024 national footprint factor 0.5777) and 180,000 Nm3 of natural
  gas (national guideline default, 2.162188809 kg CO2/Nm3) over the year.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_desktop import commit_line, step, type_cell

from core.lifecycle import Stage

PIECES = 50_000
AR6_CH4_FOSSIL, AR6_N2O = 29.8, 273.0                        # IPCC AR6 WG1 Table 7.15 (resources/gwp/gwp100.csv)
BY_HAND = {
    "pig iron": 10 / 1000 * 2280,                                               # 22.8
    "truck": 10 / 1000 * 300 * 0.0978,                                          # 3 t·km
    "coke": 1.2 * (3.0174 + 0.000282 * AR6_CH4_FOSSIL + 0.0000423 * AR6_N2O),
    "electricity": 1_250_000 / PIECES * 0.5777,                                 # 25 kWh per piece
    "natural gas": 180_000 / PIECES * 2.162188809,                              # 3.6 Nm3 per piece
}
TOTAL = sum(BY_HAND.values())


def find_and_use(window, qtbot, table, row: int, search: str, code: str) -> None:
    """Select the row, "Find a factor ...", narrow the search in step 4, pick the hit, "Use this factor"."""
    page3 = window.pages[2]
    table.setCurrentIndex(table.model().index(row, 0))
    qtbot.mouseClick(page3.find_button, Qt.MouseButton.LeftButton)
    page4 = window.pages[3]
    qtbot.waitUntil(page4.isVisible, timeout=3000)
    assert page4.unit.text() == table.model().activity(row).unit           # only factors its unit converts to
    page4.search.setFocus()
    page4.search.selectAll()
    if search.isascii():
        qtbot.keyClicks(page4.search, search)
    else:
        page4.search.insert(search)
    qtbot.waitUntil(lambda: any(h.code == code for h in page4.hits), timeout=3000)
    row_of_hit = next(i for i, h in enumerate(page4.hits) if h.code == code)
    page4.hits_table.selectRow(row_of_hit)
    assert code in page4.hit_details.text() and "Source:" in page4.hit_details.text()
    qtbot.mouseClick(page4.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.step_list.currentRow() == 2, timeout=3000)
    assert table.model().activity(row).factor_ref == code


def test_a_foundry_study_from_an_empty_project_to_the_package(window, qtbot, tmp_path: Path) -> None:
    assert f"{TOTAL:,.3f}" == "48.965"
    assert window.open_project(tmp_path / "foundry.pcfdesk", create=True)
    page1 = step(window, 1)
    commit_line(qtbot, page1.org_name, "示例铸造有限公司")
    commit_line(qtbot, page1.credit_code, "91320594MA1XK7P2H2")
    commit_line(qtbot, page1.address, "江苏省苏州市工业园区示例路 1 号")
    commit_line(qtbot, page1.contact, "张工")
    commit_line(qtbot, page1.phone, "0512-6688 1234")
    commit_line(qtbot, page1.site_name, "苏州铸造厂")
    page1.province.setCurrentIndex(page1.province.findData("江苏"))
    page1.province.activated.emit(page1.province.currentIndex())
    qtbot.mouseClick(page1.new_product_button, Qt.MouseButton.LeftButton)
    page1 = step(window, 1)
    commit_line(qtbot, page1.product_name, "铸铁阀体 DN100")
    commit_line(qtbot, page1.model, "DN100")
    commit_line(qtbot, page1.declared_unit, "1 pcs")
    commit_line(qtbot, page1.unit_mass, "12")
    commit_line(qtbot, page1.period_start, "2025-01-01")
    commit_line(qtbot, page1.period_end, "2025-12-31")
    commit_line(qtbot, page1.period_output, "50000 pcs")
    commit_line(qtbot, page1.goal, "碳标识认证申请")
    commit_line(qtbot, page1.electricity, "2024 年全国电力平均碳足迹因子，未使用绿电")
    assert window.step_list.item(0).text().startswith("✔"), window.step_list.item(0).toolTip()

    page2 = step(window, 2)                                          # cradle to gate, as a new study starts
    assert page2.stage_buttons[Stage.RAW_MATERIALS].isChecked() and page2.stage_buttons[Stage.PRODUCTION].isChecked()

    page3 = step(window, 3)
    raw = page3.tables[0]
    qtbot.mouseClick(page3.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page3.add_button, Qt.MouseButton.LeftButton)
    for row, (name, amount, unit) in enumerate((("铸造生铁", "10", "kg"), ("焦炭（冲天炉燃料）", "1.2", "kg"))):
        type_cell(qtbot, raw, row, "name", name)
        type_cell(qtbot, raw, row, "amount", amount)
        type_cell(qtbot, raw, row, "unit", unit)
        type_cell(qtbot, raw, row, "data_type", "primary")
    assert window.step_list.item(2).text().startswith("●")           # rows without a factor: not done
    find_and_use(window, qtbot, raw, 0, "铸造生铁", "GBT51366-PIG-IRON-FOUNDRY")
    find_and_use(window, qtbot, raw, 1, "焦炭", "IPCC2006-COKE-OVEN-COKE-AND-LIGNITE-COKE-KG")
    dialog = page3.open_transport()                                  # the pig iron's 300 km by truck
    commit_line(qtbot, dialog.name, "生铁公路运输")
    dialog.mass.setText("10 kg")
    dialog.distance.setText("300")
    dialog.mode.setCurrentIndex(dialog.mode.findData("CPCD-65119X0282024C"))
    dialog.try_accept()
    assert raw.model().rowCount() == 3 and raw.model().activity(2).distance_km == 300.0
    window.activateWindow()                                          # back from the dialog, as a click does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    page3.tabs.setCurrentIndex(1)                                    # production
    production = page3.tables[1]
    qtbot.waitUntil(production.isVisible, timeout=3000)
    qtbot.mouseClick(page3.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page3.add_button, Qt.MouseButton.LeftButton)
    for row, (name, amount, unit) in enumerate((("生产用电", "1,250,000", "kWh"), ("熔炼天然气", "180000", "Nm3"))):
        type_cell(qtbot, production, row, "name", name)
        type_cell(qtbot, production, row, "amount", amount)
        type_cell(qtbot, production, row, "unit", unit)
        type_cell(qtbot, production, row, "basis", "per period")               # the drop-down's word
        type_cell(qtbot, production, row, "data_type", "primary")
    assert production.model().index(0, 1).data() == "1,250,000"               # never 1.25e+06
    production.setCurrentIndex(production.model().index(0, 0))    # electricity: the province's grid factor first
    qtbot.mouseClick(page3.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.pages[3].isVisible, timeout=3000)
    assert window.pages[3].hits[0].code == "MEE-GRID-2023-JIANGSU"
    assert window.pages[3].hit_details.text().startswith("Proposed for the site's province.")
    find_and_use(window, qtbot, production, 0, "电力 2024", "MEE-ELEC-CF-2024-NATIONAL")   # the study's choice
    find_and_use(window, qtbot, production, 1, "天然气", "CN-GUIDE-NATURAL-GAS-NM3")

    page5 = step(window, 5)
    assert page5.total.text() == f"{TOTAL:,.3f} kg CO2e per 1 pcs"
    result = window.workspace.result.product("P1")
    assert result.total_kgco2e == pytest.approx(TOTAL, rel=1e-12)
    by_name = {c.name: c.kgco2e for c in result.contributions}
    for name, key in (("铸造生铁", "pig iron"), ("生铁公路运输", "truck"), ("焦炭（冲天炉燃料）", "coke"),
                      ("生产用电", "electricity"), ("熔炼天然气", "natural gas")):
        assert by_name[name] == pytest.approx(BY_HAND[key], rel=1e-12), name
    assert page5.scope.text().startswith("Partial CFP (Cradle to gate)")
    marks = [window.step_list.item(i).text()[0] for i in range(6)]
    assert marks == ["✔"] * 6, [window.step_list.item(i).toolTip() for i in range(6)]

    page6 = step(window, 6)
    assert page6.missing.text() == ""                                  # every field was in the window
    assert not page6.draft.isChecked()
    task = page6.export("package", tmp_path / "阀体.zip")
    qtbot.waitUntil(task.done.is_set, timeout=60000)
    qtbot.waitUntil(lambda: bool(window.messages), timeout=3000)
    assert "Written" in window.messages[-1][1], window.messages[-1]
    from core.reports.package import verify_package
    assert verify_package(tmp_path / "阀体.zip") == []
    with zipfile.ZipFile(tmp_path / "阀体.zip") as z:
        assert {"report.pdf", "application.pdf", "pact_P1.json", "label.png"} <= set(z.namelist())
    keep_screenshots(window, qtbot)


SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots" / "foundry"     # kept (git-ignored)


def keep_screenshots(window, qtbot) -> None:
    """Every step of the finished study at 1280×800, in Chinese and in English, for a person to look at."""
    from desktop.translations import switch_language
    window.resize(1280, 800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for lang in ("zh_CN", "en"):
            window.set_language(lang)
            for i in range(6):
                window.step_list.setCurrentRow(i)
                qtbot.waitUntil(window.pages[i].isVisible, timeout=3000)
                QApplication.processEvents()
                image = window.grab()
                assert (image.width(), image.height()) == (1280, 800)
                assert image.save(str(SHOTS / f"{lang}-{i + 1}.png"))
    finally:
        switch_language("en")
