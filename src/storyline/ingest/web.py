"""Download URLs with the limits in Settings: size cap, timeout, redirect limit, content-type check."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import httpx

from storyline.config import Settings
from storyline.errors import (
    EmptyInput,
    HTTPStatusError,
    InputTooLarge,
    UnreachableInput,
    UnreadableInput,
    UnsupportedFormat,
)
from storyline.ingest.decode import binary_kind, is_blank
from storyline.ingest.problems import too_large_reason
from storyline.ingest.sniff import FORMAT_BY_MEDIA_TYPE, UNKNOWN_MEDIA_TYPES, parse_content_type, sniff_format

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_ERRNO_PREFIX = re.compile(r"^\[Errno -?\d+\]\s*")


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass
class Download:
    """One fetched resource: its final URL, its bytes, and how to read them."""

    url: str  # after redirects
    data: bytes
    format: str  # html | text | markdown | feed
    charset: str | None  # from the Content-Type header, when it names one Python knows


class Fetcher:
    """One HTTP client shared by every URL of a run, created only when the first URL appears."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()  # feed entries' pages are fetched from worker threads

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    timeout=self._settings.timeout,
                    follow_redirects=True,
                    max_redirects=self._settings.max_redirects,
                    headers={"User-Agent": self._settings.user_agent, "Accept": _ACCEPT},
                )
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def get(self, url: str, source: str) -> Download:
        """Fetch `url`; raise an `InputError` naming `source` when it cannot be read as a document."""
        try:
            with self.client.stream("GET", url) as response:
                return self._read(response, source)
        except httpx.TooManyRedirects:
            raise UnreachableInput(source, f"more than {self._settings.max_redirects} redirects") from None
        except httpx.TimeoutException:
            raise UnreachableInput(source, f"timed out after {self._settings.timeout:g}s") from None
        except httpx.ConnectError as exc:
            raise UnreachableInput(source, f"could not connect: {_plain(exc)}") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise UnsupportedFormat(source, f"not a URL we can fetch: {_plain(exc)}") from None
        except httpx.HTTPError as exc:
            raise UnreachableInput(source, f"download failed: {_plain(exc)}") from None

    def _read(self, response: httpx.Response, source: str) -> Download:
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


def _plain(exc: Exception) -> str:
    """An httpx error as a user-readable phrase, without the errno noise."""
    text = str(exc) or type(exc).__name__
    return _ERRNO_PREFIX.sub("", text).strip()
