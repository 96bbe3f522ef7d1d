"""The study workbook (核算数据采集表): the .xlsx exchange format consultants fill offline.

`read_workbook` and `write_template` load openpyxl on first use (PEP 562), so importing a converter from
`core.workbook.cells` does not add openpyxl's import time to the GUI's start.
"""
from __future__ import annotations

from typing import Any

__all__ = ["read_workbook", "write_template"]


def __getattr__(name: str) -> Any:
    if name == "read_workbook":
        from core.workbook.reader import read_workbook
        return read_workbook
    if name == "write_template":
        from core.workbook.template import write_template
        return write_template
    raise AttributeError(name)
