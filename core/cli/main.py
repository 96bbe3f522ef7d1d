"""`pcf` entry point: parse arguments, run one command, print its result; exit 0, or 2 with a clear message."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core.cli import commands, factor_commands, file_commands, package_commands, pact_commands, report_commands
from core.cli.output import print_error
from core.errors import PcfError
from core.i18n import set_language, tr

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
    imp.add_argument("--template", action="store_true", help=tr("cli.help.import_template"))
    imp.set_defaults(run=commands.import_workbook)

    comp = sub.add_parser("compute", help=tr("cli.help.compute"))
    comp.add_argument("source", type=Path, help=tr("cli.help.compute_source"))
    comp.add_argument("--product", action="append", help=tr("cli.help.product"))
    comp.add_argument("--gwp", choices=["AR6", "AR5", "AR4"], help=tr("cli.help.gwp"))
    comp.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    comp.set_defaults(run=commands.compute)

    report_commands.register(sub)
    package_commands.register(sub)
    pact_commands.register(sub)
    file_commands.register(sub)

    fac = sub.add_parser("factors", help=tr("cli.help.factors"))
    fsub = fac.add_subparsers(dest="factors_command", required=True, metavar="ACTION")
    search = fsub.add_parser("search", help=tr("cli.help.factors_search"))
    search.add_argument("text", nargs="*", default=[])
    search.add_argument("--unit", help=tr("cli.help.unit"))
    search.add_argument("--dataset", help=tr("cli.help.dataset_filter"))
    search.add_argument("--geography", help=tr("cli.help.geography"))
    search.add_argument("--year", type=int, help=tr("cli.help.year"))
    search.add_argument("--all-versions", action="store_true", help=tr("cli.help.all_versions"))
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    search.add_argument("--project", type=Path, help=tr("cli.help.project_optional"))
    search.set_defaults(run=factor_commands.factors_search)

    fimp = fsub.add_parser("import", help=tr("cli.help.factors_import"))
    fimp.add_argument("file", type=Path)
    fimp.add_argument("--project", type=Path, required=True, help=tr("cli.help.project_create"))
    fimp.add_argument("--mapping", type=Path, help=tr("cli.help.mapping"))
    fimp.add_argument("--save-mapping", type=Path, help=tr("cli.help.save_mapping"))
    fimp.add_argument("--dataset", help=tr("cli.help.dataset"))
    fimp.add_argument("--version", help=tr("cli.help.version"))
    fimp.add_argument("--publisher", help=tr("cli.help.publisher"))
    fimp.add_argument("--accept-rejected", action="store_true", help=tr("cli.help.accept_rejected"))
    fimp.add_argument("--allow-negative", action="store_true", help=tr("cli.help.allow_negative"))
    fimp.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    fimp.set_defaults(run=factor_commands.factors_import)

    fds = fsub.add_parser("datasets", help=tr("cli.help.factors_datasets"))
    fds.add_argument("--project", type=Path, required=True, help=tr("cli.help.project"))
    fds.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    fds.set_defaults(run=factor_commands.factors_datasets)

    fexp = fsub.add_parser("export", help=tr("cli.help.factors_export"))
    fexp.add_argument("--project", type=Path, required=True, help=tr("cli.help.project"))
    fexp.add_argument("--dataset", required=True, help=tr("cli.help.dataset"))
    fexp.add_argument("--version", help=tr("cli.help.version_export"))
    fexp.add_argument("--out", type=Path, required=True, help=tr("cli.help.export_out"))
    fexp.set_defaults(run=factor_commands.factors_export)

    fupd = fsub.add_parser("updates", help=tr("cli.help.factors_updates"))
    fupd.add_argument("--project", type=Path, required=True, help=tr("cli.help.project"))
    fupd.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    fupd.set_defaults(run=factor_commands.factors_updates)

    fup = fsub.add_parser("update", help=tr("cli.help.factors_update"))
    fup.add_argument("--project", type=Path, required=True, help=tr("cli.help.project"))
    fup.add_argument("--product", action="append", help=tr("cli.help.product"))
    fup.set_defaults(run=factor_commands.factors_update)
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
    except OSError as e:            # an unwritable folder, a full disk, a path that is a file: said, not a traceback
        print_error(os_error(e))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


def os_error(e: OSError) -> PcfError:
    from core.errors import InputError, Location
    where = e.filename if e.filename is not None else ""
    return InputError.one("os.error", Location(Path(str(where)).name if where else None), hint_id="hint.os_write",
                          path=str(where) or "-", reason=e.strerror or str(e))


if __name__ == "__main__":
    sys.exit(main())
