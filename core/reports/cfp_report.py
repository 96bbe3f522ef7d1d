"""The CFP study report (碳足迹核算报告) as PDF, structured after GB/T 24067-2024 / ISO 14067:2018 clause 7.

Every number comes from the engine's result for the product; every factor is listed with its source and dataset
version; what the study does not state is printed as "not stated" in red and collected under "Open points", never
left blank silently.
"""
from __future__ import annotations

import io
from datetime import date
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, Spacer, Table, TableStyle

from core import __version__
from core.domain import Basis, DataType, ProjectData
from core.engine import ProductResult, ProjectResult
from core.errors import InputError
from core.gwp import flow_keys, flow_label
from core.i18n import normalise_language, tr
from core.lifecycle import STAGES
from core.numbers import format_number, format_significant
from core.reports import charts
from core.reports.completeness import left_out_lines
from core.reports.pdf_common import FONT, LIGHT, NumberedDocument, styles, table_of_contents

GWP_SOURCES = {"AR6": "IPCC AR6 WG1 (2021) Table 7.15", "AR5": "IPCC AR5 WG1 (2013) Table 8.A.1",
               "AR4": "IPCC AR4 WG1 (2007) Table 2.14"}


def write_report(data: ProjectData, result: ProjectResult, product_code: str, path: str | Path,
                 lang: str | None = None, today: date | None = None, footer_extra: str = "") -> Path:
    """Write the report of one product; `lang` 'zh_CN' (default) or 'en'; `footer_extra` is a second footer line
    on every page (an association edition's, `core.edition.report_footer`). A result that left activities out
    (only a draft gets one, `core.reports.documents`) lists them on the cover."""
    return _Report(data, result, product_code, Path(path), today or date.today(), footer_extra,
                   normalise_language(lang or "zh_CN")).build()


