"""PACT (WBCSD Partnership for Carbon Transparency) Technical Specification v2.3.3 `ProductFootprint` files.

Export: one product's computed footprint as a schema-valid ProductFootprint, so a customer's system can read it
without retyping. Import: a supplier's ProductFootprint(s) as emission factors (kg CO2e per PACT declared unit), so a
study can cite supplier-specific data instead of a database average. An offline app exchanges files only: it must
not claim "PACT conformant" (that needs the API), and it must show `PACT_NOTICE` (licence section 3.2).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from core.domain import EmissionFactor, Product, ProjectData
from core.engine import ProductResult, ProjectResult
from core.errors import InputError, Location, Problem
from core.gwp import GwpSet, flows
from core.lifecycle import STAGES, Stage
from core.units import conversion_factor, same_dimension

SPEC_VERSION = "2.3.3"
DATASET_LABEL = "PACT supplier data"
PRODUCT_URN = "urn:pathfinder:product:customcode:vendor-assigned:"
COMPANY_URN = "urn:pathfinder:company:customcode:vendor-assigned:"
# Fixed namespace: the same (credit code, product, study version) always gets the same footprint id, so a re-export
# replaces the customer's copy instead of piling up "new" footprints.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:pcf-desk:pact:product-footprint")

PACT_ATTRIBUTION = (
    "Data format derived from and implementing the PACT Technical Specifications for PCF Data Exchange v2.3.3 "
    "(Partnership for Carbon Transparency) by the World Business Council for Sustainable Development (WBCSD), "
    "owner of the rights in that specification. Exported by PCF Desk, which is not connected with, sponsored or "
    "endorsed by WBCSD; an offline file export, not a PACT conformance claim."
)
# Licence 3.2 (iii) asks for section 5 "exactly and in full": keep this text verbatim.
PACT_DISCLAIMER = (
    "5 Disclaimer of Warranties and Limitation of Liability.\n\n"
    "5.1 Licensor offers, provides, makes available, and licenses the Licensed Material, and grants the license and "
    "Licensed Rights, \"as is\" and \"as available\" without any representations or warranties, express or implied.  "
    "Licensor hereby disclaims all representations and warranties, express, implied, statutory, or otherwise, under "
    "any law, including, without limitation, all representations and warranties of title, merchantability, fitness "
    "for a particular purpose, non-infringement, absence of latent or other defects, accuracy, or the presence or "
    "absence of errors, whether or not known or discoverable. Where disclaimers of warranties are limited by "
    "applicable law, this disclaimer applies to the greatest extent not limited by such applicable law.\n\n"
    "5.2 In no event will Licensor be liable to User or any other person, under contract, negligence, willful "
    "misconduct, other tort, property, intellectual property, or other cause or legal theory any legal theory or "
    "otherwise, for any direct, indirect, special, incidental, consequential, punitive, exemplary, liquidated, or "
    "other losses, costs, expenses, attorneys' or legal fees or costs, or damages of any kind anywhere, under any law, "
    "arising or related to this License, any Licensed Right, the Licensed Material, any Derivative, and/or any part "
    "thereof or any Use, even if Licensor has been advised of the possibility of such losses, costs, expenses, "
    "attorneys' or legal fees or costs, or damages of any kind anywhere. Where the exclusion or limitation of "
    "liability is limited by applicable law, this exclusion and limitation of liability applies to the greatest "
    "extent not limited by such applicable law.\n\n"
    "5.3 The disclaimer of representations and warranties and the exclusion and limitation of liability under "
    "Sections 5.1 and 5.2 shall be interpreted in a manner that, to the extent possible, most closely approximates "
    "an absolute disclaimer and waiver of all liability."
)
PACT_NOTICE = f"{PACT_ATTRIBUTION}\n\n{PACT_DISCLAIMER}"

# PACT's declared units and our spelling of each (the unit an imported factor is per).
PACT_UNITS: dict[str, str] = {
    "kilogram": "kg", "liter": "L", "cubic meter": "m3", "kilowatt hour": "kWh", "megajoule": "MJ",
    "ton kilometer": "t*km", "square meter": "m2",
}
_MASSLESS = {"kilowatt hour", "megajoule", "ton kilometer"}     # productMassPerDeclaredUnit "0" by the spec
_DECIMAL = re.compile(r"^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


@dataclass(frozen=True)
class PactUnit:
    """How a product's declared unit is said in PACT: `amount` PACT units make one declared unit of ours."""

    name: str
    amount: float
    via_mass: bool = False        # pieces declared per kilogram through the product's mass per unit


