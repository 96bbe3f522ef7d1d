"""Engine benchmark: 5,000 products x 20 activities (about two of them links to other products, loops allowed).

Prints the time to compute every product's footprint (totals, by stage, by gas) from the domain objects, and the
peak memory. Reference on the 2-core development machine (from the spine issue): Brightway's bw2calc needs about
0.36 s to build and solve such a system for ONE product, and ~3 ms per further product (~15 s for all 5,000).
Target: all 5,000 products in less time than Brightway's first one, peak memory under 500 MB.

    python benchmarks/engine_5000_products.py [--products 5000] [--seed 1] [--lu]
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.domain import Activity, Basis, EmissionFactor, Product, Study
from core.engine import compile_system, solve
from core.engine.results import ProjectResult
from core.engine.solve import direct_flows
from core.gwp import GwpSet
from core.lifecycle import STAGES, Boundary
from core.units import Amount

BRIGHTWAY_FIRST_PRODUCT_S = 0.36
UNITS = {"kg": ("kg", "g", "t"), "kWh": ("kWh", "MWh", "度"), "t*km": ("t",), "GJ": ("GJ", "MJ")}


def build(n_products: int, seed: int) -> tuple[list[Product], dict[str, EmissionFactor]]:
    rng = random.Random(seed)
    factors: dict[str, EmissionFactor] = {}
    for i in range(500):
        unit = rng.choice(list(UNITS))
        flows = {"co2_fossil": rng.uniform(0.1, 5)}
        if i % 3 == 0:
            flows.update(ch4_fossil=rng.uniform(0, 1e-3), n2o=rng.uniform(0, 1e-4))
        if i % 7 == 0:
            flows.update(co2_biogenic=rng.uniform(0, 1), co2_biogenic_removal=rng.uniform(0, 1))
        factors[f"F{i}"] = EmissionFactor(code=f"F{i}", name=f"factor {i}", unit=unit, flows=flows, source="synthetic")
    codes = [f"P{i}" for i in range(n_products)]
    products = []
    for i, code in enumerate(codes):
        acts = []
        for j in range(20):
            stage = STAGES[j % 5]
            if j < 2:   # two links to other products (loops allowed), small amounts keep the system solvable
                acts.append(Activity(stage=stage, name=f"link {j}", amount=rng.uniform(0.01, 0.3), unit="kg",
                                     factor_ref=f"product:{rng.choice(codes)}"))
                continue
            f = factors[f"F{rng.randrange(500)}"]
            unit = rng.choice(UNITS[f.unit])
            per_period = j % 4 == 0
            acts.append(Activity(stage=stage, name=f"act {j}", amount=rng.uniform(0.1, 100), unit=unit,
                                 basis=Basis.PER_PERIOD if per_period else Basis.PER_UNIT, factor_ref=f.code,
                                 distance_km=rng.uniform(10, 1000) if f.unit == "t*km" else None))
        study = Study(boundary=Boundary.CRADLE_TO_GRAVE, activities=acts,
                      period_output=Amount(rng.uniform(1e3, 1e5), "kg"))
        products.append(Product(code=code, name=code, declared_unit=Amount(1, "kg"), study=study))
    return products, factors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lu", action="store_true", help="skip the power series: always factorise (I - A) with SuperLU")
    args = ap.parse_args()
    if args.lu:
        import importlib
        importlib.import_module("core.engine.solve").MAX_SERIES_STEPS = 0

    t0 = time.perf_counter()
    products, factors = build(args.products, args.seed)
    t_build = time.perf_counter() - t0
    n_acts = sum(len(p.study.activities) for p in products)

    def run() -> tuple[float, float, object]:
        t1 = time.perf_counter()
        compiled = compile_system(products, factors)
        t2 = time.perf_counter()
        solved = solve(compiled)
        result = ProjectResult(solved, products)
        totals = result.totals_kgco2e(GwpSet.AR6)                 # every product's CFP
        by_stage = result.by_stage_kgco2e(GwpSet.AR6)             # every product x stage
        by_gas = solved.totals                                    # every product x gas (kg)
        t3 = time.perf_counter()
        return t2 - t1, t3 - t2, (compiled, solved, result, totals, by_stage, by_gas)

    runs = [run() for _ in range(args.repeat)]
    compile_s = sorted(r[0] for r in runs)[len(runs) // 2]
    solve_s = sorted(r[1] for r in runs)[len(runs) // 2]
    best = min(r[0] + r[1] for r in runs)
    compiled, solved, result, totals, by_stage, by_gas = runs[0][2]

    tracemalloc.start()
    run()
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # correctness: stages add up to totals, (I - A) T = D holds, and one product's detail matches the arrays
    n = compiled.n_products
    a = sp.csr_matrix((compiled.la_coef, (compiled.la_product, compiled.la_target)), shape=(n, n))
    d = direct_flows(compiled).sum(axis=0)
    residual = np.abs(solved.totals - a @ solved.totals - d).max() / np.abs(solved.totals).max()
    assert np.allclose(by_stage.sum(axis=1), totals, rtol=1e-9)
    assert residual < 1e-12
    one = result.product(products[0].code)
    assert abs(one.total_kgco2e - totals[0]) <= 1e-9 * abs(totals[0])

    total_s = compile_s + solve_s
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"products: {n}  activities: {n_acts}  links: {len(compiled.la_coef)}  gases: {by_gas.shape[1]}")
    print(f"build synthetic domain objects: {t_build:.3f} s (not part of the computation)")
    print(f"median of {args.repeat} runs:")
    print(f"  compile (units, bases, allocation, links): {compile_s:.3f} s")
    print(f"  solve all products + totals, by stage, by gas: {solve_s:.3f} s")
    print(f"  TOTAL compute for all {n} products: {total_s:.3f} s (best run {best:.3f} s)")
    print(f"  Brightway reference, first product only: {BRIGHTWAY_FIRST_PRODUCT_S} s -> ratio "
          f"{total_s / BRIGHTWAY_FIRST_PRODUCT_S:.2f}; for all 5,000 about 15 s -> ratio {total_s / 15:.3f}")
    print(f"peak memory: {peak_traced / 2**20:.1f} MB allocated by the computation (tracemalloc); "
          f"process peak RSS {peak_rss_mb:.1f} MB (target < 500 MB)")
    print(f"check: relative residual of (I - A) T = D: {residual:.1e}; stages add up; sample {one.code} = "
          f"{one.total_kgco2e:.6f} kg CO2e per kg")
    print("TARGET MET" if total_s < BRIGHTWAY_FIRST_PRODUCT_S and peak_rss_mb < 500 else "TARGET MISSED")


if __name__ == "__main__":
    main()
