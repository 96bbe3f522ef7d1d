"""What is still missing at each step of the guided path, decided from the data and the computed result.

The GUI marks a step done when its list is empty and shows the list as the step's tooltip; a consultant's script can
ask the same question (`Project` data in, messages out), so the rules live here, not in the window.
"""
from __future__ import annotations

from core.credit_code import is_valid_credit_code
from core.domain import Product, ProjectData
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
    for p in data.products:
        fields = missing_fields(data, p)
        if fields:
            out["report"].append(tr("guide.application_missing", product=p.code,
                                    fields=tr("loc.sep").join(tr(f) for f in fields)))
    return out


def missing_fields(data: ProjectData, product: Product) -> list[str]:
    """Message ids (`field.*`) of what the application needs and the project does not have."""
    org = data.organization
    out: list[str] = []
    if org is None or not org.name:
        out.append("field.organization")
    if org is None or not is_valid_credit_code(org.credit_code or ""):
        out.append("field.credit_code")
    if org is None or not org.address:
        out.append("field.address")
    if org is None or not org.contact_person or not (org.contact_phone or org.contact_email):
        out.append("field.contact")
    if not data.sites or not data.sites[0].name or not data.sites[0].province:
        out.append("field.site")
    if not (product.study.period_start and product.study.period_end):
        out.append("field.period")
    return out

