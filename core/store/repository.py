"""Rows <-> the dataclasses of `core.domain`, and a whole ProjectData saved to or loaded from a Session.

Why: no ORM object leaves `core.store` (the GUI, the CLI and the engine work on plain dataclasses, across threads),
so every conversion is here, in both directions, and nowhere else.

What saving means:
- Organization: the file's (first) organization is updated in place; sites are replaced by `data.sites`. When `data`
  has neither, both are left as they are.
- Products: each product is written with its study as the current study version (`is_current`), its activities in
  list order (`position`), co-products and stage exclusions. `replace_products=True` deletes every product of the
  file first (the file then holds exactly `data.products`); `False` replaces only the products with the same codes.
  Deleting a product deletes its studies (database cascades).
- Factors: see `factors.py` for datasets. A factor with a `dataset_version` belongs to that stored version (created
  if missing). A factor without one is defined by the project itself (a workbook's Factors sheet): it goes into the
  dataset `factor.dataset` (or `dataset_name`, or "workbook: <source_name>") at version = sha256 of the factors'
  content (12 hex digits), and older versions of that dataset no study uses any more are removed.
- Each activity's `factor_id` pins the stored factor row its `factor_ref` resolved to through `data.factors`.

What loading gives: ids from the rows, `origin` None (workbook cells are not stored), `source_name` empty, each
product's current study (or its newest, or an empty Study if it has none), each activity's pinned `factor_id`, the
factor versions those ids point at (`pinned_factors`) and the newest version of every code the activities cite
(`factors`). Not the whole library: that can be 200,000 factors, reached through search and `newest_factors`.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from core.domain import (
    Activity,
    Allocation,
    Basis,
    Coproduct,
    DataType,
    EmissionFactor,
    Evidence,
    Organization,
    Product,
    ProjectData,
    Site,
    Study,
    StudyStatus,
)
from core.errors import StoreError
from core.gwp import GwpSet
from core.lifecycle import Boundary, Stage
from core.store.factors import ensure_factors, factor_ids, factors_by_id, factors_digest, newest_factors
from core.store.schema import (
    ActivityRow,
    CoproductRow,
    EmissionFactorRow,
    EvidenceFileRow,
    FactorDatasetRow,
    OrganizationRow,
    ProductRow,
    SiteRow,
    StageExclusionRow,
    StudyRow,
    utcnow,
)
from core.units import Amount

WORKBOOK_DATASET_PREFIX = "workbook: "
_IN_CHUNK = 500
_NO_SYNC = {"synchronize_session": False}


# ---------------------------------------------------------------- domain -> rows

def organization_to_row(org: Organization, row: OrganizationRow | None = None) -> OrganizationRow:
    row = row or OrganizationRow()
    row.name, row.credit_code, row.address = org.name, org.credit_code, org.address
    row.contact_person, row.contact_phone, row.contact_email = org.contact_person, org.contact_phone, org.contact_email
    return row


def site_to_row(site: Site, organization_id: int | None) -> SiteRow:
    return SiteRow(organization_id=organization_id, name=site.name, province=site.province,
                   grid_region=site.grid_region, address=site.address)


def product_to_row(p: Product) -> ProductRow:
    return ProductRow(code=p.code, name=p.name, model=p.model, declared_unit_value=p.declared_unit.value,
                      declared_unit=p.declared_unit.unit, mass_per_unit_kg=p.mass_per_unit_kg, region=p.region,
                      organization=p.organization, credit_code=p.credit_code)


def study_to_row(s: Study, factor_ids_by_ref: dict[str, int], kept: dict[int, int] | None = None) -> StudyRow:
    """`kept` maps the factor ids activities already point at to themselves when still valid (same code)."""
    kept = kept or {}
    row = StudyRow(
        version=s.version, status=StudyStatus(s.status).value, boundary=Boundary(s.boundary).value,
        period_start=s.period_start, period_end=s.period_end,
        period_output_value=s.period_output.value if s.period_output else None,
        period_output_unit=s.period_output.unit if s.period_output else None,
        cutoff_rule=s.cutoff_rule, allocation=Allocation(s.allocation).value, unit_price=s.unit_price,
        gwp_set=GwpSet(s.gwp_set).value, standard=s.standard, pcr_reference=s.pcr_reference, goal=s.goal,
        electricity_approach=s.electricity_approach, is_current=True)
    row.exclusions = [StageExclusionRow(stage=Stage(stage).value, justification=why)
                      for stage, why in s.excluded_stages.items()]
    row.activities = [activity_to_row(a, i, (kept.get(a.factor_id) if a.factor_id is not None else None)
                                      or factor_ids_by_ref.get(a.factor_ref.strip()))
                      for i, a in enumerate(s.activities)]
    row.coproducts = [CoproductRow(name=c.name, output_value=c.output.value, output_unit=c.output.unit,
                                   unit_price=c.unit_price) for c in s.coproducts]
    return row


def activity_to_row(a: Activity, position: int, factor_id: int | None) -> ActivityRow:
    row = _activity_row(a, position, factor_id)
    row.evidence = [EvidenceFileRow(file_name=e.file_name, sha256=e.sha256) for e in a.evidence]
    return row


def _activity_row(a: Activity, position: int, factor_id: int | None) -> ActivityRow:
    return ActivityRow(
        position=position, stage=Stage(a.stage).value, name=a.name, amount=a.amount or 0.0,
        amount_pending=a.amount is None, unit=a.unit,
        basis=Basis(a.basis).value, factor_ref=a.factor_ref, factor_id=factor_id, distance_km=a.distance_km,
        data_type=DataType(a.data_type).value, source=a.source, note=a.note, geography=a.geography,
        dq_technology=a.dq_technology, dq_geography=a.dq_geography, dq_time=a.dq_time, dq_precision=a.dq_precision,
        uncertainty=a.uncertainty)


# ---------------------------------------------------------------- rows -> domain

def organization_from_row(row: OrganizationRow) -> Organization:
    return Organization(name=row.name, credit_code=row.credit_code, address=row.address,
                        contact_person=row.contact_person, contact_phone=row.contact_phone,
                        contact_email=row.contact_email, id=row.id)


def site_from_row(row: SiteRow) -> Site:
    return Site(name=row.name, province=row.province, grid_region=row.grid_region, address=row.address, id=row.id)


def product_from_row(row: ProductRow, study: StudyRow | None) -> Product:
    return Product(code=row.code, name=row.name, declared_unit=Amount(row.declared_unit_value, row.declared_unit),
                   model=row.model, mass_per_unit_kg=row.mass_per_unit_kg, region=row.region,
                   organization=row.organization, credit_code=row.credit_code,
                   study=study_from_row(study) if study is not None else Study(), id=row.id)


def study_from_row(row: StudyRow) -> Study:
    output = (Amount(row.period_output_value, row.period_output_unit)
              if row.period_output_value is not None and row.period_output_unit is not None else None)
    return Study(
        boundary=Boundary(row.boundary), period_start=row.period_start, period_end=row.period_end,
        period_output=output, excluded_stages={Stage(e.stage): e.justification for e in row.exclusions},
        cutoff_rule=row.cutoff_rule, allocation=Allocation(row.allocation), unit_price=row.unit_price,
        gwp_set=GwpSet(row.gwp_set), standard=row.standard, pcr_reference=row.pcr_reference, goal=row.goal,
        electricity_approach=row.electricity_approach, status=StudyStatus(row.status), version=row.version,
        activities=[activity_from_row(a) for a in row.activities],
        coproducts=[Coproduct(name=c.name, output=Amount(c.output_value, c.output_unit), unit_price=c.unit_price,
                              id=c.id) for c in row.coproducts],
        id=row.id)


def activity_from_row(row: ActivityRow) -> Activity:
    return Activity(
        stage=Stage(row.stage), name=row.name, amount=None if row.amount_pending else row.amount, unit=row.unit,
        basis=Basis(row.basis),
        factor_ref=row.factor_ref, distance_km=row.distance_km, data_type=DataType(row.data_type), source=row.source,
        note=row.note, geography=row.geography, dq_technology=row.dq_technology, dq_geography=row.dq_geography,
        dq_time=row.dq_time, dq_precision=row.dq_precision, uncertainty=row.uncertainty, factor_id=row.factor_id,
        evidence=[Evidence(e.file_name, e.sha256, id=e.id) for e in row.evidence], id=row.id)


# ---------------------------------------------------------------- whole project

def load_project_data(session: Session) -> ProjectData:
    org = session.scalars(select(OrganizationRow).order_by(OrganizationRow.id).limit(1)).first()
    sites = [site_from_row(r) for r in session.scalars(select(SiteRow).order_by(SiteRow.id))]
    chosen: dict[int, int] = {}      # product id -> study id; current beats history, then the newest wins
    for study_id, product_id, _ in session.execute(
            select(StudyRow.id, StudyRow.product_id, StudyRow.is_current)
            .order_by(StudyRow.is_current, StudyRow.id)):
        chosen[product_id] = study_id
    studies = {s.id: s for s in session.scalars(
        select(StudyRow).where(StudyRow.id.in_(list(chosen.values())))
        .options(selectinload(StudyRow.activities).selectinload(ActivityRow.evidence),
                 selectinload(StudyRow.coproducts),
                 selectinload(StudyRow.exclusions)))} if chosen else {}
    products = [product_from_row(r, studies.get(chosen.get(r.id, -1)))
                for r in session.scalars(select(ProductRow).order_by(ProductRow.id))]
    activities = [a for p in products for a in p.study.activities if a.linked_product is None]
    refs = {a.factor_ref.strip() for a in activities if a.factor_ref.strip()}
    pinned_ids = {a.factor_id for a in activities if a.factor_id is not None}
    return ProjectData(products=products, factors=newest_factors(session, refs),
                       pinned_factors=factors_by_id(session, pinned_ids),
                       organization=organization_from_row(org) if org else None, sites=sites)


def save_project_data(session: Session, data: ProjectData, *, dataset_name: str | None = None,
                      replace_products: bool = True) -> None:
    """Write `data` into the session's transaction (see the module docstring for what is replaced)."""
    _refuse_duplicate_products(data.products)
    _save_organization(session, data)
    created = _current_study_created_at(session)
    if replace_products:
        session.execute(delete(ProductRow).execution_options(**_NO_SYNC))
    else:
        codes = [p.code for p in data.products]
        for i in range(0, len(codes), _IN_CHUNK):
            session.execute(delete(ProductRow).where(ProductRow.code.in_(codes[i:i + _IN_CHUNK]))
                            .execution_options(**_NO_SYNC))
    pinned, own_versions = _save_factors(session, data, dataset_name)
    kept = _still_valid_pins(session, data.products)
    for p in data.products:
        row = product_to_row(p)
        study = study_to_row(p.study, pinned, kept)
        study.created_at = created.get((p.code, p.study.version), utcnow())
        row.studies.append(study)
        session.add(row)
    session.flush()
    for name, version in own_versions:
        _drop_unused_versions(session, name, version)


