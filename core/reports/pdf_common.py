"""What every PCF Desk PDF shares: the embedded CJK font, paragraph styles, a header naming the product and study
version, "page X of Y" footers and a table of contents (reportlab's multi-pass build).

The font is the TrueType-outline WenQuanYi Micro Hei shipped in `resources/fonts/` (reportlab cannot embed CFF-based
OpenType such as Noto Sans CJK); it is embedded as a subset, so every Chinese character prints on any machine.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from core.paths import resource_path

FONT = "WQYMicroHei"
GREEN = colors.HexColor("#1b5e20")
LIGHT = colors.HexColor("#e8f5e9")


@lru_cache(maxsize=1)
def register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0))
    return FONT


@lru_cache(maxsize=1)
def styles() -> StyleSheet1:
    register_font()
    sheet = StyleSheet1()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=14, wordWrap="CJK")
    sheet.add(base)
    sheet.add(ParagraphStyle("small", parent=base, fontSize=8, leading=11))
    sheet.add(ParagraphStyle("title", parent=base, fontSize=20, leading=28, textColor=GREEN, alignment=TA_CENTER,
                             spaceAfter=10))
    sheet.add(ParagraphStyle("subtitle", parent=base, fontSize=12, leading=18, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("h1", parent=base, fontSize=13, leading=19, textColor=GREEN, spaceBefore=10,
                             spaceAfter=5))
    sheet.add(ParagraphStyle("toc_title", parent=base, fontSize=13, leading=19, textColor=GREEN, spaceAfter=5))
    sheet.add(ParagraphStyle("h2", parent=base, fontSize=10.5, leading=15, spaceBefore=6, spaceAfter=3))
    sheet.add(ParagraphStyle("missing", parent=base, textColor=colors.HexColor("#b71c1c")))
    sheet.add(ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5))
    sheet.add(ParagraphStyle("toc1", parent=base, fontSize=10, leading=16, leftIndent=10))
    return sheet


class NumberedDocument(BaseDocTemplate):
    """A4 pages with a running header and "page X / Y"; headings registered for the table of contents."""

    def __init__(self, path: str, header: str, footer: str, footer_extra: str = "", **kw: object):
        super().__init__(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=22 * mm,
                         bottomMargin=20 * mm, **kw)
        # footer_extra: a second footer line, e.g. the installed association edition's (core.edition)
        self.header, self.footer, self.footer_extra = header, footer, footer_extra
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self._pages_last_pass = 0

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.grey)
        width, height = A4
        canvas.drawString(self.leftMargin, height - 13 * mm, self.header)
        canvas.line(self.leftMargin, height - 15 * mm, width - self.rightMargin, height - 15 * mm)
        total = self._pages_last_pass or doc.page
        canvas.drawString(self.leftMargin, 10 * mm, self.footer)
        if self.footer_extra:
            canvas.drawString(self.leftMargin, 6 * mm, self.footer_extra)
        canvas.drawRightString(width - self.rightMargin, 10 * mm, f"{doc.page} / {total}")
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))

    def build_with_toc(self, make_story) -> None:
        """multiBuild until the contents' page numbers settle, then once more with the total page count known for
        the footers. Each build gets fresh flowables (`make_story()`): reportlab consumes them."""
        self.multiBuild(make_story())
        self._pages_last_pass = self.page
        self.multiBuild(make_story())


def table_of_contents() -> TableOfContents:
    toc = TableOfContents()
    toc.levelStyles = [styles()["toc1"]]
    return toc
