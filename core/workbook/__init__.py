"""The study workbook (核算数据采集表): the .xlsx exchange format consultants fill offline."""
from core.workbook.reader import read_workbook
from core.workbook.template import write_template

__all__ = ["read_workbook", "write_template"]
