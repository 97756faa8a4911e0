"""Page furniture that is not part of the story: bylines, photo credits, navigation trails, links, emoji."""

from __future__ import annotations

import re
import unicodedata

_WEB = re.compile(r"@|#|://|www\.|/|\.(?:com|org|net|gov|edu|io|co)\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:(?:additional\s+)?reporting|reported|written|edited|editing|story|words|text|compiled)?"
    r"\s*by\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:^|(?<=[.!?)\]|(\u2014\u2013-])\s*)"
    r"(?:\b(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|graphics?|captions?)"
    r"(?:\s+by\b|\s*[:|\u00a9])|\u00a9)",
    re.IGNORECASE,
)
# "Home > Region > Story": a navigation trail left in the text
_BREADCRUMB = re.compile(r"^[^.!?]{0,60}(?:\s[>\u203a\u00bb/|]\s[^.!?]{1,60}){2,}$")


def blocked_regions(text: str) -> list[tuple[int, int]]:
    """Bylines, photo credits and navigation trails: their names are page furniture, not actors."""
    regions = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        byline = _BYLINE.match(body)
        if (byline and _looks_like_names(byline.group("who"))) or _BREADCRUMB.match(body):
            regions.append((offset, offset + len(body)))
        else:
            credit = _CREDIT.search(body)
            if credit:
                regions.append((offset + credit.start(), offset + len(body)))
        offset += len(line)
    return regions


def _looks_like_names(words_text: str) -> bool:
    """A byline's tail: a few words, mostly capitalised, no sentence after it."""
    words = [w.strip(",;|") for w in words_text.split() if w.strip(",;|")]
    if not words or len(words) > 10 or words_text.rstrip().endswith((".", "!", "?", ":")):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in ("and", "in", "for"))
    return capitalised / len(words) >= 0.7


def is_junk(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    """Handles, links, e-mail addresses, emoji, numbers and single letters are not names."""
    name = text[start:end]
    if len(name) < 2 or not any(c.isupper() for c in name) or not any(c.isalpha() for c in name):
        return True
    if _WEB.search(name) or (start > 0 and text[start - 1] in "@#"):
        return True
    if any(_is_symbol(c) for c in name):
        return True
    return any(a <= start and end <= b for a, b in blocked)


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Cs", "Co") or ord(char) >= 0x1F000
