"""Where the shipped data files live, in a source tree, an installed wheel or a PyInstaller bundle alike."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a file under the `resources` package (importlib.resources keeps this right inside a frozen app)."""
    base = resources.files("resources")
    return Path(str(base.joinpath(*parts)))
