"""Association editions (core/edition.py): the example pack, validation that names the field, zip safety, installing,
and importing an edition's datasets into a project exactly once."""
from __future__ import annotations

import csv
import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.edition import (
    EDITION_FOLDER,
    Edition,
    apply_to_project,
    install_edition,
    installed_edition,
    load_edition,
    report_footer,
)
from core.errors import InputError
from core.library.builtin import load_builtin_factors
from core.paths import resource_path
from core.project import Project
from core.workbook import read_workbook
from core.workbook.layout import ACTIVITIES

CEMENT = resource_path("editions", "cement")


def _copy_pack(tmp_path: Path, name: str = "pack") -> Path:
    return Path(shutil.copytree(CEMENT, tmp_path / name))


def _edit_manifest(pack: Path, change) -> None:
    data = json.loads((pack / "edition.json").read_text(encoding="utf-8"))
    change(data)
    (pack / "edition.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _zip(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


# -- the example edition -------------------------------------------------------------------------------------------

def test_example_cement_edition_loads_and_says_it_is_an_example():
    edition = load_edition(CEMENT)
    assert edition.id == "cement-demo" and edition.example
    assert "示例" in edition.name("zh_CN") and "example" in edition.name("en")
    assert edition.logo.read_bytes().startswith(b"\x89PNG")
    assert [t.file.name for t in edition.templates] == ["cement_template.xlsx"]
    assert [(d.file.name, d.version) for d in edition.datasets] == [("cement_factors.csv", "2026.12")]
    assert report_footer(edition) == edition.report_footer and report_footer(None) == ""
    assert load_edition(CEMENT / "edition.json") == edition        # the file inside the folder works too


def test_example_factors_are_built_in_rows_copied_with_their_sources():
    """No invented factor: each row repeats a built-in row's value, unit and source exactly."""
    original: dict[str, dict[str, str]] = {}
    for name in ("cpcd_materials_transport.csv", "gbt51366_materials_transport.csv"):
        with open(resource_path("factors", name), encoding="utf-8", newline="") as fh:
            original.update({row["code"]: row for row in csv.DictReader(fh)})
    with open(CEMENT / "cement_factors.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 20
    assert {"GBT51366-CEMENT-OPC", "CPCD-37430X0782025C", "GBT51366-CONCRETE-C30"} <= {r["code"] for r in rows}
    for row in rows:
        source = original[row["code"]]
        assert source["flow"] == "co2e"
        assert (row["factor"], row["unit"], row["source"], row["year"], row["geography"]) == (
            source["value"], f"kgCO2e/{source['unit']}", source["source"], source["year"], source["geography"])
        assert source["notes"] in row["notes"]


def test_template_cites_only_built_in_factors_and_reads_once_amounts_are_filled(tmp_path):
    edition = load_edition(CEMENT)
    library = load_builtin_factors()
    workbook = tmp_path / "filled.xlsx"
    shutil.copyfile(edition.templates[0].file, workbook)
    wb = load_workbook(workbook)
    sheet = wb["Activities"]
    column = {c.key: i for i, c in enumerate(ACTIVITIES.columns, start=1)}
    rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["name"]).value]
    names = " ".join(sheet.cell(r, column["name"]).value for r in rows)
    for word in ("熟料", "石膏", "石灰石", "煤", "电力", "柴油", "运输"):
        assert word in names
    for r in rows:
        assert sheet.cell(r, column["factor"]).value in library
        assert sheet.cell(r, column["amount"]).value is None           # left for the plant's own figures
        sheet.cell(r, column["amount"], value=1.0)
        if "运输" in sheet.cell(r, column["name"]).value:
            sheet.cell(r, column["distance_km"], value=100)
    wb.save(workbook)
    data = read_workbook(workbook, library)
    assert [p.code for p in data.products] == ["CEMENT-PO425"]
    assert len(data.products[0].study.activities) == len(rows)


# -- validation ----------------------------------------------------------------------------------------------------

