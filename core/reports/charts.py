"""The report's charts as PNG bytes (matplotlib, Agg: no display), drawn with the same CJK font as the PDF text."""
from __future__ import annotations

import io

from core.engine import ProductResult
from core.lifecycle import STAGES
from core.paths import resource_path

DPI = 200


def _pyplot():
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager, rcParams
    from matplotlib.figure import Figure
    path = str(resource_path("fonts", "wqy-microhei.ttc"))
    font_manager.fontManager.addfont(path)
    rcParams["font.sans-serif"] = [font_manager.FontProperties(fname=path).get_name(), "DejaVu Sans"]
    rcParams["font.family"] = "sans-serif"
    rcParams["axes.unicode_minus"] = False
    return Figure


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def stage_chart(r: ProductResult, title: str, lang: str) -> bytes:
    figure = _pyplot()(figsize=(6.2, 2.6), tight_layout=True)
    ax = figure.add_subplot(111)
    labels = [s.label(lang) for s in STAGES][::-1]
    values = [r.by_stage[s.value] for s in STAGES][::-1]
    bars = ax.barh(labels, values, color="#43a047")
    ax.bar_label(bars, labels=[f"{v:,.1f}" for v in values], padding=3, fontsize=7)
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.margins(x=0.2)
    return _png(figure)


def contribution_chart(r: ProductResult, title: str, top: int = 8) -> bytes:
    figure = _pyplot()(figsize=(6.2, 2.8), tight_layout=True)
    ax = figure.add_subplot(111)
    items = [c for c in r.contributions if c.kgco2e > 0][:top][::-1]
    names = [c.name if len(c.name) <= 16 else c.name[:15] + "…" for c in items]
    bars = ax.barh(names, [c.kgco2e for c in items], color="#66bb6a")
    ax.bar_label(bars, labels=[f"{c.kgco2e:,.1f} ({c.share:.0%})" for c in items], padding=3, fontsize=7)
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.margins(x=0.3)
    return _png(figure)
