"""storyline: turn a pile of news articles into a sourced, cross-checked model of their story."""

from __future__ import annotations

__version__ = "0.1.0"

from storyline.config import Settings  # noqa: E402
from storyline.errors import (  # noqa: E402
    BadArgument,
    FolderInUse,
    InputError,
    NothingToAnalyze,
    OutputFolderError,
    StorylineError,
    UnreachableInput,
    UnreadableInput,
    UnsupportedFormat,
)
from storyline.model import Article, Story  # noqa: E402
from storyline.pipeline import analyze  # noqa: E402

__all__ = [
    "Article",
    "BadArgument",
    "FolderInUse",
    "InputError",
    "NothingToAnalyze",
    "OutputFolderError",
    "Settings",
    "Story",
    "StorylineError",
    "UnreachableInput",
    "UnreadableInput",
    "UnsupportedFormat",
    "__version__",
    "analyze",
]