def update_products(session: Session, data: ProjectData, changed: Sequence[Product], removed: Sequence[str],
                    organization_changed: bool) -> None:
    """Write only what an edit touched: the `changed` products (rows updated in place, so ids and the products'
    order stay; their study rewritten), the `removed` codes deleted, and the organization and sites when they
    changed. The GUI saves after every accepted edit: rewriting a 500-product project for one cell took 1.7 s."""
    if organization_changed:
        session.execute(delete(SiteRow).execution_options(**_NO_SYNC))
        _save_organization(session, data)
    for i in range(0, len(removed), _IN_CHUNK):
        session.execute(delete(ProductRow).where(ProductRow.code.in_(list(removed[i:i + _IN_CHUNK])))
                        .execution_options(**_NO_SYNC))
    if not changed:
        return
    subset = dataclasses.replace(data, products=list(changed))
    created = _current_study_created_at(session)
    pinned, own_versions = _save_factors(session, subset, None)
    kept = _still_valid_pins(session, changed)
    rows = {r.code: r for r in session.scalars(select(ProductRow).where(
        ProductRow.code.in_([p.code for p in changed])))}
    for p in changed:
        fresh = product_to_row(p)
        row = rows.get(p.code)
        if row is None:
            row = fresh
            session.add(row)
        else:
            for column in ("name", "model", "declared_unit_value", "declared_unit", "mass_per_unit_kg", "region",
                           "organization", "credit_code"):
                setattr(row, column, getattr(fresh, column))
            session.execute(delete(StudyRow).where(StudyRow.product_id == row.id).execution_options(**_NO_SYNC))
            session.expire(row, ["studies"])
        study = study_to_row(p.study, pinned, kept)
        study.created_at = created.get((p.code, p.study.version), utcnow())
        row.studies.append(study)
    session.flush()
    for name, version in own_versions:
        _drop_unused_versions(session, name, version)


