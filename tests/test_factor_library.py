"""Factor datasets in a project: versions, search, and studies that keep their factor version until updated."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from builders import simple_workbook
from sqlalchemy import text

from core.cli.main import main
from core.library.search import FactorQuery
from core.project import Project
from core.store import ProjectStore


def write_lib(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["编号,名称,类别,排放因子,单位,来源,年份,地区", *rows]) + "\n", encoding="utf-8-sig")
    return path


V1 = ["EL,华东电网电力,电力,0.5,kgCO2e/kWh,协会 2023 版,2023,华东",
      "ST,热轧钢板,钢铁,2.4,tCO2e/t,协会 2023 版,2023,中国",
      "DI,柴油,燃料,3.1,kgCO2e/kg,协会 2023 版,2023,中国"]
V2 = ["EL,华东电网电力,电力,0.6,kgCO2e/kWh,协会 2024 版,2024,华东",
      "ST,热轧钢板,钢铁,2.2,tCO2e/t,协会 2024 版,2024,中国",
      "DI,柴油,燃料,3.1,kgCO2e/kg,协会 2024 版,2024,中国"]


@pytest.fixture
def project_with_study(tmp_path: Path) -> Path:
    """P1: 100 kWh of EL per kg (= 50 kg CO2e with v1); P2: 2 kg of P1 + 1 kg of ST per unit."""
    path = tmp_path / "study.pcfdesk"
    with Project.create(path) as project:
        project.import_factors(write_lib(tmp_path / "assoc_v1.csv", V1), dataset="协会因子库")
        project.import_workbook(simple_workbook(
            tmp_path / "study.xlsx",
            products=[["P1", "Part", "1 kg", "cradle-to-gate", None, None, None],
                      ["P2", "Assembly", "1 pcs", "cradle-to-gate", None, None, None]],
            activities=[["P1", "production", "power", 100, "kWh", None, "EL", None],
                        ["P2", "raw_materials", "part", 2, "kg", None, "product:P1", None],
                        ["P2", "raw_materials", "steel", 1, "kg", None, "ST", None]],
            factors=[]))
    return path


def test_reimport_recognises_the_file_and_a_new_file_is_a_new_version(tmp_path):
    with Project.create(tmp_path / "p.pcfdesk") as project:
        first = project.import_factors(write_lib(tmp_path / "a.csv", V1), dataset="协会因子库", publisher="某协会")
        again = project.import_factors(tmp_path / "a.csv", dataset="协会因子库")
        assert (first.dataset.version, first.imported, again.already_imported) == ("1", 3, True)
        second = project.import_factors(write_lib(tmp_path / "b.csv", V2), dataset="协会因子库")
        datasets = project.datasets()
    assert second.dataset.version == "2" and second.imported == 3
    assert [(d.name, d.version, d.factor_count, d.is_latest, d.file_name) for d in datasets] == [
        ("协会因子库", "1", 3, False, "a.csv"), ("协会因子库", "2", 3, True, "b.csv")]
    import hashlib
    assert datasets[0].sha256 == hashlib.sha256((tmp_path / "a.csv").read_bytes()).hexdigest()
    assert datasets[0].publisher == "某协会" and datasets[0].imported_at <= datasets[1].imported_at


def test_search_finds_chinese_words_of_any_length_and_filters(tmp_path):
    with Project.create(tmp_path / "p.pcfdesk") as project:
        project.ensure_builtin_library()
        project.import_factors(write_lib(tmp_path / "a.csv", V1), dataset="协会因子库")
        project.import_factors(write_lib(tmp_path / "b.csv", V2), dataset="协会因子库")
        ours = FactorQuery(dataset="协会因子库")

        def codes(**kw):
            q = FactorQuery(**{**ours.__dict__, **kw})
            return [(h.code, h.version) for h in project.search_factors(q)]

        assert codes(text="钢板") == [("ST", "2")]                      # two characters, latest version only
        assert codes(text="钢") == [("ST", "2")]                        # one character
        assert codes(text="热轧钢板") == [("ST", "2")]
        assert codes(text="钢板", all_versions=True) == [("ST", "2"), ("ST", "1")]   # newer year first
        assert codes(text="华东 电力") == [("EL", "2")]
        assert codes(text="协会 柴油") == [("DI", "2")]                  # one word in the source, one in the name
        assert codes(text="2023 版", all_versions=True) == [("DI", "1"), ("ST", "1"), ("EL", "1")]  # latest first
        assert codes(text="", unit="t") == [("ST", "2"), ("DI", "2")]  # per kg converts from t; kWh does not
        assert codes(text="", geography="华东") == [("EL", "2")]
        assert codes(text="铝") == []
        hit = project.search_factors(FactorQuery(text="钢板", dataset="协会因子库"))[0]
        assert hit.co2e_kg == pytest.approx(2.2) and hit.unit == "kg" and hit.unit_text == "tCO2e/t"
        builtin = project.search_factors(FactorQuery(text="华东 2023"))
        assert builtin[0].code == "MEE-GRID-2023-EAST"
        assert project.search_factors(FactorQuery(text="diesel", unit="kg"))[0].code.startswith("IPCC2006-GAS-DIESEL")


def test_search_cli_json_has_the_documented_fields(tmp_path, capsys):
    with Project.create(tmp_path / "p.pcfdesk") as project:
        project.import_factors(write_lib(tmp_path / "a.csv", V1), dataset="协会因子库")
    assert main(["factors", "search", "电力", "--unit", "MWh", "--json", "--project", str(tmp_path / "p.pcfdesk")]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits == [{"id": "EL", "name": "华东电网电力", "unit": "kWh", "co2e_kg": 0.5, "dataset": "协会因子库",
                     "version": "1", "source": "协会 2023 版", "year": 2023, "geography": "华东", "category": "电力",
                     "unit_text": "kgCO2e/kWh", "factor_id": hits[0]["factor_id"]}]


def test_studies_keep_their_factor_version_until_updated(project_with_study, tmp_path, capsys):
    path = project_with_study
    with Project.open(path) as project:
        before = project.compute()
        assert before.total_kgco2e("P1") == pytest.approx(50.0)                   # 100 kWh × 0.5
        assert before.total_kgco2e("P2") == pytest.approx(2 * 50.0 + 2.4)        # 2 kg of P1 + 1 kg steel × 2.4
        assert project.factor_updates() == []
        project.import_factors(write_lib(tmp_path / "v2.csv", V2), dataset="协会因子库")
        after_import = project.compute()
        assert after_import.total_kgco2e("P1") == pytest.approx(50.0)             # still the version it used
        assert after_import.product("P1").contributions[0].factor_version == "1"
        updates = {u.product: u for u in project.factor_updates()}
    assert set(updates) == {"P1", "P2"}
    p1, p2 = updates["P1"], updates["P2"]
    assert (p1.current_kgco2e, p1.updated_kgco2e) == (pytest.approx(50.0), pytest.approx(60.0))   # 100 × 0.6
    assert p1.delta_share == pytest.approx(0.2)
    assert [(c.code, c.old.dataset_version, c.new.dataset_version) for c in p1.changes] == [("EL", "1", "2")]
    assert p2.updated_kgco2e == pytest.approx(2 * 60.0 + 2.2)                      # its part moved, and its steel
    assert [c.code for c in p2.changes] == ["ST"]
    assert main(["--lang", "en", "factors", "updates", "--project", str(path)]) == 0
    out = capsys.readouterr().out
    assert "P1 Part: 50.0000 → 60.0000 kg CO2e (+10.0000, +20.00%)" in out and "EL: 协会因子库 1 → 协会因子库 2" in out
    assert main(["factors", "update", "--project", str(path), "--product", "P1"]) == 0
    with Project.open(path) as project:
        assert project.compute().total_kgco2e("P1") == pytest.approx(60.0)
        assert project.compute().total_kgco2e("P2") == pytest.approx(2 * 60.0 + 2.4)   # P2's steel not updated
        assert [u.product for u in project.factor_updates()] == ["P2"]
        project.update_factors()
        assert project.compute().total_kgco2e("P2") == pytest.approx(2 * 60.0 + 2.2)
        assert project.factor_updates() == []


def test_a_failed_factor_import_changes_nothing(project_with_study, tmp_path):
    before = sqlite_dump(project_with_study)
    bad = write_lib(tmp_path / "bad.csv", ["X,坏,abc,kgCO2e/kg,来源,2024,中国"])
    with Project.open(project_with_study) as project, pytest.raises(Exception) as err:
        project.import_factors(bad)
    assert type(err.value).__name__ == "InputError"
    assert sqlite_dump(project_with_study) == before


def test_the_search_index_follows_deleted_datasets(tmp_path):
    path = tmp_path / "p.pcfdesk"
    with Project.create(path) as project:
        project.import_factors(write_lib(tmp_path / "a.csv", V1), dataset="临时")
    with ProjectStore.open(path) as store, store.transaction() as session:
        session.execute(text("DELETE FROM factor_datasets WHERE name = '临时'"))
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM factor_name_fts").fetchone() == (0,)
    con.close()
    with Project.open(path) as project:
        assert project.search_factors(FactorQuery(text="钢板")) == []


def sqlite_dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()
