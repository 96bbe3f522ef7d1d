"""The label certification application form (产品碳足迹标识认证申请书) as PDF.

What the project lacks is found first (`missing_fields`): the export refuses with the list, or, when the user asks
for a draft, prints it on the form in red — a field is never printed blank without saying so.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from core import __version__
from core.domain import Product, ProjectData
from core.guide import missing_fields
from core.engine import ProjectResult
from core.errors import InputError
from core.i18n import language, set_language, tr
from core.reports.pdf_common import LIGHT, NumberedDocument, styles


def raise_missing(missing: list[str]) -> None:
    """InputError naming the missing fields in the language messages are shown in."""
    raise InputError.one("application.missing", hint_id="hint.application_missing",
                         fields=tr("loc.sep").join(tr(m) for m in missing))


def write_application(data: ProjectData, result: ProjectResult, product_code: str, path: str | Path, *,
                      evidence_count: int = 0, draft: bool = False, lang: str | None = None,
                      today: date | None = None) -> Path:
    product = data.product(product_code)
    missing = missing_fields(data, product)
    if missing and not draft:
        raise_missing(missing)
    previous = language()
    set_language(lang or "zh_CN")
    try:
        return _write(data, result, product, Path(path), missing, evidence_count, today or date.today())
    finally:
        set_language(previous)


def _write(data: ProjectData, result: ProjectResult, product: Product, path: Path, missing: list[str],
           evidence_count: int, today: date) -> Path:
    s = styles()
    r = result.product(product.code)
    org, study = data.organization, product.study
    site = data.sites[0] if data.sites else None

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), s[style])

    def v(text: str | None) -> Paragraph:
        return p(text) if text else p(tr("report.missing"), "missing")

    def form(rows: list[tuple[str, Paragraph]]) -> Table:
        t = Table([[p(k, "cell"), val] for k, val in rows], colWidths=[50 * mm, 120 * mm])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    contact = " ".join(x for x in (org.contact_person, org.contact_phone, org.contact_email) if x) if org else ""
    period = (f"{study.period_start.isoformat()} — {study.period_end.isoformat()}"
              if study.period_start and study.period_end else "")
    docs = [tr("application.doc_report"), tr("application.doc_inventory"),
            tr("application.doc_evidence", n=evidence_count), tr("application.doc_licence"),
            tr("application.doc_flow")]
    def make() -> list:
        return _story(p, v, form, org, contact, site, product, study, r, period, docs, missing)

    doc = NumberedDocument(str(path), header=tr("application.title"), footer=tr("report.footer", app=__version__),
                           title=tr("application.title"))
    doc.build_with_toc(make)
    return path


def _story(p, v, form, org, contact, site, product, study, r, period, docs, missing) -> list:
    """The form's flowables (built afresh for each reportlab pass)."""
    story = [p(tr("application.title"), "title")]
    if missing:
        story.append(p(tr("application.draft_missing", fields="、".join(tr(m) for m in missing)), "missing"))
    story += [
        p(tr("application.applicant"), "h1"),
        form([(tr("report.name"), v(org.name if org else "")),
              (tr("report.credit_code"), v(org.credit_code if org else "")),
              (tr("report.address"), v(org.address if org else "")), (tr("report.contact"), v(contact))]),
        p(tr("application.sites"), "h1"),
        form([(tr("report.site"), v(site.name if site else "")), (tr("report.province"),
                                                                   v(site.province if site else ""))]),
        p(tr("application.products"), "h1"),
        form([(tr("report.product"), v(f"{product.code} {product.name}")), (tr("report.model"), v(product.model)),
              (tr("report.declared_unit"), v(str(product.declared_unit)))]),
        p(tr("application.method"), "h1"),
        form([(tr("application.standard"), v(study.standard)), (tr("application.pcr"), v(study.pcr_reference)),
              (tr("report.boundary_type"), v(study.boundary.label()))]),
        p(tr("application.result"), "h1"),
        form([(tr("report.declared_unit"), v(tr("report.total", value=f"{r.total_kgco2e:,.3f}",
                                                unit=r.declared_unit))),
              (tr("application.data_period"), v(period)), ("GWP", v(r.gwp_set))]),
        p(tr("application.documents"), "h1")] + [p(f"• {d}") for d in docs] + [
        p(tr("application.declaration"), "h1"), p(tr("application.declaration_text")), Spacer(1, 14 * mm),
        p(tr("application.signature")), Spacer(1, 10 * mm), p(tr("application.seal")), Spacer(1, 22 * mm),
        p(tr("application.date"))]
    return story
