"""Factor-file import benchmark: a 200,000-row national factor database download, read by pandas alone, by the
importer (file -> validated factors + report) and imported into a fresh project (factors, flows, search index).

Why measure against pandas in the same run: the importer is built on pandas' C reader, so "a few times what pandas
alone needs to read the same file" is a target that does not depend on the machine. Target: read_factor_file <= 3x
pandas.read_csv with its defaults. The file mimics a real download: UTF-8 with BOM, Chinese headers and names, six
unit texts (one needing a conversion: tCO2/万Nm3), one value in 500 written with thousands separators.

    python benchmarks/factor_import_200k.py [--rows 200000] [--repeat 5] [--seed 7]
"""
from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.library.factor_import import RowStatus, read_factor_file
from core.project import Project

HEADER = ["因子编号", "名称", "类别", "排放因子", "单位", "数据来源", "年份", "地区", "不确定性", "备注"]
TARGET_RATIO = 3.0

# What a national database holds: (category, id prefix, unit texts with a typical value range, names, specs).
# Names are built as [region] base [spec] [process], so two-character words (钢材, 电力) hit thousands of rows and
# a full name a handful, as in the real thing.
_KG = [("kgCO2e/kg", 0.2, 30.0)]
_T = [("tCO2e/t", 0.2, 30.0), ("kgCO2e/吨", 200.0, 30000.0)]
FAMILIES: list[tuple[str, str, list[tuple[str, float, float]], list[str], list[str]]] = [
    ("钢材", "STL", _KG + _T,
     ["热轧钢板", "冷轧钢板", "镀锌钢板", "彩涂钢板", "螺纹钢", "高速线材", "无缝钢管", "焊接钢管", "H型钢", "工字钢",
      "角钢", "不锈钢板", "不锈钢管", "硅钢片", "钢筋", "钢坯", "生铁", "铸铁件", "铸钢件", "钢丝绳"],
     ["Q235", "Q345B", "HRB400", "HRB500", "304", "316L", "δ=6mm", "δ=12mm", "Φ12", "Φ25", "DN100", "SPCC"]),
    ("有色金属", "NFM", _KG + _T,
     ["电解铝", "原铝", "再生铝", "铝型材", "铝板带", "铝箔", "阴极铜", "铜杆", "铜管", "铜箔", "锌锭", "铅锭", "镍板",
      "工业硅", "海绵钛", "镁锭"],
     ["6063", "1060", "T2", "99.7%", "0.2mm", "Φ8", "A00"]),
    ("建材", "BLD", _KG + _T + [("kgCO2e/m3", 150.0, 600.0)],
     ["普通硅酸盐水泥", "矿渣硅酸盐水泥", "水泥熟料", "商品混凝土", "预拌砂浆", "加气混凝土砌块", "烧结砖", "平板玻璃",
      "钢化玻璃", "中空玻璃", "石灰", "石膏板", "岩棉板", "挤塑聚苯板", "陶瓷砖", "卫生陶瓷", "沥青", "碎石", "砂"],
     ["P.O 42.5", "P.O 52.5", "P.S.A 32.5", "C30", "C40", "C50", "B06", "5mm", "8mm", "M10"]),
    ("化工", "CHM", _KG + _T,
     ["高密度聚乙烯", "低密度聚乙烯", "聚丙烯", "聚氯乙烯", "ABS树脂", "聚苯乙烯", "PET切片", "尼龙66", "环氧树脂",
      "甲醇", "合成氨", "尿素", "硫酸", "烧碱", "纯碱", "乙烯", "丙烯", "苯乙烯", "醋酸", "双氧水", "钛白粉"],
     ["注塑级", "薄膜级", "纤维级", "工业级", "食品级", "98%", "27.5%", "金红石型"]),
    ("化石燃料", "FUE", [("kgCO2e/kg", 2.0, 3.6), ("tCO2e/t", 2.0, 3.6), ("kgCO2e/吨", 1800.0, 3600.0)],
     ["原煤", "洗精煤", "褐煤", "焦炭", "柴油", "汽油", "煤油", "燃料油", "液化石油气", "石油焦", "沥青燃料", "型煤"],
     ["0号", "92号", "95号", "-10号", "国VI", "低硫", "高热值"]),
    ("气体燃料", "GAS", [("tCO2/万Nm3", 15.0, 25.0), ("kgCO2e/m3", 1.5, 2.5)],
     ["天然气", "焦炉煤气", "高炉煤气", "转炉煤气", "液化天然气", "炼厂干气", "沼气", "煤层气"],
     ["管道", "LNG气化", "CNG", "标况", "高热值", "低热值"]),
    ("电力", "ELE", [("kgCO2e/kWh", 0.1, 1.1)],
     ["电网电力", "电网平均电力", "火电", "燃煤发电", "燃气发电", "水电", "风电", "光伏发电", "核电", "生物质发电",
      "外购电力", "绿色电力"],
     ["10kV", "35kV", "110kV", "220kV", "上网电量", "用户侧"]),
    ("纸及木材", "PAP", _KG + _T,
     ["瓦楞纸板", "白卡纸", "牛皮纸", "新闻纸", "铜版纸", "纸浆", "胶合板", "刨花板", "中密度纤维板", "实木锯材"],
     ["AA楞", "250g", "E1级", "18mm", "漂白", "本色"]),
    ("纺织", "TEX", _KG + _T,
     ["棉纱", "涤纶短纤", "涤纶长丝", "粘胶纤维", "锦纶", "棉布", "针织布", "羊毛", "蚕丝"],
     ["32支", "40支", "150D", "染色", "漂白", "坯布"]),
    ("农产品", "AGR", _KG + _T,
     ["大米", "小麦", "玉米", "大豆", "猪肉", "牛肉", "鸡肉", "牛奶", "鸡蛋", "马铃薯", "蔬菜", "水果", "茶叶",
      "棉花", "甘蔗"],
     ["散装", "冷鲜", "有机", "灌溉", "旱作", "规模化养殖"]),
]
PER_TONNE = [f for f in FAMILIES if any(u == "kgCO2e/吨" for u, _, _ in f[2])]
ENGLISH = {"热轧钢板": "Hot-rolled steel plate", "螺纹钢": "Rebar steel", "不锈钢板": "Stainless steel sheet",
           "电解铝": "Primary aluminium", "铝型材": "Aluminium profile", "阴极铜": "Copper cathode",
           "普通硅酸盐水泥": "Portland cement", "商品混凝土": "Ready-mix concrete", "平板玻璃": "Float glass",
           "高密度聚乙烯": "HDPE", "聚丙烯": "Polypropylene", "聚氯乙烯": "PVC", "甲醇": "Methanol",
           "柴油": "Diesel oil", "汽油": "Gasoline", "原煤": "Raw coal", "焦炭": "Coke", "天然气": "Natural gas",
           "液化石油气": "LPG", "电网电力": "Grid electricity", "光伏发电": "Solar PV electricity",
           "瓦楞纸板": "Corrugated board", "棉纱": "Cotton yarn", "大米": "Rice", "牛奶": "Milk"}
