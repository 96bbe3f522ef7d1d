"""The label certification application form (产品碳足迹标识认证申请书) as PDF.

What the project lacks is found first (`missing_fields`): the export refuses with the list, or, when the user asks
for a draft, prints it on the form in red — a field is never printed blank without saying so.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from core import __version__
from core.domain import Product, ProjectData
from core.engine import ProjectResult
from core.errors import InputError
from core.guide import missing_fields
from core.i18n import normalise_language, tr
from core.reports.completeness import left_out_lines
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
    return _write(data, result, product, Path(path), missing, evidence_count, today or date.today(),
                  normalise_language(lang or "zh_CN"))


def _write(data: ProjectData, result: ProjectResult, product: Product, path: Path, missing: list[str],
           evidence_count: int, today: date, lang: str) -> Path:
    t = partial(tr, lang=lang)
    s = styles()
    r = result.product(product.code)
    org, study = data.organization, product.study
    site = data.sites[0] if data.sites else None

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), s[style])

    def v(text: str | None) -> Paragraph:
        return p(text) if text else p(t("report.missing"), "missing")

    def form(rows: list[tuple[str, Paragraph]]) -> Table:
        t = Table([[p(k, "cell"), val] for k, val in rows], colWidths=[50 * mm, 120 * mm])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    contact = " ".join(x for x in (org.contact_person, org.contact_phone, org.contact_email) if x) if org else ""
    period = (f"{study.period_start.isoformat()} — {study.period_end.isoformat()}"
              if study.period_start and study.period_end else "")
    docs = [t("application.doc_report"), t("application.doc_inventory"),
            t("application.doc_evidence", n=evidence_count), t("application.doc_licence"),
            t("application.doc_flow")]
    def make() -> list:
        return _story(t, p, v, form, org, contact, site, product, study, r, period, docs, missing,
                      left_out_lines(r, lang))

    doc = NumberedDocument(str(path), header=t("application.title"), footer=t("report.footer", app=__version__),
                           title=t("application.title"))
    doc.build_with_toc(make)
    return path


def _story(t, p, v, form, org, contact, site, product, study, r, period, docs, missing, left_out) -> list:
    """The form's flowables (built afresh for each reportlab pass); a draft's left-out activities come first."""
    story = [p(t("application.title"), "title")] + [p(line, "missing") for line in left_out]
    if missing:
        story.append(p(t("application.draft_missing", fields="、".join(t(m) for m in missing)), "missing"))
    story += [
        p(t("application.applicant"), "h1"),
        form([(t("report.name"), v(org.name if org else "")),
              (t("report.credit_code"), v(org.credit_code if org else "")),
              (t("report.address"), v(org.address if org else "")), (t("report.contact"), v(contact))]),
        p(t("application.sites"), "h1"),
        form([(t("report.site"), v(site.name if site else "")), (t("report.province"),
                                                                   v(site.province if site else ""))]),
        p(t("application.products"), "h1"),
        form([(t("report.product"), v(f"{product.code} {product.name}")), (t("report.model"), v(product.model)),
              (t("report.declared_unit"), v(str(product.declared_unit)))]),
        p(t("application.method"), "h1"),
        form([(t("application.standard"), v(study.standard)), (t("application.pcr"), v(study.pcr_reference)),
              (t("report.boundary_type"), v(study.boundary.label(t.keywords['lang'])))]),
        p(t("application.result"), "h1"),
        form([(t("report.declared_unit"), v(t("report.total", value=f"{r.total_kgco2e:,.3f}",
                                                unit=r.declared_unit))),
              (t("application.data_period"), v(period)), ("GWP", v(r.gwp_set))]),
        p(t("application.documents"), "h1")] + [p(f"• {d}") for d in docs] + [
        p(t("application.declaration"), "h1"), p(t("application.declaration_text")), Spacer(1, 14 * mm),
        p(t("application.signature")), Spacer(1, 10 * mm), p(t("application.seal")), Spacer(1, 22 * mm),
        p(t("application.date"))]
    return story
