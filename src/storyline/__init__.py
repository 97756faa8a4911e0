"""storyline: turn a pile of news articles into a sourced, cross-checked model of their story."""

from __future__ import annotations

import os

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


def load(folder: str | os.PathLike[str]) -> Story:
    """The story an `analyze` run wrote into `folder`, read back from its story.json.

    Raises `BadArgument` for a folder that is not a path, and another
    `StorylineError` naming the folder when it holds no readable story.
    """
    from storyline.export import load_story

    if not isinstance(folder, str | os.PathLike):
        raise BadArgument("folder", folder, "not a folder path; give a str or an os.PathLike")
    return load_story(os.fsdecode(os.fspath(folder)))


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
    "load",
]
