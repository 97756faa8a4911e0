"""Read the HTML and text pages out of a WARC web archive, one response record at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from storyline.config import Settings
from storyline.errors import EmptyInput
from storyline.ingest.decode import is_blank
from storyline.ingest.problems import Item, too_large_reason
from storyline.ingest.sniff import parse_content_type
from storyline.model import Hints, InputProblem, RawDocument

_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def read_warc(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    """Yield each successful HTML or text response (`crawl.warc.gz#record3`); skip every other record.

    Records are numbered among response records only, so the numbers do not
    depend on which responses hold pages.
    """
    number = 0
    found = False
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                number += 1
                item = _response(record, f"{source}#record{number}", settings)
                if item is not None:
                    found = True
                    yield item
        # A corrupt archive fails inside warcio and its decompressors with
        # assorted exception types (even AttributeError); all mean "damaged".
        except Exception as exc:  # noqa: BLE001
            found = True
            where = f" after response record {number}" if number else ""
            reason = f"damaged WARC file{where} ({type(exc).__name__}: {exc})"
            yield InputProblem(source, reason, "unreadable")
    if not found:
        raise EmptyInput(source, "no HTML or text responses in this WARC file")


def _response(record: Any, source: str, settings: Settings) -> Item | None:
    http = record.http_headers
    if http is None or not str(http.get_statuscode() or "").startswith("2"):
        return None  # redirects and errors carry no article
    media, charset = parse_content_type(http.get_header("Content-Type"))
    fmt = _FORMATS.get(media)
    if fmt is None:
        return None
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        return InputProblem(source, too_large_reason(settings.max_bytes), "too_large")
    if is_blank(data):
        return InputProblem(source, "the archived response is empty", "empty")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source, data, fmt, Hints(url=url or None), charset)
