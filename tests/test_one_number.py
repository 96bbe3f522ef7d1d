"""One place per number: the report, the PACT file, the inventory workbook and the GUI show the same value.

Each number is worked out by hand from the demo's inputs (resources/demo/demo_study.xlsx), then read back from every
document that shows it. The two defects this guards against: a report claiming 100 % primary data where the PACT file
said 4.976 % (two definitions of the share), and a report stating a total that silently left an activity out.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from test_desktop import step

from core.cli.main import main
from core.domain import DataType
from core.errors import ComputeError
from core.project import Project
from core.reports.inventory_xlsx import COL, FIRST_ROW

# --- the demo's inputs (resources/demo/demo_study.xlsx), by hand ----------------------------------------------------
# AL-PROFILE, per t: economic allocation over 150 t of scrap at 12,000 CNY/t beside 3,000 t of profile at 21,000:
ALLOCATION = 3000 * 21000 / (3000 * 21000 + 150 * 12000)                    # = 35/36
PROFILE = {                                                                  # activity index -> kg CO2e per t
    0: 1.03 * 20300,                                                         # aluminium billet, CPCD 20,300 kg/t
    1: 1.03 * 1600 * 0.0978,                                                 # trucked 1,600 km, 0.0978 kg/t*km
    2: 4150 * 1000 * ALLOCATION / 3000 * 0.5777,                            # 4,150 MWh over 3,000 t, 0.5777 /kWh
    3: 21600 * ALLOCATION / 3000 * 56.1571,                                  # 21,600 GJ of natural gas
    4: 36000 * ALLOCATION / 3000 * 0.168,                                    # 36,000 t of water
}
PROFILE_TOTAL = sum(PROFILE.values())                                        # 22,242.187 kg CO2e per t
# WIN-60, per window: 38 kg of profile, then its own primary-data activities
WINDOW_OWN = 0.020 * 1130 + 20 * 260 / 1000 * 0.0978 + 1.6 * 3.41 + 2.4 * 1.605 + 410 * 1000 / 20000 * 0.5777
WINDOW_TOTAL = 0.038 * PROFILE_TOTAL + WINDOW_OWN                            # 889.463 kg CO2e per window


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out / "demo.pcfdesk"


def _edit_profile(path: Path, change) -> None:
    with Project.open(path) as project:
        data = project.data()
        products = [dataclasses.replace(p, study=dataclasses.replace(p.study, activities=[
            change(i, a) for i, a in enumerate(p.study.activities)])) if p.code == "AL-PROFILE" else p
            for p in data.products]
        project.save(dataclasses.replace(data, products=products))


@pytest.fixture
def secondary_profile(demo_path: Path, tmp_path: Path) -> Path:
    """The demo with the aluminium profile's own activities all secondary data (the windows' stay primary)."""
    path = tmp_path / "secondary.pcfdesk"
    path.write_bytes(demo_path.read_bytes())
    _edit_profile(path, lambda i, a: dataclasses.replace(a, data_type=DataType.SECONDARY))
    return path


def pdf_text(path: Path, pages: slice = slice(None)) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages[pages])


def test_hand_values_are_the_engines(demo_path: Path) -> None:
    with Project.open(demo_path, read_only=True) as project:
        result = project.compute()
    profile, window_ = result.product("AL-PROFILE"), result.product("WIN-60")
    assert f"{PROFILE_TOTAL:,.3f}" == "22,242.187" and f"{WINDOW_TOTAL:,.3f}" == "889.463"
    assert profile.total_kgco2e == pytest.approx(PROFILE_TOTAL, rel=1e-12)
    assert window_.total_kgco2e == pytest.approx(WINDOW_TOTAL, rel=1e-12)
    assert profile.allocation_share == pytest.approx(35 / 36, rel=1e-15)
    assert profile.period_output == 3000.0 and window_.period_output == 20000.0
    for c in profile.contributions:
        assert c.kgco2e == pytest.approx(PROFILE[c.activity_index], rel=1e-12)


def test_primary_data_share_is_one_number_in_report_pact_inventory_and_gui(secondary_profile: Path, tmp_path: Path,
                                                                            window, qtbot) -> None:
    share = WINDOW_OWN / WINDOW_TOTAL                 # the profile (secondary) counts for nothing: 4.976 %
    assert f"{share:.3%}" == "4.976%"
    with Project.open(secondary_profile, read_only=True) as project:
        docs = project.documents("WIN-60", lang="en")
        assert docs.product_result.primary_data_share == pytest.approx(share, rel=1e-12)
        report = pdf_text(docs.report(tmp_path / "report.pdf"))
        pact = docs.pact_footprint()
    assert f"Primary (measured) data cover {share:.1%} of the footprint" in report.replace("\n", " ")
    assert "100.0%" not in report
    assert pact["pcf"]["primaryDataShare"] == pytest.approx(round(100 * share, 4), abs=1e-9)     # 4.976 (per cent)
    # the GUI's results page states the same share
    assert window.open_project(secondary_profile)
    window.choose_product("WIN-60")
    page = step(window, 5)
    assert f"{share:.1%}" in page.data_quality.text() and "5.0%" in page.data_quality.text()


def test_allocation_share_and_period_output_in_report_inventory_and_gui(demo_path: Path, tmp_path: Path,
                                                                        window, qtbot) -> None:
    with Project.open(demo_path, read_only=True) as project:
        docs = project.documents("AL-PROFILE", lang="en")
        report = pdf_text(docs.report(tmp_path / "report.pdf")).replace("\n", " ")
        inventory = openpyxl.load_workbook(docs.inventory(tmp_path / "inventory.xlsx"))
    assert f"Share allocated to the product: {ALLOCATION:.2%}" in report                     # 97.22%
    assert "3000 t = 3,000 × 1 t" in report
    sheet = inventory["AL-PROFILE"]
    per_period = [r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet[f"{COL['output']}{r}"].value is not None]
    assert [sheet[f"A{r}"].value for r in per_period] == [3, 4, 5]                           # the per-period rows
    for r in per_period:
        assert sheet[f"{COL['output']}{r}"].value == 3000.0
        assert sheet[f"{COL['share']}{r}"].value == pytest.approx(ALLOCATION, rel=1e-15)
    assert window.open_project(demo_path)
    window.choose_product("AL-PROFILE")
    text = step(window, 5).data_quality.text()
    assert f"{ALLOCATION:.2%}" in text and "97.22%" in text and "3,000 × 1 t" in text


def test_factor_per_unit_and_contribution_in_report_inventory_and_gui(demo_path: Path, tmp_path: Path,
                                                                       window, qtbot) -> None:
    with Project.open(demo_path, read_only=True) as project:
        docs = project.documents("AL-PROFILE", lang="en")
        report = pdf_text(docs.report(tmp_path / "report.pdf"))
        inventory = openpyxl.load_workbook(docs.inventory(tmp_path / "inventory.xlsx"))
    # kg CO2e per unit of each factor, as published (billet per t, electricity per kWh, gas per GJ, water per t)
    per_unit = {0: (20300.0, "t"), 1: (0.0978, "t*km"), 2: (0.5777, "kWh"), 3: (56.1571, "GJ"), 4: (0.168, "t")}
    for value, unit in per_unit.values():
        assert f"{value:,.6g} / {unit}" in report
    sheet = inventory["AL-PROFILE"]
    rows = {sheet[f"A{r}"].value - 1: r for r in range(FIRST_ROW, FIRST_ROW + 5)}
    for index, (value, _) in per_unit.items():
        assert sheet[f"{COL['factor_value']}{rows[index]}"].value == pytest.approx(value, rel=1e-15)
    for kg in PROFILE.values():
        assert f"{kg:,.3f}" in report                                        # each contribution, 20,909.000 ...
    assert window.open_project(demo_path)
    window.choose_product("AL-PROFILE")
    table = step(window, 5).contributions
    shown = {table.item(r, 0).text(): (table.item(r, 2).text(), table.item(r, 4).text()) for r in range(table.rowCount())}
    with Project.open(demo_path, read_only=True) as project:
        names = [a.name for a in project.data().product("AL-PROFILE").study.activities]
    for index, kg in PROFILE.items():
        value, unit = per_unit[index]
        assert shown[names[index]] == (f"{kg:,.3f}", f"{value:,.6g} / {unit}")


# --- a result that left an activity out --------------------------------------------------------------------------
@pytest.fixture
def missing_factor(demo_path: Path, tmp_path: Path) -> Path:
    """The demo with the profile's billet citing a factor no library has: its 20,909 kg cannot be computed."""
    path = tmp_path / "missing.pcfdesk"
    path.write_bytes(demo_path.read_bytes())
    _edit_profile(path, lambda i, a: dataclasses.replace(a, factor_ref="NO-SUCH-FACTOR", factor_id=None) if i == 0 else a)
    return path