# ----------------------------------------------------------------------------------------------------- export
def product_footprint(project_data: ProjectData, result: ProjectResult, product_code: str, *,
                      created: datetime | None = None, company_name: str | None = None,
                      company_ids: list[str] | None = None, product_category_cpc: str | None = None,
                      draft_note: str = "") -> dict[str, Any]:
    """One product's footprint as a PACT v2.3.3 ProductFootprint (a JSON-ready dict).

    Values are per PACT declared unit (e.g. per kg for a product declared per tonne): PACT has no "per tonne" and
    no "per piece", so the engine's per-declared-unit totals are divided by `PactUnit.amount`. Everything PACT
    requires but the study does not state raises InputError naming the PACT field, rather than exporting a guess.
    """
    try:
        product = project_data.product(product_code)
    except KeyError:
        raise InputError.one("pact.unknown_product", hint_id="hint.pact_products", code=product_code,
                             known=", ".join(p.code for p in project_data.products) or "-") from None
    study = product.study
    for field_name, value in (("referencePeriodStart", study.period_start), ("referencePeriodEnd", study.period_end)):
        if value is None:
            raise InputError.one("pact.missing_period", hint_id="hint.pact_period", field=field_name, code=product_code)
    if study.gwp_set not in (GwpSet.AR6, GwpSet.AR5):
        raise InputError.one("pact.gwp_not_allowed", hint_id="hint.pact_gwp", code=product_code,
                             gwp=study.gwp_set.value)
    org = project_data.organization
    company = (company_name or (org.name if org else "") or product.organization).strip()
    if not company:
        raise InputError.one("pact.no_company", hint_id="hint.pact_company", code=product_code)
    credit_code = ((org.credit_code if org else "") or product.credit_code).strip()
    ids = list(company_ids or ([COMPANY_URN + "USCC-" + _urn_part(credit_code)] if credit_code else []))
    if not ids:
        raise InputError.one("pact.no_company_id", hint_id="hint.pact_company_id", code=product_code)

    r = result.product(product_code)
    unit = pact_unit(product)
    per = 1.0 / unit.amount                  # kg CO2e per declared unit -> per PACT declared unit
    excluding = r.excluding_biogenic_kgco2e * per
    if excluding < 0:
        raise InputError.one("pact.negative", hint_id="hint.pact_negative", code=product_code,
                             value=_decimal(excluding))
    sources = _factor_sources(result, product_code)
    # Packaging is recognised by the activity's name (the study has no packaging flag): 包装, packaging.
    packaging = [c for c in r.contributions if "包装" in c.name or "packag" in c.name.lower()]
    pcf: dict[str, Any] = {
        "declaredUnit": unit.name,
        "unitaryProductAmount": _decimal(unit.amount),
        "pCfExcludingBiogenic": _decimal(excluding),
        "pCfIncludingBiogenic": _decimal(r.total_kgco2e * per),
        "fossilGhgEmissions": _decimal(_fossil_kgco2e(r) * per),
        "fossilCarbonContent": "0",           # not assessed by the study: see comment
        "biogenicCarbonContent": "0",
        "dLucGhgEmissions": _decimal(max(r.dluc_kgco2e, 0.0) * per),
        "characterizationFactors": study.gwp_set.value,
        "ipccCharacterizationFactorsSources": [study.gwp_set.value],
        "crossSectoralStandardsUsed": ["ISO Standard 14067"],    # GB/T 24067-2024 is the identical adoption
        "crossSectoralStandards": ["ISO14067"],
        "biogenicAccountingMethodology": "ISO",
        "boundaryProcessesDescription": _boundary_text(product),
        "referencePeriodStart": _iso(datetime.combine(study.period_start, time(), UTC)),
        # PACT's end is exclusive; the study's end date is the last day included.
        "referencePeriodEnd": _iso(datetime.combine(study.period_end + timedelta(days=1), time(), UTC)),
        "geographyCountry": "CN",
        "exemptedEmissionsPercent": 0,
        "exemptedEmissionsDescription": ("No emissions are known to be exempted from the inventory."
                                         + (f" Cut-off rule applied when collecting data: {study.cutoff_rule}"
                                            if study.cutoff_rule.strip() else "")),
        "packagingEmissionsIncluded": bool(packaging),
        "allocationRulesDescription": f"Allocation between co-products: {study.allocation.value}.",
        "primaryDataShare": round(100.0 * r.primary_data_share, 4),
    }
    if packaging:
        pcf["packagingGhgEmissions"] = _decimal(max(sum(c.kgco2e for c in packaging), 0.0) * per)
    if unit.name == "kilogram":
        pcf["productMassPerDeclaredUnit"] = "1"
    elif unit.name in _MASSLESS:
        pcf["productMassPerDeclaredUnit"] = "0"
    if study.pcr_reference.strip():
        pcf["productOrSectorSpecificRules"] = [_pcr_rule(study.pcr_reference.strip())]
    if sources:
        pcf["secondaryEmissionFactorSources"] = [{"name": n, "version": v} for n, v in sorted(sources)]
    via = (f" The product is declared per {product.declared_unit}; PACT has no such unit, so values are per "
           f"kilogram using its mass of {product.mass_per_unit_kg:g} kg per piece." if unit.via_mass else "")
    return {
        "id": footprint_id(credit_code or company, product.code, study.version),
        "specVersion": SPEC_VERSION,
        "version": 1,
        "created": _iso(created or datetime.now(UTC)),
        "status": "Active",
        "companyName": company,
        "companyIds": ids,
        "productDescription": ", ".join(x for x in (product.name, product.model) if x.strip()),
        "productIds": [PRODUCT_URN + _urn_part(product.code)],
        "productCategoryCpc": product_category_cpc or "n/a",
        "productNameCompany": product.name or product.code,
        "comment": ((f"{draft_note} " if draft_note else "") + f"Computed with PCF Desk from study version {study.version} ({study.status.value}) under "
                    f"{study.standard}, boundary {study.boundary.value}, IPCC {study.gwp_set.value} GWP-100. "
                    f"Declared unit of the study: {product.declared_unit}.{via} Fossil and biogenic carbon content "
                    f"were not assessed (reported as 0).{'' if product_category_cpc else ' No CPC class given.'} "
                    f"{PACT_ATTRIBUTION}"),
        "pcf": pcf,
    }


