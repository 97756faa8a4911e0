"""Turn an RSS or Atom feed into one document per entry, fetching the page of an entry that is a teaser."""

from __future__ import annotations

import io
import re
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import feedparser

from storyline.config import Settings
from storyline.errors import EmptyInput, InputError, NotAFeed, RefusedInput
from storyline.ingest.problems import Item
from storyline.ingest.sniff import sniff_format
from storyline.ingest.web import Fetcher, is_url
from storyline.model import Hints, InputProblem, RawDocument

# A summary shorter than this is a teaser: the article is on the linked page.
SHORT_SUMMARY_WORDS = 80
# Linked pages are fetched a few at a time, ahead of the consumer, in feed order.
_LINK_WORKERS = 4
_TAG = re.compile(r"<[^>]*>")
_MAILBOX = re.compile(r"^\S+@\S+\s*\(([^()]+)\)$")
# The DTD comes before the root element; an internal subset is where entities are declared.
_DTD_HEAD_BYTES = 65536
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ENTITY_BOMB_REASON = (
    "refused: the XML declares its own entities (<!ENTITY>), which feeds never need "
    "and which can expand into gigabytes (an entity bomb)"
)
_BLANK_REASON = "no text and no link to follow"
# Entry numbers named in the one line that reports a feed's blank entries.
_BLANK_NAMED = 5


@dataclass
class _Entry:
    source: str
    hints: Hints
    body: str
    format: str
    link: str | None  # set when the entry's page should be fetched instead of using `body`


def read_feed(
    data: bytes,
    source: str,
    settings: Settings,
    fetcher: Fetcher,
    base_url: str | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    """Yield one document (or problem) per entry of the feed in `data`, in feed order.

    Raises `NotAFeed` when `data` is not RSS or Atom, `EmptyInput` when the feed has no entries.
    """
    parsed = _parse(data, source, base_url, charset)
    outlet = _clean(parsed.feed.get("title"))
    entries = [_plan(e, f"{source}#entry{n}", outlet, settings) for n, e in enumerate(parsed.entries, 1)]
    # A feed of hundreds of blank entries is one line of output, not hundreds.
    blank = [n for n, entry in enumerate(entries, 1) if _is_blank(entry)]
    if len(blank) > 1:
        entries = [entry for entry in entries if not _is_blank(entry)]
    if any(entry.link for entry in entries):
        yield from _resolve_in_order(entries, fetcher)
    else:
        yield from (_from_feed(entry) for entry in entries)
    if len(blank) > 1:
        yield InputProblem(source, _blank_entries_reason(blank, len(parsed.entries)), "empty")


def _parse(data: bytes, source: str, base_url: str | None, charset: str | None) -> Any:
    if _declares_entities(data):
        raise RefusedInput(source, _ENTITY_BOMB_REASON)
    if sniff_format(data) == "html":
        raise NotAFeed(source, "not an RSS or Atom feed: it is an HTML page")
    headers = {}
    if base_url:
        headers["content-location"] = base_url  # so relative entry links resolve
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    # A file object, never bytes or str: feedparser would treat a string as a path or URL to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None)
    if parsed.entries:
        return parsed
    if not parsed.get("version"):
        detail = str(parsed.get("bozo_exception") or "no RSS or Atom elements")[:120]
        raise NotAFeed(source, f"not an RSS or Atom feed ({detail})")
    raise EmptyInput(source, "the feed has no entries")


def _declares_entities(data: bytes) -> bool:
    """True when a DOCTYPE with an internal subset is followed by entity declarations."""
    head = data[:_DTD_HEAD_BYTES]
    subset = _INTERNAL_SUBSET.search(head)
    # Feeds never carry an internal subset, so any declaration after one is enough to refuse.
    return subset is not None and b"<!ENTITY" in head[subset.end() :].upper()


def _plan(entry: Any, source: str, outlet: str | None, settings: Settings) -> _Entry:
    hints = _hints(entry, outlet)
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return _Entry(source, hints, best["value"], _format(best.get("type")), None)
    summary = entry.get("summary") or ""
    fmt = _format((entry.get("summary_detail") or {}).get("type"))
    link = hints.url if hints.url and is_url(hints.url) else None
    if settings.follow_feed_links and link and _word_count(summary) < SHORT_SUMMARY_WORDS:
        return _Entry(source, hints, summary, fmt, link)
    return _Entry(source, hints, summary, fmt, None)


def _hints(entry: Any, outlet: str | None) -> Hints:
    moment = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    return Hints(
        url=_clean(entry.get("link")),
        title=_clean(entry.get("title")),
        published=time.strftime("%Y-%m-%d", moment) if moment else None,
        outlet=outlet,
        authors=_authors(entry),
    )


def _authors(entry: Any) -> list[str]:
    # RSS writes "e-mail (Name)"; feedparser splits it with an e-mail pattern
    # that mangles newer top-level domains, so read that shape ourselves.
    author = _clean(entry.get("author"))
    mailbox = _MAILBOX.match(author or "")
    if mailbox:
        return [mailbox.group(1).strip()]
    names = [_clean(a.get("name")) for a in entry.get("authors") or [] if isinstance(a, dict)]
    if any(names):
        return [n for n in names if n]
    return [author] if author and "@" not in author else []  # a bare e-mail address is no byline


def _is_blank(entry: _Entry) -> bool:
    return entry.link is None and _word_count(entry.body) == 0


def _blank_entries_reason(numbers: list[int], total: int) -> str:
    named = ", ".join(str(n) for n in numbers[:_BLANK_NAMED])
    more = f" and {len(numbers) - _BLANK_NAMED} more" if len(numbers) > _BLANK_NAMED else ""
    return f"{len(numbers)} of its {total} entries have {_BLANK_REASON} (entries {named}{more})"


def _from_feed(entry: _Entry) -> Item:
    if not entry.body.strip():
        return InputProblem(entry.source, f"entry has {_BLANK_REASON}", "empty")
    data = entry.body.encode("utf-8", "replace")
    return RawDocument(entry.source, data, entry.format, entry.hints, "utf-8")


def _fetch_page(entry: _Entry, fetcher: Fetcher) -> Item:
    link = entry.link or ""
    try:
        page = fetcher.get(link, entry.source, typed=False)
    except InputError as exc:
        return InputProblem(entry.source, f"linked page {link}: {exc.reason}", exc.kind)
    if page.format == "feed":
        return InputProblem(entry.source, f"linked page {link} is a feed, not an article", "unsupported")
    return RawDocument(entry.source, page.data, page.format, replace(entry.hints, url=page.url), page.charset)


def _resolve(entry: _Entry, fetcher: Fetcher) -> Item:
    try:
        return _fetch_page(entry, fetcher) if entry.link else _from_feed(entry)
    except Exception as exc:  # noqa: BLE001 - one entry's failure must not lose the rest of the feed
        return InputProblem(entry.source, f"internal error ({type(exc).__name__}: {exc}); please report it")


def _resolve_in_order(entries: list[_Entry], fetcher: Fetcher) -> Iterator[Item]:
    pool = ThreadPoolExecutor(max_workers=_LINK_WORKERS, thread_name_prefix="storyline-feed")
    window: deque[Future[Item]] = deque()
    try:
        for entry in entries:
            window.append(pool.submit(_resolve, entry, fetcher))
            if len(window) >= 2 * _LINK_WORKERS:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _format(content_type: str | None) -> str:
    return "text" if (content_type or "").lower() == "text/plain" else "html"


def _word_count(markup: str) -> int:
    return len(_TAG.sub(" ", markup).split())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
