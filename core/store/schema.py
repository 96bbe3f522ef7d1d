"""The project file's tables as a SQLAlchemy 2.x typed ORM: one place that says what a `.pcfdesk` file holds.

Why it looks the way it does:
- Portable types only (String, Text, Integer, Double, Date, DateTime, Boolean, LargeBinary), enums stored as their
  `.value` strings, no SQLite-only SQL: the roadmap wants the same tables on PostgreSQL later.
- A naming convention for constraints and indexes, so every database names them the same way and a later migration
  can refer to them by name.
- Foreign keys say what a delete means (cascade to the study's own rows, set null for optional links, restrict where a
  study would lose the factor version it used); the store turns `PRAGMA foreign_keys` on so SQLite enforces them.
- Rows never leave `core.store`: `repository.py` converts them to and from the dataclasses of `core.domain`.
- Columns added by a migration step (see `migrations.py`) come last in their table and carry the same default as the
  ALTER TABLE that adds them, so a migrated file and a fresh one have identical tables (a test compares them).
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored as naive UTC: SQLite has no time zones and PostgreSQL then needs no conversion rules."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    credit_code: Mapped[str] = mapped_column(String, default="")
    address: Mapped[str] = mapped_column(String, default="")
    contact_person: Mapped[str] = mapped_column(String, default="")
    contact_phone: Mapped[str] = mapped_column(String, default="")
    contact_email: Mapped[str] = mapped_column(String, default="")


class SiteRow(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String)
    province: Mapped[str] = mapped_column(String, default="")
    grid_region: Mapped[str] = mapped_column(String, default="")
    address: Mapped[str] = mapped_column(String, default="")


class ProductRow(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    model: Mapped[str] = mapped_column(String, default="")
    declared_unit_value: Mapped[float] = mapped_column(Double)
    declared_unit: Mapped[str] = mapped_column(String)
    mass_per_unit_kg: Mapped[float | None] = mapped_column(Double)
    region: Mapped[str] = mapped_column(String, default="")
    organization: Mapped[str] = mapped_column(String, default="")
    credit_code: Mapped[str] = mapped_column(String, default="")
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"), index=True)

    studies: Mapped[list[StudyRow]] = relationship(
        back_populates="product", cascade="all, delete-orphan", passive_deletes=True, order_by="StudyRow.id")


class StudyRow(Base):
    """One version of a product's study; exactly one per product is `is_current` (the others are history)."""

    __tablename__ = "studies"
    __table_args__ = (UniqueConstraint("product_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String, default="1")
    status: Mapped[str] = mapped_column(String(32))
    boundary: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    period_output_value: Mapped[float | None] = mapped_column(Double)
    period_output_unit: Mapped[str | None] = mapped_column(String)
    cutoff_rule: Mapped[str] = mapped_column(Text, default="")
    allocation: Mapped[str] = mapped_column(String(32))
    unit_price: Mapped[float | None] = mapped_column(Double)
    gwp_set: Mapped[str] = mapped_column(String(16))
    standard: Mapped[str] = mapped_column(String, default="")
    pcr_reference: Mapped[str] = mapped_column(String, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    electricity_approach: Mapped[str] = mapped_column(String, default="")
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    product: Mapped[ProductRow] = relationship(back_populates="studies")
    exclusions: Mapped[list[StageExclusionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="StageExclusionRow.id")
    activities: Mapped[list[ActivityRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ActivityRow.position")
    coproducts: Mapped[list[CoproductRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CoproductRow.id")


class StageExclusionRow(Base):
    __tablename__ = "study_stage_exclusions"
    __table_args__ = (UniqueConstraint("study_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(32))
    justification: Mapped[str] = mapped_column(Text, default="")


class ActivityRow(Base):
    """An inventory line. `factor_id` pins the factor version used; `factor_ref` keeps what the user wrote."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String)
    amount: Mapped[float] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String)
    basis: Mapped[str] = mapped_column(String(32))
    factor_ref: Mapped[str] = mapped_column(String, default="")
    # RESTRICT: a factor dataset that a study still uses cannot be deleted from under it.
    factor_id: Mapped[int | None] = mapped_column(
        ForeignKey("emission_factors.id", ondelete="RESTRICT"), index=True)
    distance_km: Mapped[float | None] = mapped_column(Double)
    data_type: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    geography: Mapped[str] = mapped_column(String, default="")
    # Added by schema version 2 (migrations._upgrade_to_2); keep them last and in this order.
    dq_technology: Mapped[int | None] = mapped_column(Integer)
    dq_geography: Mapped[int | None] = mapped_column(Integer)
    dq_time: Mapped[int | None] = mapped_column(Integer)
    dq_precision: Mapped[int | None] = mapped_column(Integer)
    uncertainty: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Added by schema version 5: the amount is still to be entered (`Activity.amount` None); `amount` then holds 0
    # and is never read. A flag, not a nullable amount: SQLite cannot drop NOT NULL without rebuilding the table.
    amount_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    evidence: Mapped[list[EvidenceFileRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceFileRow.id")


class CoproductRow(Base):
    __tablename__ = "coproducts"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String)
    output_value: Mapped[float] = mapped_column(Double)
    output_unit: Mapped[str] = mapped_column(String)
    unit_price: Mapped[float | None] = mapped_column(Double)


class EvidenceFileRow(Base):
    """A document backing an activity (invoice, meter reading): kept inside the file or beside it (relative path).

    Added by schema version 2.
    """

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    relative_path: Mapped[str | None] = mapped_column(String)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EvidenceBlobRow(Base):
    """The bytes of an evidence file, once per content (SHA-256), however many activities cite it. Added by schema
    version 4: rewriting a study then rewrites only the small `evidence_files` links, never the documents."""

    __tablename__ = "evidence_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class FactorDatasetRow(Base):
    """One imported version of a factor source (a library file, or the factors a workbook defines)."""

    __tablename__ = "factor_datasets"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    publisher: Mapped[str] = mapped_column(String, default="")
    version: Mapped[str] = mapped_column(String, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String, default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class EmissionFactorRow(Base):
    __tablename__ = "emission_factors"
    __table_args__ = (UniqueConstraint("dataset_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("factor_datasets.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(String)
    category: Mapped[str] = mapped_column(String, default="")
    unit: Mapped[str] = mapped_column(String)
    unit_text: Mapped[str] = mapped_column(String, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer)
    geography: Mapped[str] = mapped_column(String, default="")
    gwp_basis: Mapped[str] = mapped_column(String, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    uncertainty: Mapped[str] = mapped_column(Text, default="")
    # Added by schema version 3: the (category, region, source, notes) combination the search index knows this
    # factor by (see core/store/factor_index.py). Keep it last.
    search_context_id: Mapped[int | None] = mapped_column(Integer, index=True)


class FactorFlowRow(Base):
    """kg of one greenhouse-gas flow (a key of core.gwp) per one unit of the factor."""

    __tablename__ = "factor_flows"

    factor_id: Mapped[int] = mapped_column(
        ForeignKey("emission_factors.id", ondelete="CASCADE"), primary_key=True)
    flow: Mapped[str] = mapped_column(String(64), primary_key=True)
    kg_per_unit: Mapped[float] = mapped_column(Double)
