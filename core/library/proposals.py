"""Which factor core proposes for an activity row before anyone searches (shown first, named as a proposal).

Why in the library: a proposal is a lookup in the factor library from what the study already says (the site's
province), never a choice made for the user: the report states the electricity factor the study chose.
"""
from __future__ import annotations

from core.domain import Activity, ProjectData
from core.library.builtin import grid_factor_code
from core.units import same_dimension


def proposed_factor(data: ProjectData, activity: Activity) -> str | None:
    """The factor core proposes for a row before anyone searches: for electricity (kWh, MWh, 万kWh, 度: an energy
    unit written in watt-hours, not the GJ of a fuel), the MEE grid factor of the site's province (latest year);
    None otherwise. A proposal, shown first and named as such: which electricity factor a study uses is its choice,
    which the report states."""
    site = data.sites[0] if data.sites else None
    unit = activity.unit.strip()
    electric = ("wh" in unit.lower() or "度" in unit) and same_dimension(unit, "kWh")
    if site is None or not site.province or not electric:
        return None
    return grid_factor_code(site.province)
