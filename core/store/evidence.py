"""Evidence documents inside the project file: bytes once per SHA-256 (`evidence_blobs`), linked from activities.

Why inside the file: one project = one file a consultant can carry; an invoice attached on site must travel with
the numbers it backs, and the auditor can check that the document is the one cited (its SHA-256 is in the study).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import Evidence
from core.errors import InputError, Location
from core.store.schema import EvidenceBlobRow

MAX_BYTES = 50 * 1024 * 1024        # a photo or a scanned invoice; a 2 GB video would bloat every copy of the project


def read_document(path: str | Path) -> tuple[Evidence, bytes]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.one("evidence.cannot_read", Location(path.name), hint_id="hint.factor_file_path",
                             reason=exc.strerror or str(exc)) from exc
    if len(data) > MAX_BYTES:
        raise InputError.one("evidence.too_big", Location(path.name), hint_id="hint.evidence_too_big",
                             size=len(data) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024))
    return Evidence(path.name, hashlib.sha256(data).hexdigest(), len(data)), data


def store_document(session: Session, evidence: Evidence, data: bytes) -> None:
    if session.get(EvidenceBlobRow, evidence.sha256) is None:
        session.add(EvidenceBlobRow(sha256=evidence.sha256, size=len(data), content=data))


def document_bytes(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(EvidenceBlobRow.content).where(EvidenceBlobRow.sha256 == sha256))
