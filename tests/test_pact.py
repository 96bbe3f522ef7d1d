"""PACT v2.3.3 ProductFootprint export and supplier-footprint import.

Exports are validated against the specification's own schema (an unaltered copy in tests/support/reference/pact/, with its licence), numbers are
re-derived by hand from the engine's totals, and an exported file is imported back as a supplier factor: a customer
that feeds our file into its own study must get exactly the number we declared.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from core.cli.main import main
from core.cli.pact_commands import register
from core.domain import DataType, Product
from core.errors import InputError
from core.gwp import GwpSet
from core.project import Project
from core.reports.pact import PACT_NOTICE, import_supplier_footprint, pact_unit, product_footprint
from core.units import Amount

DEMO_CODES = ["AL-PROFILE", "WIN-60", "DOOR-80"]
CREATED = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
DECIMAL_FIELDS = ["unitaryProductAmount", "pCfExcludingBiogenic", "pCfIncludingBiogenic", "fossilGhgEmissions",
                  "fossilCarbonContent", "biogenicCarbonContent", "dLucGhgEmissions", "productMassPerDeclaredUnit"]


@pytest.fixture(scope="module")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out / "demo.pcfdesk"


@pytest.fixture
def demo(demo_built: Path, tmp_path: Path) -> Path:
    """A private copy of the demo project, so a test may change it."""
    return Path(shutil.copyfile(demo_built, tmp_path / "demo.pcfdesk"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    spec = yaml.safe_load((Path(__file__).resolve().parent / "support" / "reference" / "pact" / "openapi-v2.3.3.yaml").read_text(encoding="utf-8"))
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": spec["components"],
              "$ref": "#/components/schemas/ProductFootprint"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def export(path: Path, code: str, **kwargs: Any) -> dict[str, Any]:
    with Project.open(path, read_only=True) as project:
        return product_footprint(project.data(), project.compute(strict=True), code, **{"created": CREATED, **kwargs})


def edit_study(path: Path, code: str, **changes: Any) -> None:
    with Project.open(path) as project:
        data = project.data()
        products = [dataclasses.replace(p, study=dataclasses.replace(p.study, **changes)) if p.code == code else p
                    for p in data.products]
        project.save(dataclasses.replace(data, products=products))


def totals(path: Path) -> dict[str, float]:
    with Project.open(path, read_only=True) as project:
        result = project.compute()
        return {c: result.product(c).total_kgco2e for c in DEMO_CODES}


def test_every_demo_product_is_a_schema_valid_product_footprint(demo: Path, validator) -> None:
    for code in DEMO_CODES:
        fp = export(demo, code)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(fp)]
        assert errors == [], code
        assert fp["specVersion"] == "2.3.3" and fp["created"] == "2026-03-01T08:30:00Z"
        for name in DECIMAL_FIELDS:          # format "decimal" is not asserted by jsonschema: check it here
            assert DECIMAL.match(fp["pcf"][name]), (code, name, fp["pcf"][name])
        assert fp["pcf"]["referencePeriodStart"] == "2025-01-01T00:00:00Z"
        assert fp["pcf"]["referencePeriodEnd"] == "2026-01-01T00:00:00Z"    # exclusive end after 2025-12-31
        assert "WBCSD" in fp["comment"]
    assert "5.3 The disclaimer of representations" in PACT_NOTICE and "World Business Council" in PACT_NOTICE


def test_values_are_the_engine_totals_per_pact_declared_unit(demo: Path) -> None:
    total = totals(demo)
    al = export(demo, "AL-PROFILE")["pcf"]           # declared per 1 t: PACT per kilogram, 1000 kg in the unit
    assert (al["declaredUnit"], al["unitaryProductAmount"]) == ("kilogram", "1000")
    assert float(al["pCfIncludingBiogenic"]) == pytest.approx(total["AL-PROFILE"] / 1000, rel=1e-10)
    assert float(al["pCfExcludingBiogenic"]) == pytest.approx(total["AL-PROFILE"] / 1000, rel=1e-10)
    win = export(demo, "WIN-60")["pcf"]              # declared per piece of 60 kg: per kilogram, 60 kg
    assert (win["declaredUnit"], win["unitaryProductAmount"]) == ("kilogram", "60")
    assert float(win["pCfIncludingBiogenic"]) == pytest.approx(total["WIN-60"] / 60, rel=1e-10)
    door = export(demo, "DOOR-80")["pcf"]
    assert float(door["pCfIncludingBiogenic"]) == pytest.approx(total["DOOR-80"] / 92, rel=1e-10)
    assert win["packagingEmissionsIncluded"] is True        # 瓦楞纸箱包装 is in the window's inventory
    assert 0 < float(win["packagingGhgEmissions"]) < float(win["pCfIncludingBiogenic"])
    for pcf in (al, win, door):
        assert 0 <= pcf["primaryDataShare"] <= 100
        assert pcf["secondaryEmissionFactorSources"][0]["name"] == "PCF Desk built-in library"


def test_primary_data_share_follows_the_activities_and_linked_products(demo: Path) -> None:
    assert export(demo, "WIN-60")["pcf"]["primaryDataShare"] == 100     # the demo measured everything
    with Project.open(demo) as project:
        data = project.data()
        al = data.product("AL-PROFILE")
        activities = [dataclasses.replace(a, data_type=DataType.SECONDARY) for a in al.study.activities]
        al = dataclasses.replace(al, study=dataclasses.replace(al.study, activities=activities))
        project.save(dataclasses.replace(data, products=[al if p.code == al.code else p for p in data.products]))
        contributions = project.compute().product("WIN-60").contributions
    assert export(demo, "AL-PROFILE")["pcf"]["primaryDataShare"] == 0
    own = sum(abs(c.kgco2e) for c in contributions if not c.linked_product)
    expected = 100 * own / sum(abs(c.kgco2e) for c in contributions)
    assert 0 < expected < 10
    assert export(demo, "WIN-60")["pcf"]["primaryDataShare"] == pytest.approx(expected, abs=1e-4)


def test_missing_reference_period_is_named(demo: Path, validator) -> None:
    edit_study(demo, "DOOR-80", period_start=None)
    with pytest.raises(InputError, match="referencePeriodStart") as caught:
        export(demo, "DOOR-80")
    assert "DOOR-80" in str(caught.value)
    edit_study(demo, "DOOR-80", period_start=date(2024, 7, 1), period_end=date(2025, 6, 30))
    pcf = export(demo, "DOOR-80")["pcf"]
    assert pcf["referencePeriodStart"] == "2024-07-01T00:00:00Z"
    assert pcf["referencePeriodEnd"] == "2025-07-01T00:00:00Z"
    assert list(validator.iter_errors(export(demo, "DOOR-80"))) == []


def test_footprint_id_is_stable_and_changes_with_the_study_version(demo: Path) -> None:
    first = export(demo, "WIN-60")
    again = export(demo, "WIN-60", created=datetime(2027, 1, 1, tzinfo=UTC))
    assert first["id"] == again["id"] and again["created"] == "2027-01-01T00:00:00Z"
    assert first["id"] != export(demo, "DOOR-80")["id"]
    edit_study(demo, "WIN-60", version="2")
    assert export(demo, "WIN-60")["id"] != first["id"]
    assert first["companyIds"] == ["urn:pathfinder:company:customcode:vendor-assigned:USCC-91320594MA1XK7P2H2"]
    assert first["productIds"] == ["urn:pathfinder:product:customcode:vendor-assigned:WIN-60"]


def test_what_pact_cannot_say_is_refused(demo: Path) -> None:
    edit_study(demo, "WIN-60", gwp_set=GwpSet.AR4)
    with pytest.raises(InputError, match="AR4"):
        export(demo, "WIN-60")
    with pytest.raises(InputError, match="NOPE"):
        export(demo, "NOPE")


@pytest.mark.parametrize("declared, mass, name, amount", [
    (Amount(1, "t"), None, "kilogram", 1000), (Amount(1, "GJ"), None, "megajoule", 1000),
    (Amount(1, "MWh"), None, "kilowatt hour", 1000), (Amount(1, "m3"), None, "cubic meter", 1),
    (Amount(500, "L"), None, "liter", 500), (Amount(100, "t*km"), None, "ton kilometer", 100),
    (Amount(1, "m2"), None, "square meter", 1), (Amount(2, "pcs"), 5.0, "kilogram", 10),
    (Amount(1, "吨"), None, "kilogram", 1000),
])
def test_declared_units_map_to_pact_units(declared: Amount, mass: float | None, name: str, amount: float) -> None:
    unit = pact_unit(Product("P", "p", declared, mass_per_unit_kg=mass))
    assert unit.name == name and unit.amount == pytest.approx(amount)


def test_pieces_without_a_mass_are_refused_with_the_fix() -> None:
    with pytest.raises(InputError, match=r"declared unit 1 pcs of product P.*mass per unit"):
        pact_unit(Product("P", "p", Amount(1, "pcs")))


def test_round_trip_exported_footprint_becomes_the_same_supplier_factor(demo: Path, tmp_path: Path) -> None:
    fp = export(demo, "AL-PROFILE")
    file = tmp_path / "al-profile.pact.json"
    file.write_text(json.dumps(fp, ensure_ascii=False), encoding="utf-8")
    with Project.create(tmp_path / "customer.pcfdesk") as customer:
        dataset = customer.import_pact(file)
        assert dataset.name == "PACT: 苏州示范门窗科技有限公司（演示）"
        assert (dataset.version, dataset.factor_count) == ("1", 1)
        factor = customer.library()["AL-PROFILE"]
        again = customer.import_pact(file)
        assert again.id == dataset.id and len(customer.datasets()) == 1        # the same file: nothing new
    assert factor.unit == "kg" and factor.flows == {"co2e": float(fp["pcf"]["pCfExcludingBiogenic"])}
    assert factor.flows["co2e"] == pytest.approx(totals(demo)["AL-PROFILE"] / 1000, rel=1e-10)
    assert (factor.year, factor.geography, factor.name) == (2025, "CN", "6063-T5 铝合金建筑型材")
    assert factor.source == f"PACT: 苏州示范门窗科技有限公司（演示）, {fp['id']}, version 1"


def test_official_example_splits_dluc_and_biogenic(support_dir: Path) -> None:
    [factor] = import_supplier_footprint(support_dir / "reference/pact/examples-v2/get-footprint-response.json")
    assert (factor.code, factor.unit, factor.year, factor.geography) == ("5695872369587", "L", 2021, "Western Europe")
    assert factor.flows == pytest.approx({"co2e": 1.63 - 0.8, "dluc_co2e": 0.8, "co2_biogenic": 1.85 - 1.63})
    [listed] = import_supplier_footprint(support_dir / "reference/pact/examples-v2/list-footprints-response.json")
    assert listed.code == factor.code and listed.dataset == "PACT supplier data"


def write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "supplier.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_broken_files_name_the_file_and_the_json_path(demo: Path, tmp_path: Path) -> None:
    fp = export(demo, "AL-PROFILE")
    no_pcf = {k: v for k, v in fp.items() if k != "pcf"}
    with pytest.raises(InputError, match=r"supplier\.json.*\$\.pcf is missing"):
        import_supplier_footprint(write(tmp_path, no_pcf))
    bad = json.loads(json.dumps(fp))
    bad["pcf"]["pCfExcludingBiogenic"] = "12,5 kg"
    with pytest.raises(InputError, match=r"\$\.data\[1\]\.pcf\.pCfExcludingBiogenic is not a number: \"12,5 kg\""):
        import_supplier_footprint(write(tmp_path, {"data": [fp, bad]}))
    bad["pcf"]["declaredUnit"] = "piece"
    del bad["productNameCompany"]
    with pytest.raises(InputError) as caught:
        import_supplier_footprint(write(tmp_path, bad))
    text = str(caught.value)
    assert "$.productNameCompany is missing" in text and "$.pcf.declaredUnit is piece" in text
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.json.*not a readable PACT JSON"):
        import_supplier_footprint(tmp_path / "x.json")


def test_cli_export_and_import(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="pcf")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["export-pact", str(demo), "--product", "DOOR-80"])
    assert args.run(args) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["productNameCompany"] == "80系列铝合金推拉门" and "WBCSD" in out.err
    file = tmp_path / "door.json"
    args = parser.parse_args(["export-pact", str(demo), "--product", "DOOR-80", "--out", str(file), "--cpc", "42120"])
    assert args.run(args) == 0 and json.loads(file.read_text(encoding="utf-8"))["productCategoryCpc"] == "42120"
    customer = tmp_path / "customer.pcfdesk"
    args = parser.parse_args(["import-pact", str(file), "--project", str(customer)])
    assert args.run(args) == 0
    assert "DOOR-80" in capsys.readouterr().out
    args = parser.parse_args(["import-pact", str(tmp_path / "missing.json"), "--project", str(tmp_path / "n.pcfdesk")])
    with pytest.raises(InputError, match="missing.json"):
        args.run(args)
    assert not (tmp_path / "n.pcfdesk").exists()
