"""A new study from a sector template (issue 18): the template's blank amounts come in as activities still to be
entered, shown and named everywhere, never computed as 0, and no final document is written until they are filled."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from builders import write_workbook

from core.cli.main import main
from core.editing import edit_activity, with_activities
from core.edition import example_editions, start_from_template, study_templates
from core.engine import AMOUNT_PENDING
from core.errors import ComputeError, InputError
from core.guide import missing
from core.project import Project

CEMENT = "CEMENT-PO425"


def cement() -> tuple:
    edition = next(e for e in example_editions() if e.id == "cement-demo")
    return edition, edition.templates[0]


def test_the_shipped_cement_template_is_offered_for_a_new_study() -> None:
    choices = study_templates(user_folder=None)
    assert [(e.id, t.file.name) for e, t in choices] == [("cement-demo", "cement_template.xlsx")]
    assert choices[0][1].title("zh_CN") == "普通硅酸盐水泥（每吨，摇篮到大门）"
    assert "数量留空" in choices[0][1].description("zh_CN")


def test_a_study_from_the_template_keeps_its_blank_amounts_to_be_entered(tmp_path: Path) -> None:
    edition, template = cement()
    with Project.create(tmp_path / "cement.pcfdesk") as project:
        report = start_from_template(project, edition, template)
        assert report.products_added == [CEMENT] and report.activities == 9 and report.amounts_pending == 9
    with Project.open(tmp_path / "cement.pcfdesk") as project:          # stored as "to be entered", not as 0
        data = project.data()
        acts = data.product(CEMENT).study.activities
        assert [a.amount for a in acts] == [None] * 9
        assert acts[0].name == "熟料" and acts[0].factor_ref == "CPCD-37430X0782025C"
        result = project.compute()
        product = result.product(CEMENT)
        assert product.total_kgco2e == 0.0 and not product.contributions      # nothing was counted
        assert [f.code for f in product.left_out] == [AMOUNT_PENDING] * 9
        assert [f.field for f in product.left_out] == ["amount"] * 9
        assert not product.complete
        steps = missing(data, result)
        assert "activity '熟料': the amount is still to be entered (left out of the total, not counted as 0)" in \
            steps["activities"]
        assert steps["results"][0] == "The footprint leaves out activities that could not be computed (9): fix them in steps 3 and 4; until then only a draft can be exported."
        with pytest.raises(ComputeError) as refused:                             # no final document
            project.documents(CEMENT).report(tmp_path / "final.pdf")
        assert not (tmp_path / "final.pdf").exists()
        assert refused.value.problems[0].message_id == "documents.left_out"
        draft = project.documents(CEMENT, lang="en", draft=True).report(tmp_path / "draft.pdf")
        assert draft.stat().st_size > 0


def test_filling_the_amounts_in_gives_the_hand_calculated_total(tmp_path: Path) -> None:
    edition, template = cement()
    with Project.create(tmp_path / "cement.pcfdesk") as project:
        start_from_template(project, edition, template)
        data = project.data()
        acts = data.product(CEMENT).study.activities
        clinker = edit_activity(acts[0], "amount", "0.85")          # t of clinker per t of cement
        power = edit_activity(acts[6], "amount", "95")               # kWh per t
        project.save(with_activities(data, CEMENT, [clinker, power]))    # the rest do not apply: deleted
        product = project.compute().product(CEMENT)
    # 0.85 t × 535 kg CO2e/t (CPCD 37430X0782025C) + 95 kWh × 0.5777 kg CO2e/kWh (MEE 2024 national grid)
    assert product.complete
    assert product.total_kgco2e == pytest.approx(0.85 * 535 + 95 * 0.5777, rel=1e-12)
    assert product.total_kgco2e == pytest.approx(509.6315, abs=1e-9)


def test_a_pending_row_without_a_known_factor_says_both(tmp_path: Path) -> None:
    edition, template = cement()
    with Project.create(tmp_path / "cement.pcfdesk") as project:
        start_from_template(project, edition, template)
        data = project.data()
        acts = data.product(CEMENT).study.activities
        unknown = dataclasses.replace(acts[1], factor_ref="NO-SUCH-FACTOR", factor_id=None)
        result = project.compute(data=with_activities(data, CEMENT, [unknown]))
        assert [(f.code, f.field) for f in result.product(CEMENT).left_out] == [
            (AMOUNT_PENDING, "amount"), ("finding.unknown_factor", "factor")]


def test_without_template_a_blank_amount_is_a_located_problem(tmp_path: Path) -> None:
    _, template = cement()
    with Project.create(tmp_path / "p.pcfdesk") as project:
        with pytest.raises(InputError) as refused:
            project.import_workbook(template.file)
        assert project.data().products == []                         # nothing written
    first = refused.value.problems[0]
    assert (first.message_id, first.location.sheet, first.location.row, first.location.column) == (
        "cell.required", "Activities", 2, "D")
    assert len(refused.value.problems) == 9


def test_a_template_still_refuses_an_amount_it_cannot_read(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "t.xlsx", {
        "Products": [["code", "name", "declared_unit"], ["P", "widget", "1 pcs"]],
        "Activities": [["product", "stage", "name", "amount", "unit", "factor"],
                       ["P", "production", "electricity", None, "kWh", "MEE-ELEC-CF-2024-NATIONAL"],
                       ["P", "production", "gas", "about 3", "Nm3", "MEE-ELEC-CF-2024-NATIONAL"]]})
    with Project.create(tmp_path / "p.pcfdesk") as project:
        project.ensure_builtin_library()
        with pytest.raises(InputError) as refused:
            project.import_workbook(book, template=True)
        assert project.data().products == []
    assert [(p.message_id, p.location.row, p.location.column) for p in refused.value.problems] == [
        ("cell.not_number", 3, "D")]


def test_pcf_import_template_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, template = cement()
    project = tmp_path / "cli.pcfdesk"
    assert main(["import", str(template.file), "--project", str(project)]) == 2
    assert not project.exists()                                     # refused: no file left behind
    assert main(["import", str(template.file), "--project", str(project), "--template"]) == 0
    out = capsys.readouterr().out
    assert "9 activities still need their amount" in out
    assert main(["compute", str(project)]) == 2                      # the CLI computes strictly: said, not 0
    assert "the amount is still to be entered" in capsys.readouterr().err
