"""Association editions: a folder (or .zip) that brands PCF Desk and preloads a sector's templates and factor data.

An association builds an edition without touching code: `edition.json` (validated against
`resources/editions/edition.schema.json`) names the edition, its logo, the contact line of the About box, the line
its members' reports carry in the footer, the sector templates (study workbooks) it recommends and the factor datasets
it distributes. The installer build copies a pack into the bundle as `edition/` beside the executable; a user can also
load one from the menu, which installs it into the user's data folder (`install_edition`).

Packs come from outside, so nothing in one is trusted: every field is checked before anything is copied, every file
it names must lie inside the pack, and a .zip member that would land outside the folder (zip slip) refuses the whole
pack. Factor datasets go through the normal factor import (`Project.import_factors`), so they are validated row by
row like any file a user imports, and a dataset already in a project is recognised by its SHA-256 and not added again.
"""
from __future__ import annotations

import json
import re
import shutil
import stat
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from core.errors import InputError, Location
from core.i18n import language
from core.paths import resource_path

if TYPE_CHECKING:
    from core.project import FactorImport, ImportReport, Project

__all__ = [
    "EDITION_FILE",
    "EDITION_FOLDER",
    "Edition",
    "EditionDataset",
    "EditionTemplate",
    "apply_to_project",
    "create_from_template",
    "example_editions",
    "install_edition",
    "installed_edition",
    "load_edition",
    "program_folder",
    "report_footer",
    "start_from_template",
    "study_templates",
]

EDITION_FILE = "edition.json"
EDITION_FOLDER = "edition"           # the folder name beside the executable and in the user's data folder
MAX_UNPACKED_MB = 256                # a pack holds a logo, a few workbooks and factor files; more is a zip bomb
MAX_MEMBERS = 2000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class EditionTemplate:
    """A sector template: a study workbook with the sector's typical activities and factor references."""

    file: Path
    title_zh: str
    title_en: str
    description_zh: str = ""
    description_en: str = ""

    def title(self, lang: str | None = None) -> str:
        return self.title_zh if (lang or language()) == "zh_CN" else self.title_en

    def description(self, lang: str | None = None) -> str:
        return self.description_zh if (lang or language()) == "zh_CN" else self.description_en


@dataclass(frozen=True)
class EditionDataset:
    """A factor file the edition distributes, imported as `dataset` / `version` with `publisher` recorded."""

    file: Path
    dataset: str
    version: str
    publisher: str


@dataclass(frozen=True)
class Edition:
    """A validated edition pack; `root` is the folder holding edition.json and every file it names."""

    root: Path
    id: str
    name_zh: str
    name_en: str
    short_name: str
    contact: str
    website: str | None
    logo: Path
    report_footer: str
    templates: tuple[EditionTemplate, ...]
    datasets: tuple[EditionDataset, ...]
    licence: str
    sources: tuple[str, ...]
    example: bool = False

    def name(self, lang: str | None = None) -> str:
        return self.name_zh if (lang or language()) == "zh_CN" else self.name_en


# -- loading -------------------------------------------------------------------------------------------------------

def load_edition(path: str | Path, workdir: str | Path | None = None) -> Edition:
    """Read and validate an edition pack: a folder with edition.json, that file itself, or a .zip of the folder.

    A .zip is unpacked (safely) into `workdir`, by default a new temporary folder, since the templates and factor
    files must be real files for the workbook reader and the factor import. Raises InputError naming the file and
    the field at fault; nothing is written anywhere except into that working folder."""
    source = Path(path)
    if source.is_file() and source.name == EDITION_FILE:
        source = source.parent
    if source.is_dir():
        return _load_folder(source, label=source.name)
    if source.is_file() and zipfile.is_zipfile(source):
        target = Path(workdir) if workdir is not None else Path(tempfile.mkdtemp(prefix="pcf-edition-"))
        return _load_folder(_pack_root(_extract_zip(source, target)), label=source.name)
    raise InputError.one("edition.not_found", Location(source.name), "hint.edition_pack", path=str(source))


