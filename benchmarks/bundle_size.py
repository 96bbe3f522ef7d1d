"""Size of the PyInstaller bundle: the total unpacked size and its 10 largest items (files and top folders).

    python benchmarks/bundle_size.py [BUNDLE]     # default: dist/pcf-desk (built by installers/build.py)
    python benchmarks/bundle_size.py --build      # build it first

Symbolic links count as links (a few bytes), not as the files they point to, like the disk space they use.
Target for the Linux build: under 150 MB unpacked.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "dist" / "pcf-desk"
TARGET_MB = 150


def file_sizes(bundle: Path) -> dict[Path, int]:
    """Every regular file under `bundle` (not following symbolic links) and its size in bytes."""
    if bundle.is_file():
        return {bundle: bundle.stat().st_size}
    return {p: p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()}


def total_size(bundle: Path) -> int:
    return sum(file_sizes(bundle).values())


def largest(bundle: Path, count: int = 10, depth: int = 2) -> list[tuple[str, int]]:
    """The largest items: folders summed up to `depth` levels below the bundle (and the files at those levels)."""
    sizes = file_sizes(bundle)
    items: Counter[str] = Counter()
    for path, size in sizes.items():
        rel = path.relative_to(bundle).parts if bundle.is_dir() else (path.name,)
        if rel and rel[0] == "_internal":   # look inside PyInstaller's contents folder
            rel = rel[1:]
        items["/".join(rel[:depth])] += size
    return items.most_common(count)


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def report(bundle: Path) -> int:
    sizes = file_sizes(bundle)
    total = sum(sizes.values())
    print(f"bundle: {bundle}")
    print(f"total unpacked: {mb(total)} in {len(sizes)} files (target for Linux: under {TARGET_MB} MB)")
    print("largest items:")
    for name, size in largest(bundle):
        print(f"  {mb(size):>10}  {name}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--build", action="store_true", help="run installers/build.py first")
    args = parser.parse_args(argv)
    if args.build:
        subprocess.run([sys.executable, str(ROOT / "installers" / "build.py"), "--out", str(args.bundle.parent)],
                       check=True)
    if not args.bundle.exists():
        print(f"no bundle at {args.bundle}: run `python installers/build.py` (or this script with --build)")
        return 2
    total = report(args.bundle)
    if total >= TARGET_MB * 1e6:
        print(f"over the {TARGET_MB} MB target by {mb(int(total - TARGET_MB * 1e6))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
