"""Read local files and folders: pick a reader by extension (or by content), check size and bytes first."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from storyline.config import Settings
from storyline.errors import EmptyInput, InputTooLarge, UnreadableInput, UnsupportedFormat
from storyline.ingest.decode import binary_kind, decode_text, is_blank
from storyline.ingest.feeds import read_feed
from storyline.ingest.problems import Item, guarded, os_reason, too_large_reason
from storyline.ingest.records import read_json, read_jsonl, read_parquet
from storyline.ingest.sniff import sniff_format
from storyline.ingest.warc import read_warc
from storyline.ingest.web import Fetcher
from storyline.model import InputProblem, RawDocument

# Longest suffixes first, so `.warc.gz` wins over a bare `.gz`.
KIND_BY_SUFFIX = {
    ".warc.gz": "warc",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".markdown": "markdown",
    ".parquet": "parquet",
    ".ndjson": "jsonl",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".html": "html",
    ".json": "json",
    ".warc": "warc",
    ".atom": "feed",
    ".text": "text",
    ".htm": "html",
    ".txt": "text",
    ".xml": "feed",
    ".rss": "feed",
    ".md": "markdown",
}
# Containers read record by record: the size cap applies to each record, not to the file,
# because a corpus of millions of articles is one file.
_STREAMED = {"jsonl": read_jsonl, "parquet": read_parquet, "warc": read_warc}


def kind_by_name(name: str) -> str | None:
    lower = name.lower()
    return next((kind for suffix, kind in KIND_BY_SUFFIX.items() if lower.endswith(suffix)), None)


def read_path(given: str, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    """Everything readable at the path `given`: one file, or every known file in a folder tree."""
    try:
        mode = os.stat(given).st_mode
    except (FileNotFoundError, NotADirectoryError):
        yield InputProblem(given, "no such file or folder", "unreadable")
        return
    except OSError as exc:
        yield InputProblem(given, os_reason(exc), "unreadable")
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(given, settings, fetcher)
    elif stat.S_ISREG(mode):
        yield from guarded(given, read_file(Path(given), given, kind_by_name(given), settings, fetcher))
    else:
        yield InputProblem(given, "not a regular file or folder", "unsupported")


def read_file(
    path: Path, source: str, kind: str | None, settings: Settings, fetcher: Fetcher
) -> Iterator[Item]:
    """The documents in one file; `kind` None means "tell from the bytes" (a file with an unknown suffix)."""
    size = path.stat().st_size
    stream_reader = _STREAMED.get(kind or "")
    if stream_reader is not None:
        if size == 0:
            raise EmptyInput(source, "empty file")
        yield from stream_reader(path, source, settings)
        return
    if size > settings.max_bytes:
        raise InputTooLarge(source, too_large_reason(settings.max_bytes, size))
    data = _read_bytes(path, source)
    if is_blank(data):
        raise EmptyInput(source, "empty file" if not data else "the file holds only whitespace")
    what = binary_kind(data)
    if what:
        error = UnreadableInput if kind else UnsupportedFormat
        raise error(source, f"binary file (looks like {what}), not text")
    if kind in (None, "text", "markdown", "html"):
        # A feed saved under any name is still a feed; an unknown suffix is decided by content alone.
        sniffed = sniff_format(data)
        kind = sniffed if kind is None or sniffed == "feed" else kind
        if kind == "warc":
            yield from read_warc(path, source, settings)
            return
    if kind == "json":
        yield from read_json(data, source, settings)
    elif kind == "feed":
        yield from read_feed(data, source, settings, fetcher)
    else:
        yield RawDocument(source, data, kind, encoding=_encoding(data))


def _encoding(data: bytes) -> str | None:
    """The encoding the text decodes with, recorded only when declaring it reproduces that same text."""
    text, name = decode_text(data)
    return name if decode_text(data, name)[0] == text else None


def _read_folder(given: str, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    found = False
    root = os.path.realpath(given)
    boundary = None if settings.follow_links else root
    for item in _walk(given, "", {root}, boundary):
        found = True
        if isinstance(item, InputProblem):
            yield item
            continue
        source = os.path.join(given, item)
        yield from guarded(source, read_file(Path(source), source, kind_by_name(item), settings, fetcher))
    if not found:
        yield InputProblem(given, "no files storyline can read in this folder (.txt, .md, .html, …)", "empty")


def _walk(root: str, relative: str, seen: set[str], boundary: str | None) -> Iterator[str | InputProblem]:
    """Relative paths of known files under `root`, depth first, sorted by name; hidden names skipped.

    A symbolic link that leads outside `boundary` (the real path of the folder
    given) is not followed: a saved-pages folder linking to /etc must not
    pull system files into a report. None follows every link.
    """
    folder = os.path.join(root, relative) if relative else root
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield InputProblem(folder, os_reason(exc), "unreadable")
        return
    for entry in entries:
        path = os.path.join(relative, entry.name) if relative else entry.name
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if not is_dir and not (is_file and kind_by_name(entry.name)):
            continue
        real = os.path.realpath(entry.path)
        if boundary is not None and entry.is_symlink() and not _inside(real, boundary):
            reason = (
                f"a symbolic link to {real}, outside the folder given; not followed (--follow-links does)"
            )
            yield InputProblem(os.path.join(root, path), reason, "refused")
        elif is_dir:
            if real not in seen:  # a symlink back up the tree would loop forever
                seen.add(real)
                yield from _walk(root, path, seen, boundary)
        else:
            yield path


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(source, os_reason(exc)) from None