def _load_folder(root: Path, label: str) -> Edition:
    where = Location(f"{label}/{EDITION_FILE}" if label else EDITION_FILE)
    manifest = root / EDITION_FILE
    if not manifest.is_file():
        raise InputError.one("edition.not_found", Location(label), "hint.edition_pack", path=str(root))
    try:
        data = json.loads(manifest.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError.one("edition.bad_json", where, "hint.edition_json", line=exc.lineno, column=exc.colno,
                             detail=exc.msg) from None
    except UnicodeDecodeError as exc:
        raise InputError.one("edition.bad_json", where, "hint.edition_json", line=1, column=exc.start + 1,
                             detail="not UTF-8") from None
    _validate(data, where)
    base = root.resolve()

    def member(field: str, name: str) -> Path:
        candidate = (root / name).resolve()
        if not candidate.is_relative_to(base) or not candidate.is_file():
            raise InputError.one("edition.file_missing", where, "hint.edition_file", field=field, name=name)
        return candidate

    logo = member("logo", data["logo"])
    with open(logo, "rb") as fh:
        if fh.read(len(_PNG_MAGIC)) != _PNG_MAGIC:
            raise InputError.one("edition.not_png", where, "hint.edition_logo", field="logo", name=data["logo"])
    templates = tuple(EditionTemplate(member(f"templates[{i}].file", t["file"]), t["title"]["zh_CN"],
                                      t["title"]["en"], t.get("description", {}).get("zh_CN", ""),
                                      t.get("description", {}).get("en", ""))
                      for i, t in enumerate(data["templates"]))
    datasets = tuple(EditionDataset(member(f"datasets[{i}].file", d["file"]), d["dataset"].strip(),
                                    d["version"].strip(), d["publisher"].strip())
                     for i, d in enumerate(data["datasets"]))
    return Edition(root=base, id=data["id"], name_zh=data["name"]["zh_CN"], name_en=data["name"]["en"],
                   short_name=data["short_name"], contact=data["contact"], website=data.get("website"), logo=logo,
                   report_footer=data["report_footer"], templates=templates, datasets=datasets,
                   licence=data["licence"], sources=tuple(data["sources"]), example=bool(data.get("example")))


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(resource_path("editions", "edition.schema.json").read_text(encoding="utf-8"))


def _validate(data: object, where: Location) -> None:
    """Schema check; every error becomes a Problem naming its field as a path (`datasets[0].version`)."""
    import jsonschema  # only when a pack is read: keeps it off the window's start-up
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    problems = []
    for error in errors:
        field = _field_path(error.absolute_path)
        if error.validator == "required":
            missing = next((p for p in error.validator_value if isinstance(error.instance, dict)
                            and p not in error.instance), "")
            field = f"{field}.{missing}" if field else missing
            problems.extend(InputError.one("edition.field_missing", where, "hint.edition_json", field=field).problems)
        else:
            problems.extend(InputError.one("edition.field_invalid", where, "hint.edition_json", field=field or "/",
                                           detail=_short(error)).problems)
    if problems:
        raise InputError(problems)


def _field_path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _short(error: Any) -> str:
    """jsonschema's message, without the repeated (possibly long) value when the schema keyword says enough."""
    if error.validator in ("pattern", "maxLength", "minLength", "type", "const", "minItems"):
        return f"{error.validator} {error.validator_value!r}: {error.instance!r}"[:200]
    return error.message[:200]


# -- zip packs -----------------------------------------------------------------------------------------------------

def _extract_zip(path: Path, target: Path) -> Path:
    """Unpack `path` into `target`, refusing the whole pack if any member could land outside it (zip slip)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError.one("edition.zip_bad", Location(path.name), "hint.edition_zip", path=path.name,
                             detail=str(exc)) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_MB * 1024 * 1024:
            raise InputError.one("edition.zip_too_large", Location(path.name), "hint.edition_zip",
                                 limit=MAX_UNPACKED_MB, files=MAX_MEMBERS)
        plan = [(m, _safe_member(m, path.name)) for m in members]
        target.mkdir(parents=True, exist_ok=True)
        base = target.resolve()
        for info, parts in plan:
            if not parts:
                continue
            destination = base.joinpath(*parts)
            if not destination.resolve().is_relative_to(base):
                raise InputError.one("edition.zip_unsafe", Location(path.name), "hint.edition_zip",
                                     member=info.filename)
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(destination, "wb") as out:
                shutil.copyfileobj(src, out)
    return target


def _safe_member(info: zipfile.ZipInfo, pack: str) -> tuple[str, ...]:
    """The member's path parts, or InputError if it is absolute, has a drive, climbs with '..' or is a link."""
    name = info.filename.replace("\\", "/")
    is_link = stat.S_ISLNK(info.external_attr >> 16)
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if is_link or name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        raise InputError.one("edition.zip_unsafe", Location(pack), "hint.edition_zip", member=info.filename)
    return parts


def _pack_root(folder: Path) -> Path:
    """edition.json at the top, or inside the one folder a zip of the edition folder itself holds."""
    if (folder / EDITION_FILE).is_file():
        return folder
    inner = [p for p in folder.iterdir() if p.is_dir() and p.name != "__MACOSX"]
    if len(inner) == 1 and (inner[0] / EDITION_FILE).is_file():
        return inner[0]
    return folder


# -- installing ----------------------------------------------------------------------------------------------------

def program_folder() -> Path | None:
    """Folder of the frozen executable (where the build puts `edition/`); None when running from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def installed_edition(user_folder: str | Path | None = None, *, bundle_folder: str | Path | None = None
                      ) -> Edition | None:
    """The active edition: the one the user loaded (`user_folder/edition`) before the one shipped beside the
    executable (`bundle_folder`, default: the frozen executable's folder); None when there is neither.

    A pack the user chose wins because it is the more recent, deliberate choice. A broken installed pack raises
    InputError rather than silently running as the standard edition."""
    bundle = Path(bundle_folder) if bundle_folder is not None else program_folder()
    for base in (Path(user_folder) if user_folder is not None else None, bundle):
        if base is not None and (base / EDITION_FOLDER / EDITION_FILE).is_file():
            return load_edition(base / EDITION_FOLDER)
    return None


def install_edition(pack: str | Path, user_folder: str | Path) -> Edition:
    """Validate `pack` (folder or .zip) and copy it to `user_folder/edition`, replacing an edition loaded before.

    The pack is checked where it is, copied to a staging folder, checked again there and only then swapped in, so a
    bad pack or a failed copy leaves the previous edition in place."""
    folder = Path(user_folder)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / EDITION_FOLDER
    staging = folder / f"{EDITION_FOLDER}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    source = Path(pack)
    try:
        if source.is_file() and zipfile.is_zipfile(source):
            unpacked = folder / f"{EDITION_FOLDER}.unpacked"
            shutil.rmtree(unpacked, ignore_errors=True)
            try:
                edition = load_edition(source, workdir=unpacked)
                shutil.copytree(edition.root, staging, ignore=_skip_links)
            finally:
                shutil.rmtree(unpacked, ignore_errors=True)
        else:
            edition = load_edition(source)
            if final.exists() and edition.root == final.resolve():
                return edition
            shutil.copytree(edition.root, staging, ignore=_skip_links)
        load_edition(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = folder / f"{EDITION_FOLDER}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return load_edition(final)


def _skip_links(folder: str, names: list[str]) -> list[str]:
    """Links in a folder pack are not copied: an installed edition holds only its own files."""
    return [n for n in names if Path(folder, n).is_symlink()]


# -- using -----------------------------------------------------------------------------------------------------------

def apply_to_project(edition: Edition, project: Project) -> list[FactorImport]:
    """Import the edition's factor datasets into `project`, once.

    A dataset file already in the project (same name, same SHA-256) is handed to `import_factors` without a version,
    which recognises it and writes nothing; a new file is imported under the version edition.json gives. The same
    version with different content is an error of the pack, reported rather than stored twice."""
    from core.library.factor_file import file_sha256
    results: list[FactorImport] = []
    for ds in edition.datasets:
        versions = [d for d in project.datasets() if d.name == ds.dataset]
        if any(d.sha256 == file_sha256(ds.file) for d in versions):
            results.append(project.import_factors(ds.file, dataset=ds.dataset, publisher=ds.publisher))
            continue
        if any(d.version == ds.version for d in versions):
            raise InputError.one("edition.dataset_conflict", Location(ds.file.name),
                                 "hint.edition_dataset_version", dataset=ds.dataset, version=ds.version)
        results.append(project.import_factors(ds.file, dataset=ds.dataset, version=ds.version,
                                               publisher=ds.publisher))
    return results


def example_editions() -> list[Edition]:
    """The example editions shipped in `resources/editions/` (each says it is an example, not an association's)."""
    folder = resource_path("editions")
    return [load_edition(manifest.parent) for manifest in sorted(folder.glob(f"*/{EDITION_FILE}"))]


def study_templates(user_folder: str | Path | None = None) -> list[tuple[Edition, EditionTemplate]]:
    """Every sector template a new study can start from: the installed edition's first, then the shipped examples'
    (an example already installed is listed once)."""
    installed = installed_edition(user_folder)
    editions = [installed] if installed is not None else []
    editions += [e for e in example_editions() if installed is None or e.id != installed.id]
    return [(edition, template) for edition in editions for template in edition.templates]


def start_from_template(project: Project, edition: Edition, template: EditionTemplate) -> ImportReport:
    """A new study from a sector template: the edition's factor datasets, then the template's products and
    activities, whose blank amounts stay to be entered (shown, never counted as 0). Each step is one transaction; a
    template the project refuses raises before its products are written."""
    project.ensure_builtin_library()
    apply_to_project(edition, project)
    return project.import_workbook(template.file, template=True)


def create_from_template(path: str | Path, edition: Edition, template: EditionTemplate) -> ImportReport:
    """A new project file at `path` holding a study started from `template` (see `start_from_template`); a file
    that could not be completed is removed, so a failed start leaves nothing half-made behind."""
    from core.project import Project, remove_project_file
    try:
        with Project.create(path) as project:
            return start_from_template(project, edition, template)
    except BaseException:
        remove_project_file(path)
        raise


def report_footer(edition: Edition | None) -> str:
    """The line an edition adds to every report footer ('' for the standard edition)."""
    return edition.report_footer if edition is not None else ""
