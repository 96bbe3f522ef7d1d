"""What each field of a record accepts: one converter per field, shared by the workbook reader, `core.editing`
(the GUI's cells and forms) and, through it, the GUI's activity table.

Why here: a value a clerk types into a cell must be accepted, refused and explained exactly as the same value in a
study workbook. `layout.py` attaches these converters to its columns; the reader calls a column's converter and
`core.editing` calls the same one for the field the column fills. A converter gets a non-blank cell (the reader
deals with blanks, required or not) and returns the domain value or raises `CellProblem`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.domain import Allocation, Basis, DataType
from core.gwp import GwpSet, parse_gwp_set
from core.lifecycle import Boundary, Stage, parse_boundary, parse_stage
from core.units import Amount
from core.workbook.cells import CellProblem, as_amount, as_choice, as_number, as_text, is_blank

# Values offered in the template's dropdowns (stages and boundaries: the Chinese spellings of core.lifecycle).
BASIS_SPELLINGS = {"per_unit": "per_unit", "单位产品": "per_unit", "per unit": "per_unit",
                   "per_period": "per_period", "核算期总量": "per_period", "per period": "per_period",
                   "总量": "per_period"}
DATA_TYPE_SPELLINGS = {"primary": "primary", "实测": "primary", "初级": "primary", "一手": "primary",
                       "secondary": "secondary", "次级": "secondary", "二手": "secondary"}
ALLOCATION_SPELLINGS = {"none": "none", "无": "none", "不分配": "none", "mass": "mass", "质量": "mass",
                        "物理分配": "mass", "economic": "economic", "经济": "economic", "经济价值": "economic"}

Converter = Callable[[Any], Any]


def _parsed(parse: Callable[[str], Any], message_id: str, hint_id: str) -> Converter:
    def convert(raw: Any) -> Any:
        value = parse(as_text(raw))
        if value is None:
            raise CellProblem(message_id, hint_id, value=as_text(raw))
        return value
    return convert


as_stage: Callable[[Any], Stage] = _parsed(parse_stage, "cell.bad_stage", "hint.stage")
as_boundary: Callable[[Any], Boundary] = _parsed(parse_boundary, "cell.bad_boundary", "hint.boundary")
as_gwp_set: Callable[[Any], GwpSet] = _parsed(parse_gwp_set, "cell.bad_gwp", "hint.gwp")


def as_basis(raw: Any) -> Basis:
    return Basis(as_choice(raw, BASIS_SPELLINGS, "cell.bad_basis", "hint.basis"))


def as_data_type(raw: Any) -> DataType:
    return DataType(as_choice(raw, DATA_TYPE_SPELLINGS, "cell.bad_data_type", "hint.data_type"))


def as_allocation(raw: Any) -> Allocation:
    return Allocation(as_choice(raw, ALLOCATION_SPELLINGS, "cell.bad_allocation", "hint.allocation"))


def as_non_negative(raw: Any) -> float:
    value = as_number(raw)
    if value < 0:
        raise CellProblem("cell.negative", "hint.negative_amount", value=as_text(raw))
    return value


def as_optional_non_negative(raw: Any) -> float | None:
    """A distance or a mass per unit: empty when not given (a form's cleared field), else as `as_non_negative`."""
    return None if is_blank(raw) else as_non_negative(raw)


def as_required_text(raw: Any) -> str:
    text = as_text(raw)
    if not text:
        raise CellProblem("edit.empty", "hint.edit_empty")
    return text


def as_declared_unit(raw: Any) -> Amount:
    """'1 t', '12 kg', or a bare unit meaning one of it ('t')."""
    return as_amount(raw, default_value=1.0)


def as_optional_amount(raw: Any) -> Amount | None:
    return None if is_blank(raw) else as_amount(raw)
