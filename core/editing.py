"""One edit of one field, as a person types it into a form or a table cell: checked here, never in the GUI.

`edit_activity` returns a new Activity (the old one is untouched, so an undo stack can keep both) or raises
InputError with one Problem saying what is wrong and how to fix it; the GUI shows that text as the cell's tooltip.
The converters are the study workbook's own, taken from its column specification (`core.workbook.layout`, whose
columns carry `core.workbook.fields` converters), so a value the workbook accepts is accepted here too, with the
same message when it is not.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date

from core.credit_code import is_valid_credit_code
from core.domain import Activity, Product, ProjectData, Site
from core.errors import InputError, Problem
from core.i18n import tr
from core.lifecycle import Stage
from core.numbers import format_number
from core.units import Amount
from core.workbook.cells import CellProblem, as_amount, as_date, as_text, is_blank
from core.workbook.fields import as_non_negative, as_optional_amount, as_required_text
from core.workbook.layout import ACTIVITIES, PRODUCTS, SheetSpec

ACTIVITY_FIELDS = ("stage", "name", "amount", "unit", "basis", "factor_ref", "distance_km", "data_type", "source",
                   "note")


def edit_activity(activity: Activity, field: str, value: object) -> Activity:
    """The activity with `field` set from `value` (text as typed, or a number), or InputError."""
    if field not in _CONVERTERS:
        raise InputError.one("edit.unknown_field", field=field)
    try:
        converted = _CONVERTERS[field](value)
    except CellProblem as e:
        raise InputError([Problem(e.message_id, dict(e.params), hint_id=e.hint_id)]) from None
    changes: dict[str, object] = {field: converted}
    if field == "factor_ref" and converted != activity.factor_ref:
        changes["factor_id"] = None        # a new reference is looked up again (newest version)
    return dataclasses.replace(activity, **changes)


def activity_cell_text(activity: Activity, field: str) -> str:
    """How a field is shown for editing (the inverse of `edit_activity` for every accepted value)."""
    value = getattr(activity, field)
    if field == "stage":
        return Stage(value).label()
    if field in ("basis", "data_type"):
        return tr(f"{field}.{value.value}")          # the words people type back (单位产品, 实测, per unit, ...)
    if isinstance(value, float):
        return format_number(value)          # 1,250,000 (never 1.25e+06); reads back to the same number
    if value is None:
        return ""
    return str(value.value if hasattr(value, "value") else value)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s\-()（）]{5,}(?:\s*(?:转|ext\.?|x)\s*\d+)?$", re.IGNORECASE)


def edit_contact(phone: object, email: object) -> tuple[str, str]:
    """The organization's contact phone and e-mail as typed (either may be empty), or InputError."""
    phone_text, email_text = as_text(phone), as_text(email)
    if phone_text and not _PHONE.match(phone_text):
        raise InputError.one("edit.bad_phone", hint_id="hint.edit_phone", value=phone_text)
    if email_text and not _EMAIL.match(email_text):
        raise InputError.one("edit.bad_email", hint_id="hint.edit_email", value=email_text)
    return phone_text, email_text


CODED_FIELDS = {"basis": ("per_unit", "per_period"), "data_type": ("primary", "secondary")}


def choice_labels(field: str, lang: str | None = None) -> list[str]:
    """The words a drop-down offers for a coded field (单位产品 / 核算期总量; 实测 / 次级); each is accepted back by
    `edit_activity`, as typed or pasted from Excel."""
    return [tr(f"{field}.{key}", lang=lang) for key in CODED_FIELDS[field]]


def check_credit_code(text: str) -> str:
    """统一社会信用代码 as typed (spaces dropped, upper case), or InputError if the check digit is wrong."""
    code = "".join(str(text).split()).upper()
    if code and not is_valid_credit_code(code):
        raise InputError.one("edit.credit_code", hint_id="hint.credit_code", code=code)
    return code


def _converters(spec: SheetSpec, fields: tuple[str, ...]) -> dict[str, Callable[[object], object]]:
    """The workbook column's converter for each field (`core.workbook.fields`): one rule per field, everywhere."""
    return {name: spec.for_field(name).convert for name in fields}


_CONVERTERS = _converters(ACTIVITIES, ACTIVITY_FIELDS)
_PRODUCT_CONVERTERS = _converters(PRODUCTS, ("name", "model", "declared_unit", "mass_per_unit_kg"))


