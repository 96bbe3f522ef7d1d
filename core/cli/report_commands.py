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
    for path in write_documents(args.project, args.product, args.out, "en" if args.report_lang == "en" else "zh_CN",
                                draft=args.draft):
        print(path)
    return 0


def write_documents(project_path: Path, product: str, out: Path, lang: str, *, draft: bool = False,
                    package_sha256: str = "") -> list[Path]:
    """report.pdf, application.pdf and label.png/.pdf/.svg; the application form refuses (InputError listing what
    is missing) unless `draft`."""
    from core.project import Project
    from core.reports.application_form import missing_fields, raise_missing, write_application
    from core.reports.cfp_report import write_report
    from core.reports.label import label_content, write_label
    with Project.open(project_path, read_only=True) as project:
        data, result = project.data(), project.compute(strict=True)
        missing = missing_fields(data, data.product(product)) if any(p.code == product for p in data.products) else []
        if missing and not draft:
            raise_missing(missing)                   # before anything is written
        out.mkdir(parents=True, exist_ok=True)
        evidence = sum(len(a.evidence) for a in data.product(product).study.activities) if any(
            p.code == product for p in data.products) else 0
        written = [write_report(data, result, product, out / "report.pdf", lang=lang),
                   write_application(data, result, product, out / "application.pdf", evidence_count=evidence,
                                     draft=draft, lang=lang)]
        written += write_label(label_content(data, result, product, package_sha256=package_sha256), out, lang=lang)
    return written
