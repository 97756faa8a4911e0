"""Read standard input (`-`): JSON Lines records, or a list of paths and URLs, one a line."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import IO

from storyline.config import Settings
from storyline.errors import EmptyInput, UnreadableInput
from storyline.ingest.decode import binary_kind
from storyline.ingest.problems import Item, guarded
from storyline.ingest.records import read_jsonl_stream
from storyline.model import InputProblem

STDIN = "-"
# How documents read from standard input are named: `<stdin>#L3` for the record on its third line.
STDIN_SOURCE = "<stdin>"
_SPACE = b" \t\r\n\f\v"
# A path or URL is far shorter; a longer line is not one, and is not held in memory.
_MAX_LINE = 65536
_WHAT_TO_PIPE = "pipe in JSON Lines, or paths and URLs one a line"


def read_stdin(
    stream: IO[bytes], settings: Settings, read_one: Callable[[str], Iterator[Item]]
) -> Iterator[Item]:
    """Records when standard input is JSON Lines (its first character is `{`), else one input a line.

    Each listed path or URL is read by `read_one`, as if it had been given on
    the command line, and its failures are its own problem lines.
    """
    peekable = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    line = _skip_blank(peekable)
    head = peekable.peek(1)[:1]  # type: ignore[attr-defined]
    if not head:
        raise EmptyInput(STDIN_SOURCE, f"nothing on standard input; {_WHAT_TO_PIPE}")
    what = binary_kind(peekable.peek(512))  # type: ignore[attr-defined]
    if what:
        reason = f"binary data (looks like {what}); {_WHAT_TO_PIPE}"
        raise UnreadableInput(STDIN_SOURCE, reason)
    if head == b"{":
        yield from read_jsonl_stream(peekable, STDIN_SOURCE, settings, first_line=line)
        return
    number = line - 1
    while raw := peekable.readline(_MAX_LINE):
        number += 1
        where = f"{STDIN_SOURCE}#L{number}"
        if len(raw) == _MAX_LINE and not raw.endswith(b"\n"):
            while (rest := peekable.readline(_MAX_LINE)) and not rest.endswith(b"\n"):
                pass  # the rest of a line too long to be a path or URL, dropped unread
            yield InputProblem(where, "a line too long to be a path or URL", "unsupported")
            continue
        given = raw.decode("utf-8", "surrogateescape").strip()
        if given == STDIN:
            yield InputProblem(where, "`-` inside standard input names nothing", "unsupported")
        elif given:
            yield from guarded(given, read_one(given))


def _skip_blank(stream: IO[bytes]) -> int:
    """Consume leading white space; the number of the line where the content starts."""
    line = 1
    while (byte := stream.peek(1)[:1]) and byte in _SPACE:  # type: ignore[attr-defined]
        line += stream.read(1) == b"\n"
    return line
