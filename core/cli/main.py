"""`pcf` entry point: parse arguments, run one command, print its result; exit 0, or 2 with a clear message."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core.cli import commands
from core.errors import PcfError
from core.i18n import set_language, tr
from core.cli.output import print_error

EXIT_OK, EXIT_BAD_INPUT, EXIT_FAILURE = 0, 2, 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pcf", description=tr("cli.description"))
    p.add_argument("--lang", choices=["zh", "en"], help=tr("cli.help.lang"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help=tr("cli.help.demo"))
    demo.add_argument("--out", type=Path, default=Path("pcf-demo"), help=tr("cli.help.demo_out"))
    demo.set_defaults(run=commands.demo)

    tpl = sub.add_parser("template", help=tr("cli.help.template"))
    tpl.add_argument("--out", type=Path, required=True, help=tr("cli.help.template_out"))
    tpl.set_defaults(run=commands.template)

    imp = sub.add_parser("import", help=tr("cli.help.import"))
    imp.add_argument("workbook", type=Path)
    imp.add_argument("--project", type=Path, required=True, help=tr("cli.help.project"))
    imp.set_defaults(run=commands.import_workbook)

    comp = sub.add_parser("compute", help=tr("cli.help.compute"))
    comp.add_argument("source", type=Path, help=tr("cli.help.compute_source"))
    comp.add_argument("--product", action="append", help=tr("cli.help.product"))
    comp.add_argument("--gwp", choices=["AR6", "AR5", "AR4"], help=tr("cli.help.gwp"))
    comp.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    comp.set_defaults(run=commands.compute)

    fac = sub.add_parser("factors", help=tr("cli.help.factors"))
    fsub = fac.add_subparsers(dest="factors_command", required=True, metavar="ACTION")
    search = fsub.add_parser("search", help=tr("cli.help.factors_search"))
    search.add_argument("text", nargs="*", default=[])
    search.add_argument("--unit", help=tr("cli.help.unit"))
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    search.add_argument("--project", type=Path, help=tr("cli.help.project_optional"))
    search.set_defaults(run=commands.factors_search)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv):
            set_language(argv[i + 1])
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except PcfError as e:
        print_error(e)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
