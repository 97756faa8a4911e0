"""The lines of an HTML article that the body extractor left out, with a reason for each.

trafilatura returns the body but not what it dropped. To keep the audit complete inside the
article itself, the page is parsed again, the region holding the kept paragraphs is found (its
<article> element, or the smallest element around them), and every other line in that region
is recorded: captions, share rows, related-story boxes, the headline and byline above the body.
Navigation and footers outside the region are not listed.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from storyline.clean import metadata
from storyline.clean.patterns import Verdict, classify_line
from storyline.clean.shape import Block, fingerprint, is_label, normalize_space
from storyline.model import Removal

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "form", "img"}
)
_BLOCK = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "li main nav ol p pre section summary table tbody td th thead tr ul caption".split()
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_DROPPED = 100  # an article region holding more than this is mostly not article: keep the record short
_ANCHORS = frozenset("p h2 h3 h4 li blockquote pre".split())
_PROMO_BOX = re.compile(
    r"related|recommend|promo|more-|read-?more|teaser|outbrain|taboola|newsletter|sponsor", re.I
)
_SHARE_BOX = re.compile(r"share|social|tools|follow", re.I)
_CAPTION_BOX = re.compile(r"caption|credit", re.I)
_AD_BOX = re.compile(r"(?:^|[\s_-])(?:ad|ads|advert|advertisement|dfp|banner)(?:$|[\s_-])", re.I)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _has_block_child(el: etree._Element) -> bool:
    return any(_tag(d) in _BLOCK for d in el.iterdescendants())


def _row_of_controls(el: etree._Element) -> bool:
    """A box of separate inline items and no text of its own: a share bar, a tag list."""
    if (el.text or "").strip() or any((c.tail or "").strip() for c in el):
        return False
    return sum(1 for c in el if _tag(c) and c.text_content().strip()) >= 2


def _units(el: etree._Element, out: list[etree._Element | str]) -> None:
    """Leaf blocks of `el` in reading order; loose text between blocks comes as strings."""
    if el.text and el.text.strip():
        out.append(el.text)
    for child in el:
        tag = _tag(child)
        if tag and tag not in _SKIP:
            if (tag in _BLOCK and _has_block_child(child)) or _row_of_controls(child):
                _units(child, out)
            else:
                out.append(child)
        if child.tail and child.tail.strip():
            out.append(child.tail)


def _region(tree: etree._Element, kept: set[str]) -> etree._Element | None:
    anchors = [el for el in tree.iter() if _tag(el) in _ANCHORS and fingerprint(el.text_content()) in kept]
    if len(anchors) < 2:
        return None
    paths = [list(a.iterancestors())[::-1] for a in anchors]
    common = None
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    if common is None:
        return None
    article = next((a for a in [common, *common.iterancestors()] if _tag(a) == "article"), None)
    region = article if article is not None else common
    # around the whole page, "not kept" would list every menu and footer: too wide to be useful
    return None if _tag(region) in ("body", "html") else region


def _context(el: etree._Element | None, region: etree._Element) -> str:
    """The classes, ids and tags of the element's ancestors up to the region, as one string."""
    parts: list[str] = []
    node = el
    while node is not None and node is not region:
        parts.extend(
            [_tag(node), node.get("class") or "", node.get("id") or "", node.get("aria-label") or ""]
        )
        node = node.getparent()
    return " ".join(parts)


def _verdict(text: str, context: str, before_body: bool, title: str | None) -> Verdict:
    if title and fingerprint(text) == fingerprint(title):
        return ("other", "title")
    if before_body and metadata.date_line(text):
        return ("other", "date")
    if before_body and metadata.byline(text):
        return ("other", "byline")
    found = classify_line(text)
    if found:
        return found
    if "figcaption" in context or _CAPTION_BOX.search(context):
        return ("caption", "figcaption")
    if _SHARE_BOX.search(context):
        return ("navigation", "share")
    if _PROMO_BOX.search(context) or "aside" in context.split():
        return ("promo", "related-box")
    if _AD_BOX.search(context):
        return ("promo", "advert")
    if before_body and is_label(text):
        return ("navigation", "section-label")
    return ("other", "not-body")


def dropped_lines(html: str, kept: list[Block], already: list[Removal], title: str | None) -> list[Removal]:
    """Removals for the lines of the article region that are neither kept nor already recorded."""
    kept_keys = {fingerprint(b.text) for b in kept}
    try:
        # lxml refuses a str that still carries an XML encoding declaration
        tree = lxml_html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return []
    region = _region(tree, kept_keys)
    if region is None:
        return []
    body = " ".join(fingerprint(b.text) for b in kept)
    seen = {fingerprint(r.text) for r in already}
    out: list[Removal] = []
    before_body = True
    units: list[etree._Element | str] = []
    _units(region, units)
    for unit in units:
        element = region if isinstance(unit, str) else unit
        text = normalize_space(unit if isinstance(unit, str) else unit.text_content())
        key = fingerprint(text)
        if key in kept_keys:
            before_body = False
            continue
        # a long unit may hold several kept blocks (a paragraph split at <br>); a short one must match
        if not any(ch.isalnum() for ch in key) or key in seen or (len(key) >= 30 and key in body):
            continue
        seen.add(key)
        reason, rule = _verdict(text, _context(element, region), before_body, title)
        out.append(Removal(text, reason, rule))
        if len(out) >= MAX_DROPPED:
            break
    return out
