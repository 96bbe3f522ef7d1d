"""The window driven like a user would: real widgets, mouse and keyboard through pytest-qt, offscreen.

The numbers the window shows are compared with core's own computation of the same project file.
"""
from __future__ import annotations

import shutil
import time

import pytest
from builders import simple_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from core.lifecycle import Stage
from core.project import Project
from desktop.activity_model import FIELDS
from desktop.main_window import MainWindow
from desktop.tasks import Cancelled, run_task


def step(window: MainWindow, n: int):
    """Click step n in the list; Qt shows a page on the next turn of the event loop, and pages refresh when shown."""
    item = window.step_list.item(n - 1)
    window.step_list.scrollToItem(item)
    QTest.mouseClick(window.step_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.step_list.visualItemRect(item).center())
    page = window.pages[n - 1]
    deadline = time.monotonic() + 3
    while not page.isVisible() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert window.stack.currentWidget() is page and page.isVisible()
    return page


def type_text(qtbot, edit, text: str) -> None:
    """Key clicks for ASCII; an input method's commit (insert) for Chinese, which QTest cannot type."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def commit_line(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    edit.editingFinished.emit()


def type_cell(qtbot, table, row: int, field: str, text: str) -> None:
    """Click the cell, press F2, type, press Enter: exactly what a user does."""
    index = table.model().index(row, FIELDS.index(field))
    qtbot.waitUntil(table.isVisible, timeout=3000)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert table.currentIndex() == index
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table and QApplication.focusWidget().isVisible(),
                    timeout=2000)
    editor = QApplication.focusWidget()
    if hasattr(editor, "setCurrentText"):
        editor.setCurrentText(text)
    else:
        editor.selectAll()
        type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop (a queued call), as it does for a user
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_a_new_project_through_all_six_steps(window, qtbot, tmp_path):
    assert window.open_project(tmp_path / "new.pcfdesk", create=True)
    page1 = step(window, 1)
    commit_line(qtbot, page1.org_name, "苏州示范门窗科技有限公司")
    commit_line(qtbot, page1.credit_code, "91320594MA1XK7P2H2")
    qtbot.mouseClick(page1.new_product_button, Qt.MouseButton.LeftButton)
    commit_line(qtbot, page1.product_name, "铝合金窗")
    commit_line(qtbot, page1.declared_unit, "1 m2")
    commit_line(qtbot, page1.site_name, "苏州工厂")
    page1.province.setCurrentIndex(page1.province.findData("江苏"))
    page1.province.activated.emit(page1.province.currentIndex())
    assert "MEE-GRID-2023-JIANGSU" in page1.grid_hint.text()
    commit_line(qtbot, page1.period_start, "2024-12-31")
    commit_line(qtbot, page1.period_end, "2024-01-01")
    assert "ends (2024-01-01) before it starts" in page1.period_end.toolTip()
    commit_line(qtbot, page1.period_start, "2024-01-01")
    commit_line(qtbot, page1.period_end, "2024-12-31")
    assert window.product_combo.currentData() == "P1"
    page2 = step(window, 2)
    assert page2.stage_buttons[Stage.PRODUCTION].isChecked()
    page3 = step(window, 3)
    page3.tabs.setCurrentIndex(1)                                   # production
    qtbot.mouseClick(page3.add_button, Qt.MouseButton.LeftButton)
    table = page3.tables[1]
    type_cell(qtbot, table, 0, "name", "挤压用电")
    type_cell(qtbot, table, 0, "amount", "12.5")
    type_cell(qtbot, table, 0, "unit", "kWh")
    type_cell(qtbot, table, 0, "factor_ref", "MEE-ELEC-CF-2024-NATIONAL")
    page4 = step(window, 4)
    type_text(qtbot, page4.search, "电力 2024")
    qtbot.waitUntil(lambda: any(h.code == "MEE-ELEC-CF-2024-NATIONAL" for h in page4.hits), timeout=3000)
    page5 = step(window, 5)
    with Project.open(tmp_path / "new.pcfdesk", read_only=True) as project:
        core_total = project.compute().total_kgco2e("P1")
        saved = project.data()
    assert saved.sites[0].province == "江苏" and saved.organization.credit_code == "91320594MA1XK7P2H2"
    assert str(saved.product("P1").study.period_end) == "2024-12-31"
    assert core_total == pytest.approx(12.5 * 0.5777)             # 2024 national electricity footprint factor
    assert page5.total.text() == f"{core_total:,.3f} kg CO2e per 1 m2"
    assert [window.step_list.item(i).text()[0] for i in range(6)] == ["✔"] * 5 + ["●"]
    assert "label application lacks address" in window.step_list.item(5).toolTip()
    page6 = step(window, 6)
    assert "address" in page6.missing.text() and "production site" not in page6.missing.text()
    task = page6.export("report", tmp_path / "report.pdf")
    qtbot.waitUntil(task.done.is_set, timeout=20000)
    qtbot.waitUntil(lambda: bool(window.messages), timeout=3000)
    assert "Written" in window.messages[-1][1], window.messages
    from pypdf import PdfReader
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert f"{core_total:,.3f}" in text and "铝合金窗" in text
    qtbot.mouseClick(page6.draft, Qt.MouseButton.LeftButton, pos=QPoint(8, page6.draft.height() // 2))
    assert page6.draft.isChecked()
    task = page6.export("package", tmp_path / "P1.zip")
    qtbot.waitUntil(task.done.is_set, timeout=30000)
    qtbot.waitUntil(lambda: len(window.messages) >= 2, timeout=3000)
    assert "Written" in window.messages[-1][1], window.messages[-1]
    from core.reports.package import verify_package
    assert verify_package(tmp_path / "P1.zip") == []


def open_demo_activities(window, qtbot):
    assert window.open_demo()
    page = step(window, 3)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(page.tables[1].isVisible, timeout=3000)
    return page, page.tables[1]


def test_undo_and_redo_every_edit(window, qtbot):
    page, table = open_demo_activities(window, qtbot)
    model = table.model()
    before = model.activity(0).amount
    total_before = window.workspace.result.total_kgco2e("AL-PROFILE")
    type_cell(qtbot, table, 0, "amount", str(before * 2))
    assert model.activity(0).amount == before * 2
    assert window.workspace.result.total_kgco2e("AL-PROFILE") > total_before
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert model.activity(0).amount == before
    assert window.workspace.result.total_kgco2e("AL-PROFILE") == pytest.approx(total_before)
    with Project.open(window.workspace.path, read_only=True) as project:     # the undo was saved too
        assert project.data().product("AL-PROFILE").study.activities[model.positions()[0]].amount == before
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    assert model.activity(0).amount == before * 2


def test_invalid_input_turns_the_cell_red_with_the_reason(window, qtbot):
    _, table = open_demo_activities(window, qtbot)
    model = table.model()
    before = model.activity(0).amount
    type_cell(qtbot, table, 0, "amount", "abc")
    index = model.index(0, FIELDS.index("amount"))
    assert model.activity(0).amount == before                       # nothing changed
    assert index.data() == "abc"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f8d0d0"
    assert "'abc' is not a number" in index.data(Qt.ItemDataRole.ToolTipRole)
    type_cell(qtbot, table, 0, "amount", "3.5")
    assert model.activity(0).amount == 3.5 and index.data(Qt.ItemDataRole.BackgroundRole) is None


def test_paste_a_block_from_excel_is_one_undo_step(window, qtbot):
    page, table = open_demo_activities(window, qtbot)
    model = table.model()
    rows_before = model.rowCount()
    table.setCurrentIndex(model.index(rows_before, 0))              # below the last row: new activities
    QGuiApplication.clipboard().setText("包装纸箱\t0.5\tkg\n托盘\t2\tpcs\n")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == rows_before + 2
    assert [(model.activity(r).name, model.activity(r).amount, model.activity(r).unit)
            for r in (rows_before, rows_before + 1)] == [("包装纸箱", 0.5, "kg"), ("托盘", 2.0, "pcs")]
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == rows_before


def test_workbook_import_preview_and_rejection(window, qtbot, tmp_path):
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    good = simple_workbook(tmp_path / "good.xlsx")
    task = window.import_workbook(good, confirm=False)
    qtbot.waitUntil(task.done.is_set, timeout=10000)
    qtbot.waitUntil(lambda: window.product_combo.count() == 1, timeout=3000)
    assert window.product_combo.currentData() == "P1"
    bad = simple_workbook(tmp_path / "bad.xlsx", activities=[["P1", "production", "power", "lots", "kWh", None,
                                                              "GRID", None]])
    before = window.workspace.data
    assert window.import_workbook(bad, confirm=False) is None
    title, text = window.messages[-1]
    assert "cannot be imported" in title and "row 2" in text and "'lots' is not a number" in text
    assert window.workspace.data is before


def test_language_switch_at_run_time(window, qtbot):
    assert window.open_demo()
    assert "Organization and product" in window.step_list.item(0).text()
    window.set_language("zh_CN")
    assert "企业与产品" in window.step_list.item(0).text()
    assert window.menuBar().actions()[0].text().startswith("文件")
    from core.i18n import tr
    assert tr("stage.production") == "生产制造"
    window.set_language("en")
    assert "Organization and product" in window.step_list.item(0).text()


def test_a_cancelled_background_task_changes_nothing(window, qtbot, tmp_path):
    assert window.open_demo()
    before = (tmp_path / "appdata" / "demo" / "demo.pcfdesk").read_bytes()
    outcome: list[object] = []

    def slow(progress):
        for i in range(200):
            progress(i, 200, "working")
            time.sleep(0.01)
        return "finished"

    task = run_task(window, "test", slow, outcome.append, outcome.append)
    task.cancel()
    qtbot.waitUntil(task.done.is_set, timeout=5000)
    qtbot.waitUntil(lambda: bool(outcome), timeout=3000)
    assert isinstance(outcome[0], Cancelled)
    assert (tmp_path / "appdata" / "demo" / "demo.pcfdesk").read_bytes() == before


def test_opening_a_file_twice_a_damaged_file_and_a_read_only_file(window, tmp_path, monkeypatch):
    import json
    import os
    import socket
    assert window.open_demo()
    demo = window.workspace.path
    other = MainWindow(window.settings, data_folder=tmp_path / "appdata")
    try:
        assert not other.open_project(demo)                          # a second window of this process
        assert "already open" in window.messages[-1][1]
        window.close_project()
        demo.with_name(demo.name + ".lock").write_text(json.dumps(     # another live PCF Desk process
            {"pid": os.getppid(), "host": socket.gethostname(), "since": "2026-11-24T04:00:00+00:00"}))
        assert not other.open_project(demo)
        assert f"process {os.getppid()}" in window.messages[-1][1]
        demo.with_name(demo.name + ".lock").unlink()
    finally:
        other.close()
    damaged = tmp_path / "damaged.pcfdesk"
    damaged.write_bytes(b"this is not a project")
    assert not window.open_project(damaged)
    assert "not a PCF Desk project" in window.messages[-1][1] or "damaged" in window.messages[-1][1]
    copy = tmp_path / "copy.pcfdesk"
    window.close_project()
    shutil.copyfile(demo, copy)
    # a file on a read-only share (chmod does not stop root, who runs CI): the store's own check says so
    monkeypatch.setattr("core.store.database.is_writable", lambda path: False)
    assert window.open_project(copy)
    assert window.workspace.read_only and "cannot be written" in window.messages[-1][1]
    assert not window.pages[0].org_name.isEnabled()
    window.close_project()


def test_activity_model_passes_qt_model_checks(window, qtbot, qtmodeltester):
    _, table = open_demo_activities(window, qtbot)
    qtmodeltester.check(table.model())


def test_a_crash_is_noticed_at_the_next_start(window, tmp_path):
    import json
    assert window.open_demo()
    path = window.workspace.path
    window.close_project()
    lock = path.with_name(path.name + ".lock")
    lock.write_text(json.dumps({"pid": 999_999_999, "host": __import__("socket").gethostname(),
                                "since": "2026-11-24T03:00:00+00:00"}))
    assert window.open_project(path)
    assert "not closed properly" in window.messages[-1][1]


def test_a_factor_found_in_step_4_goes_onto_the_selected_activity(window, qtbot):
    page3, table = open_demo_activities(window, qtbot)
    model = table.model()
    table.setCurrentIndex(model.index(0, 0))                      # the extrusion electricity of AL-PROFILE
    page4 = step(window, 4)
    type_text(qtbot, page4.search, "华东 2023")
    qtbot.waitUntil(lambda: bool(page4.hits) and page4.hits[0].code == "MEE-GRID-2023-EAST", timeout=3000)
    page4.hits_table.selectRow(0)
    qtbot.mouseClick(page4.use_button, Qt.MouseButton.LeftButton)
    assert window.messages == [], window.messages
    assert model.activity(0).factor_ref == "MEE-GRID-2023-EAST"
    assert window.stack.currentIndex() == 2
    contribution = next(c for c in window.workspace.result.product("AL-PROFILE").contributions
                        if c.activity_index == model.positions()[0])
    assert contribution.factor_code == "MEE-GRID-2023-EAST" and contribution.factor_year == 2023


def test_a_factor_file_is_previewed_then_imported_without_its_rejected_rows(window, qtbot, tmp_path):
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    path = tmp_path / "协会因子.csv"
    path.write_text("编号,名称,排放因子,单位\nA,热轧钢板,\"2,400\",kgCO2e/t\nB,坏行,abc,kgCO2e/t\n", encoding="gbk")
    page = step(window, 4)
    task = page.import_file(path)
    qtbot.waitUntil(lambda: task.done.is_set() and page.preview is not None, timeout=10000)
    dialog = page.preview
    assert "1 accepted with a fix, 1 rejected" in dialog.counts.text()
    assert any("'abc' is not a number" in dialog.rows.item(i).text() for i in range(dialog.rows.count()))
    assert not dialog.import_button.isEnabled() and dialog.partial_button.isVisible()
    assert [dialog.mapping.item(i, 1).text() for i in range(dialog.mapping.rowCount())] == ["编号", "名称", "单位",
                                                                                         "排放因子"]
    # nothing written while previewing: only the built-in library every new project gets (issue 18)
    assert [d.name for d in window.workspace.project.datasets()] == ["PCF Desk built-in library"]
    qtbot.mouseClick(dialog.partial_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(page, "store_task") and page.store_task.done.is_set(), timeout=10000)
    qtbot.waitUntil(lambda: any(d.name == "协会因子" for d in window.workspace.project.datasets()), timeout=3000)
    page.search.setText("热轧钢板")                                  # among the built-in library's factors
    qtbot.waitUntil(lambda: any(h.code == "A" for h in page.hits) or page.run_search() or False, timeout=3000)
    hit = next(h for h in page.hits if h.code == "A")
    assert hit.co2e_kg == pytest.approx(2.4) and hit.unit == "kg"


def test_the_transport_helper_adds_mass_times_distance(window, qtbot):
    page, _ = open_demo_activities(window, qtbot)
    page.tabs.setCurrentIndex(0)                                    # raw materials
    model = page.tables[0].model()
    rows = model.rowCount()
    dialog = page.open_transport()
    dialog.mass.setText("20 kWh")
    dialog.distance.setText("150")
    dialog.mode.setCurrentIndex(dialog.mode.findData("GBT51366-RAIL-ELECTRIC"))
    dialog.try_accept()
    assert "is not a mass" in dialog.error.text() and dialog.isVisible()
    dialog.mass.setText("20 t")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert model.rowCount() == rows + 1
    added = model.activity(rows)
    assert (added.amount, added.unit, added.distance_km, added.factor_ref) == (20.0, "t", 150.0,
                                                                              "GBT51366-RAIL-ELECTRIC")
    position = model.positions()[rows]
    kg = next(c.kgco2e for c in window.workspace.result.product("AL-PROFILE").contributions
              if c.activity_index == position)
    factor = window.workspace.data.factors["GBT51366-RAIL-ELECTRIC"].flows["co2e"]
    # per-unit basis: 20 t × 150 km = 3,000 t·km per declared unit
    assert kg == pytest.approx(3000 * factor)


def test_evidence_attached_to_a_row_is_kept_in_the_project(window, qtbot, tmp_path):
    page, table = open_demo_activities(window, qtbot)
    model = table.model()
    table.setCurrentIndex(model.index(0, 0))
    photo = tmp_path / "电表读数-2024-12.jpg"
    photo.write_bytes(b"\xff\xd8\xff meter photo")
    assert page.attach_evidence(photo)
    assert [e.file_name for e in model.activity(0).evidence] == [photo.name]
    from desktop.activity_model import EVIDENCE_COLUMN
    assert photo.name in model.index(0, EVIDENCE_COLUMN).data()
    sha = model.activity(0).evidence[0].sha256
    with Project.open(window.workspace.path, read_only=True) as project:
        assert project.evidence_bytes(sha) == photo.read_bytes()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert model.activity(0).evidence == []


def test_the_start_page_module_agrees_with_core_on_the_file_suffix():
    from core.store import PROJECT_SUFFIX
    from desktop import main_window
    assert main_window.PROJECT_SUFFIX == PROJECT_SUFFIX
