"""One policy for incomplete studies: no final document from a result that left activities out; a draft lists them.

An activity is left out when the engine cannot compute it (missing factor, unit it cannot convert, ...). Its
product's total is then lower than the truth; a document stating that total without saying so would be silently
wrong, which a footprint tool must never be.
"""
from __future__ import annotations

from core.engine import Finding, ProductResult
from core.errors import ComputeError, Problem
from core.i18n import tr


def require_complete(result: ProductResult, draft: bool) -> None:
    """Raise ComputeError (what was left out, then each activity with its cell) unless complete or a draft."""
    if result.left_out and not draft:
        head = Problem("documents.left_out", {"product": result.code, "count": len(result.left_out)},
                       hint_id="hint.documents_left_out")
        raise ComputeError([head] + [_located(f, result.code) for f in result.left_out])


def left_out_lines(result: ProductResult, lang: str) -> list[str]:
    """The draft's first-page notice: a heading, then one line per activity left out (empty: complete)."""
    if not result.left_out:
        return []
    return ([tr("documents.draft_left_out", lang=lang, count=len(result.left_out))]
            + [f"• {_prefix(f, result.code, lang)}{f.message(lang)}" for f in result.left_out])


def left_out_text(result: ProductResult, lang: str) -> str:
    return " ".join(left_out_lines(result, lang))


def _prefix(finding: Finding, code: str, lang: str) -> str:
    """An activity of a product this one uses is named with its product (its row is on that product's page)."""
    return "" if finding.product == code else tr("documents.in_product", lang=lang, product=finding.product)


def _located(finding: Finding, code: str) -> Problem:
    problem = finding.as_problem()
    if finding.product == code:
        return problem
    return Problem("documents.left_out_in", {"product": finding.product, "what": finding.message()},
                   problem.location, problem.hint_id)
