"""Download URLs politely and safely: size cap, total deadline, address policy, retries, robots.txt."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import httpx

from storyline.config import Settings
from storyline.errors import (
    EmptyInput,
    HTTPStatusError,
    InputError,
    InputTooLarge,
    RefusedInput,
    UnreachableInput,
    UnreadableInput,
    UnsupportedFormat,
)
from storyline.ingest.decode import binary_kind, is_blank
from storyline.ingest.netguard import GuardedTransport, RefusedAddress, deadline
from storyline.ingest.problems import too_large_reason
from storyline.ingest.robots import ROBOTS_MAX_BYTES, RobotsRules
from storyline.ingest.sniff import FORMAT_BY_MEDIA_TYPE, UNKNOWN_MEDIA_TYPES, parse_content_type, sniff_format

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_ERRNO_PREFIX = re.compile(r"^\[Errno -?\d+\]\s*")
_REDIRECTS = {301, 302, 303, 307, 308}
_BUSY = {429, 503}  # "come back later": retried after the wait the server asks for

# Polite fetching: at most this many requests to one host at a time, and a
# busy server is asked again this many times, waiting as it says (or
# BACKOFF_S, doubled each time) but never longer than MAX_RETRY_WAIT_S.
HOST_CONNECTIONS = 2
RETRIES = 2
BACKOFF_S = 1.0
MAX_RETRY_WAIT_S = 30.0

_NO_ROBOTS = (404, b"")
_PRIVATE_HINT = (
    "links from feeds and redirects may reach only public addresses; --allow-private-links allows it"
)

T = TypeVar("T")


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass
class Download:
    """One fetched resource: its final URL, its bytes, and how to read them."""

    url: str  # after redirects
    data: bytes
    format: str  # html | text | markdown | feed
    charset: str | None  # from the Content-Type header, when it names one Python knows


class _Busy(Exception):
    """The server answered 429 or 503: the reason to report, and how long it asked us to wait."""

    def __init__(self, reason: str, wait: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """The HTTP clients shared by every URL of a run, created only when the first URL appears.

    `typed` URLs are those the user gave; every other URL (a feed's links, a
    redirect to another host) is taken from content and may reach only public
    addresses, unless `allow_private_links` is set. The two kinds use separate
    connection pools, so a connection opened for a typed URL is never reused
    for a link that the policy would refuse.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._clients: dict[bool, httpx.Client] = {}
        self._lock = threading.Lock()  # feed entries' pages are fetched from worker threads
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._robots = RobotsRules(self._fetch_robots, settings.user_agent)

    def _client(self, public_only: bool) -> httpx.Client:
        with self._lock:
            if public_only not in self._clients:
                self._clients[public_only] = httpx.Client(
                    transport=GuardedTransport(public_only),
                    timeout=self._settings.timeout,
                    follow_redirects=False,  # each hop is checked here: address policy, robots.txt
                    headers={"User-Agent": self._settings.user_agent, "Accept": _ACCEPT},
                )
            return self._clients[public_only]

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()

    def get(self, url: str, source: str, *, typed: bool = False) -> Download:
        """Fetch `url`; raise an `InputError` naming `source` when it cannot be read as a document."""
        for attempt in range(RETRIES + 1):
            try:
                return self._guarded(
                    source, lambda: self._follow(url, source, typed, self._read, robots=True)
                )
            except _Busy as busy:
                wait = busy.wait if busy.wait is not None else BACKOFF_S * 2**attempt
                if wait > MAX_RETRY_WAIT_S:
                    reason = f"{busy.reason}; the server asks to retry after {wait:g}s, longer than we wait"
                    raise HTTPStatusError(source, reason) from None
                if attempt == RETRIES:
                    raise HTTPStatusError(source, f"{busy.reason} (tried {RETRIES + 1} times)") from None
                time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _guarded(self, source: str, fetch: Callable[[], T]) -> T:
        """Run `fetch`, turning httpx's errors into `InputError`s naming `source`."""
        try:
            return fetch()
        except httpx.TimeoutException:
            raise UnreachableInput(source, f"timed out after {self._settings.timeout:g}s") from None
        except httpx.ConnectError as exc:
            raise UnreachableInput(source, f"could not connect: {_plain(exc)}") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise UnsupportedFormat(source, f"not a URL we can fetch: {_plain(exc)}") from None
        except httpx.HTTPError as exc:
            raise UnreachableInput(source, f"download failed: {_plain(exc)}") from None

    def _follow(
        self, url: str, source: str, typed: bool, read: Callable[[httpx.Response, str], T], *, robots: bool
    ) -> T:
        """GET `url`, following redirects one hop at a time, and hand the final response to `read`."""
        first = httpx.URL(url)
        current = first
        # One deadline for the whole chain: --timeout bounds the request, however the server answers.
        with deadline(self._settings.timeout):
            for hop in range(self._settings.max_redirects + 1):
                if hop and current.scheme not in ("http", "https"):
                    raise UnsupportedFormat(source, f"redirect to {current}: not an http or https URL")
                # A redirect within the host the user named stays as trusted as that host.
                trusted = self._settings.allow_private_links or (typed and current.host == first.host)
                if robots and not (typed and self._settings.ignore_robots):
                    self._check_robots(current, source, trusted, hop)
                with self._slot(current):
                    response = self._send(current, source, trusted, hop)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in _REDIRECTS and location:
                            current = response.url.join(location)
                            continue
                        return read(response, source)
                    finally:
                        response.close()
        raise UnreachableInput(source, f"more than {self._settings.max_redirects} redirects")

    def _send(self, url: httpx.URL, source: str, trusted: bool, hop: int) -> httpx.Response:
        client = self._client(public_only=not trusted)
        try:
            return client.send(client.build_request("GET", url), stream=True)
        except RefusedAddress as exc:
            where = f"redirect to {url} " if hop else ""
            raise RefusedInput(source, f"{where}refused: {exc.reason}; {_PRIVATE_HINT}") from None

    @contextmanager
    def _slot(self, url: httpx.URL) -> Iterator[None]:
        """Hold one of the few request slots of `url`'s host, so no site gets many requests at once."""
        key = url.netloc.decode("ascii").lower()
        with self._lock:
            slot = self._slots.setdefault(key, threading.BoundedSemaphore(HOST_CONNECTIONS))
        with slot:
            yield

    def _check_robots(self, url: httpx.URL, source: str, trusted: bool, hop: int) -> None:
        try:
            allowed = self._robots.allows(url, trusted)
        except InputError as exc:
            # The site may not be reached for its robots.txt; nor may it for the page.
            where = f"redirect to {url} " if hop else ""
            raise type(exc)(source, where + exc.reason) from None
        if not allowed:
            host = url.netloc.decode("ascii")
            raise RefusedInput(source, f"{url}: the robots.txt of {host} does not allow fetching it")

    def _fetch_robots(self, robots_url: str, trusted: bool) -> tuple[int, bytes]:
        def status_and_body(response: httpx.Response, _source: str) -> tuple[int, bytes]:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= ROBOTS_MAX_BYTES:
                    break
            return response.status_code, bytes(body)

        try:
            return self._follow(robots_url, robots_url, trusted, status_and_body, robots=False)
        except (httpx.TimeoutException, httpx.ConnectError, RefusedInput):
            raise  # the site cannot (or may not) be reached: neither can the page, for the same reason
        except (httpx.HTTPError, InputError):
            return _NO_ROBOTS  # RFC 9309: a robots.txt that cannot be read as an answer is no robots.txt

    def _read(self, response: httpx.Response, source: str) -> Download:
        if response.status_code in _BUSY:
            reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            raise _Busy(reason, _retry_after(response.headers.get("retry-after")))
        if response.status_code >= 300:
            raise HTTPStatusError(source, f"HTTP {response.status_code} {response.reason_phrase}".strip())
        media, charset = parse_content_type(response.headers.get("content-type"))
        fmt = FORMAT_BY_MEDIA_TYPE.get(media)
        if fmt is None and media not in UNKNOWN_MEDIA_TYPES:
            # Decided before the body is read: no point downloading a video.
            raise UnsupportedFormat(source, f"unsupported content type {media}")
        data = self._body(response, source)
        if is_blank(data):
            raise EmptyInput(source, "the server sent an empty page")
        what = binary_kind(data)
        if what:
            raise UnreadableInput(source, f"binary content (looks like {what}), not text")
        sniffed = sniff_format(data)
        if fmt is None:
            fmt = "feed" if sniffed == "feed" else "html" if sniffed == "html" else "text"
        elif fmt in ("html", "text") and sniffed == "feed":
            fmt = "feed"  # feeds served as text/html or text/plain are common enough
        elif fmt == "text" and response.url.path.lower().endswith((".md", ".markdown")):
            fmt = "markdown"
        return Download(url=str(response.url), data=data, format=fmt, charset=charset)

    def _body(self, response: httpx.Response, source: str) -> bytes:
        limit = self._settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputTooLarge(source, too_large_reason(limit, int(declared)))
        body = bytearray()
        # The cap counts decoded bytes, so a small gzip bomb cannot slip through.
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise InputTooLarge(source, too_large_reason(limit))
        return bytes(body)


def _retry_after(header: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None when it says nothing."""
    text = (header or "").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _plain(exc: Exception) -> str:
    """An httpx error as a user-readable phrase, without the errno noise."""
    text = str(exc) or type(exc).__name__
    return _ERRNO_PREFIX.sub("", text).strip()
