"""The article body and metadata of an HTML page, read with trafilatura and htmldate, as blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import htmldate
import trafilatura
from lxml import etree

from storyline.clean.pagedate import page_date
from storyline.clean.shape import Block, normalize_space

# Both libraries log every page they give up on; storyline reports unreadable pages itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# Containers hold blocks but carry no text of their own worth a paragraph.
_CONTAINERS = frozenset({"body", "list", "div", "doc", "main", "article", "section", "table"})
# Elements that start a new block even when nested inside a paragraph or list item.
_NESTED_BLOCKS = frozenset({"p", "list", "quote", "table", "head", "item"})
_KINDS = {"p": "p", "head": "head", "item": "item", "quote": "quote", "code": "code"}
_TITLE_SEP = re.compile(r"\s+(?:[|│⋆•·»]|[-–—]|::)\s+")
_ORG_SUFFIX = re.compile(r"\b(?:gmbh|e\.? ?v|inc|ltd|llc|ag|plc|corp|verlag|media group)\b\.?$", re.I)
# Names that author fields of web templates carry when nobody filled them in.
_PLACEHOLDER_AUTHORS = frozenset({"name", "no author", "admin", "administrator", "author", "unknown", "user"})


@dataclass
class HtmlPage:
    """What trafilatura found: the body as blocks, and the page's own metadata."""

    blocks: list[Block]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None


def _add(out: list[Block], pieces: list[str], kind: str, level: int) -> None:
    text = normalize_space("".join(pieces))
    if text:
        out.append(Block(text, kind, level))
    pieces.clear()


def _table(table: etree._Element, out: list[Block]) -> None:
    for row in table.iter("row"):
        cells = [normalize_space("".join(cell.itertext())) for cell in row if cell.tag == "cell"]
        text = " | ".join(c for c in cells if c)
        if text:
            out.append(Block(text, "cell"))


def _walk(element: etree._Element, out: list[Block], inherited: str | None = None) -> None:
    """Append the blocks of one element of trafilatura's output tree, in reading order."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        _table(element, out)
        return
    if tag in _CONTAINERS:
        loose: list[str] = [element.text or ""]
        for child in element:
            if child.tag == "lb":
                _add(out, loose, inherited or "p", 0)
            elif child.tag in _NESTED_BLOCKS or child.tag in _CONTAINERS or child.tag == "code":
                _add(out, loose, inherited or "p", 0)
                _walk(child, out, inherited)
            else:
                loose.append("".join(child.itertext()))
            loose.append(child.tail or "")
        _add(out, loose, inherited or "p", 0)
        return
    kind = inherited if inherited == "quote" else _KINDS.get(tag, "p")
    rend = element.get("rend") or ""
    level = int(rend[1]) if kind == "head" and len(rend) == 2 and rend[1].isdigit() else 0
    pieces: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            _add(out, pieces, kind, level)
        elif child.tag in _NESTED_BLOCKS:
            _add(out, pieces, kind, level)
            _walk(child, out, "quote" if kind == "quote" else None)
        else:
            pieces.append("".join(child.itertext()))
        pieces.append(child.tail or "")
    _add(out, pieces, kind, level)


def body_blocks(body: etree._Element | None) -> list[Block]:
    """Blocks of trafilatura's body tree: a line break inside a paragraph starts a new block."""
    out: list[Block] = []
    if body is not None:
        _walk(body, out)
    return out


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def site_keys(outlet: str | None, url: str | None) -> set[str]:
    """Comparison keys for the site's own name: its stated name, its host with and without the suffix."""
    keys = {_key(outlet)} if outlet else set()
    host = urlsplit(url).hostname if url and "//" in url else None
    if host:
        host = host.removeprefix("www.")
        keys |= {_key(host), _key(host.rsplit(".", 1)[0])}
    return {k for k in keys if len(k) >= 3}


def _names_site(segment: str, keys: set[str]) -> bool:
    key = _key(segment)
    if len(key) < 3:
        return False
    # near-equal only: "Teufel Blog" names teufel.de, but "Helge Fahrnberger" does not name helge.at
    return any(
        key == k or (min(len(k), len(key)) >= 4 and (k in key or key in k) and abs(len(k) - len(key)) <= 6)
        for k in keys
    )


def strip_site_name(title: str, keys: set[str]) -> str:
    """The headline without the site name a <title> often carries ("Headline | Example News")."""
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title
    last, first = seps[-1], seps[0]
    tail, head = title[last.end() :], title[: first.start()]
    if _names_site(tail, keys) or (last.group().strip() in "|│" and len(tail.split()) <= 4):
        return title[: last.start()].strip()
    if _names_site(head, keys):
        return title[first.end() :].strip()
    return title


def _authors(value: str | None, keys: set[str]) -> list[str]:
    if not value:
        return []
    names = [normalize_space(a) for a in value.split(";") if a.strip()]
    names = [n for n in names if n.casefold() not in _PLACEHOLDER_AUTHORS]
    # beside a person's name, the site's own name or a company is the publisher, not an author;
    # alone, it may be a blog named after its author, so it stays
    people = [n for n in names if not _names_site(n, keys) and not _ORG_SUFFIX.search(n)]
    return people or names


# "/2023/10/3-questions-for-…": a number glued to the slug's first word is no day of the month.
_SLUG_DAY = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?=[^/\d.])")


def _slug_day(url: str | None, found: str) -> bool:
    m = _SLUG_DAY.search(url or "")
    return bool(m) and found == f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _date(html: str, found: str | None, url: str | None) -> str | None:
    """trafilatura's date; failing that, htmldate's wider search for the original (not updated) date.

    A date read from a slug's leading number is searched again with the URL consulted last.
    """
    if found and not _slug_day(url, found):
        return found
    try:
        # bytes, never str: htmldate downloads a str that looks like a URL (no address policy, no cap)
        page = html.encode("utf-8", "replace")
        return htmldate.find_date(
            page, original_date=True, extensive_search=True, url=url, deferred_url_extractor=bool(found)
        )
    except (ValueError, TypeError):
        return None


def read_html(html: str, url: str | None = None) -> HtmlPage:
    """Run trafilatura on a page: the body without comments, and title, authors, date and site name."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": datetime.now().strftime("%Y-%m-%d"),
            },
        )
    except (ValueError, TypeError, etree.LxmlError):
        doc = None
    if doc is None or isinstance(doc, dict):
        return HtmlPage([])
    keys = site_keys(doc.sitename, url or doc.url)
    return HtmlPage(
        blocks=body_blocks(doc.body),
        title=strip_site_name(normalize_space(doc.title), keys) if doc.title else None,
        authors=_authors(doc.author, keys),
        published=page_date(html, _date(html, doc.date, url)),
        outlet=normalize_space(doc.sitename) if doc.sitename else None,
    )
