"""Messages the engine shows to people, looked up by id in `resources/i18n/*_messages.json`.

The engine speaks zh_CN or en; the catalogue holds both so a missing translation is caught by a test, not by a user.
"""
from __future__ import annotations

import json
import locale
import os
from functools import lru_cache

from core.paths import resource_path

SUPPORTED = ("zh_CN", "en")
_current: str | None = None


def _detect() -> str:
    wanted = os.environ.get("PCF_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    if not wanted:
        try:
            wanted = locale.getlocale()[0] or ""
        except ValueError:
            wanted = ""
    return "zh_CN" if wanted.lower().startswith(("zh", "chinese")) else "en"


def language() -> str:
    global _current
    if _current is None:
        _current = _detect()
    return _current


def normalise_language(lang: str | None) -> str:
    """'zh', 'zh-CN', 'zh_CN' → 'zh_CN'; anything else → 'en'; None → the current language."""
    if lang is None:
        return language()
    return "zh_CN" if lang.lower().replace("-", "_").startswith("zh") else "en"


def set_language(lang: str) -> None:
    """The language of messages shown to the user (the CLI's --lang, the GUI's menu). Documents do not use it:
    they take their language as an argument, so a worker thread writing one never switches the user's."""
    global _current
    _current = normalise_language(lang)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All `resources/i18n/*_messages.json` files merged (one per area: engine, workbook, store, ...)."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(resource_path("i18n").glob("*_messages.json")):
        with open(path, encoding="utf-8") as fh:
            for key, entry in json.load(fh).items():
                if key in merged:
                    raise ValueError(f"message id {key!r} defined twice (second time in {path.name})")
                merged[key] = entry
    return merged


def tr(message_id: str, lang: str | None = None, **params: object) -> str:
    entry = catalogue().get(message_id)
    if entry is None:
        return message_id + (f" {params}" if params else "")
    text = entry.get(lang or language()) or entry["en"]
    return text.format_map(_Params(params)) if params else text


class _Params(dict):
    """Leaves a placeholder the caller did not fill as it is, instead of failing while reporting an error."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def has_message(message_id: str) -> bool:
    return message_id in catalogue()
