"""Read the pages of a WARC web archive, a response record at a time, naming what any damage loses."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from storyline.config import Settings
from storyline.errors import EmptyInput
from storyline.ingest.decode import is_blank
from storyline.ingest.problems import Item, human_size, too_large_reason
from storyline.ingest.sniff import parse_content_type
from storyline.model import Hints, InputProblem, RawDocument

_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_BLOCK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
# Blank lines close every record; more unread bytes than this at the end are a cut record.
_TRAILING_SLACK = 8


class _Inflated:
    """A WARC file as an uncompressed stream, whether or not it is gzipped, noting a cut inside a gzip member.

    warcio reads a truncated gzip member as far as it goes and then stops
    without a word; decompressing here tells a clean end from a cut one.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._pending = raw.read(_BLOCK)
        self._gzipped = self._pending.startswith(_GZIP_MAGIC)
        self._inflater: Any = zlib.decompressobj(16 + zlib.MAX_WBITS) if self._gzipped else None
        self._position = 0
        self.cut = False  # the file ends inside a gzip member
        self.finished = False  # every byte of the file was read

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        data = self._next(size if size and size > 0 else _BLOCK)
        self._position += len(data)
        return data

    def _next(self, size: int) -> bytes:
        if not self._gzipped:
            data, self._pending = (self._pending or self._raw.read(size)), b""
            self.finished = not data
            return data
        while True:
            inflater = self._inflater
            if inflater.unconsumed_tail:
                data = inflater.decompress(inflater.unconsumed_tail, size)
            elif inflater.eof:
                rest = inflater.unused_data or self._pending or self._raw.read(_BLOCK)
                self._pending = b""
                if not rest:
                    self.finished = True
                    return b""
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                data = self._inflater.decompress(rest, size)
            else:
                chunk, self._pending = (self._pending or self._raw.read(_BLOCK)), b""
                if not chunk:
                    self.cut = self.finished = True
                    return b""
                data = inflater.decompress(chunk, size)
            if data:
                return data


def read_warc(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    """Yield each successful HTML or text response (`crawl.warc.gz#record3`); skip every other record.

    Records are numbered among response records only, so the numbers do not
    depend on which responses hold pages. A record the file ends inside, and a
    file that ends inside a compressed block or in the middle of a record's
    headers, each give a problem line naming what was lost.
    """
    number = 0
    found = False
    cut_record = False
    with path.open("rb") as raw:
        stream = _Inflated(raw)
        archive = ArchiveIterator(stream)
        try:
            for record in archive:
                item = None
                if record.rec_type == "response":
                    number += 1
                    item = _response(record, f"{source}#record{number}", settings)
                lost = _shortfall(record)
                if lost is not None:
                    cut_record = found = True
                    yield _cut(record, source, number, lost)
                    continue
                if item is not None:
                    found = True
                    yield item
        # A corrupt archive fails inside warcio and its decompressors with
        # assorted exception types (even AttributeError); all mean "damaged".
        except Exception as exc:  # noqa: BLE001
            found = True
            where = f" after response record {number}" if number else ""
            reason = f"damaged WARC file{where} ({type(exc).__name__}: {exc})"
            if stream.finished:  # the parse failed on the last bytes there are: a cut, not junk
                reason = f"truncated: the file ends inside a record's headers{where}; that record is lost"
            yield InputProblem(source, reason, "unreadable")
            return
        if not cut_record:
            problem = _truncation(stream, archive, source, number)
            if problem is not None:
                found = True
                yield problem
    if not found:
        raise EmptyInput(source, "no HTML or text responses in this WARC file")


def _shortfall(record: Any) -> int | None:
    """How many bytes of `record` the file lacks, when it ends inside the record; else None."""
    body = record.raw_stream
    while body.read(_BLOCK):
        pass  # read to the record's end, so the limit left over is what the file lacks
    missing = getattr(body, "limit", 0)
    return missing if missing > 0 else None


def _cut(record: Any, source: str, number: int, missing: int) -> InputProblem:
    lost = f"its last {human_size(missing)} are missing; any records after it are lost"
    if record.rec_type == "response":
        reason = f"truncated: the archive ends inside this record, which is not read ({lost})"
        return InputProblem(f"{source}#record{number}", reason, "unreadable")
    after = f" after response record {number}" if number else ""
    reason = f"truncated: the archive ends inside a {record.rec_type} record{after} ({lost})"
    return InputProblem(source, reason, "unreadable")


def _truncation(stream: _Inflated, archive: ArchiveIterator, source: str, number: int) -> InputProblem | None:
    """A problem when the file ends inside a gzip member or in the middle of a record's headers."""
    after = f" after response record {number}" if number else " before its first response record"
    if stream.cut:
        reason = f"truncated: the file ends inside a compressed block{after}; whatever followed is lost"
        return InputProblem(source, reason, "unreadable")
    # warcio stops silently at a record whose headers are cut; its offset
    # says where the last whole record ended.
    if stream.finished and stream.tell() - archive.offset > _TRAILING_SLACK:
        unread = human_size(stream.tell() - archive.offset)
        reason = f"truncated: the file ends with {unread} of a cut record{after}; that record is lost"
        return InputProblem(source, reason, "unreadable")
    return None


def _response(record: Any, source: str, settings: Settings) -> Item | None:
    try:
        return _page(record, source, settings)
    # A damaged payload (bad chunking, a broken gzip body) spoils this record only.
    except Exception as exc:  # noqa: BLE001
        return InputProblem(source, f"damaged record ({type(exc).__name__}: {exc})", "unreadable")


def _page(record: Any, source: str, settings: Settings) -> Item | None:
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
