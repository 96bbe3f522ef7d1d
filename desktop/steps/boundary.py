"""Step 2 系统边界: boundary type, the life cycle drawn as stages that toggle in and out (with the reason for each
exclusion), the cut-off rule and the allocation method."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from core.domain import Allocation
from core.editing import with_study
from core.lifecycle import STAGES, Boundary, Stage
from core.project import Changes
from desktop.steps.base import StepPage
from desktop.workspace import Workspace

STAGE_STYLE = ("QPushButton {padding: 14px 8px; border: 2px solid #2e7d32; border-radius: 6px; background: #e8f5e9;}"
               "QPushButton:!checked {border-style: dashed; border-color: #9e9e9e; background: #f5f5f5; color: #757575;}"
               "QPushButton:disabled {border-color: #e0e0e0; color: #bdbdbd; background: #fafafa;}")


class BoundaryStep(StepPage):
    watches = Changes(products=True, studies=True)

    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("2  System boundary"))
        self.hint.setText(self.tr(
                          "Choose which life-cycle stages the study covers (cradle to gate is usual for a label); a "
                          "stage left out needs a reason."))
        form = QFormLayout()
        self.boundary = QComboBox()
        for b in Boundary:
            self.boundary.addItem(b.label(), b.value)
        self.allocation = QComboBox()
        for value, label in ((Allocation.NONE, self.tr("No allocation")), (Allocation.MASS, self.tr("By mass")),
                             (Allocation.ECONOMIC, self.tr("By economic value"))):
            self.allocation.addItem(label, value.value)
        self.cutoff = QLineEdit()
        self.cutoff.setPlaceholderText(self.tr("e.g. inputs below 1 % of mass and energy, 5 % in total"))
        form.addRow(self.tr("Boundary"), self.boundary)
        form.addRow(self.tr("Cut-off rule"), self.cutoff)
        form.addRow(self.tr("Allocation"), self.allocation)
        self.layout_.addLayout(form)
        diagram = QGroupBox(self.tr("Life cycle (click a stage to leave it out)"))
        grid = QGridLayout(diagram)
        self.stage_buttons: dict[Stage, QPushButton] = {}
        self.reasons: dict[Stage, QLineEdit] = {}
        for i, stage in enumerate(STAGES):
            button = QPushButton(stage.label())
            button.setCheckable(True)
            button.setStyleSheet(STAGE_STYLE)
            button.toggled.connect(lambda on, s=stage: self.stage_toggled(s, on))
            reason = QLineEdit()
            reason.setPlaceholderText(self.tr("Why is it excluded?"))
            reason.editingFinished.connect(lambda s=stage: self.reason_edited(s))
            grid.addWidget(button, 0, 2 * i)
            grid.addWidget(reason, 1, 2 * i)
            if i < len(STAGES) - 1:
                grid.addWidget(QLabel("→"), 0, 2 * i + 1)
            self.stage_buttons[stage], self.reasons[stage] = button, reason
        self.layout_.addWidget(diagram)
        self.layout_.addStretch(1)
        self.boundary.activated.connect(self.boundary_chosen)
        self.allocation.activated.connect(self.allocation_chosen)
        self.cutoff.editingFinished.connect(self.cutoff_edited)
        self._updating = False
        self.refresh()

    def _study(self):
        try:
            return self.workspace.data.product(self.product_code).study if self.product_code else None
        except KeyError:
            return None

    def refresh(self) -> None:
        study = self._study()
        self.setEnabled(study is not None and not self.workspace.read_only)
        if study is None:
            return
        self._updating = True
        self.boundary.setCurrentIndex(self.boundary.findData(study.boundary.value))
        self.allocation.setCurrentIndex(self.allocation.findData(study.allocation.value))
        if not self.cutoff.hasFocus():
            self.cutoff.setText(study.cutoff_rule)
        for stage, button in self.stage_buttons.items():
            in_boundary = stage in study.boundary.stages
            button.setEnabled(in_boundary)
            button.setChecked(in_boundary and stage not in study.excluded_stages)
            reason = self.reasons[stage]
            reason.setVisible(stage in study.excluded_stages)
            if not reason.hasFocus():
                reason.setText(study.excluded_stages.get(stage, ""))
        self._updating = False

    def _commit(self, text: str, **changes: object) -> None:
        self.workspace.commit(with_study(self.workspace.data, self.product_code, **changes), text)

    def boundary_chosen(self) -> None:
        self._commit(self.tr("Change boundary"), boundary=Boundary(self.boundary.currentData()))

    def allocation_chosen(self) -> None:
        self._commit(self.tr("Change allocation"), allocation=Allocation(self.allocation.currentData()))

    def cutoff_edited(self) -> None:
        study = self._study()
        if study is not None and self.cutoff.text().strip() != study.cutoff_rule:
            self._commit(self.tr("Edit cut-off rule"), cutoff_rule=self.cutoff.text().strip())

    def stage_toggled(self, stage: Stage, included: bool) -> None:
        study = self._study()
        if self._updating or study is None:
            return
        excluded = dict(study.excluded_stages)
        if included:
            excluded.pop(stage, None)
        else:
            excluded[stage] = excluded.get(stage, "")
        self._commit(self.tr("Include or exclude a stage"), excluded_stages=excluded)

    def reason_edited(self, stage: Stage) -> None:
        study = self._study()
        if study is None or stage not in study.excluded_stages:
            return
        text = self.reasons[stage].text().strip()
        if text != study.excluded_stages[stage]:
            self._commit(self.tr("Justify an exclusion"), excluded_stages={**study.excluded_stages, stage: text})
