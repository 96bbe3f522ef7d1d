"""`pcf package` and `pcf verify`: build a product's verification package, and check one received.

Kept apart from `commands.py` so the package's sender and its receiver (who may have no project file at all, only
the .zip) use the same two functions the GUI will call; `verify` exits 2 on any problem so scripts can gate on it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.i18n import tr

EXIT_OK, EXIT_PROBLEMS = 0, 2


def package(args: argparse.Namespace) -> int:
    """Build the package of `args.product` from the project `args.project` into `args.out`: the study report, the
    application form, the label (its QR code carrying the digest of the other documents), the PACT file, the
    inventory workbook, result.json and the evidence, all listed with their SHA-256 in manifest.json. The project
    is computed once; every document in the package states that one result."""
    from core.project import Project
    from core.reports.package import read_manifest
    lang = "en" if getattr(args, "package_lang", "zh") == "en" else "zh_CN"
    with Project.open(args.project, read_only=True) as project:
        out = project.documents(args.product, lang=lang, draft=getattr(args, "draft", False)).package(args.out)
    manifest = read_manifest(out)
    files = manifest.get("files") or []
    evidence = sum(1 for f in files if isinstance(f, dict) and f.get("role") == "evidence")
    print(tr("package.cli_written", path=str(out), product=args.product, files=len(files), evidence=evidence))
    return EXIT_OK


def verify(args: argparse.Namespace) -> int:
    """Print "OK" with what the package holds, or every problem found; exit 0 or 2."""
    from core.reports.package import read_manifest, verify_package
    problems = verify_package(args.file)
    if problems:
        print(tr("package.cli_problems", count=len(problems), path=str(args.file)), file=sys.stderr)
        for p in problems:
            print(f"  - {p.text()}", file=sys.stderr)
        return EXIT_PROBLEMS
    manifest = read_manifest(args.file)
    files = manifest.get("files") or []
    print(tr("package.cli_ok", path=str(args.file), product=manifest.get("product", "-"),
             version=manifest.get("study_version", "-"), files=len(files), created=manifest.get("created_utc", "-")))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `package PROJECT --product CODE --out FILE.zip` and `verify FILE.zip` to the `pcf` parser."""
    pkg = subparsers.add_parser("package", help=tr("package.cli_help"))
    pkg.add_argument("project", type=Path, help=tr("package.cli_help_project"))
    pkg.add_argument("--product", required=True, help=tr("package.cli_help_product"))
    pkg.add_argument("--out", type=Path, required=True, help=tr("package.cli_help_out"))
    pkg.add_argument("--lang", dest="package_lang", choices=["zh", "en"], default="zh", help=tr("cli.help.lang"))
    pkg.add_argument("--draft", action="store_true", help=tr("cli.help.draft"))
    pkg.set_defaults(run=package)
    ver = subparsers.add_parser("verify", help=tr("package.cli_help_verify"))
    ver.add_argument("file", type=Path, help=tr("package.cli_help_file"))
    ver.set_defaults(run=verify)
