"""Fixtures shared by the test suite: the sample corpus and a parsed-story builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "storyline" / "samples"


@pytest.fixture
def settings() -> Settings:
    """Small limits so tests of caps and timeouts run fast; one process."""
    return Settings(max_bytes=2 * 1024 * 1024, timeout=3.0, max_redirects=3, jobs=1)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
