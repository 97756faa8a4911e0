"""Read article records from JSON, JSON Lines and Parquet files, streaming the large ones."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.config import Settings
from storyline.errors import EmptyInput, UnreadableInput, UnsupportedFormat
from storyline.ingest.decode import binary_kind, decode_text, is_blank
from storyline.ingest.problems import Item, too_large_reason
from storyline.ingest.sniff import looks_like_html
from storyline.model import Hints, InputProblem, RawDocument

# Where a record keeps its body, in order of preference; `text` and `html` say their format.
BODY_FIELDS = ("text", "html", "content", "body")
HINT_FIELDS = ("url", "title", "published", "date", "outlet", "source", "site", "authors", "author")
# Lists of records are sometimes wrapped in an object, as news APIs return them.
_LIST_KEYS = ("articles", "records", "items", "documents", "data")
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_DAY_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_PARQUET_BATCH_ROWS = 256


def record_document(record: object, source: str, settings: Settings) -> Item:
    """Turn one record (a JSON object or a table row) into a document, or say why it cannot be one."""
    if not isinstance(record, dict):
        return InputProblem(source, "not a JSON object; a record needs a text or html field", "unsupported")
    present = [name for name in BODY_FIELDS if name in record]
    if not present:
        return InputProblem(source, "record has no text, html, content or body field", "unsupported")
    name = next((n for n in present if isinstance(record[n], str) and record[n].strip()), None)
    if name is None:
        return InputProblem(source, f"record's {present[0]} field holds no text", "empty")
    body: str = record[name]
    data = body.encode("utf-8", "replace")
    if len(data) > settings.max_bytes:
        return InputProblem(source, too_large_reason(settings.max_bytes, len(data)), "too_large")
    fmt = {"text": "text", "html": "html"}.get(name) or ("html" if looks_like_html(body) else "text")
    return RawDocument(source, data, fmt, record_hints(record), "utf-8")


def record_hints(record: dict[str, Any]) -> Hints:
    return Hints(
        url=_text(record.get("url")),
        title=_text(record.get("title")),
        published=normalize_day(_first(record, "published", "date")),
        outlet=_name(_first(record, "outlet", "source", "site")),
        authors=_names(_first(record, "authors", "author")),
    )


def normalize_day(value: object) -> str | None:
    """A date as YYYY-MM-DD when it can be read without guessing; otherwise the text as given."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = _text(value)
    if text is None:
        return None
    iso = _ISO_DAY.match(text)
    if iso and _valid_day(iso.group(1)):
        return iso.group(1)
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text  # left for cleaning, which reads dates in many more shapes


def read_json(data: bytes, source: str, settings: Settings) -> Iterator[Item]:
    """One record, or a list of records (`file.json#3`), from a whole JSON document."""
    try:
        value = _loads(data)
    except UnicodeDecodeError:
        value = _loads_legacy(data, source)
    except ValueError as exc:
        raise UnreadableInput(source, f"not valid JSON: {_json_error(exc)}") from None
    if isinstance(value, dict) and not any(k in value for k in BODY_FIELDS):
        value = next((value[k] for k in _LIST_KEYS if isinstance(value.get(k), list)), value)
    if isinstance(value, list):
        if not value:
            raise EmptyInput(source, "the JSON list holds no records")
        for number, record in enumerate(value, 1):
            yield record_document(record, f"{source}#{number}", settings)
    else:
        yield record_document(value, source, settings)


def read_jsonl(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    """One record per line (`corpus.jsonl#L3`), read line by line; a bad line is one problem."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        _check_head(stream, source)
        yield from read_jsonl_stream(stream, source, settings)


def read_jsonl_stream(
    stream: IO[bytes], source: str, settings: Settings, first_line: int = 1
) -> Iterator[Item]:
    """The records of JSON Lines read from `stream`, numbered from `first_line` (`source#L3`)."""
    # Room for JSON escaping and metadata around a body of up to max_bytes.
    line_limit = 2 * settings.max_bytes + 65536
    found = False
    for number, line in enumerate(_lines(stream, line_limit), first_line):
        where = f"{source}#L{number}"
        if line is None:
            found = True
            yield InputProblem(where, too_large_reason(settings.max_bytes), "too_large")
        elif line.strip():
            found = True
            yield _jsonl_record(line, where, settings)
    if not found:
        raise EmptyInput(source, "no records in this file")


def read_parquet(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    """One record per row (`corpus.parquet#3`, 1-based), read a batch of rows at a time."""
    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise UnreadableInput(source, f"not a readable Parquet file ({exc})") from None
    names = set(table.schema_arrow.names)
    if not names.intersection(BODY_FIELDS):
        raise UnsupportedFormat(source, "no text, html, content or body column")
    columns = [c for c in (*BODY_FIELDS, *HINT_FIELDS) if c in names]
    row = 0
    try:
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield record_document(record, f"{source}#{row}", settings)
    except (pa.ArrowException, OSError) as exc:
        yield InputProblem(source, f"damaged Parquet file after row {row} ({exc})", "unreadable")
    if row == 0:
        raise EmptyInput(source, "no rows in this file")


def _jsonl_record(line: bytes, where: str, settings: Settings) -> Item:
    try:
        record = _loads(line)
    except UnicodeDecodeError:
        try:
            record = _loads(decode_text(line)[0])
        except ValueError as exc:
            return InputProblem(where, f"not valid JSON: {_json_error(exc)}", "unreadable")
    except ValueError as exc:
        return InputProblem(where, f"not valid JSON: {_json_error(exc)}", "unreadable")
    return record_document(record, where, settings)


def _check_head(stream: IO[bytes], source: str) -> None:
    head = stream.read(8192)
    if is_blank(head) and not stream.read(1):
        raise EmptyInput(source, "empty file")
    what = binary_kind(head)
    if what:
        raise UnreadableInput(source, f"binary file (looks like {what}), not text")
    stream.seek(0)


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line, or None for a line longer than `limit`, which is skipped without being held."""
    while line := stream.readline(limit):
        if len(line) < limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit)
        yield None


class _TooDeep(ValueError):
    """JSON nested deeper than Python's parser can follow; no article record is shaped like that."""

    def __str__(self) -> str:
        return "nested deeper than the JSON parser follows (about 1,000 levels); no article record is"


def _loads(data: bytes | str) -> Any:
    """json.loads, with a nesting too deep for the parser's recursion reported as bad JSON."""
    try:
        return json.loads(data)
    except RecursionError:
        raise _TooDeep from None


def _loads_legacy(data: bytes, source: str) -> Any:
    try:
        return _loads(decode_text(data)[0])
    except ValueError as exc:
        raise UnreadableInput(source, f"not valid JSON: {_json_error(exc)}") from None


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # Some of json's messages already end in "at" ("Invalid control character at").
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
    return str(exc)


def _valid_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _first(record: dict[str, Any], *names: str) -> Any:
    return next((record[n] for n in names if record.get(n) not in (None, "", [])), None)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _name(value: object) -> str | None:
    """A name given as text or as an object with a name (`{"name": "…"}`, as news APIs give outlets)."""
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title"))
    return _text(value)


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list | tuple) else [value]
    return [n for n in (_name(item) for item in items) if n]
