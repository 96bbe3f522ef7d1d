"""A new study in the window alone (issue 18): factors at hand in a new project, honest step marks, every field an
export needs editable in step 1, readable gas names and amounts without scientific notation."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_desktop import commit_line, step

from core.project import Project


def test_a_new_project_can_find_factors_for_a_foundry_at_once(window, tmp_path: Path) -> None:
    assert window.open_project(tmp_path / "foundry.pcfdesk", create=True)
    page = step(window, 4)
    assert page.dataset.count() > 1                           # "all datasets" and the built-in library
    found = {}
    for text in ("电力", "天然气", "生铁", "货车", "pig iron"):
        page.search.setText(text)
        page.run_search()
        found[text] = [h.code for h in page.hits]
    assert all(found.values()), found
    assert "MEE-ELEC-CF-2024-NATIONAL" in found["电力"]


def test_step_marks_say_done_only_when_the_step_is_complete(window, qtbot) -> None:
    assert window.open_demo()
    window.choose_product("AL-PROFILE")
    window.update_marks()
    assert window.step_list.item(2).text().startswith("✔") and window.step_list.item(4).text().startswith("✔")
    data = window.workspace.data
    profile = data.product("AL-PROFILE")
    acts = list(profile.study.activities)
    acts[0] = dataclasses.replace(acts[0], factor_ref="", factor_id=None)     # the billet's factor removed
    window.workspace.commit(dataclasses.replace(data, products=[
        dataclasses.replace(p, study=dataclasses.replace(p.study, activities=acts)) if p.code == "AL-PROFILE" else p
        for p in data.products]), "remove a factor")
    window.update_marks()
    for row in (2, 3):                                       # the row without a factor: steps 3 and 4 not done
        item = window.step_list.item(row)
        assert item.text().startswith("●") and "铝棒（电解铝）" in item.toolTip(), (item.text(), item.toolTip())
    results = window.step_list.item(4)                       # nor step 5: its total is not the footprint
    assert results.text().startswith("●")
    assert "leaves out activities that could not be computed (1)" in results.toolTip()


def test_every_field_an_export_needs_is_in_step_1(window, qtbot, tmp_path: Path) -> None:
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    page1 = step(window, 1)
    commit_line(qtbot, page1.org_name, "示例铸造有限公司")
    qtbot.mouseClick(page1.new_product_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    page1 = step(window, 1)
    commit_line(qtbot, page1.email, "not-an-address")
    assert page1.email.styleSheet() and "not an e-mail address" in page1.email.toolTip()
    commit_line(qtbot, page1.email, "zhang@example.com")
    commit_line(qtbot, page1.phone, "0512-6688 1234")
    commit_line(qtbot, page1.declared_unit, "1 pcs")
    commit_line(qtbot, page1.unit_mass, "12")
    commit_line(qtbot, page1.goal, "碳标识认证")
    commit_line(qtbot, page1.electricity, "全国平均电网因子 2024")
    data = window.workspace.data
    assert (data.organization.contact_phone, data.organization.contact_email) == ("0512-6688 1234",
                                                                                 "zhang@example.com")
    product = data.products[0]
    assert product.mass_per_unit_kg == 12.0
    assert (product.study.goal, product.study.electricity_approach) == ("碳标识认证", "全国平均电网因子 2024")
    with Project.open(window.workspace.path, read_only=True) as saved:           # saved at once
        assert saved.data().products[0].mass_per_unit_kg == 12.0
    page6 = step(window, 6)
    assert "address (step 1 Organization and product)" in page6.missing.text()


def test_results_name_gases_and_the_table_writes_amounts_plainly(window, qtbot) -> None:
    assert window.open_demo()
    window.choose_product("AL-PROFILE")
    page = step(window, 5)
    names = [page.gases.item(i, 0).text() for i in range(page.gases.rowCount())]
    assert names == ["CO2 (fossil)", "CH4 (fossil)", "N2O", "CO2e (factors given only as CO2 equivalent)"]
    activities = step(window, 3)
    model = activities.tables[1].model()                       # production: 4,150 MWh of electricity first
    from desktop.activity_model import FIELDS
    texts = [model.index(r, FIELDS.index("amount")).data() for r in range(model.rowCount())]
    assert texts[:3] == ["4,150", "21,600", "36,000"]


def test_coded_columns_are_drop_downs_and_take_pasted_chinese_words(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

    from core.domain import Basis, DataType
    from desktop.activity_model import FIELDS
    assert window.open_demo()
    window.choose_product("WIN-60")
    page = step(window, 3)
    table = page.tables[0]
    index = table.model().index(1, FIELDS.index("data_type"))             # the glass, primary data
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox), timeout=2000)
    combo = QApplication.focusWidget()
    assert [combo.itemText(i) for i in range(combo.count())] == ["primary", "secondary"]
    assert combo.currentText() == "primary"
    qtbot.keyClick(combo, Qt.Key.Key_Down)                                 # the keyboard alone
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=2000)
    assert table.model().activity(1).data_type is DataType.SECONDARY
    table.setCurrentIndex(table.model().index(1, FIELDS.index("basis")))
    QApplication.clipboard().setText("核算期总量")                          # pasted from a Chinese workbook
    assert table.paste()
    assert table.model().activity(1).basis is Basis.PER_PERIOD


def test_the_transport_helper_refuses_a_row_without_a_mode(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    assert window.open_demo()
    window.choose_product("AL-PROFILE")
    page = step(window, 3)
    rows = page.tables[0].model().rowCount()
    dialog = page.open_transport()
    assert dialog.mode.count() > 0                       # the built-in freight factors are offered
    dialog.mode.setCurrentIndex(-1)                      # none chosen (an empty list in a project without them)
    dialog.mass.setText("20 t")
    dialog.distance.setText("300")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "no transport mode chosen" in dialog.error.text()
    assert page.tables[0].model().rowCount() == rows
    dialog.reject()


def test_the_factor_cell_names_its_factor_completes_by_name_and_marks_an_unknown_one(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from test_desktop import type_cell

    from desktop.activity_model import FIELDS
    assert window.open_demo()
    window.choose_product("WIN-60")
    page = step(window, 3)
    table = page.tables[0]
    model = table.model()
    column = FIELDS.index("factor_ref")
    glass = model.index(1, column)
    factor = window.workspace.data.factors[model.activity(1).factor_ref]
    assert glass.data() == f"{factor.code} — {factor.name}"                  # the name a person recognises
    assert glass.data(Qt.ItemDataRole.EditRole) == factor.code
    type_cell(qtbot, table, 1, "factor_ref", "NO-SUCH-FACTOR")               # accepted as typed, but unknown
    assert model.activity(1).factor_ref == "NO-SUCH-FACTOR"
    cell = model.index(1, column)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "'NO-SUCH-FACTOR' not found" in cell.data(Qt.ItemDataRole.ToolTipRole)
    table.setCurrentIndex(cell)
    assert "'NO-SUCH-FACTOR' not found" in page.message.text()              # readable while selected
    # completion by name: "pig iron" offers the library's pig-iron factors, and the cell keeps the chosen code
    # (the delegate driven directly: the offscreen platform moves focus to a completer popup, which a desktop does not)
    delegate = table.itemDelegateForColumn(column)
    editor = delegate.createEditor(table.viewport(), None, cell)
    delegate.setEditorData(editor, cell)
    assert editor.text() == "NO-SUCH-FACTOR"
    delegate.suggest(editor, "pig iron")
    offered = editor.completer().model().stringList()
    assert offered and all(" — " in s for s in offered) and any("生铁" in s for s in offered)
    chosen = offered[0]
    editor.setText(chosen)
    delegate.setModelData(editor, model, cell)
    editor.deleteLater()
    assert chosen in offered and model.activity(1).factor_ref == chosen.split(" — ")[0]
    assert model.index(1, column).data(Qt.ItemDataRole.BackgroundRole) is None


def test_shortcuts_help_menu_template_reset_demo_and_language_switch_in_place(window, qtbot, tmp_path: Path,
                                                                             monkeypatch) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.translations import switch_language
    assert window.open_demo()
    actions = {a.text(): a for top in window.menuBar().actions() if top.menu() for a in top.menu().actions()}
    assert actions["New project ..."].shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert actions["Open project ..."].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert "Save an empty study workbook (template) ..." in actions and "Reset the demo project" in actions
    written = window.save_template(tmp_path / "模板.xlsx")
    assert written is not None and written.exists()
    from openpyxl import load_workbook
    titles = " ".join(ws.title for ws in load_workbook(written).worksheets)
    assert "Products" in titles and "Activities" in titles
    window.choose_product("WIN-60")
    page = step(window, 1)
    commit_line(qtbot, page.product_name, "改过的名称")
    assert window.workspace.data.product("WIN-60").name == "改过的名称"
    assert window.reset_demo()
    assert window.workspace.data.product("WIN-60").name != "改过的名称"      # as shipped again
    window.choose_product("DOOR-80")
    step(window, 5)
    window.set_language("zh_CN")                                               # stays on step 5, same product
    assert window.step_list.currentRow() == 4 and window.product_combo.currentData() == "DOOR-80"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"      # Qt's own words too
    switch_language("en")
    recent = tmp_path / "gone.pcfdesk"
    window.settings.add_recent(recent)
    assert recent not in window.settings.recent()                              # a deleted file is not offered


def test_the_factor_import_preview_names_fields_in_words(window, qtbot, tmp_path: Path) -> None:
    from desktop.translations import switch_language
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    path = tmp_path / "因子.csv"
    path.write_text("编号,名称,排放因子,单位,CO2\nA,热轧钢板,2400,kgCO2e/t,\n", encoding="utf-8")
    page = step(window, 4)
    task = page.import_file(path)
    qtbot.waitUntil(lambda: task.done.is_set() and page.preview is not None, timeout=10000)
    fields = [page.preview.mapping.item(i, 0).text() for i in range(page.preview.mapping.rowCount())]
    assert fields[:3] == ["code", "name", "unit"] and "factor value (CO2e)" in fields
    page.preview.reject()
    switch_language("zh_CN")
    try:
        from core.library.column_mapping import FactorField
        assert [FactorField.ID.label(), FactorField.CO2E.label(), FactorField.CH4.label()] == [
            "编号", "排放因子（CO2e）", "因子值：化石 CH4"]
    finally:
        switch_language("en")


def test_the_results_page_says_what_the_number_covers_and_leads_to_the_report(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    assert window.open_demo()
    window.choose_product("AL-PROFILE")
    page = step(window, 5)
    assert page.scope.text() == "Partial CFP (Cradle to gate): Distribution, Use, End of life not included."
    assert not page.left_out.isVisible()
    data = window.workspace.data
    acts = list(data.product("AL-PROFILE").study.activities)
    acts[0] = dataclasses.replace(acts[0], factor_ref="NO-SUCH-FACTOR", factor_id=None)
    window.workspace.commit(dataclasses.replace(data, products=[
        dataclasses.replace(p, study=dataclasses.replace(p.study, activities=acts)) if p.code == "AL-PROFILE" else p
        for p in data.products]), "a factor nobody has")
    assert window.statusBar().currentMessage().startswith("Saved at ")            # every edit saved at once
    assert page.left_out.isVisible() and "NO-SUCH-FACTOR" in page.left_out.text()
    assert page.total.text() == "1,333.187 kg CO2e per 1 t"                       # 22,242.187 − 20,909 (billet)
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.step_list.currentRow() == 5, timeout=2000)


def test_f1_explains_the_step_and_the_charts_can_be_saved(window, qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage
    assert window.open_demo()
    page = step(window, 3)
    assert "Find a factor ..." in page.hint.text()                        # one sentence of what to do here
    window.show_step_help()
    title, text = window.messages[-1]
    assert title == page.title.text() and text.startswith(page.hint.text()) and "✔" in text
    results = step(window, 5)
    png = results.save_chart(tmp_path / "charts.png")
    image = QImage(str(png))
    assert image.width() >= 1200 and len({image.pixel(x, 200) for x in range(0, image.width(), 7)}) > 3
    assert results.save_chart(tmp_path / "charts.pdf").read_bytes().startswith(b"%PDF")


def test_recent_projects_show_their_products(window, qtbot) -> None:
    from desktop.start_page import StartPage
    assert window.open_demo()
    path = window.workspace.path
    window.close_project()
    start = window.centralWidget()
    assert isinstance(start, StartPage)
    text = start.recent.item(0).text()
    assert text.startswith(path.name) and "6063-T5 铝合金建筑型材、60系列断桥铝合金平开窗" in text


def test_enter_commits_a_cell_and_moves_down_as_in_excel(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desktop.activity_model import FIELDS
    assert window.open_demo()
    window.choose_product("AL-PROFILE")
    page = step(window, 3)
    page.tabs.setCurrentIndex(1)
    table = page.tables[1]
    qtbot.waitUntil(table.isVisible, timeout=3000)
    column = FIELDS.index("amount")
    table.setCurrentIndex(table.model().index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=2000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "4200")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model().activity(0).amount == 4200.0, timeout=2000)
    qtbot.waitUntil(lambda: table.currentIndex().row() == 1, timeout=2000)
    assert table.currentIndex().column() == column


def test_every_field_of_step_1_has_an_example_in_chinese(window, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from desktop.translations import switch_language
    switch_language("zh_CN")
    try:
        assert window.open_project(tmp_path / "p.pcfdesk", create=True)
        page = step(window, 1)
        fields = [w for w in page.findChildren(QLineEdit) + page.findChildren(QComboBox) if w.parent() is not None
                  and not isinstance(w.parent(), QComboBox)]
        assert len(fields) >= 16
        for widget in fields:
            tip = widget.toolTip()
            assert tip and any("\u4e00" <= ch <= "\u9fff" for ch in tip), (widget, tip)
    finally:
        switch_language("en")


def test_a_workbook_is_read_in_the_background_then_imported_when_confirmed(window, qtbot, tmp_path: Path,
                                                                           monkeypatch) -> None:
    from builders import simple_workbook
    from PySide6.QtWidgets import QMessageBox
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k:
                        asked.append(text) or QMessageBox.StandardButton.Yes)
    task = window.import_workbook(simple_workbook(tmp_path / "w.xlsx"))        # returns at once: a task
    qtbot.waitUntil(task.done.is_set, timeout=10000)
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert asked[0].startswith("w.xlsx: add P1; replace -; 2 activities")
    qtbot.waitUntil(lambda: window.product_combo.count() == 1, timeout=10000)
    assert window.workspace.result.total_kgco2e("P1") == pytest.approx(5.3, rel=1e-12)   # 2×2.5 + 0.5×0.6
