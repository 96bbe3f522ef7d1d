"""A new study in the window alone (issue 18): factors at hand in a new project, honest step marks, every field an
export needs editable in step 1, readable gas names and amounts without scientific notation."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from test_desktop import commit_line, step, window  # noqa: F401  (the window fixture and helpers)

from core.project import Project


def test_a_new_project_can_find_factors_for_a_foundry_at_once(window, tmp_path: Path) -> None:  # noqa: F811
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


def test_step_marks_say_done_only_when_the_step_is_complete(window, qtbot) -> None:  # noqa: F811
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


def test_every_field_an_export_needs_is_in_step_1(window, qtbot, tmp_path: Path) -> None:  # noqa: F811
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


def test_results_name_gases_and_the_table_writes_amounts_plainly(window, qtbot) -> None:  # noqa: F811
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
