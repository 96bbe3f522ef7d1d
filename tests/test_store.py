"""The project store: round trips, file identity and versions, atomic writes, read-only files, bulk factors."""
from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from core.domain import (
    Activity,
    Allocation,
    Basis,
    Coproduct,
    DataType,
    EmissionFactor,
    Organization,
    Product,
    ProjectData,
    Site,
    Study,
    StudyStatus,
)
from core.errors import Origin, StoreError
from core.gwp import GwpSet
from core.i18n import catalogue
from core.lifecycle import Boundary, Stage
from core.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ProjectStore,
    add_factor_dataset,
    migrations,
    open_project,
    save_project_data,
)
from core.store.factor_search import SearchFilter
from core.store.schema import ActivityRow, EmissionFactorRow, FactorDatasetRow, FactorFlowRow, ProductRow
from core.units import Amount

SUPPORT = Path(__file__).parent / "support"


# ---------------------------------------------------------------- helpers

def sample_project() -> ProjectData:
    own = EmissionFactor(code="ELEC-EAST", name="华东电网电力", unit="kWh", unit_text="千瓦时",
                         flows={"co2_fossil": 0.5703, "ch4_fossil": 1.2e-5, "n2o": 3.3e-6}, source="MEE 2022",
                         year=2022, geography="华东", category="electricity", gwp_basis="AR5", notes="grid average",
                         uncertainty="GSD 1.05", origin=Origin(file="steel.xlsx", sheet="Factors", row=2))
    from_sheet = EmissionFactor(code="ORE", name="Iron ore", unit="t", flows={"co2e": 12.5},
                                dataset="workbook: steel.xlsx")        # as the workbook reader writes them
    library = EmissionFactor(code="DIESEL", name="Diesel", unit="kg", flows={"co2_fossil": 3.16},
                             dataset="Test library", dataset_version="2025.1", year=2019)
    steel = Product(
        code="STEEL-1", name="热轧卷板", declared_unit=Amount(1.0, "t"), model="Q235B", mass_per_unit_kg=1000.0,
        region="CN", organization="示例钢铁有限公司", credit_code="91320000MA1XXXXX0X",
        origin=Origin(file="steel.xlsx", sheet="Products", row=2),
        study=Study(
            boundary=Boundary.CRADLE_TO_GRAVE, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
            period_output=Amount(24000.0, "吨"), excluded_stages={Stage.USE: "no energy in use",
                                                                 Stage.END_OF_LIFE: "recycled, cut-off"},
            cutoff_rule="< 1 % of mass", allocation=Allocation.ECONOMIC, unit_price=4200.5, gwp_set=GwpSet.AR5,
            pcr_reference="T/CISA 2024", goal="碳标签申请", electricity_approach="location-based",
            status=StudyStatus.IN_REVIEW, version="2",
            activities=[
                Activity(Stage.PRODUCTION, "Electricity", 3.6e6, "kWh", Basis.PER_PERIOD, "ELEC-EAST",
                         data_type=DataType.PRIMARY, source="meter", note="whole plant", geography="华东",
                         dq_technology=1, dq_geography=2, dq_time=1, dq_precision=3, uncertainty="±5 %"),
                Activity(Stage.RAW_MATERIALS, "Slab", 1.02, "t", factor_ref="product:SLAB"),
                Activity(Stage.DISTRIBUTION, "Truck", 1.0, "t", factor_ref="DIESEL", distance_km=250.5),
                Activity(Stage.RAW_MATERIALS, "Ore", 0.1, "t", factor_ref="ORE"),
            ],
            coproducts=[Coproduct("Slag", Amount(3000.0, "t"), 80.0), Coproduct("Gas", Amount(1.5e6, "Nm3"))]))
    slab = Product(code="SLAB", name="Slab", declared_unit=Amount(1000.0, "kg"),
                   study=Study(boundary=Boundary.GATE_TO_GATE,
                               activities=[Activity(Stage.PRODUCTION, "Ore", 1.6, "t", factor_ref="ORE")]))
    return ProjectData(
        products=[steel, slab], factors={f.code: f for f in (own, from_sheet, library)},
        organization=Organization("示例钢铁有限公司", "91320000MA1XXXXX0X", "南京", "张三", "025-1", "a@b.cn"),
        sites=[Site("一号厂区", "江苏", "华东", "江宁区"), Site("二号厂区", "江苏", "华东")], source_name="steel.xlsx")


