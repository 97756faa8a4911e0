"""The line rules: take page furniture, other stories' headlines, credits and repeats out of a block list.

Every block taken out gets a verdict (reason, rule); the header's title, date, byline and outlet
lines are read into `Found` before they go. Embedded social-media posts are marked and kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.clean import metadata, pasted
from storyline.clean.gallery import gallery_blocks
from storyline.clean.patterns import Verdict, classify_line, starts_link_list
from storyline.clean.shape import (
    Block,
    content_words,
    ends_sentence,
    fingerprint,
    is_body,
    is_label,
    is_title_case,
    looks_headline,
    starts_capital,
    word_count,
)
from storyline.model import Removal

HEADER_LIMIT = 12  # metadata lines are looked for among the first blocks only
_ATTRIBUTION = re.compile(
    r"(?:^|\s)[—–-]{1,2}\s*[^()\n]{1,80}?\s*\(@\w{1,30}\)\s*(?:[^\W\d_]{3,9}\.? \d{1,2}, \d{4})?\s*$"
)
_SHARED_BY = re.compile(r"^a post shared by .{1,80}\(@[\w.]{1,30}\)", re.I)
_PIC_TAIL = re.compile(r"\b(?:pic\.twitter\.com|pic\.x\.com|t\.co)/\w+\s*$")
_META_SEGMENTS = re.compile(r"\s*[|•·]\s*|\s*,?\s+(?=(?:last )?(?:updated|published|posted)\b)", re.I)
_STRUCTURED_KINDS = ("item", "cell", "code", "quote")  # never read as a stray headline


@dataclass
class Found:
    """Metadata read from the document's own lines."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)  # published | plain | updated -> YYYY-MM-DD

    @property
    def published(self) -> str | None:
        # a stated publication date beats an unlabelled one, which beats an update stamp
        for kind in ("published", "plain", "updated"):
            if kind in self.dates:
                return self.dates[kind]
        return None


@dataclass
class Cleaned:
    blocks: list[Block]
    removed: list[Removal]
    found: Found


