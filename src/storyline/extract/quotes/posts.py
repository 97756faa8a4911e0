"""Finding social-media posts embedded in an article's text, with the name that signs them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.quotes.marks import paragraphs
from storyline.model import Article

# The signature an embedded post carries at its end: "— Lena Markov (@lenamarkov) March 4, 2026".
_SIGNATURE = re.compile(
    r"(?<!\S)[—–-]{1,2}\s*(?P<name>[^\n()@—–]{1,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*(?P<date>[^\n]{0,40})$"
)
# A signature at the start instead: "Lena Markov (@lenamarkov): We are safe."
_LEADING = re.compile(r"(?P<name>[^\n()@:]{1,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*[:·—–-]?\s*")
# A date, a time or nothing may follow the handle; anything longer is prose, not a signature.
_DATE_TAIL = re.compile(r"^(?:[\w.,:/ ]{0,40})$")
_TRAILING_LINK = re.compile(r"(?:\s+(?:https?://\S+|pic\.twitter\.com/\S+|\S+\.\w{2,3}/\S+))+\s*$")
_MARKS = "\"'“”‘’«»"


@dataclass(frozen=True)
class Post:
    """An embedded post: the region it fills, its words, and the name it is signed with."""

    region: tuple[int, int]
    start: int
    end: int
    name: tuple[int, int] | None


def find_posts(article: Article) -> list[Post]:
    """Posts marked by the cleaner (`article.embeds`) and paragraphs that carry a post's signature."""
    text = article.text
    found: list[Post] = []
    for embed in article.embeds:
        if embed.kind == "post":
            post = _read_region(text, embed.start, embed.end, require_signature=False)
            if post is not None:
                found.append(post)
    lines = list(paragraphs(text))
    for k, (lo, hi) in enumerate(lines):
        if any(p.region[0] <= lo < p.region[1] for p in found):
            continue
        post = _read_region(text, lo, hi, require_signature=True)
        if post is None and k > 0 and _is_bare_signature(text, lo, hi):
            post = _read_region(text, lines[k - 1][0], hi, require_signature=True)
        # a signature line just past a post the cleaner marked reads that post again: one post
        if post is not None and not any((p.start, p.end) == (post.start, post.end) for p in found):
            found.append(post)
    return sorted(found, key=lambda p: p.start)


def _is_bare_signature(text: str, lo: int, hi: int) -> bool:
    match = _SIGNATURE.search(text, lo, hi)
    return match is not None and not text[lo : match.start()].strip()


def _read_region(text: str, lo: int, hi: int, require_signature: bool) -> Post | None:
    match = _SIGNATURE.search(text, lo, hi)
    if match is not None and _DATE_TAIL.match(match.group("date")):
        body = _trim(text, lo, match.start())
        name = match.span("name")
    else:
        lead = _LEADING.match(text, lo, hi)
        if lead is not None and not lead.group("name").strip().endswith((".", "!", "?")):
            body, name = _trim(text, lead.end(), hi), lead.span("name")
        elif require_signature:
            return None
        else:
            body, name = _trim(text, lo, hi), None
    if body is None:
        return None
    return Post((lo, hi), body[0], body[1], name)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The post's words: without surrounding space, quote marks, or links trailing after them."""
    link = _TRAILING_LINK.search(text, start, end)
    if link is not None:
        end = link.start()
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end
