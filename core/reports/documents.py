"""The one service every document of a study comes from: report, application form, label, PACT file, inventory
workbook, and the verification package holding them all.

Why one service: the CLI (`pcf report`, `pcf pact`, `pcf package`) and the GUI's step 6 must write the same
documents from the same numbers. `StudyDocuments` takes the project's data and ONE computed result, so a package
computes once, and it applies one policy to incomplete studies: a result that left activities out (missing factor,
unit mismatch) gives no final document, only a draft that lists them on its first page.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from core.domain import ProjectData
from core.engine import ProductResult, ProjectResult
from core.errors import InputError
from core.i18n import normalise_language
from core.reports.completeness import require_complete

EvidenceReader = Callable[[str], "bytes | None"]


class StudyDocuments:
    """The documents of one product. Construction checks the product exists and, unless `draft`, that its result
    is complete (ComputeError listing each activity left out)."""

    def __init__(self, data: ProjectData, result: ProjectResult, product_code: str, *, lang: str = "zh_CN",
                 draft: bool = False, footer_extra: str = "", evidence: EvidenceReader | None = None,
                 today: date | None = None):
        codes = [p.code for p in data.products]
        if product_code not in codes:
            raise InputError.one("package.unknown_product", hint_id="hint.package_products", code=product_code,
                                 known=", ".join(codes) or "-")
        self.data, self.result, self.code = data, result, product_code
        self.lang = normalise_language(lang)
        self.draft, self.footer_extra, self.today = draft, footer_extra, today
        self._evidence = evidence or (lambda sha: None)
        self.product_result: ProductResult = result.product(product_code)
        require_complete(self.product_result, draft)

    @property
    def left_out(self) -> list:
        return self.product_result.left_out

    # -- one document each ---------------------------------------------------------------------------------------
    def report(self, path: str | Path) -> Path:
        from core.reports.cfp_report import write_report
        return write_report(self.data, self.result, self.code, path, lang=self.lang, today=self.today,
                            footer_extra=self.footer_extra)

    def application(self, path: str | Path) -> Path:
        """Refuses (InputError listing them) when fields are missing, unless a draft."""
        from core.reports.application_form import write_application
        evidence = sum(len(a.evidence) for a in self.data.product(self.code).study.activities)
        return write_application(self.data, self.result, self.code, path, evidence_count=evidence,
                                 draft=self.draft, lang=self.lang, today=self.today)

    def label(self, folder: str | Path, package_sha256: str = "") -> list[Path]:
        from core.reports.label import label_content, write_label
        return write_label(label_content(self.data, self.result, self.code, package_sha256=package_sha256),
                           folder, lang=self.lang)

    def pact_footprint(self, product_category_cpc: str | None = None) -> dict:
        """The PACT ProductFootprint; a draft's `comment` starts with the activities left out."""
        from core.reports.completeness import left_out_text
        from core.reports.pact import product_footprint
        note = left_out_text(self.product_result, "en") if self.left_out else ""
        return product_footprint(self.data, self.result, self.code, product_category_cpc=product_category_cpc,
                                 draft_note=note)

    def pact(self, path: str | Path, product_category_cpc: str | None = None) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = self.pact_footprint(product_category_cpc)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path

    def inventory(self, path: str | Path) -> Path:
        from core.reports.inventory_xlsx import write_inventory
        return write_inventory(self.data, self.result, path, [self.code], lang=self.lang)

    # -- sets of documents ---------------------------------------------------------------------------------------
    def folder(self, out: str | Path, package_sha256: str = "") -> list[Path]:
        """report.pdf, application.pdf and label.png/.pdf/.svg in `out` (`pcf report`); missing application
        fields refuse before anything is written, unless a draft."""
        from core.guide import missing_fields
        from core.reports.application_form import raise_missing
        missing = missing_fields(self.data, self.data.product(self.code))
        if missing and not self.draft:
            raise_missing(missing)
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        return [self.report(out / "report.pdf"), self.application(out / "application.pdf"),
                *self.label(out, package_sha256)]

    def package_documents(self, folder: Path) -> dict[str, Path]:
        """report.pdf, application.pdf, the PACT file, then the label whose QR code carries the SHA-256 over those
        documents' own SHA-256s (the label cannot carry a digest of a package it is part of)."""
        from core.guide import missing_fields
        from core.reports.application_form import raise_missing
        missing = missing_fields(self.data, self.data.product(self.code))
        if missing and not self.draft:
            raise_missing(missing)
        folder.mkdir(parents=True, exist_ok=True)
        documents = {p.name: p for p in (self.report(folder / "report.pdf"),
                                         self.application(folder / "application.pdf"),
                                         self.pact(folder / f"pact_{self.code}.json"))}
        digest = hashlib.sha256("".join(hashlib.sha256(documents[name].read_bytes()).hexdigest()
                                        for name in sorted(documents)).encode()).hexdigest()
        for path in self.label(folder, package_sha256=digest):
            documents[path.name] = path
        return documents

    def package(self, out_zip: str | Path, extra: Mapping[str, bytes | Path] | None = None) -> Path:
        """The verification package: every document above, the inventory, result.json, the evidence, manifest."""
        from core.reports.package import build_package
        with tempfile.TemporaryDirectory(prefix="pcf-docs-") as tmp:
            documents: dict[str, bytes | Path] = dict(self.package_documents(Path(tmp)))
            documents.update(extra or {})
            return build_package(self.data, self.result, self.code, out_zip, documents=documents, lang=self.lang,
                                 evidence=self._evidence, draft=self.draft)