def replace_project_data(session: Session, data: ProjectData, *, dataset_name: str | None = None) -> None:
    """Make the file's organization, sites and products exactly `data`'s (factor datasets stay; see factors.py)."""
    session.execute(delete(SiteRow).execution_options(**_NO_SYNC))
    session.execute(delete(OrganizationRow).execution_options(**_NO_SYNC))
    save_project_data(session, data, dataset_name=dataset_name, replace_products=True)


def _refuse_duplicate_products(products: Sequence[Product]) -> None:
    seen: set[str] = set()
    for p in products:
        if p.code in seen:
            raise StoreError.one("store.duplicate_product", hint_id="hint.store_duplicate_product", code=p.code)
        seen.add(p.code)


def _save_organization(session: Session, data: ProjectData) -> None:
    if data.organization is None and not data.sites:
        return
    row = session.scalars(select(OrganizationRow).order_by(OrganizationRow.id).limit(1)).first()
    if data.organization is not None:
        row = organization_to_row(data.organization, row)
        session.add(row)
        session.flush()
    session.execute(delete(SiteRow).execution_options(**_NO_SYNC))
    session.add_all([site_to_row(s, row.id if row else None) for s in data.sites])


def _current_study_created_at(session: Session) -> dict[tuple[str, str], datetime]:
    """When a product's study version was first saved, kept across saves that rewrite the product."""
    return {(code, version): at for code, version, at in session.execute(
        select(ProductRow.code, StudyRow.version, StudyRow.created_at)
        .join(StudyRow, StudyRow.product_id == ProductRow.id).where(StudyRow.is_current.is_(True)))}


