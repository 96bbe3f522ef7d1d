"""One function per `pcf` command: parse nothing, print little, delegate everything to `core.project`."""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from core.cli.output import json_text, print_json, print_summary
from core.errors import InputError, Location
from core.gwp import GwpSet
from core.i18n import tr

SQLITE_MAGIC = b"SQLite format 3\x00"


def template(args: argparse.Namespace) -> int:
    from core.workbook import write_template
    path = write_template(args.out)
    print(tr("cli.template_written", path=str(path)))
    return 0


def import_workbook(args: argparse.Namespace) -> int:
    from core.project import Project
    existed = args.project.exists()
    try:
        with Project.open_or_create(args.project) as project:
            report = project.import_workbook(args.workbook, template=args.template)
    except Exception:
        if not existed:
            remove_project_file(args.project)
        raise
    print(tr("cli.imported", source=report.source, project=str(args.project), activities=report.activities,
             factors=report.factors, added=", ".join(report.products_added) or "-",
             replaced=", ".join(report.products_replaced) or "-"))
    if report.amounts_pending:
        print(tr("cli.amounts_pending", count=report.amounts_pending))
    return 0


def compute(args: argparse.Namespace) -> int:
    from core.project import Project, compute_workbook
    gwp = GwpSet(args.gwp) if args.gwp else None
    source: Path = args.source
    if _is_project_file(source):
        with Project.open(source, read_only=True) as project:
            data = project.data()
            result = project.compute(gwp=gwp, strict=True)
    else:
        data, result = compute_workbook(source, gwp)
    codes = [p.code for p in data.products]
    wanted = args.product or codes
    unknown = [c for c in wanted if c not in codes]
    if unknown:
        raise InputError.one("cli.unknown_product", Location(source.name), "hint.unknown_product",
                             code=", ".join(unknown), known=", ".join(codes))
    if args.json:
        print_json(result.to_json(wanted))
    else:
        print_summary(result, wanted)
    return 0


def demo(args: argparse.Namespace) -> int:
    from core.paths import resource_path
    from core.project import PROJECT_SUFFIX, Project
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    project_path = out / f"demo{PROJECT_SUFFIX}"
    remove_project_file(project_path)
    workbook = out / "demo_study.xlsx"
    shutil.copyfile(resource_path("demo", "demo_study.xlsx"), workbook)
    with Project.create(project_path) as project:
        project.ensure_builtin_library()
        report = project.import_workbook(workbook)
        result = project.compute(strict=True)
        codes = [p.code for p in project.data().products]
        (out / "demo_result.json").write_text(json_text(result.to_json(codes)), encoding="utf-8")
    print(tr("cli.demo_done", project=str(project_path), products=len(codes), activities=report.activities))
    print_summary(result, codes)
    print("\n" + tr("cli.demo_files", json=str(out / "demo_result.json"), workbook=str(workbook)))
    return 0


def _is_project_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def remove_project_file(path: Path) -> None:
    from core.project import remove_project_file as remove  # core.project loads numpy: only when needed
    remove(path)
