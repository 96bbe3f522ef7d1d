"""A CJK font wherever the system lacks one: Qt, matplotlib (and, in the report issue, reportlab) all use the
WenQuanYi Micro Hei shipped in `resources/fonts/` (TrueType outlines, Apache-2.0; see its LICENSE file).

Why: a Linux machine without CJK fonts (CI, this one) shows Chinese as empty boxes; Windows has 微软雅黑 and keeps it.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from core.paths import resource_path

BUNDLED_FONT = resource_path("fonts", "wqy-microhei.ttc")
PREFERRED = ("Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei")


def install_cjk_font(app: QApplication) -> str:
    """Make the application font one that has Chinese glyphs; returns its family name."""
    family = _system_cjk_family() or _bundled_family()
    font = QFont(family, app.font().pointSize())
    app.setFont(font)
    return family


def configure_charts() -> None:
    """Give matplotlib the window's CJK family; called by the first page that draws a chart (matplotlib costs a
    quarter of a second to import, which the start page should not pay)."""
    configure_matplotlib(_system_cjk_family() or _bundled_family())


def _system_cjk_family() -> str | None:
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    return next((f for f in PREFERRED if f in chinese), None)


@lru_cache(maxsize=1)
def _bundled_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "WenQuanYi Micro Hei"


def configure_matplotlib(family: str) -> None:
    """Charts use the same family; the bundled file is registered with matplotlib when the system has none."""
    from matplotlib import font_manager, rcParams
    if family == _bundled_family() or family not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(BUNDLED_FONT))
        family = font_manager.FontProperties(fname=str(BUNDLED_FONT)).get_name()
    rcParams["font.sans-serif"] = [family, *rcParams["font.sans-serif"]]
    rcParams["font.family"] = "sans-serif"
    rcParams["axes.unicode_minus"] = False
