"""The activity table of one product and one life-cycle stage: a Qt model over core's activities, not a copy.

Typing into a cell goes through `core.editing.edit_activity`: an accepted value becomes one undoable step saved at
once; a refused one stays in the cell as typed, red, with core's message (what is wrong and how to fix it) as the
tooltip, until it is corrected or undone with Esc/Delete. Pasting a block from Excel is one undoable step.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.domain import Activity, Evidence, Product
from core.editing import activity_cell_text, edit_activity, with_activities
from core.errors import InputError
from core.lifecycle import Stage
from core.project import ALL_CHANGED, Changes
from desktop.workspace import Workspace

_FINDING_COLUMNS = {"factor": "factor_ref"}        # an engine finding's field -> this table's column
FIELDS = ("name", "amount", "unit", "basis", "factor_ref", "distance_km", "data_type", "source", "note")
EVIDENCE_COLUMN = len(FIELDS)        # the documents attached, read-only here (attached with a button)
RESULT_COLUMN = len(FIELDS) + 1      # the activity's kg CO2e per declared unit, read-only
INVALID = QColor("#f8d0d0")
_Index = QModelIndex | QPersistentModelIndex


def header_text(field: str) -> str:
    labels = {
        "name": QCoreApplication.translate("ActivityModel", "Activity"),
        "amount": QCoreApplication.translate("ActivityModel", "Amount"),
        "unit": QCoreApplication.translate("ActivityModel", "Unit"),
        "basis": QCoreApplication.translate("ActivityModel", "Basis"),
        "factor_ref": QCoreApplication.translate("ActivityModel", "Emission factor"),
        "distance_km": QCoreApplication.translate("ActivityModel", "Distance (km)"),
        "data_type": QCoreApplication.translate("ActivityModel", "Data type"),
        "source": QCoreApplication.translate("ActivityModel", "Data source"),
        "note": QCoreApplication.translate("ActivityModel", "Note"),
        "result": QCoreApplication.translate("ActivityModel", "kg CO2e per declared unit"),
        "evidence": QCoreApplication.translate("ActivityModel", "Evidence"),
    }
    return labels[field]


class ActivityModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, product_code: str, stage: Stage):
        super().__init__()
        self.workspace, self.product_code, self.stage = workspace, product_code, stage
        self.invalid: dict[tuple[int, str], tuple[str, str]] = {}    # (activity position, field) -> (typed, why)
        self._problems: dict[int, str] = {}          # activity position -> the engine's errors (for one result)
        self._problem_fields: dict[int, set[str]] = {}   # activity position -> the columns those errors are about
        self._problems_of: object = None
        workspace.changed.connect(self.refresh)

    # -- what the table shows ------------------------------------------------------------------------------------
    def product(self) -> Product:
        return self.workspace.data.product(self.product_code)

    def positions(self) -> list[int]:
        """Positions in the product's activity list of this stage's rows, in order."""
        return [i for i, a in enumerate(self.product().study.activities) if a.stage is self.stage]

    def activity(self, row: int) -> Activity:
        return self.product().study.activities[self.positions()[row]]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.positions())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return header_text(FIELDS[section] if section < len(FIELDS) else
                           ("evidence" if section == EVIDENCE_COLUMN else "result"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        position = self.positions()[index.row()]
        if index.column() == EVIDENCE_COLUMN:
            names = [e.file_name for e in self.activity(index.row()).evidence]
            if role == Qt.ItemDataRole.DisplayRole:
                return "📎 " + ", ".join(names) if names else ""
            if role == Qt.ItemDataRole.ToolTipRole and names:
                return "\n".join(f"{e.file_name}  SHA-256 {e.sha256[:16]}…" for e in self.activity(index.row()).evidence)
            return None
        if index.column() == RESULT_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                kg = self.contribution(position)
                return "" if kg is None else f"{kg:,.3f}"          # as the results page and the report
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        field = FIELDS[index.column()]
        bad = self.invalid.get((position, field))
        if role == Qt.ItemDataRole.EditRole:
            return bad[0] if bad else activity_cell_text(self.activity(index.row()), field)
        if role == Qt.ItemDataRole.DisplayRole:
            if bad:
                return bad[0]
            activity = self.activity(index.row())
            if field == "amount" and activity.amount is None:        # still to be entered: said, never a 0
                return QCoreApplication.translate("ActivityModel", "(to be entered)")
            text = activity_cell_text(activity, field)
            return self.factor_text(activity) if field == "factor_ref" and text else text
        problem = bad[1] if bad else (self.engine_problem(position) if field in self.problem_fields(position)
                                      else None)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return QBrush(INVALID)
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        return None

    def factor_text(self, activity: Activity) -> str:
        """'CODE — name' of the factor (or product) the row cites, as a person recognises it."""
        ref = activity.factor_ref.strip()
        if ref.lower().startswith("product:"):
            code = ref.split(":", 1)[1].strip()
            named = next((p.name for p in self.workspace.data.products if p.code == code), "")
        else:
            data = self.workspace.data
            factor = data.pinned_factors.get(activity.factor_id) if activity.factor_id is not None else None
            factor = factor or data.factors.get(ref)
            named = factor.name if factor is not None and factor.name != ref else ""
        return f"{ref} — {named}" if named else ref

    def engine_problem(self, position: int) -> str | None:
        """Why the engine could not compute this row (unknown factor, unit that does not convert...), if so. Read
        per painted cell, so the result's findings are indexed once per result, not scanned per cell."""
        self._index_problems()
        return self._problems.get(position)

    def problem_fields(self, position: int) -> set[str]:
        """The columns the engine's errors about this row are about (the factor column when a finding names none)."""
        self._index_problems()
        return self._problem_fields.get(position, set())

    def _index_problems(self) -> None:
        result = self.workspace.result
        if self._problems_of is result:
            return
        problems: dict[int, list[str]] = {}
        fields: dict[int, set[str]] = {}
        for f in result.findings:
            if f.product == self.product_code and f.activity_index is not None and f.severity.value == "error":
                problems.setdefault(f.activity_index, []).append(f.message())
                column = _FINDING_COLUMNS.get(f.field or "", f.field)
                fields.setdefault(f.activity_index, set()).add(column if column in FIELDS else "factor_ref")
        self._problems = {i: "\n".join(texts) for i, texts in problems.items()}
        self._problem_fields = fields
        self._problems_of = result

    def problem_at(self, row: int, column: int) -> str | None:
        """The message for a cell: a refused edit, else what the engine says about its row."""
        if row >= self.rowCount() or column >= len(FIELDS):
            return None
        position = self.positions()[row]
        bad = self.invalid.get((position, FIELDS[column]))
        return bad[1] if bad else self.engine_problem(position)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= len(FIELDS) or self.workspace.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def contribution(self, position: int) -> float | None:
        try:
            result = self.workspace.result.product(self.product_code)
        except KeyError:
            return None
        found = [c.kgco2e for c in result.contributions if c.activity_index == position]
        return sum(found) if found else None

    # -- editing -------------------------------------------------------------------------------------------------
    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() >= len(FIELDS):
            return False
        return self.apply_edits([(index.row(), index.column(), value)])

    def apply_edits(self, edits: list[tuple[int, int, object]], text: str | None = None) -> bool:
        """Several cells at once (a paste): rows past the end become new activities; accepted cells are one undo
        step, refused ones stay red. Returns whether every cell was accepted."""
        activities = list(self.product().study.activities)
        positions = self.positions()
        all_ok, changed = True, False
        for row, column, value in edits:
            if column >= len(FIELDS):
                continue
            if row >= len(positions):
                activities.append(Activity(self.stage, QCoreApplication.translate("ActivityModel", "New activity"),
                                           0.0, "kg"))
                positions.append(len(activities) - 1)
                changed = True
            position, field = positions[row], FIELDS[column]
            try:
                edited = edit_activity(activities[position], field, value)
            except InputError as e:
                self.invalid[(position, field)] = (str(value), "\n".join(p.text() for p in e.problems))
                all_ok = False
                continue
            self.invalid.pop((position, field), None)
            if edited != activities[position]:          # an editor closed on the same value is no undo step
                activities[position] = edited
                changed = True
        if changed:
            label = text or QCoreApplication.translate("ActivityModel", "Edit {0}").format(self.stage.label())
            self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities), label)
        elif self.rowCount():                       # only red marks changed: repaint, keep the current cell
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return all_ok

    def add_row(self) -> int:
        activities = [*self.product().study.activities,     # the amount is still to be entered, not 0
                      Activity(self.stage, QCoreApplication.translate("ActivityModel", "New activity"), None, "kg")]
        self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities),
                              QCoreApplication.translate("ActivityModel", "Add activity"))
        return self.rowCount() - 1

    def attach(self, row: int, evidence: Evidence) -> None:
        """Cite a document (already kept in the project file) on one activity, as one undoable step."""
        activities = list(self.product().study.activities)
        position = self.positions()[row]
        old = activities[position]
        if any(e.sha256 == evidence.sha256 for e in old.evidence):
            return
        activities[position] = dataclasses.replace(old, evidence=[*old.evidence, evidence])
        self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities),
                              QCoreApplication.translate("ActivityModel", "Attach {0}").format(evidence.file_name))

    def append(self, activity: Activity | None) -> None:
        if activity is not None:
            activities = [*self.product().study.activities, activity]
            self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities),
                                  QCoreApplication.translate("ActivityModel", "Add transport"))

    def remove_rows(self, rows: list[int]) -> None:
        doomed = {self.positions()[r] for r in rows if r < self.rowCount()}
        if not doomed:
            return
        activities = [a for i, a in enumerate(self.product().study.activities) if i not in doomed]
        self.invalid = {}
        self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities),
                              QCoreApplication.translate("ActivityModel", "Delete activities"))

    def duplicate_rows(self, rows: list[int]) -> None:
        copies = [dataclasses.replace(self.activity(r), id=None) for r in rows if r < self.rowCount()]
        if copies:
            activities = [*self.product().study.activities, *copies]
            self.workspace.commit(with_activities(self.workspace.data, self.product_code, activities),
                                  QCoreApplication.translate("ActivityModel", "Duplicate activities"))

    def paste(self, top: int, left: int, clipboard: str) -> bool:
        """Tab-separated lines as Excel copies them, starting at (top, left)."""
        lines = clipboard.rstrip("\r\n").split("\n") if clipboard.strip() else []
        edits = [(top + r, left + c, cell.strip()) for r, line in enumerate(lines)
                 for c, cell in enumerate(line.rstrip("\r").split("\t"))]
        return self.apply_edits(edits, QCoreApplication.translate("ActivityModel", "Paste")) if edits else True

    def clear_invalid(self, row: int, column: int) -> None:
        if column < len(FIELDS) and row < self.rowCount():
            self.invalid.pop((self.positions()[row], FIELDS[column]), None)
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def refresh(self, changes: Changes = ALL_CHANGED) -> None:
        if not changes.touches(Changes(products=True, activities=True, factors=True)):
            return
        self.beginResetModel()
        self.endResetModel()