def test_no_final_document_from_a_result_that_left_an_activity_out(missing_factor: Path, tmp_path: Path) -> None:
    incomplete = PROFILE_TOTAL - PROFILE[0]
    assert f"{incomplete:,.3f}" == "1,333.187"
    with Project.open(missing_factor, read_only=True) as project:
        result = project.compute()
        assert result.product("AL-PROFILE").total_kgco2e == pytest.approx(incomplete, rel=1e-12)
        assert [f.activity_index for f in result.product("AL-PROFILE").left_out] == [0]
        assert [f.activity_index for f in result.product("WIN-60").left_out] == [0]    # it uses the profile
        for code in ("AL-PROFILE", "WIN-60"):
            with pytest.raises(ComputeError) as refused:
                project.documents(code, lang="en")
            text = "\n".join(problem.text() for problem in refused.value.problems)
            assert f"The footprint of {code} leaves out activities that could not be computed (1, listed" in text
            assert "activity '铝棒（电解铝）': emission factor 'NO-SUCH-FACTOR' not found" in text
            assert ("in product AL-PROFILE: " in text) is (code == "WIN-60")        # whose row it is
        assert len(project.documents("DOOR-80", lang="en", draft=True).left_out) == 1    # uses it too: a draft


def test_a_draft_lists_the_activity_left_out_on_its_first_page(missing_factor: Path, tmp_path: Path) -> None:
    with Project.open(missing_factor, read_only=True) as project:
        path = project.documents("AL-PROFILE", lang="en", draft=True).report(tmp_path / "draft.pdf")
    first = pdf_text(path, slice(0, 1))
    assert "DRAFT — INCOMPLETE: activities that could not be computed are left out of every total (1)" in first
    assert "NO-SUCH-FACTOR" in first and "1,333.187" in first


def test_the_gui_refuses_the_final_report_and_writes_a_draft_that_says_so(missing_factor: Path, tmp_path: Path,
                                                                          window, qtbot) -> None:
    assert window.open_project(missing_factor)
    window.choose_product("AL-PROFILE")
    page = step(window, 6)
    assert "NO-SUCH-FACTOR" in page.missing.text()                     # said before anything is exported
    final = tmp_path / "final.pdf"
    before = len(window.messages)
    task = page.export("report", final)
    qtbot.waitUntil(task.done.is_set, timeout=20000)
    qtbot.waitUntil(lambda: len(window.messages) > before, timeout=3000)
    assert "NO-SUCH-FACTOR" in window.messages[-1][1] and not final.exists()
    page.draft.setChecked(True)
    draft = tmp_path / "draft.pdf"
    task = page.export("report", draft)
    qtbot.waitUntil(task.done.is_set, timeout=20000)
    qtbot.waitUntil(draft.exists, timeout=3000)
    first = pdf_text(draft, slice(0, 1))
    assert "NO-SUCH-FACTOR" in first and "1,333.187" in first
