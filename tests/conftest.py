"""Shared test set-up: English messages (assertions read them), paths to the shared reference material."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PCF_LANG"] = "en"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _english_messages():
    from core.i18n import set_language
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"the shared reference folder is missing: {SHARED}")
    return SHARED