GRIDS = ["华北", "东北", "华东", "华中", "西北", "南方", "西南"]
PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "陕西", "甘肃",
             "青海", "宁夏", "新疆"]
PROCESSES = ["", "", "", "（生产）", "（摇篮到大门）", "（含上游运输）", "（外购）", "（再生料）", "（行业平均）"]
SOURCES = ["中国产品全生命周期温室气体排放系数库", "省级温室气体清单编制指南", "生态环境部 电力二氧化碳排放因子",
           "中国生命周期基础数据库 CLCD", "行业协会调研数据", "企业温室气体排放核算方法与报告指南", "文献估算值"]
UNCERTAINTY = ["±5%", "±10%", "±15%", "±20%", "±30%", "", "低", "中", "高"]
NOTES = ["", "", "", "", "摇篮到大门", "含上游运输", "按热值折算", "估算值", "2019年调研", "见附录B"]


def generate(path: Path, rows: int, seed: int) -> Path:
    """A factor database download, written as UTF-8 with BOM; ids unique, values plain except 1 in 500."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(rows):
            grouped = i % 500 == 0          # the value written "12,345.67": fixed by the importer
            family = rng.choice(PER_TONNE if grouped else FAMILIES)
            category, prefix, units, bases, specs = family
            unit, low, high = ("kgCO2e/吨", 1000.0, 30000.0) if grouped else rng.choice(units)
            region = rng.choice(GRIDS) if category == "电力" and rng.random() < 0.5 else (
                rng.choice(PROVINCES) if rng.random() < 0.6 else "全国")
            base = rng.choice(bases)
            name = base
            if rng.random() < 0.3:
                name = f"{region}{name}"
            if rng.random() < 0.7:
                name = f"{name} {rng.choice(specs)}"
            name += rng.choice(PROCESSES)
            if base in ENGLISH and rng.random() < 0.35:
                name += f" {ENGLISH[base]}"
            value = rng.uniform(low, high)
            text = f"{value:,.2f}" if grouped else f"{value:.{rng.choice((3, 4, 5, 6))}g}"
            out.writerow([f"CN-{prefix}-{i + 1:06d}", name, category, text, unit, rng.choice(SOURCES),
                          rng.randint(2015, 2023), region, rng.choice(UNCERTAINTY), rng.choice(NOTES)])
    return path


def timed(run: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> list[float]:
    """Seconds of `repeat` runs after one warm-up; `before` (not timed) prepares each run."""
    times = []
    for i in range(repeat + 1):
        if before:
            before()
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        if i:
            times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        path = generate(folder / "national_factors.csv", args.rows, args.seed)
        print(f"generated {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
        read = read_factor_file(path)
        r = read.report
        print(f"report: encoding {r.encoding}, delimiter {r.delimiter!r}, "
              + ", ".join(f"{s.value} {r.count(s):,}" for s in RowStatus)
              + f"; units {sorted(set(read.batch.unit_texts))}")
        assert len(read.batch) == args.rows and r.count(RowStatus.REJECTED) == 0

        state = {"n": 0}
        project: dict[str, Project] = {}

        def fresh_project() -> None:
            if "p" in project:
                project.pop("p").close()
            state["n"] += 1
            project["p"] = Project.create(folder / f"p{state['n']}.pcfdesk")

        def full_import() -> None:
            result = project["p"].import_factors(path)
            assert result.imported == args.rows

        cases = [
            ("(1) pandas.read_csv(path)  [baseline]", timed(lambda: pd.read_csv(path), args.repeat)),
            ("(2) pandas.read_csv(dtype=str, keep_default_na=False)",
             timed(lambda: pd.read_csv(path, dtype=str, keep_default_na=False), args.repeat)),
            ("(3) read_factor_file(path)", timed(lambda: read_factor_file(path), args.repeat)),
            ("(4) Project.import_factors (fresh project)", timed(full_import, args.repeat, fresh_project)),
        ]
        project.pop("p").close()
    print(f"\n{'':56}{'best s':>9}{'median s':>10}")
    for label, times in cases:
        print(f"{label:56}{min(times):9.3f}{statistics.median(times):10.3f}")
    best = [min(t) for _, t in cases]
    median = [statistics.median(t) for _, t in cases]
    print(f"\n{'ratio':56}{'best':>9}{'median':>10}")
    for label, a, b in (("(3)/(1) importer vs pandas", 2, 0), ("(4)/(1) full import vs pandas", 3, 0),
                        ("(3)/(2) importer vs pandas as text", 2, 1)):
        print(f"{label:56}{best[a] / best[b]:9.2f}{median[a] / median[b]:10.2f}")
    ratio = best[2] / best[0]
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"\nimporter (3)/(1) = {ratio:.2f}x (best of {args.repeat}) {verdict} the target <= {TARGET_RATIO:g}x "
          f"(median ratio {median[2] / median[0]:.2f}x)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