class _Pass:
    """The blocks of one document and the verdicts given so far."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.verdicts: list[Verdict | None] = [None] * len(blocks)
        self.found = Found()
        self.cut: list[Removal] = []  # pieces taken off the front of a kept block

    def mark(self, i: int, reason: str, rule: str) -> None:
        if self.verdicts[i] is None:
            self.verdicts[i] = (reason, rule)

    def live(self) -> list[int]:
        return [i for i, v in enumerate(self.verdicts) if v is None]

    def add_date(self, kind: str, iso: str | None) -> None:
        if iso:
            self.found.dates.setdefault(kind, iso)


def mark_posts(blocks: list[Block]) -> None:
    """Number the blocks of embedded social-media posts: text ending in `— Name (@handle) date`."""
    count = 0
    for i, block in enumerate(blocks):
        text = block.text
        attribution = _ATTRIBUTION.search(text) or _SHARED_BY.search(text)
        if attribution:
            only_attribution = len(text[: attribution.start()].strip()) < 3
            prev = blocks[i - 1] if i else None
            if only_attribution and prev is not None and prev.post is not None:
                block.post = prev.post
                continue
            if only_attribution and prev is not None and prev.kind not in ("head",):
                prev.post = count
            block.post = count
            count += 1
        elif _PIC_TAIL.search(text):
            block.post = count
            count += 1


def _title_like(text: str) -> bool:
    n = word_count(text)
    if not 1 <= n <= 30 or text.rstrip().endswith((".", ":", ";", ",")) or is_body(text):
        return False
    return starts_capital(text) or text[:1] in "\"“‘'«"


def _names_title(text: str, title: str, title_key: str | None) -> bool:
    """The line is the given title, exactly or nearly (an h1 worded a little unlike the <title>)."""
    if fingerprint(text) == title_key:
        return True
    if not _title_like(text):
        return False
    line, given = content_words(text), content_words(title)
    return bool(line and given) and len(line & given) >= 0.8 * max(len(line), len(given))


def _read_metadata(p: _Pass, i: int) -> bool:
    """Read a date, byline or outlet line (or a line made of several) and mark it; False if it is none."""
    text = p.blocks[i].text
    date = metadata.date_line(text)
    if date:
        p.add_date(*date)
        p.mark(i, "other", "date")
        return True
    found = metadata.byline(text)
    if found:
        _take_byline(p, found)
        p.mark(i, "other", "byline")
        return True
    outlet = metadata.outlet_line(text)
    if outlet:
        p.found.outlet = p.found.outlet or outlet
        p.mark(i, "other", "outlet")
        return True
    return _read_segments(p, i)


def _take_byline(p: _Pass, found: metadata.Byline) -> None:
    p.found.authors = p.found.authors or found.names
    p.found.outlet = p.found.outlet or found.outlet
    p.add_date("plain", found.date)


def _read_segments(p: _Pass, i: int) -> bool:
    segments = [s for s in _META_SEGMENTS.split(p.blocks[i].text) if s and s.strip()]
    if len(segments) < 2:
        return False
    dates: list[tuple[str, str | None]] = []
    bylines: list[metadata.Byline] = []
    for segment in segments:
        date = metadata.date_line(segment)
        found = None if date else metadata.byline(segment)
        if date:
            dates.append(date)
        elif found:
            bylines.append(found)
        elif not classify_line(segment):
            return False
    for kind, iso in dates:
        p.add_date(kind, iso)
    for found in bylines:
        _take_byline(p, found)
    p.mark(i, "other", "byline" if bylines else "date")
    return True


def _header_start(p: _Pass, find_title: bool) -> int:
    """Where the header is looked for: the top, or on a page copied whole (menus above the article),
    the lines just above the first paragraph, where its headline is read first."""
    first_body = next((i for i, b in enumerate(p.blocks) if b.post is None and is_body(b.text)), 0)
    if first_body < pasted.LONG_LEAD:
        return 0
    start = first_body - pasted.HEADER_WINDOW if first_body > pasted.HEADER_WINDOW else 0
    headline = pasted.headline_above(p.blocks, start, first_body) if find_title else None
    if headline is not None:
        title, site = metadata.split_site_suffix(p.blocks[headline].text)
        p.found.title, p.found.outlet = title, p.found.outlet or site
        p.mark(headline, "other", "title")
    return start


def _header(p: _Pass, known_title: str | None, find_title: bool) -> None:
    """Read and mark the title, date, byline and outlet lines before the first body paragraph."""
    title_key = fingerprint(known_title) if known_title else None
    unknown_seen = False
    start = 0 if known_title else _header_start(p, find_title)
    limit = min(len(p.blocks), start + (pasted.HEADER_WINDOW if start else HEADER_LIMIT))
    for i in range(start, limit):
        if p.verdicts[i] is not None:
            continue
        block = p.blocks[i]
        if block.post is not None:
            break
        if block.kind in ("cell", "code"):
            continue
        text = block.text
        if p.found.title and fingerprint(text) == fingerprint(p.found.title):
            p.mark(i, "duplicate", "repeated-title")
            continue
        if known_title and p.found.title is None and _names_title(text, known_title, title_key):
            p.found.title = text
            p.mark(i, "other", "title")
            continue
        if _read_metadata(p, i):
            continue
        verdict = classify_line(text)
        if verdict:
            p.mark(i, *verdict)
            continue
        explicit = block.kind == "head" and block.level == 1
        # with a title given, only a line that reads like it is the title line (checked above)
        title_open = find_title and p.found.title is None and not known_title
        if title_open and (explicit or (not unknown_seen and _title_like(text))):
            following = p.blocks[i + 1].text if i + 1 < len(p.blocks) else ""
            if is_label(text) and not explicit and _title_like(following) and word_count(following) > 2:
                p.mark(i, "navigation", "section-label")
                continue
            title, site = metadata.split_site_suffix(text)
            p.found.title, p.found.outlet = title, p.found.outlet or site
            p.mark(i, "other", "title")
            continue
        if is_body(text):
            _glued_stamp(p, i)
            _stamps_below(p, i, limit)
            break
        unknown_seen = True


def _stamps_below(p: _Pass, first_body: int, limit: int) -> None:
    """A byline or date line under the standfirst, before the second paragraph, is the header's too."""
    for i in range(first_body + 1, limit):
        if p.verdicts[i] is not None or p.blocks[i].post is not None:
            continue
        if is_body(p.blocks[i].text):
            return
        text = p.blocks[i].text
        if metadata.date_line(text) or metadata.byline(text):
            _read_metadata(p, i)


