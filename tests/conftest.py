"""Fixtures shared by the test suite: the sample corpus, small settings, and an extractor that breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@pytest.fixture
def poisoned_extraction(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Extraction raises on any article whose text holds "POISON"; returns the real extractor, for a
    test that puts it back."""
    import storyline.extract as extract

    real = extract.extract_article

    def fragile(article: Any, doc: Any) -> Any:
        if "POISON" in article.text:
            raise RuntimeError("extractor broke")
        return real(article, doc)

    monkeypatch.setattr(extract, "extract_article", fragile)
    return real
