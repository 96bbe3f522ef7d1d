"""`pcf factors ...`: import, search, list, export and update factor datasets of a project."""
from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.cli.commands import remove_project_file
from core.cli.output import pad, print_json
from core.i18n import tr
from core.library.column_mapping import ColumnMapping
from core.library.factor_import import FactorFileReport, RowStatus
from core.project import Project

MAX_LISTED_ROWS = 50


def factors_import(args: argparse.Namespace) -> int:
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    if args.allow_negative:
        mapping = mapping or ColumnMapping()
        mapping.allow_negative = True
    from core.library.factor_import import read_factor_file
    read = read_factor_file(args.file, mapping)          # read and checked before the project is touched
    if args.save_mapping:                                # written (or refused) before anything is committed
        read.report.mapping.save(args.save_mapping)
    existed = args.project.exists()
    try:
        with Project.open_or_create(args.project) as project:
            result = project.store_factor_file(read, dataset=args.dataset, version=args.version,
                                               publisher=args.publisher or "", accept_rejected=args.accept_rejected)
    except Exception:
        if not existed:
            remove_project_file(args.project)
        raise
    if args.json:
        print_json({"report": result.report.to_json(), "dataset": result.dataset.to_json(),
                    "imported": result.imported, "already_imported": result.already_imported})
        return 0
    print_report(result.report)
    d = result.dataset
    if result.already_imported:
        print(tr("cli.factors_already", name=d.name, version=d.version, sha=d.sha256[:12]))
    else:
        print(tr("cli.factors_imported", count=result.imported, name=d.name, version=d.version,
                 project=str(args.project), sha=d.sha256[:12]))
    return 0


def print_report(r: FactorFileReport) -> None:
    where = r.file_name + (f" [{r.sheet}]" if r.sheet else "")
    print(tr("cli.factors_file", file=where, encoding=r.encoding or "xlsx", delimiter=repr(r.delimiter or ""),
             row=r.header_row, rows=r.header_rows))
    for f, header in r.mapping.columns.items():
        print(f"    {f.value:<14} ← {header}")
    if r.ids_generated:
        print("    " + tr("fix.id_generated"))
    print(tr("cli.factors_counts", accepted=r.count(RowStatus.ACCEPTED), fixed=r.count(RowStatus.FIXED),
             rejected=r.count(RowStatus.REJECTED), skipped=r.count(RowStatus.SKIPPED)))
    for g in r.groups:
        if g.status is RowStatus.FIXED:
            first, last = int(g.rows.min()), int(g.rows.max())
            print("  " + tr("cli.factors_fix_group", text=tr(g.message_id), count=len(g.rows),
                            column=g.column or "-", first=first, last=last))
    listed = r.notes(RowStatus.REJECTED) + r.notes(RowStatus.SKIPPED)
    for n in listed[:MAX_LISTED_ROWS]:
        print(f"  - {n.problem(r.file_name, r.sheet).text()}")
    if len(listed) > MAX_LISTED_ROWS:
        print("  " + tr("cli.factors_more_rows", count=len(listed) - MAX_LISTED_ROWS))


def factors_search(args: argparse.Namespace) -> int:
    from core.library.search import FactorQuery
    query = FactorQuery(text=" ".join(args.text), unit=args.unit, dataset=args.dataset, geography=args.geography,
                        year=args.year, all_versions=args.all_versions, limit=args.limit)
    with _project_or_builtin(args.project) as project:
        hits = project.search_factors(query)
    if args.json:
        print_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print(tr("cli.no_factors", text=query.text))
    for h in hits:
        print(f"{h.code:<34} {h.co2e_kg:>12.6g} kgCO2e/{h.unit:<6} {h.year or '':<5} {pad(h.geography, 8)} "
              f"{h.name}  [{h.dataset} {h.version}]")
    return 0


def factors_datasets(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        datasets = project.datasets()
    if args.json:
        print_json([d.to_json() for d in datasets])
        return 0
    for d in datasets:
        mark = "*" if d.is_latest else " "
        print(f"{mark} {pad(d.name, 40)} {d.version:<14} {d.factor_count:>8}  {d.imported_at:%Y-%m-%d %H:%M}  "
              f"{d.file_name}  {d.sha256[:12]}")
    return 0


def factors_export(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        path = project.export_dataset(args.dataset, args.out, version=args.version)
    print(tr("cli.factors_exported", path=str(path)))
    return 0


def factors_updates(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        updates = project.factor_updates()
    if args.json:
        print_json([u.to_json() for u in updates])
        return 0
    if not updates:
        print(tr("cli.factors_no_updates"))
    for u in updates:
        share = f"{u.delta_share:+.2%}" if u.delta_share is not None else "-"
        print(tr("cli.factors_update_line", product=u.product, name=u.name, now=f"{u.current_kgco2e:,.4f}",
                 then=f"{u.updated_kgco2e:,.4f}", delta=f"{u.delta_kgco2e:+,.4f}", share=share))
        for c in u.changes:
            print(f"      {c.code}: {c.old.dataset} {c.old.dataset_version} → {c.new.dataset} {c.new.dataset_version}")
    return 0


def factors_update(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        before = {u.product: u for u in project.factor_updates()}
        project.update_factors(args.product)
    chosen = args.product or list(before)
    print(tr("cli.factors_updated", count=len([c for c in chosen if c in before]),
             products=", ".join(c for c in chosen if c in before) or "-"))
    return 0


@contextmanager
def _project_or_builtin(path: Path | None) -> Iterator[Project]:
    """The project when given; else the built-in library in a throw-away project (searched the same way)."""
    if path is not None:
        with Project.open(path, read_only=True) as project:
            yield project
        return
    with tempfile.TemporaryDirectory(prefix="pcf-") as folder:
        with Project.create(Path(folder) / "builtin.pcfdesk") as project:
            project.ensure_builtin_library()
            yield project