def _glued_stamp(p: _Pass, i: int) -> None:
    """A date label glued to the first paragraph ("Published: 2 May 2024 Rescue teams …") is read as the
    date and cut off the paragraph."""
    stamp = metadata.leading_stamp(p.blocks[i].text)
    if stamp is None:
        return
    written, kind, iso, rest = stamp
    p.add_date(kind, iso)
    p.cut.append(Removal(written, "other", "date"))
    p.blocks[i].text = p.blocks[i].source = rest


def _patterns(p: _Pass) -> None:
    for i in p.live():
        block = p.blocks[i]
        if block.post is None and block.kind not in ("code", "cell"):
            verdict = classify_line(block.text)
            if verdict:
                p.mark(i, *verdict)
    # the footer's "© 2026 Example News" names the outlet when nothing above did
    for i, verdict in enumerate(p.verdicts):
        if verdict == ("other", "copyright") and not p.found.outlet:
            p.found.outlet = metadata.copyright_holder(p.blocks[i].text)


def _link_lists(p: _Pass) -> None:
    """Short lines after a "Most read" or "Related stories" heading are links to other pages."""
    for i, verdict in enumerate(list(p.verdicts)):
        heading = (verdict is not None and verdict[1] == "link-heading") or (
            verdict is None and starts_link_list(p.blocks[i].text)
        )
        if not heading:
            continue
        p.mark(i, "navigation", "link-heading")
        reason = p.verdicts[i][0]  # type: ignore[index]
        for j in range(i + 1, len(p.blocks)):
            block = p.blocks[j]
            if p.verdicts[j] is not None:
                continue
            short = word_count(block.text) <= 25 and not ends_sentence(block.text.rstrip("?!"))
            if block.post is not None or not short or is_body(block.text):
                break
            p.mark(j, reason, "link-list")


def _repeated_title(p: _Pass, titles: list[str | None]) -> None:
    keys = {fingerprint(t) for t in titles if t}
    if not keys:
        return
    for i in p.live():
        if fingerprint(p.blocks[i].text) in keys:
            p.mark(i, "duplicate", "repeated-title")


def _overlap(text: str, counts: Counter[str]) -> float:
    """The share of a line's meaningful words that other paragraphs of the article use too."""
    own = content_words(text)
    if not own:
        return 1.0
    return sum(1 for w in own if counts[w] > 1) / len(own)


def _promo_headlines(p: _Pass, by_shape: bool) -> None:
    """Headlines of other stories placed between body paragraphs (cross-promotion).

    A headline shown twice in a row always goes. With `by_shape`, so do one after a section label
    and a lone Title Case line whose words the article does not use elsewhere; an HTML extractor
    has already dropped link blocks, so there a lone short line is far more often a subheading.
    """
    live = p.live()
    first_body = next((i for i in live if is_body(p.blocks[i].text) and p.blocks[i].post is None), None)
    if first_body is None:
        return
    counts: Counter[str] = Counter()
    for i in live:
        counts.update(content_words(p.blocks[i].text))
    for pos, i in enumerate(live):
        block = p.blocks[i]
        if i <= first_body or block.post is not None or block.kind in _STRUCTURED_KINDS:
            continue
        if p.verdicts[i] is not None or not looks_headline(block.text):
            continue
        key = fingerprint(block.text)
        nxt = live[pos + 1] if pos + 1 < len(live) else None
        prev = live[pos - 1] if pos else None
        labelled = prev is not None and prev > first_body and is_label(p.blocks[prev].text)
        if nxt is not None and fingerprint(p.blocks[nxt].text) == key:
            p.mark(i, "promo", "promo-repeat")
            p.mark(nxt, "promo", "promo-repeat")
        elif not by_shape:
            continue
        elif labelled:
            p.mark(i, "promo", "promo-headline")
        elif block.kind == "p" and _other_story(block.text, counts):
            p.mark(i, "promo", "promo-headline")
        else:
            continue
        if labelled and by_shape and prev is not None and p.blocks[prev].post is None:
            p.mark(prev, "promo", "section-label")


