"""`Project`: the one facade the CLI and the GUI hold for an open project file (after Anki's `Collection`).

Every mutating call runs in one transaction and returns a `Changes` value saying what it touched, so a screen can
refresh only what changed. Reads return plain dataclasses from `core.domain`, never ORM rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.domain import ProjectData
from core.engine import ProjectResult, compute
from core.gwp import GwpSet
from core.library.builtin import BUILTIN_DATASET, BUILTIN_VERSION, load_builtin_factors
from core.store import PROJECT_SUFFIX, ProjectStore
from core.workbook import read_workbook

__all__ = ["Project", "Changes", "ImportReport", "PROJECT_SUFFIX"]


@dataclass(frozen=True)
class Changes:
    """What an operation changed; the GUI refreshes only the screens these flags touch."""

    products: bool = False
    studies: bool = False
    activities: bool = False
    factors: bool = False


@dataclass(frozen=True)
class ImportReport:
    source: str
    products_added: list[str] = field(default_factory=list)
    products_replaced: list[str] = field(default_factory=list)
    activities: int = 0
    factors: int = 0
    changes: Changes = Changes()


class Project:
    def __init__(self, store: ProjectStore):
        self.store = store
        self._data: ProjectData | None = None

    # -- opening and closing ---------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path) -> Project:
        return cls(ProjectStore.create(Path(path)))

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Project:
        return cls(ProjectStore.open(Path(path), read_only=read_only))

    @classmethod
    def open_or_create(cls, path: str | Path) -> Project:
        p = Path(path)
        return cls.open(p) if p.exists() else cls.create(p)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------------------------
    def data(self) -> ProjectData:
        if self._data is None:
            self._data = self.store.load()
        return self._data

    def compute(self, gwp: GwpSet | None = None, strict: bool = False) -> ProjectResult:
        data = self.data()
        return compute(data.products, data.factors, gwp=gwp, strict=strict)

    # -- changing ------------------------------------------------------------------------------------------------
    def import_workbook(self, path: str | Path) -> ImportReport:
        """Read, validate and compute the workbook together with the products already here, then write it all in one
        transaction. Any problem raises before anything is written: the project file stays exactly as it was."""
        incoming = read_workbook(path, load_builtin_factors())
        current = self.data()
        new_codes = {p.code for p in incoming.products}
        merged = ProjectData(
            products=[p for p in current.products if p.code not in new_codes] + incoming.products,
            factors={**current.factors, **incoming.factors},
            organization=current.organization, sites=current.sites,
        )
        compute(merged.products, merged.factors, strict=True)   # raises ComputeError with cell locations
        self.store.import_data(incoming, source_name=Path(path).name)
        self._data = None
        existing = {p.code for p in current.products}
        return ImportReport(
            source=Path(path).name,
            products_added=[p.code for p in incoming.products if p.code not in existing],
            products_replaced=[p.code for p in incoming.products if p.code in existing],
            activities=sum(len(p.study.activities) for p in incoming.products),
            factors=len(incoming.factors),
            changes=Changes(products=True, studies=True, activities=True, factors=bool(incoming.factors)),
        )

    def ensure_builtin_library(self) -> Changes:
        """Load the built-in factor library into the project on first use (and when a newer version ships)."""
        library = load_builtin_factors()
        if set(library) <= self.store.dataset_codes(BUILTIN_DATASET, BUILTIN_VERSION):
            return Changes()
        self.store.ensure_factors(BUILTIN_DATASET, BUILTIN_VERSION, list(library.values()), publisher="PCF Desk",
                                  is_builtin=True)
        self._data = None
        return Changes(factors=True)
