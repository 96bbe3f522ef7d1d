"""Every step of the demo can be looked at, and its Chinese is drawn with a font that has Chinese glyphs."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QApplication
from screenshots import STEP_NAMES, save_screenshots


def test_a_screenshot_of_each_step_of_the_demo(qtbot, tmp_path):
    written = save_screenshots(tmp_path, "zh_CN")
    assert [p.name for p in written] == ["0-start.png", *(f"{n}.png" for n in STEP_NAMES)]
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 1200 and image.height() >= 700
        colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
        assert len(colours) > 5, path            # not an empty window
    family = QApplication.font().family()
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    from PySide6.QtGui import QFontMetrics
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "企业与产品系统边界活动数据排放因子计算结果报告与标识申请铝合金建筑型材")