def with_activities(data: ProjectData, product_code: str, activities: list[Activity]) -> ProjectData:
    """`data` with one product's activity list replaced (everything else shared, for cheap undo snapshots)."""
    return with_product(data, _replace_study(data.product(product_code), activities=list(activities)))


def with_product(data: ProjectData, product: Product) -> ProjectData:
    return dataclasses.replace(data, products=[product if p.code == product.code else p for p in data.products])


def with_study(data: ProjectData, product_code: str, **changes: object) -> ProjectData:
    return with_product(data, _replace_study(data.product(product_code), **changes))


def edit_product(product: Product, field: str, value: object) -> Product:
    """Name, model, declared unit ("1 t"; a bare unit means 1 of it), mass per unit (kg) of a product."""
    if field not in _PRODUCT_CONVERTERS:
        raise InputError.one("edit.unknown_field", field=field)
    try:
        converted = _PRODUCT_CONVERTERS[field](value)
    except CellProblem as e:
        raise InputError([Problem(e.message_id, dict(e.params), hint_id=e.hint_id)]) from None
    return dataclasses.replace(product, **{field: converted})


def edit_period_output(value: object) -> Amount | None:
    """The output of the reference period ("24000 t"), or None when left empty."""
    try:
        return as_optional_amount(value)
    except CellProblem as e:
        raise InputError([Problem(e.message_id, dict(e.params), hint_id=e.hint_id)]) from None


def _replace_study(product: Product, **changes: object) -> Product:
    return dataclasses.replace(product, study=dataclasses.replace(product.study, **changes))


def new_product(data: ProjectData, name: str) -> tuple[ProjectData, str]:
    """`data` with one more product (code P1, P2, ... not yet used; declared unit 1 kg) and its code."""
    codes = {p.code for p in data.products}
    n = len(codes) + 1
    while f"P{n}" in codes:
        n += 1
    code = f"P{n}"
    product = Product(code=code, name=name, declared_unit=Amount(1.0, "kg"))
    return dataclasses.replace(data, products=[*data.products, product]), code


def transport_activity(stage: Stage, mass: object, distance_km: object, factor_code: str, name: str) -> Activity:
    """A freight activity from what a clerk knows: the mass moved ("20 t"), the distance (km) and the mode's factor
    (per t·km); the engine multiplies mass × distance. InputError if the mass is not a mass, the distance not a
    positive number, or no mode (factor) was chosen: a freight row without a factor would count nothing."""
    from core.units import same_dimension
    if not str(factor_code or "").strip():
        raise InputError.one("edit.no_transport_mode", hint_id="hint.edit_transport_mode")
    try:
        amount = as_amount(mass)
        if not same_dimension(amount.unit, "kg"):
            raise CellProblem("edit.not_mass", "hint.edit_not_mass", value=as_text(mass))
        distance = as_non_negative(distance_km)
        label = as_required_text(name)
    except CellProblem as e:
        raise InputError([Problem(e.message_id, dict(e.params), hint_id=e.hint_id)]) from None
    return Activity(stage=stage, name=label, amount=amount.value, unit=amount.unit,
                    factor_ref=str(factor_code).strip(), distance_km=distance)


def edit_period(start: object, end: object) -> tuple[date | None, date | None]:
    """The reference period as typed ("2024-01-01", "2024年12月31日"); empty means not given. InputError when a date
    does not read or the end comes before the start."""
    try:
        first = None if is_blank(start) else as_date(start)
        last = None if is_blank(end) else as_date(end)
    except CellProblem as e:
        raise InputError([Problem(e.message_id, dict(e.params), hint_id=e.hint_id)]) from None
    if first and last and last < first:
        raise InputError.one("edit.period_order", hint_id="hint.edit_period_order", start=first.isoformat(),
                             end=last.isoformat())
    return first, last


def with_site(data: ProjectData, name: str, province: str) -> ProjectData:
    """`data` with its (first) production site named and placed in a province; the province is also the site's grid
    region, which is how the built-in library's provincial grid factor is found (`grid_factor_code`)."""
    old = data.sites[0] if data.sites else Site(name="")
    site = dataclasses.replace(old, name=name.strip(), province=province.strip(), grid_region=province.strip())
    return dataclasses.replace(data, sites=[site, *data.sites[1:]])
