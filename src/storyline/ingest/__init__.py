"""Ingestion: turn the inputs a user names (files, folders, URLs, feeds) into a stream of raw documents.

`read_inputs` never raises for a bad input: it yields an `InputProblem` for it
and goes on with the rest. Documents come out in a stable order: inputs in the
order given, the files of a folder sorted by path, a container's records in
their order inside it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence

from storyline.config import Settings
from storyline.ingest.decode import decode_text
from storyline.ingest.feeds import read_feed
from storyline.ingest.files import read_path
from storyline.ingest.problems import Item, guarded
from storyline.ingest.stdin import STDIN, read_stdin
from storyline.ingest.web import Fetcher, is_url
from storyline.model import Hints, InputProblem, RawDocument

__all__ = ["decode_text", "read_inputs"]

_OTHER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")


def read_inputs(inputs: Sequence[str], settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """Yield a `RawDocument` for every document found in `inputs`, or an `InputProblem` per failure.

    Each input is a URL (`http://`, `https://`), a file, a folder (read
    recursively), or `-` for standard input: JSON Lines records, or paths and
    URLs one a line. Streaming: a large corpus is read a record at a time.
    """
    if isinstance(inputs, str):  # one path passed bare would otherwise be read letter by letter
        inputs = [inputs]
    fetcher = Fetcher(settings)
    try:
        for given in inputs:
            yield from guarded(given, _read_one(given, settings, fetcher))
    finally:
        fetcher.close()


def _read_one(given: str, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    if not given.strip():
        yield InputProblem(given, "an empty name names no file, folder or URL", "unsupported")
        return
    if given == STDIN:
        yield from read_stdin(sys.stdin.buffer, settings, lambda line: _read_one(line, settings, fetcher))
        return
    if is_url(given):
        yield from read_url(given, settings, fetcher)
        return
    scheme = _OTHER_SCHEME.match(given)
    if scheme:
        reason = f"unsupported URL scheme {scheme.group(1)}://; use http:// or https://"
        yield InputProblem(given, reason, "unsupported")
        return
    yield from read_path(given, settings, fetcher)


def read_url(given: str, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    """The page at a URL as one document, or each entry of the feed there."""
    download = fetcher.get(given, given, typed=True)
    if download.format == "feed":
        yield from read_feed(download.data, given, settings, fetcher, download.url, download.charset)
    else:
        yield RawDocument(given, download.data, download.format, Hints(url=download.url), download.charset)
