"""The open project as the GUI holds it: the core `Project`, the data on screen, the undo stack and the result.

After Anki's collection ops: every edit is a whole new `ProjectData` (unchanged parts shared), pushed as one
QUndoCommand; doing or undoing it saves it to the project file at once (so a crash loses nothing typed) and
recomputes; screens listen to `changed` and refresh. No rule or number is decided here: edits come checked from
`core.editing`, results from `core.engine`.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.domain import ProjectData
from core.engine import ProjectResult, compute
from core.project import Project
from core.store.session_lock import SessionLock


class Workspace(QObject):
    changed = Signal()

    def __init__(self, project: Project, lock: SessionLock | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.lock = lock
        self.data: ProjectData = project.data()
        self.undo_stack = QUndoStack(self)
        self.result: ProjectResult = self._compute(self.data)
        self.closed = False

    @property
    def read_only(self) -> bool:
        return self.project.store.read_only

    @property
    def path(self):
        return self.project.path

    def commit(self, after: ProjectData, text: str) -> None:
        """Make `after` the project's data as one undoable step (ignored once closed: an editor still open when
        the window closes commits on its way out)."""
        if not self.closed:
            self.undo_stack.push(_Edit(self, self.data, after, text))

    def set_data(self, data: ProjectData) -> None:
        data = self.project.with_factors(data)
        if not self.read_only:
            self.project.save_changes(self.data, data)      # only the products this edit touched
        self.data = data
        self.result = self._compute(data)
        self.changed.emit()

    def reload(self) -> None:
        """Read the project again (after an import or a factor update done by core) and drop the undo history."""
        self.undo_stack.clear()
        self.data = self.project.data()
        self.result = self._compute(self.data)
        self.changed.emit()

    def close(self) -> None:
        self.closed = True
        self.project.close()
        if self.lock is not None:
            self.lock.release()

    @staticmethod
    def _compute(data: ProjectData) -> ProjectResult:
        return compute(data.products, data.factors, strict=False, pinned=data.pinned_factors)


class _Edit(QUndoCommand):
    def __init__(self, workspace: Workspace, before: ProjectData, after: ProjectData, text: str):
        super().__init__(text)
        self.workspace, self.before, self.after = workspace, before, after

    def redo(self) -> None:
        self.workspace.set_data(self.after)

    def undo(self) -> None:
        self.workspace.set_data(self.before)
