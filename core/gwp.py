"""Greenhouse-gas flows and their GWP-100 characterisation factors, read from `resources/gwp/gwp100.csv`.

A flow is a column of an emission factor ("co2_fossil", "ch4_biogenic", "dluc_co2e", ...), in kg of that gas per unit.
Its `kind` decides which reported totals it enters:
- ghg: every total; biogenic_emission: total only (reported separately); biogenic_removal: total only, negative;
- dluc: every total and reported separately; co2e: a factor already in kg CO2e, used as given.
"""
from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np

from core.paths import resource_path


class GwpSet(str, Enum):
    AR6 = "AR6"
    AR5 = "AR5"
    AR4 = "AR4"


DEFAULT_GWP = GwpSet.AR6


@dataclass(frozen=True)
class Flow:
    key: str
    gas: str
    kind: str
    gwp: dict[GwpSet, float]
    source: dict[GwpSet, str]
    note: str


@lru_cache(maxsize=1)
def flows() -> tuple[Flow, ...]:
    with open(resource_path("gwp", "gwp100.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(
        Flow(
            key=r["flow"], gas=r["gas"], kind=r["kind"],
            gwp={g: float(r[g.value.lower()]) for g in GwpSet},
            source={g: r[f"source_{g.value.lower()}"] for g in GwpSet},
            note=r["note"],
        )
        for r in rows
    )


@lru_cache(maxsize=1)
def flow_keys() -> tuple[str, ...]:
    return tuple(f.key for f in flows())


def flow_label(key: str, lang: str | None = None) -> str:
    """The name a person reads for a flow key ('化石 CO2' for co2_fossil); a plain gas is its formula (SF6)."""
    from core.i18n import has_message, tr
    if has_message(f"flow.{key}"):
        return tr(f"flow.{key}", lang=lang)
    return next((f.gas for f in flows() if f.key == key), key)


@lru_cache(maxsize=1)
def flow_index() -> dict[str, int]:
    return {k: i for i, k in enumerate(flow_keys())}


def parse_gwp_set(text: str | None) -> GwpSet | None:
    if text is None or str(text).strip() == "":
        return DEFAULT_GWP
    t = str(text).strip().upper().replace(" ", "")
    for g in GwpSet:
        if t in (g.value, f"IPCC{g.value}", f"{g.value}GWP100", f"GWP100{g.value}"):
            return g
    return None


@dataclass(frozen=True)
class Characterisation:
    """Vectors over `flow_keys()` that turn kg of each flow into the reported quantities."""

    total: np.ndarray               # kg CO2e in the CFP (removals negative)
    excluding_biogenic: np.ndarray  # kg CO2e without biogenic CO2 emissions and removals
    biogenic_emissions: np.ndarray  # kg CO2 (selector)
    biogenic_removals: np.ndarray   # kg CO2 removed, as a positive number (selector)
    dluc: np.ndarray                # kg CO2e (selector)


@lru_cache(maxsize=8)
def characterisation(gwp_set: GwpSet) -> Characterisation:
    fl = flows()
    gwp = np.array([f.gwp[gwp_set] for f in fl])
    kind = np.array([f.kind for f in fl])
    excl = np.where(np.isin(kind, ["ghg", "dluc", "co2e"]), gwp, 0.0)
    return Characterisation(
        total=gwp,
        excluding_biogenic=excl,
        biogenic_emissions=(kind == "biogenic_emission").astype(float),
        biogenic_removals=(kind == "biogenic_removal").astype(float),
        dluc=(kind == "dluc").astype(float),
    )


def flow_vector(flows_kg: Mapping[str, float]) -> np.ndarray:
    """kg of each flow in `flow_keys()` order: one factor's row of the engine's factor-flow matrix."""
    v = np.zeros(len(flow_keys()))
    idx = flow_index()
    for key, value in flows_kg.items():
        if value:
            v[idx[key]] = value
    return v


def co2e_of(vector: np.ndarray, gwp_set: GwpSet) -> float:
    """kg CO2e of one flow vector: THE one place a factor's (or a product's) kg CO2e per unit is computed, so the
    engine's contributions, the report, the factor search, the inventory workbook and the GUI show one number."""
    return float(vector @ characterisation(gwp_set).total)
