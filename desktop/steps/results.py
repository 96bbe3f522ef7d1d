"""Step 5 计算结果: the footprint per declared unit, by stage (bar chart), top contributors, by gas, biogenic and dLUC
apart, and the warnings; recomputed by core after every edit."""
from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.gwp import flow_keys, flow_label
from core.i18n import language
from core.lifecycle import STAGES
from core.numbers import format_significant
from core.project import ProductResult
from desktop.steps.base import StepPage
from desktop.workspace import Workspace

TOP = 10


class ResultsStep(StepPage):
    warning_activated = Signal(str, int)      # product code, activity index: the window opens that row
    report_requested = Signal()               # "to the report": the window shows step 6

    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        from desktop.fonts import configure_charts
        configure_charts()
        self.title.setText(self.tr("5  Results"))
        self.hint.setText(self.tr(
                          "The footprint per declared unit, recomputed after every edit: check the largest "
                          "contributors and that nothing is left out."))
        self.total = QLabel()
        self.total.setObjectName("bigNumber")
        self.total.setStyleSheet("font-size: 22px; font-weight: bold; color: #1b5e20;")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.data_quality = QLabel()           # primary-data share, allocation share, period output (engine's)
        self.data_quality.setObjectName("dataQuality")
        self.data_quality.setWordWrap(True)
        self.scope = QLabel()                  # partial or full CFP, and which stages it leaves out
        self.scope.setObjectName("scope")
        self.scope.setStyleSheet("font-weight: bold;")
        self.left_out = QLabel()               # activities the total does not contain (it is then incomplete)
        self.left_out.setObjectName("leftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #b71c1c;")
        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        self.chart_button = QPushButton(self.tr("Save the charts ..."))
        self.chart_button.clicked.connect(self.choose_chart_file)
        top.addWidget(self.chart_button)
        self.report_button = QPushButton(self.tr("Report and label application →"))
        self.report_button.clicked.connect(self.report_requested.emit)
        top.addWidget(self.report_button)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.scope)
        self.layout_.addWidget(self.left_out)
        self.layout_.addWidget(self.details)
        self.layout_.addWidget(self.data_quality)
        row = QHBoxLayout()
        self.figure = Figure(figsize=(8, 3.2), tight_layout=True)
        self.canvas = FigureCanvasQTAgg(self.figure)
        row.addWidget(self.canvas, 4)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("By gas (kg per declared unit)")))
        self.gases = QTableWidget(0, 2)
        self.gases.setHorizontalHeaderLabels([self.tr("Flow"), self.tr("kg")])
        side.addWidget(self.gases)
        row.addLayout(side, 1)
        self.layout_.addLayout(row, 3)
        self.layout_.addWidget(QLabel(self.tr("Top contributors")))
        self.contributions = QTableWidget(0, 6)
        self.contributions.setHorizontalHeaderLabels([self.tr("Activity"), self.tr("Stage"), self.tr("kg CO2e"),
                                                      self.tr("Share"), self.tr("kg CO2e per unit"),
                                                      self.tr("Factor and source")])
        self.contributions.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.contributions, 2)
        self.layout_.addWidget(QLabel(self.tr("Warnings (double-click to open the row)")))
        self.warnings = QListWidget()
        self.warnings.itemDoubleClicked.connect(self._open_warning)
        self.layout_.addWidget(self.warnings, 1)
        self._stale = True               # drawn when first shown

    def result(self) -> ProductResult | None:
        try:
            return self.workspace.result.product(self.product_code) if self.product_code else None
        except KeyError:
            return None

    def refresh(self) -> None:
        r = self.result()
        self.figure.clear()
        if r is None:
            self.total.setText(self.tr("No product"))
            self.canvas.draw_idle()
            return
        self.total.setText(self.tr("{0:,.3f} kg CO2e per {1}").format(r.total_kgco2e, r.declared_unit))
        from core.guide import scope_note
        from core.reports.completeness import left_out_lines
        self.scope.setText(scope_note(self.workspace.data.product(r.code)))
        self.left_out.setText("\n".join(left_out_lines(r, language())))
        self.left_out.setVisible(bool(r.left_out))
        self.details.setText(self.tr("GWP {0}; excluding biogenic: {1:,.3f}; biogenic CO2 emissions {2:,.3f} kg, "
                                     "removals {3:,.3f} kg; dLUC {4:,.3f} kg CO2e (reported separately)").format(
            r.gwp_set, r.excluding_biogenic_kgco2e, r.biogenic_co2_emissions_kg, r.biogenic_co2_removals_kg,
            r.dluc_kgco2e))
        self.data_quality.setText(self.data_quality_text(r))
        self._draw_stages(r)
        keys = [k for k in flow_keys() if k in r.by_gas_kg]
        self.gases.setRowCount(len(keys))
        for i, k in enumerate(keys):
            self.gases.setItem(i, 0, QTableWidgetItem(flow_label(k)))
            self.gases.setItem(i, 1, QTableWidgetItem(format_significant(r.by_gas_kg[k])))
        top = r.contributions[:TOP]
        self.contributions.setRowCount(len(top))
        for i, c in enumerate(top):
            source = c.linked_product or f"{c.factor_code} — {c.factor_source}"
            for j, text in enumerate((c.name, next(s.label() for s in STAGES if s.value == c.stage),
                                      f"{c.kgco2e:,.3f}", f"{c.share:.1%}",
                                      f"{c.factor_kgco2e_per_unit:,.6g} / {c.target_unit}", source)):
                self.contributions.setItem(i, j, QTableWidgetItem(text))
        self.warnings.clear()
        for w in r.warnings:
            self.warnings.addItem(w.message())
            self.warnings.item(self.warnings.count() - 1).setData(256, w.activity_index)

    def choose_chart_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the charts"), f"{self.product_code}_charts.png",
                                              "PNG (*.png);;PDF (*.pdf);;SVG (*.svg)")
        if path:
            self.save_chart(Path(path))

    def save_chart(self, path: Path) -> Path:
        """The two charts as shown, for a presentation or a customer's questionnaire (PNG 200 dpi, PDF or SVG)."""
        self.figure.savefig(path, dpi=200)
        return path

    def data_quality_text(self, r: ProductResult) -> str:
        """The result's own shares, formatted as the report prints them (primary 0.1 %, allocation 0.01 %)."""
        parts = [self.tr("Primary (measured) data: {0:.1%} of the footprint").format(r.primary_data_share)]
        if r.allocation_share != 1.0:
            parts.append(self.tr("allocated to this product: {0:.2%}").format(r.allocation_share))
        if r.period_output is not None:
            parts.append(self.tr("output in the period: {0:,.6g} × {1}").format(r.period_output, r.declared_unit))
        return self.tr("; ").join(parts)

    def _draw_stages(self, r: ProductResult) -> None:
        ax = self.figure.add_subplot(121)
        labels = [s.label() for s in STAGES]
        values = [r.by_stage[s.value] for s in STAGES]
        bars = ax.barh(labels[::-1], values[::-1], color="#43a047")
        ax.bar_label(bars, labels=[f"{v:,.1f}" for v in values[::-1]], padding=3, fontsize=8)
        ax.set_xlabel(self.tr("kg CO2e per declared unit"))
        ax.set_title(self.tr("By life-cycle stage"))
        ax.margins(x=0.25)
        self._draw_pareto(r)
        self.canvas.draw_idle()

    def _draw_pareto(self, r: ProductResult) -> None:
        """Contributors, largest first, with the running share: the few activities worth measuring better."""
        top = [c for c in r.contributions if c.kgco2e > 0][:8]
        ax = self.figure.add_subplot(122)
        if not top or r.total_kgco2e <= 0:
            ax.set_axis_off()
            return
        names = [c.name if len(c.name) <= 8 else c.name[:7] + "…" for c in top]
        ax.bar(range(len(top)), [c.kgco2e for c in top], color="#66bb6a")
        ax.set_xticks(range(len(top)), names, rotation=35, ha="right", fontsize=8)
        ax.set_ylabel("kg CO2e")
        share = ax.twinx()
        running, cumulative = 0.0, []
        for c in top:
            running += c.kgco2e
            cumulative.append(100 * running / r.total_kgco2e)
        share.plot(range(len(top)), cumulative, color="#1b5e20", marker="o")
        share.set_ylim(0, 105)
        share.set_ylabel("%")
        ax.set_title(self.tr("Top contributors (Pareto)"))

    def _open_warning(self, item) -> None:
        index = item.data(256)
        if index is not None and self.product_code:
            self.warning_activated.emit(self.product_code, int(index))
