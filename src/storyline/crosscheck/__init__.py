"""Cross-article work: resolving entities, aligning claims, finding duplicates, profiling sources."""

from __future__ import annotations

from storyline.crosscheck.entities import resolve_entities
from storyline.crosscheck.run import crosscheck, profile_sources

__all__ = ["crosscheck", "profile_sources", "resolve_entities"]