def test_missing_field_is_named_with_the_file(tmp_path):
    pack = _copy_pack(tmp_path)
    _edit_manifest(pack, lambda d: d.pop("contact"))
    with pytest.raises(InputError) as err:
        load_edition(pack)
    assert "pack/edition.json" in str(err.value) and "'contact' is missing" in str(err.value)


def test_wrong_nested_field_is_named_by_its_path(tmp_path):
    pack = _copy_pack(tmp_path)

    def change(d: dict) -> None:
        d["datasets"][0]["version"] = 2026
        d["name"].pop("en")
    _edit_manifest(pack, change)
    with pytest.raises(InputError) as err:
        load_edition(pack)
    text = str(err.value)
    assert "field 'datasets[0].version' is not valid" in text and "field 'name.en' is missing" in text


def test_file_names_must_stay_in_the_pack_and_exist(tmp_path):
    pack = _copy_pack(tmp_path)
    _edit_manifest(pack, lambda d: d.update(logo="../secret.png"))
    with pytest.raises(InputError, match="field 'logo' is not valid"):
        load_edition(pack)
    _edit_manifest(pack, lambda d: d.update(logo="logo.png", templates=[{"file": "gone.xlsx",
                                                                         "title": {"zh_CN": "x", "en": "x"}}]))
    with pytest.raises(InputError, match=r"'templates\[0\].file' names the file 'gone.xlsx'"):
        load_edition(pack)


