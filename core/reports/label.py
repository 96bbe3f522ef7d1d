"""The carbon-footprint label artwork: value, unit, declared unit, boundary, standard, certificate line and a QR code,
as PNG (300 dpi), PDF and SVG (vector).

The official artwork rules are not public in our sources (see DOMAIN.md), so every element is a parameter and the
layout is plain. The QR code (segno) carries a short text an inspector's phone can read: product, value, declared
unit, boundary, standard, the applicant's credit code, the period and the SHA-256 of the package files it belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import segno

from core.domain import ProjectData
from core.engine import ProjectResult
from core.i18n import normalise_language, tr
from core.lifecycle import Boundary
from core.paths import resource_path

GREEN = "#1b5e20"
WIDTH_MM, HEIGHT_MM = 90, 54


@dataclass(frozen=True)
class LabelContent:
    product: str
    value: float
    declared_unit: str
    boundary: str
    standard: str
    credit_code: str
    period: str
    certificate: str = ""          # certificate number, once certified
    certification_body: str = ""
    package_sha256: str = ""
    left_out: int = 0              # activities a draft's result left out (0: complete)

    def qr_text(self) -> str:
        """Short, line-separated, readable without an app; the digest ties the label to its package."""
        lines = [f"DRAFT INCOMPLETE {self.left_out}" if self.left_out else "", f"PCF {self.product}", f"{self.value:.6g} kgCO2e/{self.declared_unit}", self.boundary,
                 self.standard, f"USCC {self.credit_code}" if self.credit_code else "", self.period,
                 f"CERT {self.certificate}" if self.certificate else "",
                 f"SHA256 {self.package_sha256}" if self.package_sha256 else ""]
        return "\n".join(x for x in lines if x)


def label_content(data: ProjectData, result: ProjectResult, product_code: str, *, certificate: str = "",
                  certification_body: str = "", package_sha256: str = "") -> LabelContent:
    product = data.product(product_code)
    r = result.product(product_code)
    study = product.study
    period = (f"{study.period_start.isoformat()}/{study.period_end.isoformat()}"
              if study.period_start and study.period_end else "")
    return LabelContent(product=f"{product.code} {product.name}", value=r.total_kgco2e,
                        declared_unit=r.declared_unit, boundary=study.boundary.value,
                        standard=study.standard, credit_code=data.organization.credit_code if data.organization else "",
                        period=period, certificate=certificate, certification_body=certification_body,
                        package_sha256=package_sha256, left_out=len(r.left_out))


def write_label(content: LabelContent, folder: str | Path, stem: str = "label", lang: str | None = None) -> list[Path]:
    """label.png (300 dpi), label.pdf and label.svg in `folder`; returns the paths."""
    figure = _draw(content, normalise_language(lang or "zh_CN"))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for suffix, kw in ((".png", {"dpi": 300}), (".pdf", {}), (".svg", {})):
        path = folder / f"{stem}{suffix}"
        figure.savefig(path, **kw)
        out.append(path)
    return out


def _draw(c: LabelContent, lang: str):
    from matplotlib import font_manager, rcParams
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch
    font = str(resource_path("fonts", "wqy-microhei.ttc"))
    font_manager.fontManager.addfont(font)
    rcParams["pdf.fonttype"] = 42                  # embed TrueType, text stays text in the PDF
    rcParams["svg.fonttype"] = "path"              # SVG as outlines: no font needed where it is printed
    family = font_manager.FontProperties(fname=font).get_name()
    fig = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_MM)
    ax.set_ylim(0, HEIGHT_MM)
    ax.set_axis_off()
    ax.add_patch(FancyBboxPatch((1.5, 1.5), WIDTH_MM - 3, HEIGHT_MM - 3, boxstyle="round,pad=0,rounding_size=3",
                                linewidth=1.6, edgecolor=GREEN, facecolor="white"))
    text = {"family": family, "color": GREEN}
    ax.text(5, 46, tr("label.heading", lang=lang), fontsize=10, **text)
    if c.left_out:
        ax.text(5, 40, tr("documents.draft_left_out_short", lang=lang, count=c.left_out), fontsize=6.5,
                family=family, color="#c62828")
    ax.text(5, 33, f"{c.value:,.1f}", fontsize=20, **text)
    ax.text(5, 27, tr("label.value", lang=lang, value="").strip() + "  " + tr("label.per", lang=lang, unit=c.declared_unit),
            fontsize=7.5, **text)
    ax.text(5, 18, Boundary(c.boundary).label(lang), fontsize=6.5, **text)
    ax.text(5, 13, c.standard, fontsize=6.5, **text)
    certificate = (tr("label.certificate", lang=lang, number=c.certificate, body=c.certification_body)
                   if c.certificate else tr("label.no_certificate", lang=lang))
    ax.text(5, 6, certificate, fontsize=5.5, **text)
    qr = segno.make(c.qr_text(), error="m")
    matrix = [[1 - v for v in row] for row in qr.matrix]
    size = 30.0
    ax.imshow(matrix, cmap="gray", extent=(WIDTH_MM - size - 5, WIDTH_MM - 5, 12, 12 + size), interpolation="nearest",
              vmin=0, vmax=1, zorder=3)                # above the white card
    ax.set_xlim(0, WIDTH_MM)
    ax.set_ylim(0, HEIGHT_MM)
    ax.set_aspect("auto")
    return fig
