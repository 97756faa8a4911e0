"""Tell what kind of document some bytes or a content type hold: a feed, an HTML page, a WARC, plain text."""

from __future__ import annotations

import re

from storyline.ingest.decode import decode_text, known_codec

# Content types we read, and how; anything else from a server is unsupported.
FORMAT_BY_MEDIA_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-rss+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
# Servers send these when they do not know; the bytes have to tell.
UNKNOWN_MEDIA_TYPES = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}

# A DOCTYPE may carry an internal subset in brackets, with `>` inside it (entity declarations).
_PROLOG = re.compile(
    r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\]\s*)?>)*", re.IGNORECASE | re.DOTALL
)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|br|span|a\s|article|section|h[1-6]|ul|ol|li|img|table|title"
    r"|strong|em|blockquote)\b",
    re.IGNORECASE,
)


def sniff_format(data: bytes) -> str:
    """Guess from the first bytes: "feed", "html", "warc" or "text"."""
    head, _ = decode_text(data[:4096])
    head = head.lstrip("\ufeff \t\r\n")
    if head.startswith("WARC/"):
        return "warc"
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() :] if prolog else head
    first = _FIRST_TAG.match(rest)
    if first and first.group(1).lower() in _FEED_ROOTS:
        return "feed"
    if first and first.group(1).lower() == "html":
        return "html"
    return "html" if looks_like_html(head) else "text"


def looks_like_html(text: str) -> bool:
    """True when `text` holds HTML markup rather than prose that merely mentions a `<`."""
    return _HTML_TAG.search(text[:20000]) is not None


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into its media type (lowercase) and a charset Python knows."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = known_codec(value)
    return media.strip().lower(), charset
