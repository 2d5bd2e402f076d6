"""Test-wide setup: headless Qt, isolated data folders, the shared sample paths."""

from __future__ import annotations

import os
from pathlib import Path

# Qt aborts the process without a display unless told to render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "000_18547a522deeb663.txt"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user's library, settings or logs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("ARCHIVIST_LIBRARY", raising=False)


@pytest.fixture
def sample_path() -> Path:
    assert SAMPLE.is_file(), f"shared sample missing at {SAMPLE}"
    return SAMPLE
