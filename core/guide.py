"""What is still missing at each step of the guided path, decided from the data and the computed result.

The GUI marks a step done when its list is empty and shows the list as the step's tooltip; a consultant's script can
ask the same question (`Project` data in, messages out), so the rules live here, not in the window.
"""
from __future__ import annotations

from core.credit_code import is_valid_credit_code
from core.domain import Product, ProjectData
from core.engine import AMOUNT_PENDING, ProjectResult, Severity
from core.i18n import tr
from core.lifecycle import STAGES as STAGES_OF_LIFE

STEPS = ("organization", "boundary", "activities", "factors", "results", "report")
_FACTOR_FINDINGS = frozenset({"finding.unknown_factor", "finding.no_factor", "finding.unit_mismatch"})
_ACTIVITY_FINDINGS = frozenset({"finding.no_factor", AMOUNT_PENDING})


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
    # an activity without a factor is an unfinished row of step 3 as much as a missing choice of step 4
    out["activities"] += [f.message() for f in errors if f.code in _ACTIVITY_FINDINGS]
    out["factors"] = [f.message() for f in errors if f.code in _FACTOR_FINDINGS]
    out["results"] = [f.message() for f in errors if f.code not in _FACTOR_FINDINGS]
    if errors:                              # a total that left activities out is not a result for the report
        out["results"].insert(0, tr("guide.left_out", count=len(errors)))
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


# Where each field the application needs is entered in the window (step key of STEPS).
FIELD_STEPS = {"field.organization": "organization", "field.credit_code": "organization",
               "field.address": "organization", "field.contact": "organization", "field.site": "organization",
               "field.period": "organization", "field.model": "organization"}


def field_texts(fields: list[str], lang: str | None = None) -> list[str]:
    """Each missing field with the step where it is entered: 'address (step 1 Organization and product)'."""
    return [tr("guide.field_in_step", lang=lang, field=tr(f, lang=lang), step=STEPS.index(FIELD_STEPS[f]) + 1,
               name=tr(f"guide.step.{FIELD_STEPS[f]}", lang=lang)) for f in fields]


def scope_note(product: Product, lang: str | None = None) -> str:
    """What the footprint covers, said next to the number: a partial CFP names the stages it does not include."""
    study = product.study
    left = [s.label(lang) for s in STAGES_OF_LIFE if s not in study.included_stages]
    if not left:
        return tr("guide.scope_full", lang=lang, boundary=study.boundary.label(lang))
    return tr("guide.scope_partial", lang=lang, boundary=study.boundary.label(lang),
              stages=tr("guide.list_sep", lang=lang).join(left))


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