def strip(obj):
    """The same data without what a store assigns or drops: row ids, pinned factor versions, workbook origins, the
    source name."""
    if isinstance(obj, list):
        return [strip(x) for x in obj]
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: strip(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for name in ("id", "origin", "factor_id"):
            if name in changes:
                changes[name] = None
        if "pinned_factors" in changes:
            changes["pinned_factors"] = {}
        if "source_name" in changes:
            changes["source_name"] = ""
        return dataclasses.replace(obj, **changes)
    return obj


def schema_of(path: Path) -> dict[str, tuple]:
    """Every table's columns, indexes and foreign keys, as SQLite reports them."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            indexes = sorted((name, unique, origin, partial, tuple(c[2] for c in con.execute(
                f"PRAGMA index_info('{name}')"))) for _, name, unique, origin, partial in con.execute(
                f"PRAGMA index_list('{table}')"))
            out[table] = (con.execute(f"PRAGMA table_info('{table}')").fetchall(), indexes,
                          con.execute(f"PRAGMA foreign_key_list('{table}')").fetchall())
        return out
    finally:
        con.close()


def dump(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def build_v1(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript((SUPPORT / "project_v1.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def message_ids(exc: StoreError) -> list[str]:
    return [p.message_id for p in exc.problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "steel.pcfdesk"
    with ProjectStore.create(path) as store:
        store.replace_all(sample_project())
    return path


# ---------------------------------------------------------------- round trip

def test_round_trip_gives_back_the_same_project(project: Path):
    with ProjectStore.open(project) as store:
        loaded = store.load()
    original = sample_project()
    assert loaded.source_name == "steel.pcfdesk"
    # Factors the project defines itself get a dataset and a content version; everything else comes back as written.
    own = {"ELEC-EAST": "workbook: steel.xlsx", "ORE": "workbook: steel.xlsx"}
    for code, dataset in own.items():
        assert loaded.factors[code].dataset == dataset
        assert len(loaded.factors[code].dataset_version) == 12
        original.factors[code] = dataclasses.replace(original.factors[code], dataset=dataset,
                                                     dataset_version=loaded.factors[code].dataset_version)
    assert strip(loaded) == strip(original)
    assert [a.name for a in loaded.products[0].study.activities] == ["Electricity", "Slab", "Truck", "Ore"]
    assert loaded.products[0].study.activities[0].basis is Basis.PER_PERIOD
    assert loaded.products[0].study.period_output == Amount(24000.0, "吨")
    assert all(p.id is not None and p.study.id is not None for p in loaded.products)
    assert all(f.id is not None for f in loaded.factors.values())
    # every activity that cites a factor is pinned to the stored row of that code
    for a in loaded.products[0].study.activities:
        if a.factor_ref and a.linked_product is None:
            assert loaded.pinned_factors[a.factor_id].code == a.factor_ref == loaded.factors[a.factor_ref].code


def test_activities_pin_the_factor_row_they_used(project: Path):
    with ProjectStore.open(project) as store, store.reader() as s:
        pinned = dict(s.execute(select(ActivityRow.factor_ref, EmissionFactorRow.code)
                                .join(EmissionFactorRow, ActivityRow.factor_id == EmissionFactorRow.id)).all())
        links = s.scalars(select(ActivityRow.factor_id).where(ActivityRow.factor_ref == "product:SLAB")).all()
    assert pinned == {"ELEC-EAST": "ELEC-EAST", "DIESEL": "DIESEL", "ORE": "ORE"}
    assert links == [None]


def test_saving_again_reuses_datasets_and_replaces_changed_own_factors(project: Path):
    with ProjectStore.open(project) as store:
        store.replace_all(store.load())                        # loaded factors carry their stored version
        changed = sample_project()
        changed.factors["ORE"] = dataclasses.replace(changed.factors["ORE"], flows={"co2e": 13.0})
        store.replace_all(changed)                             # the workbook changed: a new version of its dataset
        loaded = store.load()
        with store.reader() as s:
            datasets = s.execute(select(FactorDatasetRow.name, func.count()).group_by(FactorDatasetRow.name)
                                 .order_by(FactorDatasetRow.name)).all()
    assert loaded.factors["ORE"].flows == {"co2e": 13.0}
    assert datasets == [("Test library", 1), ("workbook: steel.xlsx", 1)]     # the unused old version is gone


def test_replace_products_false_keeps_the_other_products(project: Path):
    with ProjectStore.open(project) as store:
        data = sample_project()
        only = dataclasses.replace(data.products[1], name="Slab, renamed")
        store.save(ProjectData(products=[only], factors=data.factors, source_name="steel.xlsx"),
                   replace_products=False)
        loaded = store.load()
    assert [(p.code, p.name) for p in loaded.products] == [("STEEL-1", "热轧卷板"), ("SLAB", "Slab, renamed")]
    assert loaded.organization is not None and loaded.organization.name == "示例钢铁有限公司"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=6),
       amounts=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=6, max_size=6))
def test_any_text_and_number_survive(tmp_path: Path, names: list[str], amounts: list[float]):
    path = tmp_path / "prop.pcfdesk"
    acts = [Activity(Stage.PRODUCTION, n, a, "kg", factor_ref=n) for n, a in zip(names, amounts)]
    data = ProjectData(products=[Product("P", "p", Amount(amounts[0], "kg"), study=Study(activities=acts))])
    with ProjectStore.create(path, overwrite=True) as store:
        store.replace_all(data)
        assert strip(store.load()) == strip(data)


# ---------------------------------------------------------------- the file itself

def test_new_file_has_wal_foreign_keys_and_identity(project: Path):
    with ProjectStore.open(project) as store, store.reader() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 1           # NORMAL
        assert s.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert store.schema_version == SCHEMA_VERSION
    header = project.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == 0x50434644


def test_close_leaves_the_file_whole_on_its_own(project: Path, tmp_path: Path):
    wal = project.with_name(project.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    alone = tmp_path / "copied" / "alone.pcfdesk"
    alone.parent.mkdir()
    alone.write_bytes(project.read_bytes())                  # only the main file, as a mail attachment would be
    with ProjectStore.open(alone) as store:
        assert [p.code for p in store.load().products] == ["STEEL-1", "SLAB"]


def test_names_people_give_files_work(tmp_path: Path):
    path = tmp_path / "钢铁 项目 #1 50% & more.pcfdesk"
    with ProjectStore.create(path) as store:
        store.replace_all(sample_project())
    with ProjectStore.open(path) as store:
        assert len(store.load().products) == 2
    assert sorted(os.listdir(tmp_path)) == [path.name]


def test_create_refuses_an_existing_file_unless_told(project: Path):
    with pytest.raises(StoreError) as err:
        ProjectStore.create(project)
    assert message_ids(err.value) == ["store.exists"]
    with open_project(project, create=False) as store:
        assert store.load().products
    with ProjectStore.create(project, overwrite=True) as store:
        assert store.load().products == []


# ---------------------------------------------------------------- versions and migration

def test_newer_file_is_refused_and_left_untouched(project: Path):
    con = sqlite3.connect(project)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = project.read_bytes()
    listing = sorted(os.listdir(project.parent))
    with pytest.raises(StoreError) as err:
        ProjectStore.open(project)
    assert message_ids(err.value) == ["store.too_new"]
    assert "newer PCF Desk" in str(err.value) and "update PCF Desk" in str(err.value)
    assert project.read_bytes() == before
    assert sorted(os.listdir(project.parent)) == listing          # no backup, no -wal/-shm left behind


def test_v1_file_is_backed_up_and_upgraded(tmp_path: Path):
    old = build_v1(tmp_path / "old.pcfdesk")
    original = old.read_bytes()
    with ProjectStore.open(old) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert store.backup_path == tmp_path / "old.pcfdesk.v1.bak"
        with store.reader() as s:      # version 3 indexed the factors the old file already held
            indexed = s.execute(text("SELECT count(*) FROM factor_name_fts")).scalar_one()
            assert indexed == s.scalar(select(func.count()).select_from(EmissionFactorRow)) > 0
        assert store.search_ids("ore", SearchFilter(), 5)
        data = store.load()
        store.replace_all(data)                                       # the upgraded file can be written
    assert (tmp_path / "old.pcfdesk.v1.bak").read_bytes() == original
    assert [p.code for p in data.products] == ["STEEL-1", "SLAB"]
    steel = data.products[0]
    assert steel.study.allocation is Allocation.ECONOMIC and steel.study.period_output == Amount(24000.0, "吨")
    assert [a.name for a in steel.study.activities] == ["Slab", "Electricity"]
    assert steel.study.activities[1].dq_technology is None and steel.study.activities[1].uncertainty == ""
    assert [a.amount for a in steel.study.activities] == [1.02, 3600000.0]   # version 5: every old amount was given
    assert steel.study.excluded_stages == {Stage.DISTRIBUTION: "customer collects at the gate"}
    assert data.factors["ORE"].flows == {"co2_fossil": 12.5, "ch4_fossil": 0.01}
    assert data.organization is not None and data.sites[0].grid_region == "华东"
    with ProjectStore.create(tmp_path / "fresh.pcfdesk"):
        pass
    assert schema_of(old) == schema_of(tmp_path / "fresh.pcfdesk")


def test_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    old = build_v1(tmp_path / "old.pcfdesk")
    before = dump(old)

    def half_step(conn):
        conn.exec_driver_sql("ALTER TABLE activities ADD COLUMN dq_technology INTEGER")
        raise RuntimeError("simulated crash in the middle of a step")

    monkeypatch.setitem(migrations._STEPS, 2, half_step)
    with pytest.raises(StoreError) as err:
        ProjectStore.open(old)
    assert message_ids(err.value) == ["store.upgrade_failed"]
    assert dump(old) == before
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1


def test_an_earlier_backup_is_never_overwritten(tmp_path: Path):
    old = build_v1(tmp_path / "old.pcfdesk")
    (tmp_path / "old.pcfdesk.v1.bak").write_bytes(b"an earlier backup")
    with ProjectStore.open(old) as store:
        assert store.backup_path == tmp_path / "old.pcfdesk.v1-2.bak"
    assert (tmp_path / "old.pcfdesk.v1.bak").read_bytes() == b"an earlier backup"


# ---------------------------------------------------------------- files that are not projects

def test_other_sqlite_database_is_refused(tmp_path: Path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(StoreError) as err:
        ProjectStore.open(other)
    assert message_ids(err.value) == ["store.not_project"]
    assert other.read_bytes() == before


@pytest.mark.parametrize("content, hint", [
    (os.urandom(4096), "hint.store_pick_project"),
    (b"PK\x03\x04" + os.urandom(2000), "hint.store_workbook"),       # what an .xlsx starts with
    (b"", "hint.store_pick_project"),
    (b"SQLite format 3\x00", "hint.store_pick_project"),               # cut short
])
def test_non_database_files_are_refused_clearly(tmp_path: Path, content: bytes, hint: str):
    path = tmp_path / "bad.pcfdesk"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        ProjectStore.open(path)
    assert message_ids(err.value) == ["store.not_database"]
    assert err.value.problems[0].hint_id == hint
    assert path.read_bytes() == content


def test_damaged_project_is_refused(project: Path):
    raw = bytearray(project.read_bytes())
    raw[100:4096] = os.urandom(3996)                    # the schema page, behind a valid PCF Desk header
    project.write_bytes(bytes(raw))
    with pytest.raises(StoreError) as err:
        with ProjectStore.open(project) as store:
            store.load()
    assert message_ids(err.value) == ["store.corrupt"]


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(StoreError) as err:
        ProjectStore.open(tmp_path / "nope.pcfdesk")
    assert message_ids(err.value) == ["store.not_found"]
    with pytest.raises(StoreError) as err:
        ProjectStore.open(tmp_path)
    assert message_ids(err.value) == ["store.not_a_file"]
    with pytest.raises(StoreError) as err:
        ProjectStore.create(tmp_path / "no" / "such" / "x.pcfdesk")
    assert message_ids(err.value) == ["store.no_folder"]


# ---------------------------------------------------------------- atomic writes

def test_failed_write_leaves_the_file_exactly_as_it_was(project: Path):
    before = dump(project)
    with ProjectStore.open(project) as store:
        with pytest.raises(RuntimeError, match="half way"):
            with store.transaction() as s:
                save_project_data(s, ProjectData(products=[Product("NEW", "new", Amount(1, "kg"))]))
                add_factor_dataset(s, "lib", "1", [EmissionFactor("X", "x", "kg", {"co2e": 1.0})])
                s.flush()
                assert s.scalar(select(func.count()).select_from(ProductRow)) == 1
                raise RuntimeError("half way")
        with pytest.raises(StoreError) as err:                       # a database error half way: same
            with store.transaction() as s:
                s.execute(text("DELETE FROM activities"))
                s.add(ProductRow(code="STEEL-1", name="dup", declared_unit_value=1.0, declared_unit="t"))
        assert message_ids(err.value) == ["store.write_failed"]
    assert dump(project) == before


def test_duplicate_product_codes_are_refused(project: Path):
    data = sample_project()
    data.products.append(dataclasses.replace(data.products[1]))
    with ProjectStore.open(project) as store, pytest.raises(StoreError) as err:
        store.replace_all(data)
    assert message_ids(err.value) == ["store.duplicate_product"]


def test_closed_store_refuses_work(project: Path):
    store = ProjectStore.open(project)
    store.close()
    store.close()
    with pytest.raises(StoreError) as err:
        store.load()
    assert message_ids(err.value) == ["store.closed"]


# ---------------------------------------------------------------- read-only

def test_read_only_open_reads_and_refuses_writes(project: Path):
    before = dump(project)
    with ProjectStore.open(project, read_only=True) as store:
        assert store.read_only
        assert [p.code for p in store.load().products] == ["STEEL-1", "SLAB"]
        with pytest.raises(StoreError) as err:
            store.replace_all(sample_project())
        assert message_ids(err.value) == ["store.read_only"]
        with pytest.raises(StoreError) as err, store.reader() as s:   # even SQL sent past the API is refused
            s.execute(text("DELETE FROM products"))
        assert message_ids(err.value) == ["store.read_only"]
    assert dump(project) == before


def test_write_protected_file_opens_read_only(project: Path, monkeypatch: pytest.MonkeyPatch):
    """A write-protected file in a writable folder (tests run as root in CI, where chmod 444 would not stop a write,
    so the protection is simulated where the store asks for it)."""
    import core.store.database as adapter
    real_access = os.access
    monkeypatch.setattr(adapter.os, "access",
                        lambda p, mode: False if (mode == os.W_OK and Path(p) == project) else real_access(p, mode))
    with ProjectStore.open(project) as store:
        assert store.read_only
        assert store.load().products
        with pytest.raises(StoreError) as err:
            store.replace_all(sample_project())
        assert message_ids(err.value) == ["store.read_only"]


def test_file_in_a_read_only_folder_opens_read_only(project: Path, monkeypatch: pytest.MonkeyPatch):
    """As on a CD or a locked share: SQLite cannot create -wal/-shm there, so the file is read as immutable."""
    import core.store.database as adapter
    real_access = os.access
    monkeypatch.setattr(adapter.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with ProjectStore.open(project) as store:
        assert store.read_only
        assert [p.code for p in store.load().products] == ["STEEL-1", "SLAB"]
        with pytest.raises(StoreError):
            store.replace_all(sample_project())
    assert sorted(os.listdir(project.parent)) == [project.name]


def test_old_read_only_file_cannot_be_upgraded(tmp_path: Path):
    old = build_v1(tmp_path / "old.pcfdesk")
    with pytest.raises(StoreError) as err:
        ProjectStore.open(old, read_only=True)
    assert message_ids(err.value) == ["store.upgrade_read_only"]
    assert not (tmp_path / "old.pcfdesk.v1.bak").exists()


# ---------------------------------------------------------------- factor datasets

def test_bulk_add_of_50000_factors(tmp_path: Path):
    factors = [EmissionFactor(code=f"F{i:06d}", name=f"factor {i}", unit="kg", category="material",
                              flows={"co2_fossil": i * 0.001, "ch4_fossil": 1e-6}, source="bulk test", year=2024)
               for i in range(50_000)]
    calls: list[tuple[int, int]] = []
    with ProjectStore.create(tmp_path / "big.pcfdesk") as store:
        started = time.perf_counter()
        dataset_id = store.add_factor_dataset("Big library", "2025", factors, publisher="test", is_builtin=True,
                                              progress=lambda done, total, _text: calls.append((done, total)))
        elapsed = time.perf_counter() - started
        print(f"\nbulk insert of 50,000 factors (100,000 flows): {elapsed:.2f} s")
        with store.reader() as s:
            assert s.scalar(select(func.count()).select_from(EmissionFactorRow)) == 50_000
            assert s.scalar(select(func.count()).select_from(FactorFlowRow)) == 100_000
        started = time.perf_counter()
        loaded = store.all_factors()
        print(f"load of 50,000 factors: {time.perf_counter() - started:.2f} s")
    assert dataset_id > 0 and calls[-1] == (200_000, 200_000)     # factors, flows, index entries
    assert loaded["F012345"].flows == {"co2_fossil": 12.345, "ch4_fossil": 1e-6}
    assert loaded["F012345"].dataset == "Big library" and loaded["F012345"].dataset_version == "2025"
    assert elapsed < 30


def test_newest_dataset_wins_and_versions_are_unique(tmp_path: Path):
    with ProjectStore.create(tmp_path / "lib.pcfdesk") as store:
        store.add_factor_dataset("lib", "2023", [EmissionFactor("E", "old", "kWh", {"co2e": 0.6}),
                                                 EmissionFactor("ONLY-OLD", "o", "kg", {"co2e": 1.0})])
        store.add_factor_dataset("lib", "2024", [EmissionFactor("E", "new", "kWh", {"co2e": 0.5})])
        factors = store.all_factors()
        with pytest.raises(StoreError) as err:
            store.add_factor_dataset("lib", "2024", [])
        assert message_ids(err.value) == ["store.dataset_exists"]
        with pytest.raises(StoreError) as err:
            store.add_factor_dataset("lib", "2025", [EmissionFactor("D", "d", "kg", {}),
                                                     EmissionFactor("D", "d", "kg", {})])
        assert message_ids(err.value) == ["store.duplicate_factor_code"]
    assert factors["E"].name == "new" and factors["E"].dataset_version == "2024"
    assert factors["ONLY-OLD"].dataset_version == "2023"


def test_a_library_completes_the_part_a_workbook_stored(project: Path):
    full = [EmissionFactor("DIESEL", "Diesel, as the library says", "kg", {"co2_fossil": 3.2}),
            EmissionFactor("PETROL", "Petrol", "kg", {"co2_fossil": 2.9})]
    with ProjectStore.open(project) as store:
        assert store.has_dataset("Test library", "2025.1")            # only the factor the study used is there
        assert not store.has_dataset("Test library", "2026.1")
        store.ensure_factors("Test library", "2025.1", full, publisher="pub", is_builtin=True)
        store.ensure_factors("Test library", "2025.1", full)           # again: nothing to add
        factors = store.all_factors()
        with store.reader() as s:
            row = s.scalars(select(FactorDatasetRow).where(FactorDatasetRow.name == "Test library")).one()
            assert (row.publisher, row.is_builtin) == ("pub", True)
    assert factors["PETROL"].dataset_version == "2025.1"
    assert factors["DIESEL"].name == "Diesel"                           # a stored version is never rewritten


def test_import_data_adds_and_replaces_products_by_code(project: Path):
    incoming = ProjectData(products=[Product("NEW", "New", Amount(1.0, "pcs")),
                                     Product("SLAB", "Slab v2", Amount(1.0, "t"))])
    with ProjectStore.open(project) as store:
        store.import_data(incoming, source_name="second.xlsx")
        loaded = store.load()
    assert [(p.code, p.name) for p in loaded.products] == [("STEEL-1", "热轧卷板"), ("NEW", "New"),
                                                           ("SLAB", "Slab v2")]


def test_a_dataset_a_study_uses_cannot_be_deleted(project: Path):
    with ProjectStore.open(project) as store:
        with pytest.raises(StoreError) as err, store.transaction() as s:
            s.execute(text("DELETE FROM factor_datasets WHERE name = 'Test library'"))
        assert message_ids(err.value) == ["store.write_failed"]
        assert "DIESEL" in store.load().factors


# ---------------------------------------------------------------- messages

def test_every_store_message_has_both_languages():
    entries = {k: v for k, v in catalogue().items() if k.startswith(("store.", "hint.store_"))}
    assert len(entries) > 20
    assert all(v.get("en") and v.get("zh_CN") for v in entries.values())


def test_evidence_documents_are_kept_once_and_travel_with_the_study(project: Path, tmp_path: Path):
    invoice = tmp_path / "电费发票-2024-03.pdf"
    invoice.write_bytes(b"%PDF-1.4 invoice for 3,120 kWh")
    with ProjectStore.open(project) as store:
        evidence = store.add_evidence(invoice)
        assert store.add_evidence(invoice) == evidence                 # same content: stored once
        data = store.load()
        steel = data.products[0]
        steel.study.activities[0] = dataclasses.replace(steel.study.activities[0], evidence=[evidence])
        store.replace_all(data)
        again = store.load()
        assert store.evidence_bytes(evidence.sha256) == invoice.read_bytes()
        with store.reader() as s:
            assert s.execute(text("SELECT count(*) FROM evidence_blobs")).scalar_one() == 1
        store.replace_all(again)                                        # rewriting the study keeps the document
        assert store.evidence_bytes(evidence.sha256) == invoice.read_bytes()
    cited = again.products[0].study.activities[0].evidence
    assert [(e.file_name, e.sha256) for e in cited] == [(invoice.name, __import__("hashlib").sha256(
        invoice.read_bytes()).hexdigest())]


def test_version_3_evidence_bytes_move_to_the_blob_table(project: Path):
    """A version-3 file kept evidence bytes on the link row; version 4 moves them into `evidence_blobs`."""
    con = sqlite3.connect(project)
    activity_id = con.execute("SELECT id FROM activities LIMIT 1").fetchone()[0]
    con.execute("DROP TABLE evidence_blobs")
    con.execute("ALTER TABLE activities DROP COLUMN amount_pending")       # added by version 5
    con.execute("INSERT INTO evidence_files (activity_id, file_name, sha256, content, added_at) "
                "VALUES (?, 'meter.jpg', 'abc123', x'FFD8FF', '2025-01-01 00:00:00')", (activity_id,))
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    with ProjectStore.open(project) as store:
        assert store.schema_version == SCHEMA_VERSION and store.backup_path is not None
        assert store.evidence_bytes("abc123") == b"\xff\xd8\xff"
        evidence = [e for p in store.load().products for a in p.study.activities for e in a.evidence]
        assert [(e.file_name, e.sha256) for e in evidence] == [("meter.jpg", "abc123")]
