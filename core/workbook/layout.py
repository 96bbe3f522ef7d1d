"""Sheets and columns of the study workbook, with the spellings accepted for each (English key first, Chinese second).

Headers match case-insensitively after trimming; a header written in both languages ("产品编码 code", "code / 产品编码")
matches too. Unknown columns are kept as notes or ignored, never an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.gwp import flow_keys
from core.workbook import fields as f
from core.workbook.cells import as_amount, as_date, as_number, as_text, as_unit
from core.workbook.fields import ALLOCATION_SPELLINGS, BASIS_SPELLINGS, DATA_TYPE_SPELLINGS, Converter

__all__ = ["ACTIVITIES", "ALLOCATION_SPELLINGS", "BASIS_SPELLINGS", "COPRODUCTS", "DATA_TYPE_SPELLINGS", "FACTORS",
           "PRODUCTS", "SHEETS", "Column", "SheetSpec"]


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 14
    convert: Converter = as_text     # what a non-blank cell must read as (core.workbook.fields)
    field: str = ""                  # the domain field it fills, when not named `key` (factor -> factor_ref)

    @property
    def field_name(self) -> str:
        return self.field or self.key

    def spellings(self) -> set[str]:
        return {_norm(s) for s in (self.key, self.zh, *self.aliases)}

    @property
    def header(self) -> str:
        """Bilingual header the template writes."""
        return f"{self.zh} {self.key}"


@dataclass(frozen=True)
class SheetSpec:
    key: str
    zh: str
    columns: tuple[Column, ...]
    optional: bool = False

    def spellings(self) -> set[str]:
        return {_norm(self.key), _norm(self.zh), _norm(f"{self.zh} {self.key}"), _norm(f"{self.key} {self.zh}")}

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def for_field(self, name: str) -> Column:
        """The column that fills domain field `name` (its converter is the one a form's edit uses)."""
        return next(c for c in self.columns if c.field_name == name)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower())


PRODUCTS = SheetSpec("Products", "产品", (
    Column("code", "产品编码", True, ("product code", "编码")),
    Column("name", "产品名称", True, ("product name", "名称"), 24, f.as_required_text),
    Column("model", "型号规格", aliases=("model/spec", "spec", "规格型号")),
    Column("declared_unit", "声明单位", True, ("declared unit", "功能单位", "functional_unit"), convert=f.as_declared_unit),
    Column("mass_per_unit_kg", "单位产品质量kg", aliases=("mass_per_unit", "单位质量", "mass per unit (kg)"),
           convert=f.as_optional_non_negative),
    Column("boundary", "系统边界", aliases=("system boundary",), width=16, convert=f.as_boundary),
    Column("period_start", "核算期开始", aliases=("period start",), convert=as_date),
    Column("period_end", "核算期结束", aliases=("period end",), convert=as_date),
    Column("period_output", "核算期产量", aliases=("period output", "产量"), convert=f.as_optional_amount),
    Column("gwp_set", "GWP版本", aliases=("gwp", "gwp set", "全球变暖潜势"), convert=f.as_gwp_set),
    Column("allocation", "分配方法", aliases=("allocation method",), convert=f.as_allocation),
    Column("unit_price", "单价", aliases=("unit price", "price"), convert=f.as_non_negative),
    Column("region", "地区", aliases=("province", "省份")),
    Column("organization", "企业名称", aliases=("company", "organisation", "企业")),
    Column("credit_code", "统一社会信用代码", aliases=("credit code", "uscc", "信用代码"), width=22),
    Column("pcr", "产品种类规则", aliases=("pcr_reference", "product rule", "产品碳足迹核算标准")),
    Column("cutoff_rule", "取舍原则", aliases=("cut-off rule", "cut-off", "cutoff")),
))

ACTIVITIES = SheetSpec("Activities", "活动数据", (
    Column("product", "产品编码", aliases=("product code", "code")),
    Column("stage", "阶段", True, ("life cycle stage", "生命周期阶段"), convert=f.as_stage),
    Column("name", "名称", True, ("activity", "活动名称"), 24, f.as_required_text),
    Column("amount", "数量", True, ("quantity", "活动数据", "用量"), convert=f.as_non_negative),
    Column("unit", "单位", True, convert=as_unit),
    Column("basis", "口径", aliases=("数据口径",), convert=f.as_basis),
    Column("factor", "排放因子编号", aliases=("factor id", "factor_id", "因子编号", "排放因子"), width=22,
           field="factor_ref"),
    Column("distance_km", "运输距离", aliases=("distance", "distance (km)", "运输距离km", "运输距离(km)"),
           convert=f.as_optional_non_negative),
    Column("data_type", "数据类型", aliases=("data type",), convert=f.as_data_type),
    Column("source", "数据来源", aliases=("data source",), width=20),
    Column("note", "备注", aliases=("notes", "remark")),
))

_FLOW_ZH = {
    "co2_fossil": "化石CO2", "co2_biogenic": "生物源CO2排放", "co2_biogenic_removal": "生物源CO2清除",
    "ch4_fossil": "化石CH4", "ch4_biogenic": "生物源CH4", "n2o": "N2O", "sf6": "SF6", "nf3": "NF3",
    "dluc_co2e": "直接土地利用变化CO2e", "co2e": "CO2当量",
}

FACTORS = SheetSpec("Factors", "排放因子", (
    Column("id", "编号", True, ("code", "factor id", "因子编号"), 20),
    Column("name", "名称", aliases=("factor name", "因子名称"), width=24),
    Column("unit", "单位", True, ("per unit",), convert=as_unit),
    *(Column(k, _FLOW_ZH.get(k, k.upper().replace("_", "-")), aliases=(f"{k} (kg)",), convert=f.as_non_negative)
      for k in flow_keys()),
    Column("source", "来源", aliases=("数据来源",), width=28),
    Column("year", "年份", convert=as_number),
    Column("geography", "地区", aliases=("region", "地理范围")),
), optional=True)

COPRODUCTS = SheetSpec("Coproducts", "共生产品", (
    Column("product", "产品编码", True, ("product code",)),
    Column("name", "名称", True),
    Column("output", "产量", True, ("period output",), convert=as_amount),
    Column("unit_price", "单价", aliases=("unit price", "price"), convert=f.as_non_negative),
), optional=True)

SHEETS = (PRODUCTS, ACTIVITIES, FACTORS, COPRODUCTS)
