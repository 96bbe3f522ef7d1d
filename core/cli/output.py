"""How results and problems are printed on a terminal (text) or for programs (JSON)."""
from __future__ import annotations

import json
import sys
import unicodedata
from typing import TextIO

from core.errors import PcfError
from core.i18n import tr
from core.lifecycle import STAGES, Boundary
from core.project import ProductResult, ProjectResult


def json_text(document: object) -> str:
    """The JSON the CLI prints and writes: readable Chinese (no \\u escapes), indented, ending in a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def print_json(document: object, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json_text(document))


def print_error(error: PcfError, out: TextIO | None = None) -> None:
    out = out or sys.stderr
    out.write(tr("cli.error_header", count=len(error.problems)) + "\n")
    for problem in error.problems:
        out.write(f"  - {problem.text()}\n")


def print_product(r: ProductResult, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(f"\n{r.code}  {r.name}\n")
    boundary = Boundary(r.boundary)
    out.write(tr("cli.total_line", total=f"{r.total_kgco2e:,.3f}", unit=r.declared_unit, gwp=r.gwp_set,
                 boundary=boundary.label()) + "\n")
    for stage in STAGES:
        value = r.by_stage[stage.value]
        if stage not in boundary.stages:
            out.write(f"    {pad(stage.label(), 26)} {tr('cli.outside_boundary'):>14}\n")
            continue
        share = value / r.total_kgco2e if r.total_kgco2e else 0.0
        out.write(f"    {pad(stage.label(), 26)} {value:>14,.3f}  {share:6.1%}\n")
    if r.biogenic_co2_emissions_kg or r.biogenic_co2_removals_kg or r.dluc_kgco2e:
        out.write(tr("cli.biogenic_line", emissions=f"{r.biogenic_co2_emissions_kg:,.3f}",
                     removals=f"{r.biogenic_co2_removals_kg:,.3f}", dluc=f"{r.dluc_kgco2e:,.3f}") + "\n")
    for c in r.contributions[:3]:
        out.write(tr("cli.top_line", name=c.name, kg=f"{c.kgco2e:,.3f}", share=f"{c.share:.1%}") + "\n")
    for w in r.warnings:
        out.write(tr("cli.warning_line", text=w.message()) + "\n")


def print_summary(result: ProjectResult, codes: list[str], out: TextIO | None = None) -> None:
    for code in codes:
        print_product(result.product(code), out)


def pad(text: str, width: int) -> str:
    """Left-align text in a terminal, counting CJK characters as two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)
