"""The project store: one project = one SQLite file (`.pcfdesk`), read and written through SQLAlchemy 2.x.

Public API (everything else in this package is internal):
- `ProjectStore` / `open_project`: open, create, upgrade, read and write a project file; `transaction()` for writes.
- `load_project_data` / `save_project_data` / `replace_project_data`: ProjectData <-> rows inside a Session.
- `add_factor_dataset` / `ensure_factors` / `load_factors`: versioned emission-factor datasets, bulk-written.
- `SCHEMA_VERSION`, `APPLICATION_ID`, `PROJECT_SUFFIX`.

Only dataclasses of `core.domain` come out of this package; ORM rows stay inside it.
"""
from core.store.database import APPLICATION_ID, PROJECT_SUFFIX
from core.store.factors import add_factor_dataset, ensure_factors, factors_digest, load_factors
from core.store.migrations import SCHEMA_VERSION
from core.store.project_store import ProjectStore, open_project
from core.store.repository import load_project_data, replace_project_data, save_project_data

__all__ = [
    "APPLICATION_ID", "PROJECT_SUFFIX", "SCHEMA_VERSION", "ProjectStore", "add_factor_dataset", "ensure_factors",
    "factors_digest", "load_factors", "load_project_data", "open_project", "replace_project_data",
    "save_project_data",
]