class _Report:
    def __init__(self, data: ProjectData, result: ProjectResult, code: str, path: Path, today: date,
                 footer_extra: str = "", lang: str = "zh_CN"):
        self.lang = lang
        self.t = partial(tr, lang=lang)
        try:
            self.product = data.product(code)
        except KeyError:
            raise InputError.one("report.no_product", code=code) from None
        self.data, self.path, self.today = data, path, today
        self.footer_extra = footer_extra
        self.project_result = result
        self.r: ProductResult = result.product(code)
        self.study = self.product.study
        self.s = styles()
        self.open_points: list[str] = []
        self._charts: dict[str, bytes] = {}

    # -- building blocks -------------------------------------------------------------------------------------------
    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), self.s[style])

    def value(self, text: str | None, open_point: str | None = None) -> Paragraph:
        if text:
            return self.p(text)
        if open_point:
            self.open_points.append(open_point)
        return self.p(self.t("report.missing"), "missing")

    def table(self, header: list[str], rows: list[list[object]], widths: list[float] | None = None) -> Table:
        cell = self.s["cell"]
        body = [[Paragraph(escape(str(h)), cell) for h in header]]
        body += [[c if isinstance(c, Paragraph) else Paragraph(escape(str(c)), cell) for c in row] for row in rows]
        t = Table(body, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    def pairs(self, rows: list[tuple[str, Paragraph]]) -> Table:
        t = Table([[self.p(k, "cell"), v] for k, v in rows], colWidths=[45 * mm, 125 * mm])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    def chart(self, png: bytes) -> Image:
        return Image(io.BytesIO(png), width=160 * mm, height=160 * mm * 0.42)

    # -- the document ----------------------------------------------------------------------------------------------
    def story(self) -> list:
        self.open_points = []
        story = [*self.cover(), Paragraph(escape(self.t("report.toc")), self.s["toc_title"]), table_of_contents(),
                 PageBreak()]
        for section in (self.organization, self.product_section, self.goal, self.boundary, self.period,
                        self.data_quality, self.allocation, self.electricity, self.method, self.results,
                        self.factors, self.assumptions, self.statement, self.history):
            story += section()
        return story + self.open_section()

    def build(self) -> Path:
        doc = NumberedDocument(str(self.path),
                               header=self.t("report.header", product=f"{self.product.code} {self.product.name}",
                                         version=self.study.version),
                               footer=self.t("report.footer", app=__version__), footer_extra=self.footer_extra,
                               title=self.t("report.title"),
                               author=self.data.organization.name if self.data.organization else "PCF Desk")
        doc.build_with_toc(self.story)
        return self.path

    def h1(self, key: str) -> Paragraph:
        return Paragraph(escape(self.t(key)), self.s["h1"])

    def cover(self) -> list:
        org = self.data.organization.name if self.data.organization else ""
        status = self.t(f"report.status.{self.study.status.value}")
        left_out = [self.p(line, "missing") for line in left_out_lines(self.r, self.lang)]
        if left_out:                  # a draft of an incomplete result: said first, apart from the title block
            left_out = [Spacer(1, 4 * mm), *left_out, Spacer(1, 8 * mm)]
        return [Spacer(1, 40 * mm), self.p(self.t("report.title"), "title"), *left_out,
                self.p(f"{self.product.name}  {self.product.model}".strip(), "subtitle"), Spacer(1, 8 * mm),
                self.p(self.t("report.total", value=f"{self.r.total_kgco2e:,.3f}", unit=self.r.declared_unit),
                       "subtitle"),
                Spacer(1, 20 * mm), self.p(self.t("report.cover_org", name=org), "subtitle"),
                self.p(self.t("report.cover_date", date=self.today.isoformat(), version=self.study.version,
                          status=status), "subtitle"),
                self.p(self.study.standard, "subtitle"), PageBreak()]

    def organization(self) -> list:
        org = self.data.organization
        site = self.data.sites[0] if self.data.sites else None
        contact = " ".join(x for x in (org.contact_person, org.contact_phone, org.contact_email) if x) if org else ""
        return [self.h1("report.s_org"), self.pairs([
            (self.t("report.name"), self.value(org.name if org else "")),
            (self.t("report.credit_code"), self.value(org.credit_code if org else "")),
            (self.t("report.address"), self.value(org.address if org else "", self.t("report.open_address"))),
            (self.t("report.contact"), self.value(contact)),
            (self.t("report.site"), self.value(site.name if site else "", self.t("report.open_site"))),
            (self.t("report.province"), self.value(site.province if site else ""))])]

    def product_section(self) -> list:
        p = self.product
        mass = self.t("report.mass", kg=f"{p.mass_per_unit_kg:g}") if p.mass_per_unit_kg else ""
        return [self.h1("report.s_product"), self.pairs([
            (self.t("report.product"), self.value(f"{p.code} {p.name}")), (self.t("report.model"), self.value(p.model)),
            (self.t("report.declared_unit"), self.value(str(p.declared_unit))),
            (self.t("report.reference_flow"), self.value(self.t("report.reference_flow_text", unit=str(p.declared_unit),
                                                          product=p.name, mass=mass)))])]

    def goal(self) -> list:
        return [self.h1("report.s_goal"), self.value(self.study.goal, self.t("report.open_goal"))]

    def boundary(self) -> list:
        rows = []
        for stage in STAGES:
            if stage not in self.study.boundary.stages:
                rows.append([stage.label(self.lang), self.t("report.outside"), ""])
            elif stage in self.study.excluded_stages:
                why = self.study.excluded_stages[stage]
                rows.append([stage.label(self.lang), self.t("report.excluded"),
                             self.value(why, self.t("report.open_reason", stage=stage.label(self.lang)))])
            else:
                rows.append([stage.label(self.lang), self.t("report.included"), ""])
        return [self.h1("report.s_boundary"),
                self.p(f"{self.t('report.boundary_type')}: {self.study.boundary.label(self.lang)}"),
                self.table([self.t("report.stage"), self.t("report.included"), self.t("report.justification")], rows,
                           [40 * mm, 35 * mm, 95 * mm]),
                Spacer(1, 3 * mm), self.p(f"{self.t('report.cutoff')}: "),
                self.value(self.study.cutoff_rule), self.p(self.t("report.cutoff_share"))]

    def period(self) -> list:
        s = self.study
        if not (s.period_start and s.period_end):
            return [self.h1("report.s_period"), self.value("", self.t("report.open_period"))]
        return [self.h1("report.s_period"), self.p(self.t("report.period", start=s.period_start.isoformat(),
                                                      end=s.period_end.isoformat(),
                                                      output=self.period_output_text()))]

    def period_output_text(self) -> str:
        """The output as entered and, when the engine could use it, in declared units (its number, not ours)."""
        entered, used = self.study.period_output, self.r.period_output
        if not entered:
            return "-"
        return f"{entered} = {used:,.6g} × {self.r.declared_unit}" if used is not None else str(entered)

    def data_quality(self) -> list:
        acts = self.study.activities
        rows = [[a.stage.label(self.lang), a.name,
                 format_number(a.amount) if a.amount is not None else self.t("report.amount_pending"),
                 a.unit + (f" × {format_number(a.distance_km)} km" if a.distance_km else ""),
                 self.t(f"basis.{Basis(a.basis).value}"), self.t(f"data_type.{DataType(a.data_type).value}"), a.source]
                for a in acts]
        share = self.r.primary_data_share
        return [self.h1("report.s_data"),
                self.table([self.t("report.stage"), self.t("report.activity"), self.t("report.amount"), self.t("report.unit"),
                            self.t("report.basis"), self.t("report.data_type"), self.t("report.source")], rows,
                           [22 * mm, 38 * mm, 18 * mm, 22 * mm, 18 * mm, 14 * mm, 38 * mm]),
                Spacer(1, 2 * mm), self.p(self.t("report.primary_share", share=f"{share:.1%}"))]

    def allocation(self) -> list:
        s = self.study
        if not s.coproducts:
            return [self.h1("report.s_allocation"), self.p(self.t("report.no_allocation"))]
        share = self.r.allocation_share
        items = ", ".join(f"{c.name} {c.output}" for c in s.coproducts)
        return [self.h1("report.s_allocation"),
                self.p(self.t("report.allocation_method", method=self.t(f"report.allocation.{s.allocation.value}"),
                          share=f"{share:.2%}")),
                self.p(self.t("report.coproducts", items=items))]

    def electricity(self) -> list:
        rows = [[c.name, f"{c.quantity_per_declared_unit:,.4g} {c.target_unit}", c.factor_code, c.factor_source]
                for c in self.r.contributions if c.target_unit.lower() in ("kwh", "mwh")]
        out = [self.h1("report.s_electricity"),
               self.p(self.t("report.electricity_approach", text="")), self.value(self.study.electricity_approach,
                                                                             self.t("report.open_electricity"))]
        if rows:
            out += [Spacer(1, 2 * mm), self.p(self.t("report.electricity_rows")),
                    self.table([self.t("report.activity"), self.t("report.amount"), self.t("report.factor"), self.t("report.source")],
                               rows, [40 * mm, 30 * mm, 45 * mm, 55 * mm])]
        return out

    def method(self) -> list:
        return [self.h1("report.s_method"), self.p(self.t("report.gwp", set=self.r.gwp_set,
                                                      source=GWP_SOURCES.get(self.r.gwp_set, "")))]

    def results(self) -> list:
        r = self.r
        stage_rows = [[s.label(self.lang), f"{r.by_stage[s.value]:,.3f}",
                       f"{r.by_stage[s.value] / r.total_kgco2e:.1%}" if r.total_kgco2e else "-"] for s in STAGES]
        separate = [[self.t("report.excluding_biogenic"), f"{r.excluding_biogenic_kgco2e:,.3f}"],
                    [self.t("report.biogenic_emissions"), f"{r.biogenic_co2_emissions_kg:,.3f}"],
                    [self.t("report.biogenic_removals"), f"{r.biogenic_co2_removals_kg:,.3f}"],
                    [self.t("report.dluc"), f"{r.dluc_kgco2e:,.3f}"]]
        gases = [[flow_label(k, self.lang), format_significant(r.by_gas_kg[k])] for k in flow_keys()
                 if k in r.by_gas_kg]
        return [self.h1("report.s_results"),
                Paragraph(escape(self.t("report.total", value=f"{r.total_kgco2e:,.3f}", unit=r.declared_unit)),
                          self.s["h2"]),
                self.table([self.t("report.stage"), self.t("report.value"), self.t("report.share")], stage_rows,
                           [60 * mm, 50 * mm, 30 * mm]), Spacer(1, 3 * mm),
                self.table(["", self.t("report.value")], separate, [80 * mm, 60 * mm]), Spacer(1, 3 * mm),
                self.table([self.t("report.gas"), self.t("report.value")], gases, [80 * mm, 60 * mm]), Spacer(1, 3 * mm),
                *self.contributions(), Spacer(1, 3 * mm),
                self.chart(self.png("stages", lambda: charts.stage_chart(r, self.t("report.chart_stages"), self.lang))),
                self.chart(self.png("contributors",
                                    lambda: charts.contribution_chart(r, self.t("report.chart_contributors"))))]

    def contributions(self) -> list:
        """Each activity: quantity per declared unit × kg CO2e per unit = its kg CO2e (the engine's Contribution), so
        an auditor can redo every product of the total by hand."""
        stage = {s.value: s.label(self.lang) for s in STAGES}
        rows = [[c.name, stage[c.stage], f"{c.quantity_per_declared_unit:,.6g} {c.target_unit}",
                 f"{c.factor_kgco2e_per_unit:,.6g} / {c.target_unit}", f"{c.kgco2e:,.3f}", f"{c.share:.1%}"]
                for c in self.r.contributions]
        return [Paragraph(escape(self.t("report.contributions")), self.s["h2"]),
                self.table([self.t("report.activity"), self.t("report.stage"), self.t("report.quantity"),
                            self.t("report.factor_value"), self.t("report.kgco2e"), self.t("report.share")], rows,
                           [44 * mm, 22 * mm, 28 * mm, 30 * mm, 28 * mm, 18 * mm])]

    def png(self, key: str, draw) -> bytes:
        """Charts drawn once, placed in every build pass."""
        if key not in self._charts:
            self._charts[key] = draw()
        return self._charts[key]

    def factors(self) -> list:
        seen: dict[str, list[object]] = {}
        for c in self.r.contributions:
            if c.factor_code and c.factor_code not in seen:
                seen[c.factor_code] = [f"{c.factor_code}\n{c.factor_name}",
                                       f"{c.factor_kgco2e_per_unit:,.6g} / {c.target_unit}",
                                       c.factor_source, f"{c.factor_dataset} {c.factor_version}".strip()]
        return [self.h1("report.s_factors"),
                self.table([self.t("report.factor"), self.t("report.factor_value"), self.t("report.source"),
                            self.t("report.dataset")], list(seen.values()), [45 * mm, 28 * mm, 65 * mm, 32 * mm])]

    def assumptions(self) -> list:
        s = self.study
        secondary = sum(1 for a in s.activities if a.data_type is DataType.SECONDARY)
        items = [self.t("report.assumption_gwp", set=self.r.gwp_set),
                 self.t("report.assumption_secondary", n=secondary, total=len(s.activities))]
        if s.coproducts:
            items.append(self.t("report.assumption_allocation", text=self.t(f"report.allocation.{s.allocation.value}")))
        if s.excluded_stages:
            items.append(self.t("report.assumption_exclusions", items=", ".join(x.label(self.lang) for x in s.excluded_stages)))
        items.append(self.t("report.limitation"))
        return [self.h1("report.s_assumptions")] + [self.p(f"• {t}") for t in items]

    def statement(self) -> list:
        return [self.h1("report.s_statement"), self.p(self.t("report.statement"))]

    def history(self) -> list:
        return [self.h1("report.s_history"),
                self.p(self.t("report.version_row", version=self.study.version,
                          status=self.t(f"report.status.{self.study.status.value}"), date=self.today.isoformat(),
                          app=__version__))]

    def open_section(self) -> list:
        if not self.open_points:
            return []
        return [self.h1("report.s_open")] + [self.p(f"• {t}", "missing") for t in dict.fromkeys(self.open_points)]
