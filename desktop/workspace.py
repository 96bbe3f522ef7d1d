"""The open project as the GUI holds it: the core `Project`, the data on screen, the undo stack and the result.

After Anki's collection ops: every edit is a whole new `ProjectData` (unchanged parts shared), pushed as one
QUndoCommand; doing or undoing it saves it to the project file at once (so a crash loses nothing typed) and
recomputes; `changed` carries the `Changes` flags of what moved, and each screen refreshes only when its flags
are touched. No rule or number is decided here: edits come checked from `core.editing`, results from
`Project.compute`.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.domain import ProjectData
from core.project import ALL_CHANGED, Changes, Project, ProjectResult


class Workspace(QObject):
    changed = Signal(object)          # Changes

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.data: ProjectData = project.data()
        self.undo_stack = QUndoStack(self)
        self.result: ProjectResult = project.compute()
        self.closed = False

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    @property
    def path(self) -> Path:
        return self.project.path

    def commit(self, after: ProjectData, text: str) -> None:
        """Make `after` the project's data as one undoable step (ignored once closed: an editor still open when
        the window closes commits on its way out)."""
        if not self.closed:
            self.undo_stack.push(_Edit(self, self.data, after, text))

    def set_data(self, data: ProjectData) -> None:
        data = self.project.with_factors(data)
        if self.read_only:
            changes = Changes.between(self.data, data)
        else:
            changes = self.project.save_changes(self.data, data)      # only the products this edit touched
        self.data = data
        self.result = self.project.compute(data=data)
        self.changed.emit(changes)

    def reload(self, changes: Changes = ALL_CHANGED) -> None:
        """Read the project again (after an import or a factor update done by core) and drop the undo history;
        the result computed by that operation is reused, not computed again."""
        self.undo_stack.clear()
        self.data = self.project.data()
        self.result = self.project.compute()
        self.changed.emit(changes)

    def close(self) -> None:
        self.closed = True
        self.project.close()


class _Edit(QUndoCommand):
    def __init__(self, workspace: Workspace, before: ProjectData, after: ProjectData, text: str):
        super().__init__(text)
        self.workspace, self.before, self.after = workspace, before, after

    def redo(self) -> None:
        self.workspace.set_data(self.after)

    def undo(self) -> None:
        self.workspace.set_data(self.before)
