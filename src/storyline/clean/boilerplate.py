"""Cross-article boilerplate: paragraphs one outlet repeats in many articles (footers, sign-up pitches)."""

from __future__ import annotations

import hashlib
import posixpath
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import accumulate

from storyline.clean.shape import FINGERPRINT_STRIP, fingerprint, is_body, normalize_space
from storyline.model import Article, Removal, Span

_INVITATION = re.compile(
    r"\b(?:subscribe|subscription|sign[ -]?up|newsletters?|follow us|download (?:our|the) app|donate"
    r"|support (?:us|our)|become a (?:member|subscriber|supporter)|join us)\b",
    re.I,
)
# Above this share of an article's characters, and with several paragraphs of prose among them,
# recurring lines are more likely a syndicated copy of the same story than page furniture, so only
# the short, non-prose ones go.
_MAX_SHARE = 0.5
_MIN_SHARED_PROSE = 3  # a footer has a line or two of prose; a copied story has many
WINDOW = 1_000_000  # characters of a whole text normalised at once for its key

GroupKey = tuple[str, str]


def _group(article: Article) -> GroupKey:
    if article.outlet and article.outlet.strip():
        return ("outlet", " ".join(article.outlet.casefold().split()))
    location = article.source.split("#", 1)[0].split("?", 1)[0]
    return ("folder", posixpath.dirname(location.replace("\\", "/")))


def _key(paragraph: str) -> int | None:
    text = fingerprint(paragraph)
    if not text:
        return None
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _text_key(text: str) -> int:
    """`_key` of a whole article; past WINDOW characters, a hash of the same fingerprint made a window at a
    time, so a book-length text is never split into one list of all its words (ten times its size)."""
    if len(text) <= WINDOW:
        return _key(text) or 0
    digest = hashlib.blake2b(digest_size=8)
    started = False
    pending: list[str] = []  # the last part with words, and any parts of only end punctuation after it
    for window in _windows(text):
        part = " ".join(normalize_space(window).casefold().split())
        if not started:
            part = part.lstrip(FINGERPRINT_STRIP)
        if not part:
            continue
        started = True
        if part.strip(FINGERPRINT_STRIP) and pending:
            digest.update(" ".join(pending).encode("utf-8") + b" ")
            pending = []
        pending.append(part)
    last = " ".join(pending).rstrip(FINGERPRINT_STRIP)
    if not last:
        return 0
    digest.update(last.encode("utf-8"))
    return int.from_bytes(digest.digest(), "big")


def _windows(text: str) -> Iterator[str]:
    """`text` in pieces of about WINDOW characters, each cut before a whitespace character."""
    start = 0
    while start < len(text):
        end = min(len(text), start + WINDOW)
        while end < len(text) and not text[end].isspace():
            end += 1
        yield text[start:end]
        start = end


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(start offset, paragraph) for each paragraph of an article's text."""
    out: list[tuple[int, str]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        out.append((offset, paragraph))
        offset += len(paragraph) + 2
    return out


class _Posts:
    """An article's embedded posts, sorted, so a paragraph is checked against them by bisection."""

    def __init__(self, embeds: list[Span]) -> None:
        self.spans = sorted((span.start, span.end) for span in embeds)
        self.starts = [start for start, _ in self.spans]
        # the furthest end of any post starting at or before each one: posts may overlap
        self.reach = list(accumulate((end for _, end in self.spans), max))

    def overlap(self, start: int, end: int) -> bool:
        """Whether any post overlaps [start, end): one starting before `end` and ending after `start`."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


def _line_keys(article: Article) -> set[int]:
    keys = set()
    posts = _Posts(article.embeds)
    for start, paragraph in _paragraphs(article.text):
        key = _key(paragraph)
        if key is not None and not posts.overlap(start, start + len(paragraph)):
            keys.add(key)
    return keys


def _shift(spans: list[Span], moves: list[tuple[int, int, int]]) -> list[Span]:
    """Spans moved with their paragraphs; `moves` holds (old start, old end, new start) of kept ones.

    Kept paragraphs are apart and in order, so the one holding an offset is found by bisection.
    """
    starts = [old_start for old_start, _, _ in moves]

    def moved(at: int, first: bool) -> int | None:
        k = bisect_right(starts, at) - 1
        if first:  # the first paragraph holding it: one ending right where the next starts holds it too
            while k > 0 and moves[k - 1][1] >= at:
                k -= 1
        if k < 0 or not moves[k][0] <= at <= moves[k][1]:
            return None
        return moves[k][2] + at - moves[k][0]

    out = []
    for span in spans:
        new_start, new_end = moved(span.start, True), moved(span.end, False)
        if new_start is not None and new_end is not None:
            out.append(Span(new_start, new_end, span.kind))
    return out


def _strip(article: Article, recurring: set[int]) -> Article:
    paragraphs = _paragraphs(article.text)
    posts = _Posts(article.embeds)
    doomed = set()
    for index, (start, paragraph) in enumerate(paragraphs):
        if _key(paragraph) in recurring and not posts.overlap(start, start + len(paragraph)):
            doomed.add(index)
    if not doomed:
        return article
    share = sum(len(paragraphs[i][1]) for i in doomed) / max(1, len(article.text))
    prose = {i for i in doomed if is_body(paragraphs[i][1])}
    if share > _MAX_SHARE and len(prose) >= _MIN_SHARED_PROSE:
        doomed -= prose
    if not doomed or len(doomed) == len(paragraphs):
        return article
    kept: list[str] = []
    moves: list[tuple[int, int, int]] = []
    removed: list[Removal] = []
    offset = 0
    for index, (start, paragraph) in enumerate(paragraphs):
        if index in doomed:
            reason = "promo" if _INVITATION.search(paragraph) else "navigation"
            removed.append(Removal(paragraph, reason, "recurring"))
            continue
        begin = offset + (2 if kept else 0)
        moves.append((start, start + len(paragraph), begin))
        kept.append(paragraph)
        offset = begin + len(paragraph)
    return replace(
        article,
        text="\n\n".join(kept),
        removed=[*article.removed, *removed],
        embeds=_shift(article.embeds, moves),
    )


def remove_boilerplate(articles: list[Article], min_articles: int = 3) -> list[Article]:
    """The same articles, less the paragraphs that recur verbatim in `min_articles` of one outlet's articles.

    Articles group by outlet; articles without one group by the folder (or URL path) they came from.
    Identical texts count once, so three copies of one story do not make its paragraphs boilerplate.
    Memory grows with the number of distinct paragraphs, one 64-bit hash each.
    """
    if min_articles < 2:
        raise ValueError(f"min_articles must be at least 2, not {min_articles}")
    counts: dict[GroupKey, Counter[int]] = {}
    seen_texts: dict[GroupKey, set[int]] = {}
    for article in articles:
        group = _group(article)
        text_key = _text_key(article.text)
        if text_key in seen_texts.setdefault(group, set()):
            continue
        seen_texts[group].add(text_key)
        counts.setdefault(group, Counter()).update(_line_keys(article))
    out = []
    for article in articles:
        group_counts = counts.get(_group(article), Counter())
        recurring = {key for key in _line_keys(article) if group_counts[key] >= min_articles}
        out.append(_strip(article, recurring) if recurring else article)
    return out
