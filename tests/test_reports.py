"""The PDF report, the application form and the label: numbers as the engine computed them, Chinese that prints."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader

from core.cli.main import main
from core.errors import InputError
from core.project import Project
from core.reports.application_form import missing_fields, write_application
from core.reports.cfp_report import write_report
from core.reports.label import label_content, write_label
from core.reports.pdf_common import register_font


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out / "demo.pcfdesk"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_report_has_the_sections_and_the_engines_numbers(demo, tmp_path):
    with Project.open(demo, read_only=True) as project:
        data, result = project.data(), project.compute()
    path = write_report(data, result, "AL-PROFILE", tmp_path / "report.pdf", today=date(2026, 11, 24))
    text = pdf_text(path)
    r = result.product("AL-PROFILE")
    assert f"{r.total_kgco2e:,.3f}" in text                                  # 22,242.187 as on screen
    for stage in ("原材料获取", "生产制造"):
        assert stage in text
    assert f"{r.by_stage['raw_materials']:,.3f}" in text and f"{r.by_stage['production']:,.3f}" in text
    for heading in ("目录", "1 组织与生产场所", "4 系统边界", "7 分配", "10 核算结果（每声明单位）", "11 所用排放因子",
                    "13 声明", "14 修订历史", "待补充事项"):
        assert heading in text, heading
    assert "本产品碳足迹仅针对气候变化这一个影响类别" in text                         # climate change only
    assert "CPCD-41431X0102018C" in text and "PCF Desk built-in library 2026.12" in text.replace("\n", " ")
    assert "分配给本产品的份额" in text and "生物源 CO2 排放" in text
    reader = PdfReader(path)
    assert f"1 / {len(reader.pages)}" in reader.pages[0].extract_text()     # page X / Y in the footer
    fonts = {f.get("/BaseFont") for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()
             if hasattr(f, "get")} | {page["/Resources"]["/Font"][k]["/BaseFont"] for page in reader.pages
                                     for k in page["/Resources"]["/Font"]}
    assert any("WenQuanYiMicroHei" in str(f) for f in fonts)
    face = __import__("reportlab.pdfbase.pdfmetrics", fromlist=["x"]).getFont(register_font()).face
    assert all(ord(ch) in face.charToGlyph for ch in data.product("AL-PROFILE").name if not ch.isspace())


def test_report_in_english(demo, tmp_path):
    with Project.open(demo, read_only=True) as project:
        path = write_report(project.data(), project.compute(), "WIN-60", tmp_path / "r.pdf", lang="en")
        total = project.compute().product("WIN-60").total_kgco2e
    text = pdf_text(path)
    assert "Product carbon footprint (CFP) study report" in text and f"{total:,.3f}" in text
    assert "13 Scope statement" in text and "climate change" in text


def test_the_application_form_lists_what_is_missing_before_export(demo, tmp_path):
    with Project.open(demo) as project:
        data, result = project.data(), project.compute()
        assert missing_fields(data, data.product("WIN-60")) == ["field.address", "field.contact", "field.site"]
        with pytest.raises(InputError) as err:
            write_application(data, result, "WIN-60", tmp_path / "a.pdf", lang="en")
        assert err.value.problems[0].message_id == "application.missing"
        assert "address, contact person and phone or e-mail, production site and province" in str(err.value)
        draft = write_application(data, result, "WIN-60", tmp_path / "draft.pdf", draft=True)
        assert "草稿——缺少：地址" in pdf_text(draft)
        from core.domain import Site
        complete = dataclasses.replace(
            data, organization=dataclasses.replace(data.organization, address="苏州市吴中区示范路 1 号",
                                                   contact_person="王工", contact_phone="0512-00000000"),
            sites=[Site("吴中工厂", "江苏", "江苏")])
        path = write_application(complete, result, "WIN-60", tmp_path / "app.pdf")
    text = pdf_text(path)
    assert "产品碳足迹标识认证申请书" in text and "91320594MA1XK7P2H2" in text and "吴中工厂" in text
    assert f"{result.product('WIN-60').total_kgco2e:,.3f}" in text and "2025-01-01 — 2025-12-31" in text
    assert "法定代表人（签字）" in text and "申请人（盖章）" in text
    assert "草稿" not in text and text.count("未填写") == 1           # only the optional product rule is empty


def test_label_files_and_qr_payload(demo, tmp_path):
    with Project.open(demo, read_only=True) as project:
        content = label_content(project.data(), project.compute(), "WIN-60", package_sha256="0" * 64,
                                certificate="CFP-2026-0001", certification_body="某认证机构")
    paths = write_label(content, tmp_path)
    assert [p.suffix for p in paths] == [".png", ".pdf", ".svg"]
    from PIL import Image
    with Image.open(paths[0]) as image:
        assert round(image.info["dpi"][0]) == 300 and image.width >= 1000
    assert "<svg" in paths[2].read_text(encoding="utf-8")[:500]
    payload = content.qr_text()
    assert payload.splitlines()[:2] == ["PCF WIN-60 60系列断桥铝合金平开窗", f"{content.value:.6g} kgCO2e/1 pcs"]
    assert "SHA256 " + "0" * 64 in payload and "CERT CFP-2026-0001" in payload
    assert segno.make(payload, error="m").designator                              # encodable as a QR code
    assert "证书编号 CFP-2026-0001" in pdf_text(paths[1])


def test_pcf_report_writes_the_documents_or_nothing(demo, tmp_path, capsys):
    assert main(["--lang", "en", "report", str(demo), "--product", "DOOR-80", "--out", str(tmp_path / "a")]) == 2
    assert not (tmp_path / "a").exists()
    assert "production site and province" in capsys.readouterr().err
    assert main(["report", str(demo), "--product", "DOOR-80", "--out", str(tmp_path / "b"), "--draft"]) == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["application.pdf", "label.pdf", "label.png",
                                                                   "label.svg", "report.pdf"]
