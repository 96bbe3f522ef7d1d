"""The GUI's operations on an open project, each one call into core that a background task can run.

Why a table and not an if-chain per screen: step 6's buttons, a future menu entry and the tests all name an export by
its key and reach the same `core.reports.documents.StudyDocuments` method the `pcf` command line uses, with the data
and the ONE result on screen. Nothing here computes or checks: an incomplete result is refused (or, for a draft,
listed on the document's first page) by core.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.reports.documents import StudyDocuments
from desktop.workspace import Workspace


@dataclass(frozen=True)
class Export:
    key: str
    suffix: str                      # "" for a folder (the label's three files)
    write: Callable[[StudyDocuments, Path], object]

    @property
    def to_folder(self) -> bool:
        return not self.suffix


EXPORTS: dict[str, Export] = {e.key: e for e in (
    Export("package", ".zip", lambda docs, path: docs.package(path)),
    Export("report", ".pdf", lambda docs, path: docs.report(path)),
    Export("application", ".pdf", lambda docs, path: docs.application(path)),
    Export("label", "", lambda docs, path: docs.label(path)),
    Export("pact", ".json", lambda docs, path: docs.pact(path)),
    Export("inventory", ".xlsx", lambda docs, path: docs.inventory(path)),
)}


@dataclass(frozen=True)
class ExportRequest:
    """Everything an export needs, read on the GUI thread (the worker thread touches no widget)."""

    kind: str
    product_code: str
    path: Path
    lang: str = "zh_CN"
    draft: bool = False
    footer_extra: str = ""


def export_documents(workspace: Workspace, request: ExportRequest) -> Callable[[object], object]:
    """The work of one export for `desktop.tasks.run_task`: the documents of the data and result on screen."""
    project, data, result = workspace.project, workspace.data, workspace.result
    export = EXPORTS[request.kind]

    def work(progress) -> object:
        progress(0, 1, request.path.name)
        documents = project.documents(request.product_code, lang=request.lang, draft=request.draft,
                                      footer_extra=request.footer_extra, data=data, result=result)
        return export.write(documents, request.path)
    return work
