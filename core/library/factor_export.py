"""A stored dataset back to a file a person can open: CSV (UTF-8 with BOM, so Excel shows Chinese) or .xlsx.

The columns are the importer's own field names, so an exported file imports again with the guessed mapping; values
are kg of each gas per one unit as stored (the base unit), the unit as first published is kept beside it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.domain import EmissionFactor
from core.errors import InputError, Location
from core.library.factor_file import CSV_SUFFIXES

EXPORT_SUFFIXES = (".csv", ".xlsx")
_VALUE_FLOWS = ("co2e", "co2_fossil", "co2_biogenic", "ch4_fossil", "n2o")


def factors_frame(factors: list[EmissionFactor]) -> pd.DataFrame:
    flows = [k for k in _VALUE_FLOWS if any(k in f.flows for f in factors)]
    flows += sorted({k for f in factors for k in f.flows} - set(flows))
    rows = []
    for f in factors:
        row: dict[str, object] = {"id": f.code, "name": f.name, "category": f.category, "unit": f.unit}
        row.update({f"{k} (kg)": f.flows.get(k) for k in flows})
        row.update({"gwp_basis": f.gwp_basis, "source": f.source, "year": f.year, "geography": f.geography,
                    "uncertainty": f.uncertainty, "notes": f.notes, "published unit": f.unit_text})
        rows.append(row)
    frame = pd.DataFrame(rows)
    if "year" in frame:
        frame["year"] = frame["year"].astype("Int64")
    return frame


def write_factors(factors: list[EmissionFactor], path: str | Path, sheet: str = "factors") -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError.one("export.suffix", Location(path.name), hint_id="hint.export_suffix", suffix=suffix)
    frame = factors_frame(factors)
    try:
        if suffix in CSV_SUFFIXES:
            frame.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            frame.to_excel(path, index=False, sheet_name=sheet[:31], engine="openpyxl")
    except OSError as exc:
        raise InputError.one("export.cannot_write", Location(path.name), hint_id="hint.os_write",
                             reason=exc.strerror or str(exc)) from exc
    return path
