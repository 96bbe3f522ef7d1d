"""Slow work off the GUI thread: a function from core runs in a worker thread with `progress(done, total, text)`
and a cancel flag; a progress dialog with a Cancel button shows it, and the result or error comes back by signal.

Cancelling makes the next progress call raise `Cancelled` inside the worker, so core's transaction rolls back and
the project stays as it was.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user pressed Cancel."""


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, work: Callable[[Progress], object]):
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.done = threading.Event()
        self.setAutoDelete(False)

    def progress(self, done: int, total: int, text: str) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()
        self.signals.progressed.emit(done, total, text)

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.done.set()


def run_task(parent: QWidget, title: str, work: Callable[[Progress], object],
             on_success: Callable[[object], None], on_failure: Callable[[BaseException], None]) -> Task:
    """Start `work` in the thread pool with a modal progress dialog; returns the task (tests wait on `task.done`)."""
    task = Task(work)
    dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(task.cancel)

    def progressed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"{title}\n{text}")

    def finish() -> None:
        dialog.reset()
        dialog.deleteLater()

    task.signals.progressed.connect(progressed)
    task.signals.succeeded.connect(lambda result: (finish(), on_success(result)))
    task.signals.failed.connect(lambda exc: (finish(), on_failure(exc)))
    parent._running_task = task     # keep it alive until it ends
    QThreadPool.globalInstance().start(task)
    return task