def _other_story(text: str, counts: Counter[str]) -> bool:
    overlap = _overlap(text, counts)
    if is_title_case(text):
        return overlap < 0.5
    return word_count(text) >= 6 and overlap < 0.2


def _pasted_page(p: _Pass) -> None:
    """What a whole page copied as text adds around and inside the article (see `pasted`)."""
    for i, verdict in pasted.captions_after_pictures(p.blocks, p.verdicts):
        p.mark(i, *verdict)
    for i, verdict in pasted.repeated_captions(p.blocks, p.verdicts):
        p.mark(i, *verdict)
    first_body = next((i for i in p.live() if is_body(p.blocks[i].text)), len(p.blocks))
    for i, verdict in pasted.repeated_headlines(p.blocks, p.verdicts, first_body):
        p.mark(i, *verdict)
    for i, verdict in pasted.lone_teaser(p.blocks, p.verdicts, first_body):
        p.mark(i, *verdict)
    for i, verdict in pasted.outside_body(p.blocks, p.verdicts):
        p.mark(i, *verdict)


def _repeated_paragraphs(p: _Pass) -> None:
    seen: set[str] = set()
    for i in p.live():
        block = p.blocks[i]
        key = fingerprint(block.text)
        if len(key) < 20 or block.kind == "cell" or block.post is not None:
            continue
        if key in seen:
            p.mark(i, "duplicate", "repeated-paragraph")
        seen.add(key)


def _pull_quotes(p: _Pass) -> None:
    """A short block repeating words of a longer paragraph verbatim, as a pull quote does."""
    live = p.live()
    keys = {i: fingerprint(p.blocks[i].text) for i in live}
    for i in live:
        n = word_count(p.blocks[i].text)
        if not 8 <= n <= 40 or p.blocks[i].post is not None or p.blocks[i].kind == "cell":
            continue
        for j in live:
            if j != i and len(keys[j]) > len(keys[i]) and keys[i] in keys[j]:
                p.mark(i, "duplicate", "pull-quote")
                break


def clean_blocks(
    blocks: list[Block], known_title: str | None = None, find_title: bool = True, promo_by_shape: bool = True
) -> Cleaned:
    """Apply every line rule to a document's blocks, in the order that lets each see the others' work.

    `find_title` takes the first headline-like line as the title (plain text); `promo_by_shape`
    lets a lone headline-shaped line between paragraphs count as cross-promotion.
    """
    mark_posts(blocks)
    p = _Pass(blocks)
    _header(p, known_title, find_title)
    _patterns(p)
    _link_lists(p)
    for i in gallery_blocks(blocks, p.live()):
        p.mark(i, "promo", "gallery")
    _repeated_title(p, [known_title, p.found.title])
    _promo_headlines(p, promo_by_shape)
    if promo_by_shape:
        _pasted_page(p)
    _repeated_paragraphs(p)
    _pull_quotes(p)
    kept = [b for b, v in zip(blocks, p.verdicts, strict=True) if v is None]
    removed = p.cut + [
        Removal(b.written, v[0], v[1]) for b, v in zip(blocks, p.verdicts, strict=True) if v is not None
    ]
    return Cleaned(kept, removed, p.found)
