"""`pcf report`: the study report, the label application form and the label artwork of one product, in a folder."""
from __future__ import annotations

import argparse
from pathlib import Path

from core.i18n import tr


def register(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help=tr("cli.help.report"))
    rep.add_argument("project", type=Path)
    rep.add_argument("--product", required=True)
    rep.add_argument("--out", type=Path, required=True, help=tr("cli.help.report_out"))
    rep.add_argument("--lang", dest="report_lang", choices=["zh", "en"], default="zh", help=tr("cli.help.lang"))
    rep.add_argument("--draft", action="store_true", help=tr("cli.help.draft"))
    rep.set_defaults(run=report)


def report(args: argparse.Namespace) -> int:
    """Open the project read-only, compute once, write the documents through the one document service."""
    from core.project import Project
    lang = "en" if args.report_lang == "en" else "zh_CN"
    with Project.open(args.project, read_only=True) as project:
        written = project.documents(args.product, lang=lang, draft=args.draft).folder(args.out)
    for path in written:
        print(path)
    return 0
