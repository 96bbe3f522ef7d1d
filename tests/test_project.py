"""The `Project` facade and `pcf import`: merge, replace, and never half-write."""
from __future__ import annotations

import hashlib
import json

import pytest
from builders import simple_workbook

from core.cli.main import main
from core.errors import InputError, PcfError
from core.library.builtin import load_builtin_factors
from core.project import Project


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_compute_project(tmp_path, capsys):
    project = tmp_path / "p.pcfdesk"
    assert main(["import", str(simple_workbook(tmp_path / "w.xlsx")), "--project", str(project)]) == 0
    capsys.readouterr()
    assert main(["compute", str(project), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["products"][0]["total_kgco2e"] == pytest.approx(5.3, rel=1e-12)   # 2x2.5 + 500/1000x0.6
    assert doc["products"][0]["contributions"][0]["factor_source"] == "test"


def test_reimport_replaces_product_and_keeps_others(tmp_path):
    project = tmp_path / "p.pcfdesk"
    first = simple_workbook(tmp_path / "a.xlsx")
    second = simple_workbook(tmp_path / "b.xlsx", products=[["P2", "Other", "1 kg", None, "10 kg"]], activities=[
        ["P2", "raw_materials", "steel", 1, "kg", None, "STEEL", None]])
    with Project.create(project) as p:
        r1 = p.import_workbook(first)
        assert r1.products_added == ["P1"]
        r2 = p.import_workbook(second)
        assert r2.products_added == ["P2"]
        changed = simple_workbook(tmp_path / "c.xlsx", activities=[["P1", "raw_materials", "steel", 4, "kg", None,
                                                                     "STEEL", None]])
        r3 = p.import_workbook(changed)
        assert r3.products_replaced == ["P1"] and r3.changes.activities
        result = p.compute(strict=True)
        assert result.product("P1").total_kgco2e == pytest.approx(10.0, rel=1e-12)   # 4 kg x 2.5
        assert result.product("P2").total_kgco2e == pytest.approx(2.5, rel=1e-12)


def test_failed_import_leaves_the_project_file_byte_identical(tmp_path, capsys):
    project = tmp_path / "p.pcfdesk"
    assert main(["import", str(simple_workbook(tmp_path / "ok.xlsx")), "--project", str(project)]) == 0
    before = digest(project)
    bad_unit = simple_workbook(tmp_path / "bad.xlsx", activities=[["P1", "production", "x", 1, "kWh", None, "STEEL",
                                                                   None]])
    assert main(["import", str(bad_unit), "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "row 2" in err and "column E (unit)" in err
    assert digest(project) == before
    with Project.open(project) as p, pytest.raises(InputError):
        p.import_workbook(tmp_path / "missing.xlsx")
    assert digest(project) == before


def test_builtin_library_loaded_once_and_searchable(tmp_path, capsys):
    with Project.create(tmp_path / "p.pcfdesk") as p:
        assert p.ensure_builtin_library().factors
        assert not p.ensure_builtin_library().factors
        assert "MEE-GRID-2023-EAST" in p.library()
        builtin = [d for d in p.datasets() if d.is_builtin]
        assert [d.factor_count for d in builtin] == [len(load_builtin_factors())]
    assert main(["factors", "search", "华东", "2023", "--json", "--project", str(tmp_path / "p.pcfdesk")]) == 0
    hits = json.loads(capsys.readouterr().out)
    # 2023 East China grid, MEE/NBS 公告2025年第47号 (value read from the shared reference file)
    assert hits[0]["id"] == "MEE-GRID-2023-EAST"
    assert hits[0]["unit"] == "kWh" and hits[0]["year"] == 2023 and hits[0]["geography"] == "华东"
    assert {"id", "name", "unit", "co2e_kg", "dataset", "version", "source", "year", "geography"} <= set(hits[0])


def test_newer_project_file_is_refused_by_the_cli(tmp_path, capsys):
    import sqlite3
    project = tmp_path / "p.pcfdesk"
    with Project.create(project):
        pass
    con = sqlite3.connect(project)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = digest(project)
    assert main(["compute", str(project)]) == 2
    assert "newer" in capsys.readouterr().err
    assert digest(project) == before


def test_not_a_project_file(tmp_path):
    junk = tmp_path / "junk.pcfdesk"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(PcfError):
        Project.open(junk)


def test_saving_only_what_an_edit_touched(tmp_path):
    """One product edited among many: only it is rewritten, ids and order stay, and the file equals a full save."""
    import dataclasses
    import time

    from builders import act, factor, product

    from core.domain import ProjectData
    from core.editing import edit_activity, with_activities
    facts = {f"F{i}": factor(f"F{i}", "kg", co2e=1.0 + i) for i in range(10)}
    prods = [product(f"P{k}", [act("production", 1.0 + j, "kg", f"F{(k + j) % 10}") for j in range(20)])
             for k in range(200)]
    with Project.create(tmp_path / "p.pcfdesk") as p:
        p.save(ProjectData(products=prods, factors=facts))
        before = p.data()
        ids = [x.id for x in before.products]
        target = before.product("P7")
        acts = list(target.study.activities)
        acts[3] = edit_activity(acts[3], "amount", "99")
        after = with_activities(before, "P7", acts)
        started = time.perf_counter()
        p.save_changes(before, after)
        elapsed = time.perf_counter() - started
        again = p.data()
        assert [x.code for x in again.products] == [x.code for x in before.products]
        assert [x.id for x in again.products] == ids                   # rows updated in place, order kept
        assert again.product("P7").study.activities[3].amount == 99.0
        assert again.product("P8").study.activities[3].amount == before.product("P8").study.activities[3].amount
        total = p.compute().total_kgco2e("P7")
        removed = dataclasses.replace(again, products=[x for x in again.products if x.code != "P9"])
        p.save_changes(again, removed)
        assert "P9" not in [x.code for x in p.data().products] and len(p.data().products) == 199
    with Project.create(tmp_path / "full.pcfdesk") as q:
        q.save(dataclasses.replace(after, pinned_factors={}))
        assert q.compute().total_kgco2e("P7") == total
    print(f"\none-product save in a 200-product project: {elapsed * 1000:.0f} ms")


def test_an_import_computes_once_and_writes_what_its_preview_showed(tmp_path, monkeypatch):
    """pcf import / the GUI's import: read, check and compute once; the report that follows reuses that result. A
    preview the user confirmed is written as it was shown, even if the file changed on disk since."""
    import core.project as project_module
    calls: list[int] = []
    real = project_module.compute
    monkeypatch.setattr(project_module, "compute", lambda *a, **k: calls.append(1) or real(*a, **k))
    workbook = simple_workbook(tmp_path / "w.xlsx")
    with Project.create(tmp_path / "p.pcfdesk") as p:
        preview = p.preview_import(workbook)
        assert (preview.products_added, preview.products_replaced, preview.activities) == (["P1"], [], 2)
        simple_workbook(workbook, activities=[["P1", "raw_materials", "steel", 40, "kg", None, "STEEL", None]])
        report = p.import_workbook(preview)
        assert report.products_added == ["P1"] and report.activities == 2
        assert p.compute().product("P1").total_kgco2e == pytest.approx(5.3, rel=1e-12)   # 2x2.5 + 500/1000x0.6
        p.documents("P1", draft=True)
        assert len(calls) == 1
        p.forget_cached_data()
        assert p.compute().product("P1").total_kgco2e == pytest.approx(5.3, rel=1e-12)   # as stored, not as shown
