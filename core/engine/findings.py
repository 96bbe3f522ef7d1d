"""Warnings and errors the engine reports about a study, each pointing at the activity (and workbook cell) concerned."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from core.errors import Location, Problem
from core.i18n import tr

# An activity whose amount is still to be entered (a template row): left out of the total, never counted as 0.
AMOUNT_PENDING = "finding.amount_pending"


class Severity(str, Enum):
    WARNING = "warning"   # computed, but the user should look (e.g. activity outside the boundary, left out)
    ERROR = "error"       # the activity could not be computed (missing factor, unit mismatch)


@dataclass(frozen=True)
class Finding:
    code: str                       # message id in the catalogue, e.g. "finding.outside_boundary"
    severity: Severity
    product: str
    params: dict[str, object] = field(default_factory=dict)
    activity_index: int | None = None   # index into the product's study.activities
    stage: str | None = None
    location: Location | None = None
    hint_id: str | None = None
    field: str | None = None            # the activity's field at fault ("amount", "factor", "unit", ...), if one

    def message(self, lang: str | None = None) -> str:
        return tr(self.code, lang=lang, product=self.product, **self.params)

    def as_problem(self) -> Problem:
        return Problem(self.code, {"product": self.product, **self.params}, self.location or Location(), self.hint_id)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code.removeprefix("finding."), "severity": self.severity.value, "product": self.product,
            "message": self.message(),
        }
        if self.activity_index is not None:
            out["activity_index"] = self.activity_index
        if self.stage:
            out["stage"] = self.stage
        if self.location and self.location.row is not None:
            out["sheet"], out["row"] = self.location.sheet, self.location.row
        return out
