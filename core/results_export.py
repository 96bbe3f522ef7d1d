"""Inventory and results to one Excel workbook (the GUI's step 6 until the report issue's exporters exist).

Every row names its activity, amount, factor, the factor's source and version and the kg CO2e it contributes, so a
reader can follow each number back to its data.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.domain import ProjectData
from core.engine import ProjectResult
from core.i18n import tr
from core.lifecycle import STAGES


def export_results(data: ProjectData, result: ProjectResult, path: str | Path) -> Path:
    path = Path(path)
    totals, inventory = [], []
    for p in data.products:
        r = result.product(p.code)
        totals.append({tr("export.product"): p.code, tr("export.name"): p.name,
                       tr("export.declared_unit"): r.declared_unit, tr("export.gwp"): r.gwp_set,
                       tr("export.total"): r.total_kgco2e,
                       **{s.label(): r.by_stage[s.value] for s in STAGES},
                       tr("export.biogenic_emissions"): r.biogenic_co2_emissions_kg,
                       tr("export.biogenic_removals"): r.biogenic_co2_removals_kg, tr("export.dluc"): r.dluc_kgco2e})
        for c in sorted(r.contributions, key=lambda c: c.activity_index):
            inventory.append({
                tr("export.product"): p.code, tr("export.stage"): next(s.label() for s in STAGES
                                                                        if s.value == c.stage),
                tr("export.activity"): c.name, tr("export.amount"): c.amount, tr("export.unit"): c.unit,
                tr("export.quantity"): c.quantity_per_declared_unit, tr("export.target_unit"): c.target_unit,
                tr("export.factor"): c.linked_product and f"product:{c.linked_product}" or c.factor_code,
                tr("export.factor_source"): c.factor_source,
                tr("export.factor_version"): f"{c.factor_dataset} {c.factor_version}".strip(),
                tr("export.kgco2e"): c.kgco2e, tr("export.share"): c.share})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame(totals).to_excel(writer, sheet_name=tr("export.sheet_results"), index=False)
        pd.DataFrame(inventory).to_excel(writer, sheet_name=tr("export.sheet_inventory"), index=False)
    return path
