"""The verification package: what goes in, and that `verify_package` catches every change made after packaging."""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

import core
from core.cli import package_commands
from core.editing import with_activities
from core.errors import InputError
from core.i18n import catalogue
from core.project import Project
from core.reports.package import MANIFEST, PACKAGE_FORMAT, build_package, read_manifest, verify_package

INVOICE = b"%PDF-1.4 invoice for glass, 20 kg per window\n"
MILL_CERT = b"mill certificate of the aluminium billet\n"


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """The demo with an invoice on WIN-60's glass and a certificate on AL-PROFILE's billet (used by WIN-60)."""
    from core.cli.main import main
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    path = tmp_path / "demo" / "demo.pcfdesk"
    (tmp_path / "glass_invoice.pdf").write_bytes(INVOICE)
    (tmp_path / "mill_cert.txt").write_bytes(MILL_CERT)
    with Project.open(path) as project:
        data = project.data()
        for code, index, name in (("WIN-60", 1, "glass_invoice.pdf"), ("AL-PROFILE", 0, "mill_cert.txt")):
            evidence = project.attach_evidence(tmp_path / name)
            acts = list(data.product(code).study.activities)
            acts[index] = dataclasses.replace(acts[index], evidence=[evidence])
            data = with_activities(data, code, acts)
        project.save(data)
    return path


@pytest.fixture
def package(demo_project: Path, tmp_path: Path) -> Path:
    (tmp_path / "label.png").write_bytes(b"\x89PNG label")
    with Project.open(demo_project, read_only=True) as project:
        return build_package(project.data(), project.compute(), "WIN-60", tmp_path / "out" / "WIN-60.zip",
                             evidence=project.evidence_bytes, documents={"report.pdf": b"%PDF report", "label/label.png": tmp_path / "label.png"})


