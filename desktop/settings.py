"""The user's settings (window state, recent projects, language) through QSettings: in the registry on Windows,
~/.config on Linux, never next to the program (an installed program folder is read-only)."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "PCF Desk"
APPLICATION = "PCF Desk"
MAX_RECENT = 8
LANGUAGES = ("zh_CN", "en")


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings or QSettings(ORGANIZATION, APPLICATION)

    @property
    def language(self) -> str:
        value = str(self.q.value("language", "zh_CN"))
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("language", value)

    def recent(self) -> list[Path]:
        raw = self.q.value("recent", []) or []
        items = [raw] if isinstance(raw, str) else list(raw)
        return [Path(p) for p in items if p and Path(p).exists()]      # a moved or deleted file is not offered

    def add_recent(self, path: Path, products: list[str] | None = None) -> None:
        """Put `path` first; `products` (their names) are remembered for the start page, which reads no project."""
        items = [str(path)] + [str(p) for p in self.recent() if Path(p) != path]
        self.q.setValue("recent", items[:MAX_RECENT])
        if products is not None:
            names = dict(self._recent_products())
            names[str(path)] = "、".join(products)
            self.q.setValue("recent_products", json.dumps({k: v for k, v in names.items() if k in items[:MAX_RECENT]},
                                                          ensure_ascii=False))

    def recent_products(self, path: Path) -> str:
        return self._recent_products().get(str(path), "")

    def _recent_products(self) -> dict[str, str]:
        try:
            value = json.loads(str(self.q.value("recent_products", "{}") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def value(self, key: str, default: object = None) -> object:
        return self.q.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self.q.setValue(key, value)
