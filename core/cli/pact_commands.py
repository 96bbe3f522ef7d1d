"""`pcf export-pact` and `pcf import-pact`: PACT ProductFootprint files out of and into a project.

`register(subparsers)` adds both commands; core/cli/main.py calls it so this module owns its own arguments. The
PACT licence notice goes to stderr on every export: stdout may be piped JSON that must stay parseable.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.cli.commands import remove_project_file
from core.cli.output import json_text, print_json
from core.i18n import tr


def export_pact(args: argparse.Namespace) -> int:
    """Compute the project read-only and write (or print) one product's ProductFootprint."""
    from core.project import Project
    from core.reports.pact import PACT_NOTICE
    with Project.open(args.project, read_only=True) as project:
        footprint = project.documents(args.product, draft=getattr(args, "draft", False)).pact_footprint(args.cpc)
    if args.out is None:
        print_json(footprint)
    else:
        out: Path = args.out
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json_text(footprint), encoding="utf-8")
        pcf = footprint["pcf"]
        print(tr("cli.pact_written", code=args.product, path=str(out), value=pcf["pCfIncludingBiogenic"],
                 unit=pcf["declaredUnit"]))
    print("\n" + PACT_NOTICE, file=sys.stderr)
    return 0


def import_pact(args: argparse.Namespace) -> int:
    """Store a supplier's PACT file as a factor dataset; a project file created for it is removed on failure."""
    from core.project import Project
    existed = args.project.exists()
    try:
        with Project.open_or_create(args.project) as project:
            dataset = project.import_pact(args.file)
            codes = sorted(f.code for f in project.dataset_factors(dataset))
    except Exception:
        if not existed:
            remove_project_file(args.project)
        raise
    print(tr("cli.pact_imported", count=len(codes), file=Path(args.file).name, name=dataset.name,
             version=dataset.version, project=str(args.project), codes=", ".join(codes)))
    return 0


def register(subparsers: Any) -> None:
    """Add `export-pact PROJECT --product CODE [--out FILE]` and `import-pact FILE --project P`."""
    exp = subparsers.add_parser("export-pact", help=tr("cli.help.export_pact"))
    exp.add_argument("project", type=Path, help=tr("cli.help.project"))
    exp.add_argument("--product", required=True, help=tr("cli.help.pact_product"))
    exp.add_argument("--out", type=Path, help=tr("cli.help.pact_out"))
    exp.add_argument("--cpc", help=tr("cli.help.pact_cpc"))
    exp.add_argument("--draft", action="store_true", help=tr("cli.help.draft"))
    exp.set_defaults(run=export_pact)

    imp = subparsers.add_parser("import-pact", help=tr("cli.help.import_pact"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--project", type=Path, required=True, help=tr("cli.help.project_create"))
    imp.set_defaults(run=import_pact)
