"""Errors the engine raises, each carrying where the problem is and what would fix it."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import tr


@dataclass(frozen=True)
class Location:
    """Where a bad value sits: file, sheet, Excel row (1-based) and column (letter and header)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None

    def text(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(tr("loc.file", name=self.file))
        if self.sheet:
            parts.append(tr("loc.sheet", name=self.sheet))
        if self.row is not None:
            parts.append(tr("loc.row", row=self.row))
        if self.column:
            label = f"{self.column} ({self.header})" if self.header else self.column
            parts.append(tr("loc.column", column=label))
        return tr("loc.sep").join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; `message_id` and `hint_id` index the message catalogue."""

    message_id: str
    params: dict[str, object] = field(default_factory=dict)
    location: Location = field(default_factory=Location)
    hint_id: str | None = None

    def text(self) -> str:
        where = self.location.text()
        what = tr(self.message_id, **self.params)
        fix = tr(self.hint_id, **self.params) if self.hint_id else ""
        out = f"{where}{tr('loc.colon')}{what}" if where else what
        sep = tr("hint.sep")
        if sep.strip() and out.endswith(sep.strip()):     # "…无效。" + "。" would print the full stop twice
            sep = ""
        return f"{out}{sep}{tr('hint.prefix')}{fix}" if fix else out


class PcfError(Exception):
    """Base of every error the engine raises on purpose; the CLI prints it, the GUI shows it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.text() for p in self.problems))

    @classmethod
    def one(cls, message_id: str, location: Location | None = None, hint_id: str | None = None, **params: object):
        return cls([Problem(message_id, dict(params), location or Location(), hint_id)])


class InputError(PcfError):
    """The user's input (workbook, unit, number) is not usable; nothing was written."""


class StoreError(PcfError):
    """The project file cannot be opened or written as asked."""


class ComputeError(PcfError):
    """The study cannot be computed as it stands (unit mismatch, missing factor, singular product loop)."""


@dataclass(frozen=True)
class Origin:
    """Where a record came from (a workbook row), with the column of each field, so any later finding about one of
    its fields can name the exact cell."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    columns: tuple[tuple[str, str, str], ...] = ()   # (field, column letter, header as written)

    def at(self, field_name: str | None = None) -> Location:
        for name, letter, header in self.columns:
            if name == field_name:
                return Location(self.file, self.sheet, self.row, letter, header)
        return Location(self.file, self.sheet, self.row)
