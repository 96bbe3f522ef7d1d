"""`pcf demo`: the bundled demo project computes to hand-calculated values from its sourced factors."""
from __future__ import annotations

import json

import pytest

from core.cli.main import main

REL = 1e-9
ELEC = 0.5777            # MEE-ELEC-CF-2024-NATIONAL, kg CO2e/kWh
GAS_GJ = 56.1 + 0.001 * 29.8 + 0.0001 * 273   # IPCC 2006 natural gas per GJ: CO2 56.1 kg, CH4 1 g, N2O 0.1 g (AR6)
AL, TRUCK, GLASS, PVC, BOX, WATER = 20300, 0.0978, 1130, 3.41, 1.605, 0.168   # CPCD, per t, t*km, t, kg, kg, t


def profile_total() -> float:
    share = 3000 * 21000 / (3000 * 21000 + 150 * 12000)      # economic allocation against the scrap co-product
    return (1.03 * AL + 1.03 * 1600 * TRUCK
            + (4150e3 / 3000 * ELEC + 21600 / 3000 * GAS_GJ + 36000 / 3000 * WATER) * share)


def test_demo_project_matches_hand_calculation(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "AL-PROFILE" in out and "WIN-60" in out and "DOOR-80" in out
    assert (tmp_path / "demo.pcfdesk").exists()
    doc = json.loads((tmp_path / "demo_result.json").read_text(encoding="utf-8"))
    got = {p["code"]: p for p in doc["products"]}
    profile = profile_total()
    assert got["AL-PROFILE"]["total_kgco2e"] == pytest.approx(profile, rel=REL)
    window = (0.038 * profile + 0.020 * GLASS + 0.020 * 260 * TRUCK + 1.6 * PVC + 2.4 * BOX + 410e3 / 20000 * ELEC)
    assert got["WIN-60"]["total_kgco2e"] == pytest.approx(window, rel=REL)
    door = (0.058 * profile + 0.030 * GLASS + 0.030 * 260 * TRUCK + 2.2 * PVC + 3.5 * BOX + 240e3 / 8000 * ELEC)
    assert got["DOOR-80"]["total_kgco2e"] == pytest.approx(door, rel=REL)
    # the in-house profile lands in the window's raw-material stage
    assert got["WIN-60"]["by_stage"]["raw_materials"] == pytest.approx(window - 410e3 / 20000 * ELEC, rel=REL)
    for p in got.values():
        assert p["warnings"] == []
        assert all(c["factor_source"] for c in p["contributions"] if "factor" in c)


def test_demo_project_file_recomputes_the_same(tmp_path, capsys):
    main(["demo", "--out", str(tmp_path)])
    capsys.readouterr()
    assert main(["compute", str(tmp_path / "demo.pcfdesk"), "--product", "WIN-60", "--json", "--gwp", "AR5"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in doc["products"]] == ["WIN-60"]
    assert doc["products"][0]["gwp_set"] == "AR5"
    from core.credit_code import is_valid_credit_code
    from core.project import Project
    with Project.open(tmp_path / "demo.pcfdesk", read_only=True) as project:
        org = project.data().organization
        assert org is not None and org.name.startswith("苏州") and is_valid_credit_code(org.credit_code)
        # the built-in library was loaded into the project
        assert sum(d.factor_count for d in project.datasets() if d.is_builtin) > 250