def _save_factors(session: Session, data: ProjectData,
                  dataset_name: str | None) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Store the factors by dataset; return {factor_ref: factor row id} for the refs activities use, and the
    (name, version) of the datasets the project defines itself."""
    default = dataset_name or (WORKBOOK_DATASET_PREFIX + data.source_name if data.source_name else "project")
    stored: dict[tuple[str, str], list[tuple[str, EmissionFactor]]] = defaultdict(list)
    own: dict[str, list[tuple[str, EmissionFactor]]] = defaultdict(list)
    for key, f in data.factors.items():
        if f.dataset_version:
            stored[(f.dataset or default, f.dataset_version)].append((key, f))
        else:
            own[f.dataset or default].append((key, f))
    digests: dict[tuple[str, str], str] = {}
    for name, items in own.items():
        digest = factors_digest(f for _, f in items)
        digests[(name, digest[:12])] = digest
        stored[(name, digest[:12])].extend(items)
    refs = {a.factor_ref.strip() for p in data.products for a in p.study.activities
            if a.factor_ref.strip() and a.linked_product is None}
    pinned: dict[str, int] = {}
    for (name, version), items in stored.items():
        digest = digests.get((name, version), "")
        dataset_id = ensure_factors(session, name, version, [f for _, f in items],
                                    file_name=data.source_name if digest else "", sha256=digest)
        wanted = {f.code: key for key, f in items if key in refs}
        for code, factor_id in factor_ids(session, dataset_id, wanted).items():
            pinned[wanted[code]] = factor_id
    return pinned, list(digests)


def _still_valid_pins(session: Session, products: Sequence[Product]) -> dict[int, int]:
    """The factor ids activities point at that still exist and still carry the activity's code."""
    wanted = {(a.factor_id, a.factor_ref.strip()) for p in products for a in p.study.activities
              if a.factor_id is not None}
    ids = sorted({i for i, _ in wanted})
    codes: dict[int, str] = {}
    for i in range(0, len(ids), _IN_CHUNK):
        codes.update(session.execute(select(EmissionFactorRow.id, EmissionFactorRow.code)
                                     .where(EmissionFactorRow.id.in_(ids[i:i + _IN_CHUNK]))).all())
    return {i: i for i, ref in wanted if codes.get(i) == ref}


def _drop_unused_versions(session: Session, name: str, keep_version: str) -> None:
    """Remove older versions of a project-defined dataset that no activity points at any more."""
    used = select(EmissionFactorRow.dataset_id).join(ActivityRow, ActivityRow.factor_id == EmissionFactorRow.id)
    session.execute(delete(FactorDatasetRow).where(
        FactorDatasetRow.name == name, FactorDatasetRow.version != keep_version,
        FactorDatasetRow.is_builtin.is_(False), FactorDatasetRow.id.not_in(used)).execution_options(**_NO_SYNC))