def _rewrite(src: Path, dst: Path, change=None, drop: str | None = None, add: tuple[str, bytes] | None = None) -> Path:
    """A copy of the zip with one member changed, dropped or added (a fresh zip: CRCs consistent)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            data = zin.read(info.filename)
            if change is not None and info.filename == change[0]:
                data = change[1](data)
            zout.writestr(info.filename, data)
        if add:
            zout.writestr(*add)
    return dst


def _flip_one_byte(data: bytes) -> bytes:
    return data[:10] + bytes([data[10] ^ 0x01]) + data[11:]


def test_package_holds_everything_with_a_matching_manifest(package: Path, demo_project: Path):
    assert verify_package(package) == []
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read(MANIFEST))
        assert json.loads(zf.read("result.json")) == _engine_json(demo_project)
        assert zf.read("evidence/glass_invoice.pdf") == INVOICE
        assert zf.read("evidence/mill_cert.txt") == MILL_CERT
        assert zf.read("label/label.png") == b"\x89PNG label"
        for entry in manifest["files"]:
            data = zf.read(entry["path"])
            assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
    assert names == {MANIFEST, "inventory_WIN-60.xlsx", "result.json", "report.pdf", "label/label.png",
                     "evidence/glass_invoice.pdf", "evidence/mill_cert.txt"}
    assert {e["path"] for e in manifest["files"]} == names - {MANIFEST}
    assert manifest["format"] == PACKAGE_FORMAT == "pcf-package/1"
    assert manifest["product"] == "WIN-60" and manifest["study_version"] == "1"
    assert manifest["app_version"] == core.__version__
    assert datetime.fromisoformat(manifest["created_utc"].replace("Z", "+00:00")).utcoffset().total_seconds() == 0
    cited = {e["file_name"]: e["cited_by"] for e in manifest["evidence"]}
    assert cited["mill_cert.txt"] == [{"product": "AL-PROFILE", "activity": "铝棒（电解铝）"}]


def _engine_json(path: Path) -> dict:
    with Project.open(path, read_only=True) as project:
        return json.loads(json.dumps(project.compute().to_json(["WIN-60"]), ensure_ascii=False))


def test_a_changed_byte_is_reported_with_the_file(package: Path, tmp_path: Path):
    bad = _rewrite(package, tmp_path / "changed.zip", change=("evidence/glass_invoice.pdf", _flip_one_byte))
    problems = verify_package(bad)
    assert [p.message_id for p in problems] == ["package.file_changed"]
    assert problems[0].params["member"] == "evidence/glass_invoice.pdf"
    assert "evidence/glass_invoice.pdf" in problems[0].text()


def test_a_removed_file_is_reported(package: Path, tmp_path: Path):
    problems = verify_package(_rewrite(package, tmp_path / "removed.zip", drop="result.json"))
    assert [(p.message_id, p.params["member"]) for p in problems] == [("package.file_missing", "result.json")]


def test_an_unlisted_file_is_reported(package: Path, tmp_path: Path):
    problems = verify_package(_rewrite(package, tmp_path / "added.zip", add=("extra/notes.txt", b"x")))
    assert [(p.message_id, p.params["member"]) for p in problems] == [("package.file_unlisted", "extra/notes.txt")]


def test_a_longer_file_is_a_changed_file(package: Path, tmp_path: Path):
    bad = _rewrite(package, tmp_path / "longer.zip", change=("report.pdf", lambda d: d + b"\n"))
    assert [p.message_id for p in verify_package(bad)] == ["package.file_changed"]


def test_files_that_are_not_packages(tmp_path: Path, package: Path):
    text = tmp_path / "notes.zip"
    text.write_text("not a zip at all", encoding="utf-8")
    problems = verify_package(text)
    assert [p.message_id for p in problems] == ["package.not_zip"]
    assert "not a zip archive" in problems[0].text() and "pcf package" in problems[0].text()
    assert [p.message_id for p in verify_package(tmp_path / "missing.zip")] == ["package.not_readable"]
    no_manifest = _rewrite(package, tmp_path / "no_manifest.zip", drop=MANIFEST)
    assert [p.message_id for p in verify_package(no_manifest)] == ["package.manifest_missing"]
    broken = _rewrite(package, tmp_path / "broken.zip", change=(MANIFEST, lambda d: d[:-5]))
    assert [p.message_id for p in verify_package(broken)] == ["package.manifest_invalid"]
    other = _rewrite(package, tmp_path / "other.zip",
                     change=(MANIFEST, lambda d: d.replace(b"pcf-package/1", b"pcf-package/9")))
    assert [p.message_id for p in verify_package(other)] == ["package.manifest_format"]


def test_unsafe_member_names_are_reported(package: Path, tmp_path: Path):
    bad = _rewrite(package, tmp_path / "slip.zip", add=("../outside.txt", b"x"))
    assert {p.message_id for p in verify_package(bad)} == {"package.unsafe_name", "package.file_unlisted"}


def test_bad_requests_are_refused_before_anything_is_written(demo_project: Path, tmp_path: Path):
    out = tmp_path / "never.zip"
    with Project.open(demo_project, read_only=True) as project:
        with pytest.raises(InputError) as unknown:
            build_package(project.data(), project.compute(), "NOPE", out)
        assert "WIN-60" in str(unknown.value)
        for name in ("manifest.json", "../up.pdf", "/abs.pdf", "evidence/x.pdf", "result.json"):
            with pytest.raises(InputError):
                build_package(project.data(), project.compute(), "WIN-60", out, documents={name: b"x"})
    assert not out.exists()
    assert not list(tmp_path.glob(".never.zip.*"))


def _cli() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pcf")
    package_commands.register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_cli_package_and_verify(demo_project: Path, tmp_path: Path, capsys):
    out = tmp_path / "cli" / "WIN-60.zip"
    args = _cli().parse_args(["package", str(demo_project), "--product", "WIN-60", "--out", str(out)])
    with pytest.raises(InputError) as err:              # the demo lacks address, contact and site
        args.run(args)
    assert err.value.problems[0].message_id == "application.missing" and not out.exists()
    args = _cli().parse_args(["package", str(demo_project), "--product", "WIN-60", "--out", str(out), "--draft"])
    assert args.run(args) == 0
    assert "WIN-60" in capsys.readouterr().out
    names = {f["path"] for f in read_manifest(out)["files"]}
    assert {"report.pdf", "application.pdf", "pact_WIN-60.json", "label.png", "label.pdf", "label.svg",
            "result.json", "inventory_WIN-60.xlsx"} <= names
    args = _cli().parse_args(["verify", str(out)])
    assert args.run(args) == 0
    assert capsys.readouterr().out.startswith("OK")
    bad = _rewrite(out, tmp_path / "bad.zip", change=("result.json", _flip_one_byte))
    args = _cli().parse_args(["verify", str(bad)])
    assert args.run(args) == 2
    err = capsys.readouterr().err
    assert "result.json" in err and "1 problem" in err


def test_every_package_message_has_both_languages():
    path = Path(core.__file__).resolve().parents[1] / "resources" / "i18n" / "package_messages.json"
    ids = json.loads(path.read_text(encoding="utf-8"))
    merged = catalogue()
    for key in ids:
        assert merged[key].get("en") and merged[key].get("zh_CN"), key


def test_pcf_package_opens_loads_and_computes_once(demo_project: Path, tmp_path: Path, monkeypatch):
    """Every document of the package (report, form, label, PACT, inventory, result.json) states one computation."""
    import core.project as project_module
    import core.store.project_store as store_module
    computed: list[int] = []
    loaded: list[int] = []
    real_compute, real_load = project_module.compute, store_module.ProjectStore.load
    monkeypatch.setattr(project_module, "compute", lambda *a, **k: computed.append(1) or real_compute(*a, **k))
    monkeypatch.setattr(store_module.ProjectStore, "load", lambda self: loaded.append(1) or real_load(self))
    out = tmp_path / "once" / "WIN-60.zip"
    args = _cli().parse_args(["package", str(demo_project), "--product", "WIN-60", "--out", str(out), "--draft"])
    assert args.run(args) == 0 and out.exists()
    assert (len(loaded), len(computed)) == (1, 1)