def footprint_id(owner: str, product_code: str, study_version: str) -> str:
    """uuid5 of (owner's credit code, product, study version): stable across re-exports of the same study."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{owner}|{product_code}|{study_version}"))


def pact_unit(product: Product) -> PactUnit:
    """The PACT declared unit for `product`, preferring the unit family it was written in (GJ -> MJ, t -> kg)."""
    du = product.declared_unit
    matches = [name for name, ours in PACT_UNITS.items() if same_dimension(du.unit, ours)]
    if "cubic meter" in matches:
        matches = ["cubic meter" if conversion_factor(du.unit, "m3") >= 1 else "liter"]
    elif "megajoule" in matches:
        exponent = math.log10(conversion_factor(du.unit, "MJ"))
        matches = ["megajoule" if abs(exponent - round(exponent)) < 1e-9 else "kilowatt hour"]
    if matches:
        return PactUnit(matches[0], du.to(PACT_UNITS[matches[0]]))
    if product.mass_per_unit_kg and same_dimension(du.unit, "pcs"):
        return PactUnit("kilogram", du.to("pcs") * product.mass_per_unit_kg, via_mass=True)
    raise InputError.one("pact.unit_not_expressible", hint_id="hint.pact_unit", code=product.code,
                         unit=str(du), units=", ".join(PACT_UNITS))


def _fossil_kgco2e(r: ProductResult) -> float:
    """Excluding-biogenic total less dLUC and biogenic non-CO2 gases (e.g. biogenic CH4), never below zero."""
    gwp = GwpSet(r.gwp_set)
    biogenic = sum(r.by_gas_kg.get(f.key, 0.0) * f.gwp[gwp] for f in flows() if f.kind == "ghg" and "biogenic" in f.key)
    return max(r.excluding_biogenic_kgco2e - r.dluc_kgco2e - biogenic, 0.0)


def _factor_sources(result: ProjectResult, code: str) -> set[tuple[str, str]]:
    """The factor datasets (name, version) the product's footprint uses, through the products it links to."""
    return {(c.factor_dataset, c.factor_version or "unversioned") for used in result.used_products(code)
            for c in result.product(used).contributions if not c.linked_product and c.factor_dataset}