def test_logo_must_be_a_png_and_json_must_parse(tmp_path):
    pack = _copy_pack(tmp_path)
    (pack / "logo.png").write_bytes(b"GIF89a not a png")
    with pytest.raises(InputError, match="'logo.png' is not a PNG image"):
        load_edition(pack)
    (pack / "edition.json").write_text('{"format": 1,', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_edition(pack)
    with pytest.raises(InputError, match="neither a folder"):
        load_edition(tmp_path / "nothing-here")


# -- zip packs -----------------------------------------------------------------------------------------------------

def test_zip_pack_loads_flat_or_with_its_folder(tmp_path):
    flat = load_edition(_zip(CEMENT, tmp_path / "flat.zip"), workdir=tmp_path / "a")
    nested = load_edition(_zip(CEMENT, tmp_path / "nested.zip", prefix="cement/"), workdir=tmp_path / "b")
    assert flat.id == nested.id == "cement-demo"
    assert nested.root == (tmp_path / "b" / "cement").resolve()


@pytest.mark.parametrize("member", ["../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "sub/../../evil.txt",
                                    "..\\evil.txt"])
def test_zip_member_outside_the_folder_refuses_the_pack(tmp_path, member):
    pack = _zip(CEMENT, tmp_path / "evil.zip")
    with zipfile.ZipFile(pack, "a") as archive:
        archive.writestr(member, "owned")
    with pytest.raises(InputError, match="would be written outside the edition folder"):
        load_edition(pack, workdir=tmp_path / "work" / "inner")
    assert not (tmp_path / "work" / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()
    assert not (tmp_path / "work" / "inner").exists()          # refused before anything was unpacked


def test_zip_symlink_member_is_refused(tmp_path):
    pack = _zip(CEMENT, tmp_path / "link.zip")
    info = zipfile.ZipInfo("logo-link.png")
    info.external_attr = (0o120777 << 16)
    with zipfile.ZipFile(pack, "a") as archive:
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(InputError, match="logo-link.png"):
        load_edition(pack, workdir=tmp_path / "w")


def test_not_a_zip_is_reported(tmp_path):
    bogus = tmp_path / "pack.zip"
    bogus.write_bytes(b"PK\x05\x06" + b"\0" * 10)
    with pytest.raises(InputError):
        load_edition(bogus, workdir=tmp_path / "w")


# -- installing ----------------------------------------------------------------------------------------------------

def test_install_copies_the_pack_and_replaces_the_previous_one(tmp_path):
    user = tmp_path / "user"
    assert installed_edition(user, bundle_folder=tmp_path / "nowhere") is None
    first = install_edition(_zip(CEMENT, tmp_path / "p.zip"), user)
    assert first.root == (user / EDITION_FOLDER).resolve()
    assert installed_edition(user, bundle_folder=tmp_path / "nowhere") == first
    second_pack = _copy_pack(tmp_path, "second")
    _edit_manifest(second_pack, lambda d: d.update(id="cement-demo-2"))
    assert install_edition(second_pack, user).id == "cement-demo-2"
    assert sorted(p.name for p in user.iterdir()) == [EDITION_FOLDER]          # no staging folders left
    assert install_edition(user / EDITION_FOLDER, user).id == "cement-demo-2"  # reinstalling itself is harmless


def test_a_refused_pack_leaves_the_installed_edition_alone(tmp_path):
    user = tmp_path / "user"
    install_edition(CEMENT, user)
    bad = _copy_pack(tmp_path, "bad")
    _edit_manifest(bad, lambda d: d.pop("report_footer"))
    with pytest.raises(InputError, match="report_footer"):
        install_edition(bad, user)
    assert installed_edition(user).id == "cement-demo"
    assert sorted(p.name for p in user.iterdir()) == [EDITION_FOLDER]


def test_user_edition_before_the_bundled_one_and_frozen_lookup(tmp_path, monkeypatch):
    bundle = tmp_path / "dist" / "pcf-desk"
    shutil.copytree(CEMENT, bundle / EDITION_FOLDER)
    _edit_manifest(bundle / EDITION_FOLDER, lambda d: d.update(id="bundled"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "pcf-desk.exe"))
    assert installed_edition().id == "bundled"
    assert installed_edition(tmp_path / "empty-user").id == "bundled"
    install_edition(CEMENT, tmp_path / "user")
    assert installed_edition(tmp_path / "user").id == "cement-demo"


# -- projects and reports ------------------------------------------------------------------------------------------

def test_apply_to_project_imports_the_datasets_once(tmp_path):
    edition = load_edition(CEMENT)
    with Project.create(tmp_path / "p.pcfdesk") as project:
        first = apply_to_project(edition, project)
        assert [r.imported for r in first] == [24] and not first[0].already_imported
        before = project.datasets()
        second = apply_to_project(edition, project)
        assert [r.imported for r in second] == [0] and second[0].already_imported
        assert project.datasets() == before
        info = before[0]
        assert (info.name, info.version, info.factor_count) == (edition.datasets[0].dataset, "2026.12", 24)
        cement = project.library()["GBT51366-CEMENT-OPC"]
        assert cement.flows == {"co2e": pytest.approx(0.735)} and cement.unit == "kg"


def test_same_version_with_other_content_is_an_error_of_the_pack(tmp_path):
    pack = _copy_pack(tmp_path)
    with Project.create(tmp_path / "p.pcfdesk") as project:
        apply_to_project(load_edition(pack), project)
        factors = pack / "cement_factors.csv"
        factors.write_text(factors.read_text(encoding="utf-8").replace(",735,", ",736,", 1), encoding="utf-8")
        with pytest.raises(InputError, match="already holds version 2026.12"):
            apply_to_project(load_edition(pack), project)


def test_report_footer_carries_the_edition_line(tmp_path):
    from pypdf import PdfReader

    from core.reports.cfp_report import write_report
    edition: Edition = load_edition(CEMENT)
    workbook = tmp_path / "demo.xlsx"
    shutil.copyfile(resource_path("demo", "demo_study.xlsx"), workbook)
    with Project.create(tmp_path / "demo.pcfdesk") as project:
        project.ensure_builtin_library()
        project.import_workbook(workbook)
        plain = write_report(project.data(), project.compute(), "WIN-60", tmp_path / "plain.pdf", lang="en")
        branded = write_report(project.data(), project.compute(), "WIN-60", tmp_path / "branded.pdf", lang="en",
                               footer_extra=report_footer(edition))
    last_page = PdfReader(branded).pages[-1].extract_text()
    assert "Cement sector demo edition (example)" in last_page
    assert "Cement sector demo edition" not in PdfReader(plain).pages[-1].extract_text()
