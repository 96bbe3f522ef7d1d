"""The study as plain data: what the store saves, the workbook reader produces and the engine computes.

No ORM object crosses this line: the GUI, the CLI and the engine all work on these dataclasses. Fields that later
waves need (data quality, uncertainty, supplier, evidence) already have a place so they are not bolted on later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from core.errors import Origin
from core.gwp import DEFAULT_GWP, GwpSet
from core.lifecycle import Boundary, Stage
from core.units import Amount

PRODUCT_LINK_PREFIX = "product:"
DEFAULT_STANDARD = "GB/T 24067-2024 / ISO 14067:2018"


class Basis(str, Enum):
    PER_UNIT = "per_unit"      # amount per declared unit of the product
    PER_PERIOD = "per_period"  # total over the reference period; divided by output, times the allocation share


class DataType(str, Enum):
    PRIMARY = "primary"      # measured at the site (实测)
    SECONDARY = "secondary"  # databases, literature, estimates (次级)


class Allocation(str, Enum):
    NONE = "none"
    MASS = "mass"
    ECONOMIC = "economic"


class StudyStatus(str, Enum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    RELEASED = "released"


@dataclass
class Organization:
    name: str
    credit_code: str = ""          # 统一社会信用代码, validated by core.credit_code
    address: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    id: int | None = None


@dataclass
class Site:
    name: str
    province: str = ""
    grid_region: str = ""          # regional grid (华东, 华北, ...) used to suggest electricity factors
    address: str = ""
    id: int | None = None


@dataclass
class EmissionFactor:
    """kg of each flow (see core.gwp) emitted per one `unit` of the activity."""

    code: str
    name: str
    unit: str
    flows: dict[str, float]
    source: str = ""
    year: int | None = None
    geography: str = ""
    category: str = ""
    gwp_basis: str = ""            # GWP set a given co2e value was computed with, as the source states it
    dataset: str = ""
    dataset_version: str = ""
    notes: str = ""
    uncertainty: str = ""
    unit_text: str = ""            # the unit as written in the source file, kept for traceability
    id: int | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class Evidence:
    """A document backing an activity (an invoice, a meter photo): named by its content's SHA-256, the bytes kept
    once in the project file however many activities cite it (see core/store/evidence.py)."""

    file_name: str
    sha256: str
    size: int | None = None
    id: int | None = None


@dataclass
class Activity:
    stage: Stage
    name: str
    # None: still to be entered (a row of a sector template, a row just added): shown, never counted as 0, and the
    # engine leaves the activity out with a finding until it is filled in.
    amount: float | None
    unit: str
    basis: Basis = Basis.PER_UNIT
    factor_ref: str = ""           # a factor code, or "product:CODE" for another product of the project
    distance_km: float | None = None
    data_type: DataType = DataType.SECONDARY
    source: str = ""
    note: str = ""
    geography: str = ""
    # Later waves: data quality ratings (PEF DQR, 1-5), uncertainty, supplier link, evidence files.
    dq_technology: int | None = None
    dq_geography: int | None = None
    dq_time: int | None = None
    dq_precision: int | None = None
    uncertainty: str = ""
    # The stored factor row this activity was computed with (a dataset version). It stays put when a newer version
    # of the factor is imported, until the user updates the study; None until saved, or when the ref changed.
    factor_id: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    id: int | None = None
    origin: Origin | None = None

    @property
    def linked_product(self) -> str | None:
        ref = self.factor_ref.strip()
        if ref.lower().startswith(PRODUCT_LINK_PREFIX):
            return ref[len(PRODUCT_LINK_PREFIX):].strip()
        return None


@dataclass
class Coproduct:
    name: str
    output: Amount
    unit_price: float | None = None
    id: int | None = None
    origin: Origin | None = None


@dataclass
class Study:
    """One footprint study of a product: boundary, period, allocation and its inventory."""

    boundary: Boundary = Boundary.CRADLE_TO_GATE
    period_start: date | None = None
    period_end: date | None = None
    period_output: Amount | None = None
    excluded_stages: dict[Stage, str] = field(default_factory=dict)  # stage -> justification
    cutoff_rule: str = ""
    allocation: Allocation = Allocation.NONE
    unit_price: float | None = None   # per one unit of period_output as written, for economic allocation
    gwp_set: GwpSet = DEFAULT_GWP
    standard: str = DEFAULT_STANDARD
    pcr_reference: str = ""
    goal: str = ""
    electricity_approach: str = ""
    status: StudyStatus = StudyStatus.DRAFT
    version: str = "1"
    activities: list[Activity] = field(default_factory=list)
    coproducts: list[Coproduct] = field(default_factory=list)
    id: int | None = None

    @property
    def included_stages(self) -> frozenset[Stage]:
        return self.boundary.stages - frozenset(self.excluded_stages)


@dataclass
class Product:
    code: str
    name: str
    declared_unit: Amount
    model: str = ""
    mass_per_unit_kg: float | None = None
    region: str = ""
    organization: str = ""
    credit_code: str = ""
    study: Study = field(default_factory=Study)
    id: int | None = None
    origin: Origin | None = None


@dataclass
class ProjectData:
    """Everything needed to compute: products with their studies, and the factors they may use."""

    products: list[Product] = field(default_factory=list)
    factors: dict[str, EmissionFactor] = field(default_factory=dict)      # by code: the newest version of each
    pinned_factors: dict[int, EmissionFactor] = field(default_factory=dict)   # by stored id: versions in use
    organization: Organization | None = None
    sites: list[Site] = field(default_factory=list)
    source_name: str = ""

    def product(self, code: str) -> Product:
        for p in self.products:
            if p.code == code:
                return p
        raise KeyError(code)
