"""The verification package: one .zip a product's verifier receives, and a check that nothing in it changed since.

Why a manifest with SHA-256 per file: a package travels by e-mail and USB stick between the consultant, the client
and the certification body; whoever receives it must be able to tell, without PCF Desk's project file, that the
inventory workbook, the result, the report and each invoice are exactly the ones that were packed, and that nothing
was added or removed. `verify_package` is that check; it never trusts the archive's own CRCs alone (a member
rewritten with a new CRC is still a changed member).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import core
from core.domain import Product, ProjectData
from core.engine import ProjectResult
from core.errors import InputError, Location, Problem, StoreError
from core.reports.completeness import require_complete
from core.reports.inventory_xlsx import DEFAULT_LANG, write_inventory

PACKAGE_FORMAT = "pcf-package/1"
MANIFEST = "manifest.json"
RESULT = "result.json"
EVIDENCE_DIR = "evidence/"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class _Member:
    path: str
    data: bytes
    role: str          # inventory, result, document or evidence


def build_package(data: ProjectData, result: ProjectResult, product_code: str, out_zip: str | Path, *,
                  documents: Mapping[str, bytes | Path] | None = None, lang: str | None = None,
                  evidence: Callable[[str], bytes | None] | None = None, draft: bool = False) -> Path:
    """Write the package of one product from `data` and its ONE computed `result`: inventory workbook,
    result.json, the given documents (name in the zip → bytes or a file), the evidence cited by its activities (and
    by the products it uses, read through `evidence(sha256)`), and manifest.json. A result that left activities
    out is refused unless `draft` (then the inventory's first sheet lists them)."""
    codes = [p.code for p in data.products]
    if product_code not in codes:
        raise InputError.one("package.unknown_product", hint_id="hint.package_products", code=product_code,
                             known=", ".join(codes) or "-")
    product = data.product(product_code)
    require_complete(result.product(product_code), draft)
    inventory_name = f"inventory_{_safe_file_name(product_code)}.xlsx"
    with tempfile.TemporaryDirectory(prefix="pcf-package-") as tmp:
        workbook = write_inventory(data, result, Path(tmp) / inventory_name, [product_code], lang=lang)
        members = [_Member(inventory_name, workbook.read_bytes(), "inventory")]
    result_json = json.dumps(result.to_json([product_code]), ensure_ascii=False, indent=2) + "\n"
    members.append(_Member(RESULT, result_json.encode("utf-8"), "result"))
    reserved = {MANIFEST, RESULT, inventory_name}
    for name, content in (documents or {}).items():
        members.append(_Member(_document_name(name, reserved), _document_bytes(name, content), "document"))
    evidence_members, evidence_index = _evidence(evidence or (lambda sha: None), data, product_code)
    members += evidence_members
    manifest = {
        "format": PACKAGE_FORMAT,
        "product": product.code,
        "product_name": product.name,
        "study_version": product.study.version,
        "app_version": core.__version__,
        "created_utc": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "language": lang or DEFAULT_LANG,
        "draft": draft,
        "files": [{"path": m.path, "sha256": hashlib.sha256(m.data).hexdigest(), "size": len(m.data),
                   "role": m.role} for m in members],
        "evidence": evidence_index,
    }
    return _write_zip(Path(out_zip), members, manifest)


def _evidence(read: Callable[[str], bytes | None], data: ProjectData, code: str) -> tuple[list[_Member], list[dict[str, object]]]:
    """Every document cited by the product's activities and by those of the products it uses (their numbers are
    inside this product's result), once per SHA-256, named by file name (prefixed by the hash when two differ)."""
    cited: dict[str, dict[str, object]] = {}
    names: dict[str, str] = {}
    for p in _products_used(data, code):
        for a in p.study.activities:
            for ev in a.evidence:
                entry = cited.setdefault(ev.sha256, {"file_name": ev.file_name, "sha256": ev.sha256,
                                                     "cited_by": []})
                entry["cited_by"].append({"product": p.code, "activity": a.name})   # type: ignore[union-attr]
                names.setdefault(ev.sha256, a.name)
    members: list[_Member] = []
    used: set[str] = set()
    for sha, entry in cited.items():
        content = read(sha)
        if content is None or hashlib.sha256(content).hexdigest() != sha:
            raise StoreError.one("package.evidence_missing", hint_id="hint.package_evidence_missing",
                                 name=entry["file_name"], sha=sha[:12], activity=names[sha])
        base = _safe_file_name(str(entry["file_name"]))
        path = EVIDENCE_DIR + (base if base.lower() not in used else f"{sha[:12]}_{base}")
        used.add(path[len(EVIDENCE_DIR):].lower())
        entry["path"] = path
        members.append(_Member(path, content, "evidence"))
    return members, list(cited.values())


def _products_used(data: ProjectData, code: str) -> list[Product]:
    order: list[Product] = []
    stack = [code]
    known = {p.code for p in data.products}
    while stack:
        c = stack.pop()
        if c in {p.code for p in order} or c not in known:
            continue
        p = data.product(c)
        order.append(p)
        stack.extend(a.linked_product for a in p.study.activities if a.linked_product)
    return order


def _document_name(name: str, reserved: set[str]) -> str:
    """A name a verifier's unzip tool writes where expected: relative, forward slashes, no '..', not ours."""
    clean = str(name).strip()
    parts = PurePosixPath(clean).parts
    if (not clean or "\\" in clean or clean.startswith(("/", EVIDENCE_DIR)) or ".." in parts or ":" in clean
            or clean in reserved or clean.endswith("/")):
        raise InputError.one("package.bad_document_name", hint_id="hint.package_document_name", name=name)
    return clean


def _document_bytes(name: str, content: bytes | Path) -> bytes:
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    try:
        return Path(content).read_bytes()
    except OSError as exc:
        raise InputError.one("package.cannot_read_document", Location(Path(content).name), name=name,
                             reason=exc.strerror or str(exc)) from exc


def _safe_file_name(name: str) -> str:
    return _UNSAFE_FILE_CHARS.sub("_", name).strip(" .") or "_"


def _write_zip(out: Path, members: list[_Member], manifest: dict[str, object]) -> Path:
    """Written beside the target and moved into place, so a failed build never leaves half a package."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for m in members:
                zf.writestr(m.path, m.data)
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        os.replace(tmp_name, out)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise StoreError.one("package.cannot_write", Location(out.name), reason=exc.strerror or str(exc)) from exc
    return out


# -- verification ---------------------------------------------------------------------------------------------------
def verify_package(path: str | Path) -> list[Problem]:
    """Every problem with the package at `path` (empty: valid): readable zip, manifest of the known format, each
    listed file present with its SHA-256 and size, nothing unlisted, no name that unzips outside its folder."""
    path = Path(path)
    loc = Location(path.name)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [Problem("package.not_zip", location=loc, hint_id="hint.package_not_zip")]
    except OSError as exc:
        return [Problem("package.not_readable", {"reason": exc.strerror or str(exc)}, loc)]
    with zf:
        return _check_members(zf, loc)


def _problem(message_id: str, loc: Location, **params: object) -> Problem:
    return Problem(message_id, dict(params), loc, "hint.package_rebuild")


def _check_members(zf: zipfile.ZipFile, loc: Location) -> list[Problem]:
    problems: list[Problem] = []
    names = [n for n in zf.namelist() if not n.endswith("/")]
    seen: set[str] = set()
    for n in names:
        if n in seen:
            problems.append(_problem("package.file_duplicate", loc, member=n))
        seen.add(n)
        parts = PurePosixPath(n.replace("\\", "/")).parts
        if n.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", n):
            problems.append(_problem("package.unsafe_name", loc, member=n))
    manifest, trouble = _read_manifest(zf, loc, seen)
    problems += trouble
    if manifest is None:
        return problems
    listed: set[str] = set()
    for entry in manifest["files"]:
        name, sha, size = entry["path"], entry["sha256"], entry["size"]
        listed.add(name)
        if name not in seen:
            problems.append(_problem("package.file_missing", loc, member=name))
            continue
        try:
            found_sha, found_size = _digest(zf, name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            problems.append(_problem("package.damaged_member", loc, member=name, reason=str(exc)))
            continue
        if found_sha != sha:
            problems.append(_problem("package.file_changed", loc, member=name, found=found_sha,
                                     expected=sha))
        elif found_size != size:
            problems.append(_problem("package.file_size", loc, member=name, found=found_size, expected=size))
    for n in sorted(seen - listed - {MANIFEST}):
        problems.append(_problem("package.file_unlisted", loc, member=n))
    return problems


def _read_manifest(zf: zipfile.ZipFile, loc: Location,
                   names: set[str]) -> tuple[dict[str, object] | None, list[Problem]]:
    if MANIFEST not in names:
        return None, [_problem("package.manifest_missing", loc)]
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        return None, [_problem("package.manifest_invalid", loc, reason=str(exc))]
    if not isinstance(manifest, dict):
        return None, [_problem("package.manifest_invalid", loc, reason="not a JSON object")]
    if manifest.get("format") != PACKAGE_FORMAT:
        return None, [_problem("package.manifest_format", loc, found=manifest.get("format"),
                               expected=PACKAGE_FORMAT)]
    files = manifest.get("files")
    if not isinstance(files, list):
        return None, [_problem("package.manifest_invalid", loc, reason="'files' is not a list")]
    for k, entry in enumerate(files):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str) and _SHA256.match(entry["sha256"])
                and isinstance(entry.get("size"), int) and not isinstance(entry.get("size"), bool)
                and entry["size"] >= 0):
            return None, [_problem("package.manifest_invalid", loc,
                                   reason=f"files[{k}] needs path, sha256 (64 hex digits) and size (bytes)")]
    return manifest, []


def _digest(zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    """SHA-256 and size of one member, read in chunks (evidence photos can be tens of MB)."""
    h, size = hashlib.sha256(), 0
    with zf.open(name) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def read_manifest(path: str | Path) -> dict[str, object]:
    """The manifest of a package already verified (for the summary `pcf verify` prints)."""
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    if not isinstance(manifest, dict):
        raise InputError.one("package.manifest_invalid", Location(Path(path).name), reason="not a JSON object")
    return manifest
