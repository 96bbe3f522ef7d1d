"""What is still missing at each step of the guided path, decided from the data and the computed result.

The GUI marks a step done when its list is empty and shows the list as the step's tooltip; a consultant's script can
ask the same question (`Project` data in, messages out), so the rules live here, not in the window.
"""
from __future__ import annotations

from core.credit_code import is_valid_credit_code
from core.domain import ProjectData
from core.engine import ProjectResult, Severity
from core.i18n import tr

STEPS = ("organization", "boundary", "activities", "factors", "results", "report")
_FACTOR_FINDINGS = frozenset({"finding.unknown_factor", "finding.no_factor", "finding.unit_mismatch"})


def missing(data: ProjectData, result: ProjectResult | None) -> dict[str, list[str]]:
    """Per step, what a person still has to do (translated sentences); empty when the step is done."""
    out: dict[str, list[str]] = {step: [] for step in STEPS}
    org = data.organization
    if org is None or not org.name.strip():
        out["organization"].append(tr("guide.no_organization"))
    elif org.credit_code and not is_valid_credit_code(org.credit_code):
        out["organization"].append(tr("guide.bad_credit_code", code=org.credit_code))
    if not data.products:
        out["organization"].append(tr("guide.no_product"))
    for p in data.products:
        for stage, why in p.study.excluded_stages.items():
            if not why.strip():
                out["boundary"].append(tr("guide.no_justification", product=p.code, stage=stage.label()))
        if not p.study.activities:
            out["activities"].append(tr("guide.no_activities", product=p.code))
    findings = result.findings if result is not None else []
    errors = [f for f in findings if f.severity is Severity.ERROR]
    out["factors"] = [f.message() for f in errors if f.code in _FACTOR_FINDINGS]
    out["results"] = [f.message() for f in errors if f.code not in _FACTOR_FINDINGS]
    if result is None or not data.products:
        out["results"].append(tr("guide.no_result"))
    if any(out[s] for s in STEPS[:5]):
        out["report"].append(tr("guide.finish_first"))
    return out
