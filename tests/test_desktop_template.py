"""A new study from a sector template in the window (issue 18): chosen in a dialog, built in the background, its
blank amounts shown as "to be entered" and marked, steps not ✔ until they are filled in, and the total then equal
to a hand calculation from the template's factors.

By hand, one tonne of cement with only two activities kept: 0.85 t clinker × 535 kg CO2e/t (CPCD 37430X0782025C)
+ 95 kWh × 0.5777 kg CO2e/kWh (2024 national electricity footprint factor) = 454.75 + 54.8815 = 509.6315.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from test_desktop import step, type_cell

from desktop.activity_model import FIELDS, INVALID
from desktop.template_dialog import TemplateDialog

BY_HAND = 0.85 * 535 + 95 * 0.5777


def choose_in_dialog(qtbot, row_text: str, seen: list[list[str]]) -> None:
    """When the template dialog is up: note what it lists, click the row holding `row_text`, press OK."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TemplateDialog)
    items = [dialog.choices.item(i) for i in range(dialog.choices.count())]
    seen.append([item.text() for item in items])
    item = next(item for item in items if row_text in item.text())
    qtbot.mouseClick(dialog.choices.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.choices.visualItemRect(item).center())
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def select_rows(qtbot, table, rows: list[int]) -> None:
    """Click the first row's header, Ctrl+click the others' (as a user selects rows to delete)."""
    header = table.verticalHeader()
    for i, row in enumerate(rows):
        pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
        modifier = Qt.KeyboardModifier.ControlModifier if i else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)
    assert table.selected_rows() == rows


def test_a_new_study_from_the_cement_template_in_the_window(window, qtbot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cement.pcfdesk"
    monkeypatch.setattr(window, "ask_new_path", lambda: target)            # the save dialog's answer
    seen: list[list[str]] = []
    QTimer.singleShot(0, lambda: choose_in_dialog(qtbot, "Ordinary Portland cement", seen))
    qtbot.mouseClick(window.centralWidget().template_button, Qt.MouseButton.LeftButton)
    assert len(seen[0]) == 2 and "Cement sector demo edition" in seen[0][0] and "demo project" in seen[0][1]
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20000)
    assert window.workspace.path == target
    window.activateWindow()                     # what the window manager does when a dialog closes
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.statusBar().currentMessage().startswith("9 activities still need their amount")

    page = step(window, 3)
    raw, production = page.tables[0], page.tables[1]
    model = raw.model()
    amount = model.index(0, FIELDS.index("amount"))
    assert model.data(amount) == "(to be entered)" and model.data(amount, Qt.ItemDataRole.EditRole) == ""
    assert model.data(amount, Qt.ItemDataRole.BackgroundRole).color() == INVALID
    assert "still to be entered" in model.data(amount, Qt.ItemDataRole.ToolTipRole)
    assert window.step_list.item(2).text().startswith("●")
    assert "activity '熟料': the amount is still to be entered" in window.step_list.item(2).toolTip()
    assert window.step_list.item(4).text().startswith("●")

    type_cell(qtbot, raw, 0, "amount", "0.85")                                # t of clinker per t of cement
    assert model.data(amount) == "0.85" and model.data(amount, Qt.ItemDataRole.BackgroundRole) is None
    select_rows(qtbot, raw, [1, 2, 3, 4, 5])                                  # not used here: deleted
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert [model.activity(r).name for r in range(model.rowCount())] == ["熟料"]
    qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=page.tabs.tabBar().tabRect(1).center())
    names = [production.model().activity(r).name for r in range(production.model().rowCount())]
    power = names.index("外购电力（生料、熟料、水泥粉磨）")
    type_cell(qtbot, production, power, "amount", "95")                      # kWh per t
    select_rows(qtbot, production, [r for r in range(len(names)) if r != power])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert window.step_list.item(2).text().startswith("✔")

    results = step(window, 5)
    assert window.step_list.item(4).text().startswith("✔")
    product = window.workspace.result.product("CEMENT-PO425")
    assert product.complete and product.total_kgco2e == pytest.approx(BY_HAND, rel=1e-12)
    assert results.total.text() == "509.632 kg CO2e per 1 t"


def test_the_demo_is_offered_as_an_example_and_opens(window, qtbot) -> None:
    seen: list[list[str]] = []
    QTimer.singleShot(0, lambda: choose_in_dialog(qtbot, "demo project", seen))
    window.choose_template()
    assert window.workspace is not None and window.workspace.path.name.startswith("demo")


def test_a_new_row_is_to_be_entered_not_zero(window, qtbot, tmp_path: Path) -> None:
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    page1 = step(window, 1)
    qtbot.mouseClick(page1.new_product_button, Qt.MouseButton.LeftButton)
    page = step(window, 3)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    model = page.tables[0].model()
    assert model.activity(0).amount is None
    assert model.data(model.index(0, FIELDS.index("amount"))) == "(to be entered)"
    assert window.step_list.item(2).text().startswith("●")


def test_the_save_status_follows_the_language(window, qtbot, tmp_path: Path) -> None:
    assert window.open_project(tmp_path / "p.pcfdesk", create=True)
    page1 = step(window, 1)
    qtbot.mouseClick(page1.new_product_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().startswith("Saved at ")
    window.set_language("zh_CN")
    try:
        assert window.statusBar().currentMessage().startswith("已保存")
    finally:
        window.set_language("en")
