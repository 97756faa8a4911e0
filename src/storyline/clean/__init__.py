"""Cleaning: from one raw document to an article whose text is the body only, every removal recorded."""

from __future__ import annotations

from storyline.clean import metadata
from storyline.clean.boilerplate import remove_boilerplate
from storyline.clean.decode import decode
from storyline.clean.dropped import dropped_lines
from storyline.clean.html import HtmlPage, read_html
from storyline.clean.metadata import normalize_date
from storyline.clean.rules import Cleaned, clean_blocks
from storyline.clean.shape import Block, normalize_space
from storyline.clean.text import text_blocks
from storyline.errors import EmptyInput, UnreadableInput, UnsupportedFormat
from storyline.model import Article, RawDocument, Span

__all__ = ["assemble", "clean_document", "remove_boilerplate"]

_TEXT_FORMATS = ("text", "markdown")
_NO_HTML_BODY = "no article body found in the HTML"


def assemble(blocks: list[Block]) -> tuple[str, list[Span]]:
    """The article text (blocks joined by a blank line) and one span per embedded post."""
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    current: int | None = None
    for block in blocks:
        start = offset + (2 if parts else 0)
        parts.append(block.text)
        offset = start + len(block.text)
        if block.post is not None and block.post == current and spans:
            spans[-1].end = offset
        elif block.post is not None:
            spans.append(Span(start, offset, "post"))
        current = block.post
    return "\n\n".join(parts), spans


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _clean_html(raw: RawDocument, text: str) -> tuple[Cleaned, HtmlPage]:
    page = read_html(text, raw.hints.url)
    if not page.blocks:
        raise UnreadableInput(raw.source, _NO_HTML_BODY)
    known_title = _first(raw.hints.title, page.title)
    cleaned = clean_blocks(page.blocks, known_title=known_title, find_title=False, promo_by_shape=False)
    dropped = dropped_lines(text, cleaned.blocks, cleaned.removed, known_title)
    cleaned.removed.extend(dropped)
    # a byline the extractor left out above the body still names the authors
    for removal in dropped:
        byline = metadata.byline(removal.text) if removal.rule == "byline" else None
        if byline and not cleaned.found.authors:
            cleaned.found.authors = byline.names
            cleaned.found.outlet = cleaned.found.outlet or byline.outlet
    return cleaned, page


def _clean_text(raw: RawDocument, text: str) -> tuple[Cleaned, HtmlPage]:
    blocks, images = text_blocks(text, markdown=raw.format == "markdown")
    cleaned = clean_blocks(blocks, known_title=raw.hints.title, find_title=True)
    _keep_headline(blocks, cleaned)
    cleaned.removed.extend(images)
    return cleaned, HtmlPage([])


def _keep_headline(blocks: list[Block], cleaned: Cleaned) -> None:
    """A headline read from the text stays in it as the first paragraph, besides being the title.

    A plain-text article's headline is part of what the outlet wrote: the facts it
    states ("Three killed in bank fire") need a sentence in the text to point to.
    """
    title = cleaned.found.title
    removal = next((r for r in cleaned.removed if r.rule == "title"), None)
    if not title or removal is None:
        return
    kept = {id(b) for b in cleaned.blocks}
    headline = next((b for b in blocks if id(b) not in kept and b.written == removal.text), None)
    if headline is None:
        return
    kept.add(id(headline))
    cleaned.blocks[:] = [b for b in blocks if id(b) in kept]
    cleaned.removed.remove(removal)


def clean_document(raw: RawDocument) -> Article:
    """Body text, metadata and the record of what was removed, for one raw document.

    The document's own hints (title, date, outlet, authors) win over what the page states,
    and what the page's markup states wins over what its lines say.
    Raises UnreadableInput when an HTML page has no body, EmptyInput when no text is left.
    """
    if raw.format not in ("html", *_TEXT_FORMATS):
        raise UnsupportedFormat(
            raw.source, f"cannot clean format {raw.format!r}; expected html, text or markdown"
        )
    decoded = decode(raw.source, raw.data, raw.encoding)
    if not decoded.strip():
        raise EmptyInput(raw.source, "the document is empty")
    cleaned, page = _clean_html(raw, decoded) if raw.format == "html" else _clean_text(raw, decoded)
    text, embeds = assemble(cleaned.blocks)
    if not text.strip() and raw.format == "html":
        raise UnreadableInput(raw.source, _NO_HTML_BODY)
    if not text.strip():
        raise EmptyInput(raw.source, "no article body text left after cleaning (only page furniture)")
    hints, found = raw.hints, cleaned.found
    title = _first(hints.title, page.title, found.title)
    published = _first(normalize_date(hints.published), normalize_date(page.published), found.published)
    return Article(
        id=raw.id,
        source=raw.source,
        text=text,
        outlet=_first(hints.outlet, page.outlet, found.outlet),
        title=normalize_space(title) if title else None,
        authors=list(hints.authors or page.authors or found.authors),
        published=published,
        removed=cleaned.removed,
        url=hints.url,
        embeds=embeds,
        raw_sha256=raw.sha256,
    )