def _boundary_text(product: Product) -> str:
    """Which processes each included stage holds (activity names), and each excluded stage with its reason."""
    study = product.study
    parts = [f"{study.boundary.label('en')} ({study.standard})."]
    for stage in STAGES:
        if stage in study.included_stages:
            names = [a.name for a in study.activities if a.stage is stage]
            if names:
                parts.append(f"{stage.label('en')}: {'; '.join(names)}.")
    for stage, why in study.excluded_stages.items():
        parts.append(f"Excluded: {Stage(stage).label('en')} ({why}).")
    return " ".join(parts)


def _pcr_rule(text: str) -> dict[str, Any]:
    operator = "PEF" if text.upper().startswith("PEF") else "EPD International" if "EPD" in text.upper() else "Other"
    extra = {"otherOperatorName": "Product category rule issuer"} if operator == "Other" else {}
    return {"operator": operator, "ruleNames": [text], **extra}


def _decimal(x: float) -> str:
    """A PACT decimal string (no exponent), 12 significant digits: '0.00123', '21070.1742', '-1.5'."""
    text = format(Decimal(f"{x:.12g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _iso(moment: datetime) -> str:
    """RFC 3339 in UTC; a naive datetime is taken as UTC already."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def _urn_part(text: str) -> str:
    """A code as a URN segment (RFC 8141): characters outside the allowed set percent-encoded."""
    return quote(text.strip(), safe="-._~!$&'()*+,;=@")


# ----------------------------------------------------------------------------------------------------- import
@dataclass(frozen=True)
class PactFile:
    """A supplier's PACT file as read: its usable footprints as factors, the companies named, the file's SHA-256."""

    factors: list[EmissionFactor]
    companies: list[str]
    sha256: str


def read_pact_file(path: str | Path) -> PactFile:
    """Read and check a PACT file (see `import_supplier_footprint`); `Project.import_pact` stores it."""
    p = Path(path)
    read = _read(p)                # first: a missing or broken file is an InputError naming it
    return PactFile([f for f, _ in read], list(dict.fromkeys(c for _, c in read)),
                    hashlib.sha256(p.read_bytes()).hexdigest())


def import_supplier_footprint(path: str | Path) -> list[EmissionFactor]:
    """The footprints in a PACT file (one ProductFootprint, a list, or an API response `{"data": ...}`) as factors.

    co2e is pCfExcludingBiogenic less dLUC, dLUC goes to `dluc_co2e`, and pCfIncludingBiogenic minus
    pCfExcludingBiogenic to `co2_biogenic` (or `co2_biogenic_removal` when negative): so the engine's total equals
    the supplier's pCfIncludingBiogenic and its excluding-biogenic total the supplier's pCfExcludingBiogenic.
    Deprecated footprints are left out (PACT: SHOULD NOT be used). Every problem found is reported at once, each
    with the JSON path of the value.
    """
    return [factor for factor, _company in _read(path)]


def _read(path: str | Path) -> list[tuple[EmissionFactor, str]]:
    """Each usable footprint of the file as (factor, company name); raises one InputError listing every problem."""
    name = Path(path).name
    problems: list[Problem] = []
    found: list[tuple[EmissionFactor, str]] = []
    seen: dict[str, str] = {}
    for where, doc in _footprints(path):
        read = _Reader(name, where, problems).factor(doc)
        if read is None:
            continue
        if read[0].code in seen:
            problems.append(Problem("pact.duplicate_product", {"path": where, "other": seen[read[0].code],
                                                                 "code": read[0].code}, Location(name)))
            continue
        seen[read[0].code] = where
        found.append(read)
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError.one("pact.no_footprints", Location(name), "hint.pact_file")
    return found


def _footprints(path: str | Path) -> list[tuple[str, Any]]:
    name = Path(path).name
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise InputError.one("pact.unreadable", Location(name), "hint.pact_file", reason=str(e)) from None
    root = "$"
    if isinstance(doc, dict) and "data" in doc and "pcf" not in doc:
        doc, root = doc["data"], "$.data"
    if isinstance(doc, list):
        return [(f"{root}[{i}]", d) for i, d in enumerate(doc)]
    return [(root, doc)]


class _Reader:
    """Reads one footprint, adding a Problem (file + JSON path) for each required value missing or unusable."""

    def __init__(self, file_name: str, root: str, problems: list[Problem]):
        self.file, self.root, self.problems = file_name, root, problems

    def problem(self, message_id: str, path: str, **params: object) -> None:
        self.problems.append(Problem(message_id, {"path": path, **params}, Location(self.file), "hint.pact_file"))

    def get(self, obj: Any, key: str, where: str, kind: type, required: bool = True) -> Any:
        path = f"{where}.{key}"
        if not isinstance(obj, dict) or key not in obj or obj[key] is None:
            if required:
                self.problem("pact.missing_field", path)
            return None
        value = obj[key]
        if kind is float:
            number = float(value) if (isinstance(value, str) and _DECIMAL.match(value)) or (
                isinstance(value, (int, float)) and not isinstance(value, bool)) else math.nan
            if math.isfinite(number):
                return number
            self.problem("pact.not_number", path, value=json.dumps(value, ensure_ascii=False)[:80])
        elif not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            self.problem("pact.bad_value", path, value=json.dumps(value, ensure_ascii=False)[:80])
        else:
            return value
        return None

    def factor(self, doc: Any) -> tuple[EmissionFactor, str] | None:
        w = self.root
        before = len(self.problems)
        if not isinstance(doc, dict):
            self.problem("pact.bad_value", w, value=json.dumps(doc, ensure_ascii=False)[:80])
            return None
        if doc.get("status") == "Deprecated":
            return None
        fid = self.get(doc, "id", w, str)
        company = self.get(doc, "companyName", w, str)
        product_ids = self.get(doc, "productIds", w, list)
        product_name = self.get(doc, "productNameCompany", w, str)
        version = self.get(doc, "version", w, int, required=False)
        code = ""
        if product_ids is not None:
            if not product_ids or not isinstance(product_ids[0], str) or not product_ids[0].strip():
                self.problem("pact.bad_value", f"{w}.productIds[0]", value=json.dumps(product_ids)[:80])
            else:
                code = unquote(product_ids[0].strip().rsplit(":", 1)[-1]) or product_ids[0].strip()
        pcf = self.get(doc, "pcf", w, dict)
        if pcf is None:
            return None
        wp = f"{w}.pcf"
        unit = self.get(pcf, "declaredUnit", wp, str)
        excluding = self.get(pcf, "pCfExcludingBiogenic", wp, float)
        including, dluc = (self.get(pcf, k, wp, float, False) for k in ("pCfIncludingBiogenic", "dLucGhgEmissions"))
        end = self.get(pcf, "referencePeriodEnd", wp, str, required=False)
        if unit is not None and unit not in PACT_UNITS:
            self.problem("pact.unknown_unit", f"{wp}.declaredUnit", value=unit, units=", ".join(PACT_UNITS))
        year = self._year(end, f"{wp}.referencePeriodEnd") if end else None
        if len(self.problems) > before or excluding is None or unit is None:
            return None
        flows_kg: dict[str, float] = {"co2e": excluding}
        if dluc and 0 < dluc <= excluding:
            flows_kg = {"co2e": excluding - dluc, "dluc_co2e": dluc}
        biogenic = (including - excluding) if including is not None else 0.0
        if biogenic > 0:
            flows_kg["co2_biogenic"] = biogenic
        elif biogenic < 0:
            flows_kg["co2_biogenic_removal"] = -biogenic
        geography = next((str(pcf[k]) for k in ("geographyCountry", "geographyCountrySubdivision",
                                                "geographyRegionOrSubregion") if pcf.get(k)), "GLO")
        gwp = pcf.get("ipccCharacterizationFactorsSources") or [pcf.get("characterizationFactors") or ""]
        gwp = gwp if isinstance(gwp, list) else [gwp]
        return EmissionFactor(
            code=code, name=str(product_name), unit=PACT_UNITS[unit], flows=flows_kg,
            source=f"PACT: {company}, {fid}, version {version if version is not None else '-'}",
            year=year, geography=geography, category=str(doc.get("productCategoryCpc") or ""),
            gwp_basis=", ".join(str(g) for g in gwp if g), dataset=DATASET_LABEL,
            dataset_version="" if version is None else str(version),
            notes=(f"Supplier PCF per {unit} (PACT {doc.get('specVersion', '?')}); co2e = pCfExcludingBiogenic "
                   f"less dLUC; biogenic CO2 = pCfIncludingBiogenic - pCfExcludingBiogenic."),
            unit_text=unit,
        ), str(company)

    def _year(self, text: str, path: str) -> int | None:
        """Year of the last moment inside the period: PACT's end is exclusive (2025-01-01T00:00Z means 2024)."""
        try:
            return (datetime.fromisoformat(text) - timedelta(microseconds=1)).year
        except ValueError:
            self.problem("pact.bad_value", path, value=text[:80])
            return None
