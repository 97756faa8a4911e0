"""Cross-article work: resolving entities, aligning claims, finding duplicates, profiling sources."""

from __future__ import annotations

from storyline.crosscheck.entities import resolve_entities
from storyline.crosscheck.run import (
    SourceProfile,
    cluster_stories,
    crosscheck,
    crosscheck_stories,
    profile_sources,
    story_index,
)

__all__ = [
    "SourceProfile",
    "cluster_stories",
    "crosscheck",
    "crosscheck_stories",
    "profile_sources",
    "resolve_entities",
    "story_index",
]
