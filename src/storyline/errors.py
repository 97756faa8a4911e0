"""The exceptions storyline raises; each message names the input and what to do."""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input could not be turned into documents. `source` names it as given."""

    kind = "unreadable"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    """The bytes are there but are not text we can read (binary, broken, empty)."""


class EmptyInput(UnreadableInput):
    kind = "empty"


class InputTooLarge(InputError):
    kind = "too_large"


class UnsupportedFormat(InputError):
    kind = "unsupported"


class UnreachableInput(InputError):
    """A URL that could not be fetched: no route, DNS failure, timeout, HTTP error."""

    kind = "unreachable"


class HTTPStatusError(UnreachableInput):
    kind = "http_error"


class NotAFeed(InputError):
    kind = "not_a_feed"


class NothingToAnalyze(StorylineError):
    """Every input failed; there is no article to build a story from."""


class BadArgument(StorylineError, TypeError):
    """A Python API argument of the wrong kind (None, a number, ...); `argument` names it."""

    def __init__(self, argument: str, value: object, reason: str) -> None:
        super().__init__(f"{argument} ({_shown(value)}): {reason}")
        self.argument = argument
        self.value = value
        self.reason = reason


class OutputFolderError(StorylineError):
    """The output folder cannot be used: it is a file, cannot be created, or is not writable."""

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder = folder
        self.reason = reason


class FolderInUse(OutputFolderError):
    """Another run holds the folder's database; two runs must not write one store at once."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class RefusedInput(InputError):
    """A URL storyline will not fetch: it leads to a non-public address, or robots.txt forbids it."""

    kind = "refused"
