"""Draw the PCF Desk icon: a green leaf whose midrib and veins read as a footprint's outline, on a rounded white tile.

Drawn here with Pillow (no third-party artwork). Writes `pcf-desk.png` (512 px) and `pcf-desk.ico` (16–256 px) next to
this file:

    python installers/icon/make_icon.py
"""
from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
GREEN, DARK, LIGHT, TILE = (46, 160, 67, 255), (22, 101, 52, 255), (187, 230, 196, 255), (247, 250, 246, 255)


def _leaf_polygon(cx: float, cy: float, length: float, width: float, angle: float, steps: int = 96):
    """A pointed leaf (two circular arcs meeting at tip and stem), rotated by `angle` degrees around its centre."""
    points = []
    for side in (1, -1):
        rng = range(steps + 1) if side == 1 else range(steps, -1, -1)
        for i in rng:
            t = i / steps
            x = (t - 0.5) * length
            y = side * width / 2 * math.sin(math.pi * t) ** 0.8
            points.append((x, y))
    a = math.radians(angle)
    return [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)) for x, y in points]


def _footprint(size: int) -> Image.Image:
    """An upright right footprint (sole, heel, five toes) in the leaf's light green on a transparent square."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size
    d.ellipse((0.36 * s, 0.62 * s, 0.62 * s, 0.95 * s), fill=LIGHT)          # heel
    d.ellipse((0.30 * s, 0.28 * s, 0.70 * s, 0.66 * s), fill=LIGHT)          # ball
    d.polygon([(0.37 * s, 0.55 * s), (0.66 * s, 0.55 * s), (0.60 * s, 0.80 * s), (0.39 * s, 0.80 * s)], fill=LIGHT)
    for x, y, r in [(0.36, 0.17, 0.075), (0.49, 0.12, 0.058), (0.59, 0.135, 0.05), (0.67, 0.175, 0.043),
                    (0.73, 0.235, 0.037)]:
        d.ellipse(((x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s), fill=LIGHT)
    return img


def draw(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size * 0.04
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size * 0.2, fill=TILE, outline=LIGHT,
                        width=max(2, size // 64))
    cx, cy, angle = size * 0.5, size * 0.54, -55
    d.polygon(_leaf_polygon(cx, cy, size * 0.78, size * 0.5, angle), fill=GREEN)
    a = math.radians(angle)
    half = size * 0.39
    stem = (cx - half * math.cos(a), cy - half * math.sin(a))
    stalk = (stem[0] - size * 0.09 * math.cos(a), stem[1] - size * 0.09 * math.sin(a))
    inner = (stem[0] + size * 0.06 * math.cos(a), stem[1] + size * 0.06 * math.sin(a))
    d.line([stalk, inner], fill=DARK, width=max(2, size // 36))
    foot = _footprint(int(size * 0.5))
    foot = foot.rotate(-(90 + angle), resample=Image.Resampling.BICUBIC, expand=True)
    img.alpha_composite(foot, (int(cx - foot.width / 2), int(cy - foot.height / 2)))
    return img.filter(ImageFilter.SMOOTH)


def main() -> None:
    big = draw(1024)
    big.resize((512, 512), Image.Resampling.LANCZOS).save(HERE / "pcf-desk.png", optimize=True)
    big.save(HERE / "pcf-desk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(HERE / "pcf-desk.png", HERE / "pcf-desk.ico")


if __name__ == "__main__":
    main()
