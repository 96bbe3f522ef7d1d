"""What an operation on a project changed and reported: the `Changes` flags the GUI refreshes by, and the reports
of an import (workbook preview and import, factor file import). Re-exported by `core.project`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.domain import DatasetInfo, ProjectData
from core.engine import ProjectResult

if TYPE_CHECKING:
    from core.library.factor_import import FactorFileReport


@dataclass(frozen=True)
class Changes:
    """What an operation changed; the GUI refreshes only the screens these flags touch."""

    products: bool = False
    studies: bool = False
    activities: bool = False
    factors: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(*(a or b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other))))

    @property
    def any(self) -> bool:
        return any(dataclasses.astuple(self))

    def touches(self, other: Changes) -> bool:
        """Whether any flag set here is also set in `other` (a screen's interests)."""
        return any(a and b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other)))

    @classmethod
    def between(cls, before: ProjectData, after: ProjectData) -> Changes:
        """What differs between two snapshots of an edit (unchanged products are the very same objects)."""
        before_ids = {id(p) for p in before.products}
        changed = any(id(p) not in before_ids for p in after.products)
        products = changed or [p.code for p in before.products] != [p.code for p in after.products]
        organization = after.organization != before.organization or after.sites != before.sites
        return cls(products=products or organization, studies=changed, activities=changed,
                   factors=after.factors is not before.factors and after.factors != before.factors)


ALL_CHANGED = Changes(products=True, studies=True, activities=True, factors=True)


@dataclass(frozen=True)
class ImportReport:
    source: str
    products_added: list[str] = field(default_factory=list)
    products_replaced: list[str] = field(default_factory=list)
    activities: int = 0
    factors: int = 0
    changes: Changes = Changes()
    amounts_pending: int = 0              # activities of a template still to be entered


@dataclass(frozen=True)
class WorkbookPreview:
    """A study workbook read, checked and computed with the project's products, not yet written (the GUI shows it
    and asks; `Project.import_workbook(preview)` then writes exactly this)."""

    source: str
    incoming: ProjectData
    result: ProjectResult                 # the merged project's, kept as the project's result after the import
    base: ProjectData                     # the project's data it was merged with
    products_added: list[str] = field(default_factory=list)
    products_replaced: list[str] = field(default_factory=list)
    template: bool = False                # read as a template: blank amounts are still to be entered

    @property
    def activities(self) -> int:
        return sum(len(p.study.activities) for p in self.incoming.products)

    @property
    def amounts_pending(self) -> int:
        """Activities whose amount is still to be entered (a template's rows): shown, never counted."""
        return sum(a.amount is None for p in self.incoming.products for a in p.study.activities)


@dataclass(frozen=True)
class FactorImport:
    """What `import_factors` did: the file's row-by-row report and the dataset version it wrote (or found)."""

    report: FactorFileReport
    dataset: DatasetInfo
    imported: int                     # factors written (0 when the same file was already imported)
    already_imported: bool = False
    changes: Changes = Changes()
