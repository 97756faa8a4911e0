"""What a tagged span is not: page furniture, a headline, a portfolio, or one name when it holds two.

Page furniture (bylines, photo credits, navigation trails, links, emoji) is no actor.
The tagger also runs neighbouring names together ("the Department of Housing, Ellen
Moore"); `split_span` takes such a span apart by what the rest of the text says.
"""

from __future__ import annotations

import re
import unicodedata

from storyline.names import (
    NAME_SUFFIXES,
    ORG_WORDS,
    PRONOUNS,
    QUOTE_CHARS,
    everyday_words,
    is_acronym,
    name_like,
    word_key,
)

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
# where one tagged span may hold two names: "X, Ellen Moore", "Ormsby's Tarawhiti",
# "Quillmart and Rowan Ledgerworks", "Marlow Centre in Tessaby"
_COMMA_NAME = re.compile(r",\s+(?=[A-Z])")
_POSSESSIVE_INSIDE = re.compile(r"['\u2019]s\s+(?=[A-Z])")
_COORDINATION = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")
_IN_PLACE = re.compile(r"\s+in\s+(?=[A-Z])")
_WORD = re.compile(r"\S+")
# "Fisheries Minister Penn": a word before one of these is a portfolio, not an organisation
_PORTFOLIO_AFTER = re.compile(r"\s+(?:Minister|Secretary|Spokesman|Spokeswoman|Spokesperson)\b")

# Words a name writes in lower case ("Bank of America") or never holds, which title case capitalises.
_HEADLINE_SMALL_WORDS = frozenset(
    """
    a an into onto with from is are was were has have had just will can could would should be been
    not after over about to by as its than for on at in up out off
    """.split()
)
# "Lagos, Nigeria - Nigeria's president": a spaced dash ends a name (a dateline, a heading)
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+")

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


def is_headline(name: str) -> bool:
    """ "Baker Claims They Took Her Recipe", "Checks Into Malibu Rehab": a capitalised pronoun or
    small grammatical word inside is a title-case headline, not a name."""
    words = [w.strip(QUOTE_CHARS + ",.") for w in name.split()]
    small = PRONOUNS | _HEADLINE_SMALL_WORDS
    return len(words) >= 3 and any(w == w.capitalize() and w.lower() in small for w in words[1:])


def is_portfolio(text: str, start: int, end: int, label: str) -> bool:
    one_word = " " not in text[start:end]
    return one_word and label not in ("GPE", "NORP") and bool(_PORTFOLIO_AFTER.match(text, end))


Piece = tuple[int, int, str]


def split_span(text: str, start: int, end: int, label: str) -> list[Piece]:
    """The separate names inside one tagged span, each with its label."""
    outer = (start, end)
    return [
        p
        for a, b in _split_dashes(text, start, end)
        for piece in _split_commas(text, a, b, label)
        for p in _split_inside(text, piece, outer)
    ]


def _split_dashes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start]
    for m in _SPACED_DASH.finditer(text, start, end):
        bounds += [m.start(), m.end()]
    bounds.append(end)
    return [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b > a]


def _split_commas(text: str, start: int, end: int, label: str) -> list[Piece]:
    """ "the Department of Housing, Ellen Moore": a name never runs on past a comma into another name."""
    cuts = []
    for m in _COMMA_NAME.finditer(text, start, end):
        after = _WORD.match(text, m.end())
        if after and word_key(after.group().strip(",")) not in NAME_SUFFIXES:
            cuts.append(m)
    bounds = [start] + [x for m in cuts for x in (m.start(), m.end())] + [end]
    pieces = list(zip(bounds[::2], bounds[1::2], strict=True))
    has_org = any(word_key(w) in ORG_WORDS for w in text[pieces[0][0] : pieces[0][1]].split())
    out = [(pieces[0][0], pieces[0][1], label)]
    for a, b in pieces[1:]:
        words = text[a:b].split()
        # an organisation followed by a person-shaped name: the spokesperson named after their employer
        person = has_org and 2 <= len(words) <= 3 and name_like(words)
        out.append((a, b, "PERSON" if person else label))
    return out


def _split_inside(text: str, piece: Piece, outer: tuple[int, int], depth: int = 0) -> list[Piece]:
    """Owner and owned ("Ormsby's Tarawhiti"), two names joined by "and", a name and its place."""
    start, end, label = piece
    parts: list[Piece] = []
    owner = _POSSESSIVE_INSIDE.search(text, start, end)
    if owner and _two_owners(text, start, owner.start(), owner.end(), end, outer):
        parts = [(start, owner.start() + 2, label), (owner.end(), end, label)]
    for m in [] if parts else _COORDINATION.finditer(text, start, end):
        # "Harwell & Brandt" is one name; a coordination is two when each name also stands alone
        if _alone(text, start, m.start(), outer) and _alone(text, m.end(), end, outer):
            kind = "ORG" if label == "WORK" else label
            parts = [(start, m.start(), kind), (m.end(), end, kind)]
            break
    place = None if parts else _IN_PLACE.search(text, start, end)
    if place and word_key(text[start : place.start()].split()[-1]) in ORG_WORDS:
        if _alone(text, place.end(), end, outer):
            parts = [(start, place.start(), label), (place.end(), end, "GPE")]
    if not parts or depth > 3:
        return [piece]
    return [p for part in parts for p in _split_inside(text, part, outer, depth + 1)]


def _two_owners(text: str, start: int, apostrophe: int, owned: int, end: int, outer: tuple[int, int]) -> bool:
    """Whether "X's Y" names two things ("Ormsby's Tarawhiti", "Parliament's Joint Committee").

    It does when the owner is an organisation or is written alone elsewhere in the text; a
    possessive inside one name ("St Aldric's Hospital", "Founder's Day") has an owner
    seen nowhere else, or a common noun for its head.
    """
    owner_words = text[start:apostrophe].split()
    owned_words = text[owned:end].split()
    if not owner_words or not owned_words:
        return False
    if len(owned_words) == 1 and owned_words[0].lower() in everyday_words(text):
        return False
    if word_key(owner_words[-1]) in ORG_WORDS or is_acronym(owner_words[-1]):
        return True
    owner = re.escape(text[start:apostrophe])
    # written alone: not as the start of a longer name ("World War", "World of Tomorrow")
    alone = re.compile(r"(?<![\w-])" + owner + r"(?![\w-]|['\u2019]|\s+(?:(?:of|for|and|&)\s+)?[A-Z])")
    return any(m.end() <= outer[0] or m.start() >= outer[1] for m in alone.finditer(text))


def _alone(text: str, start: int, end: int, outer: tuple[int, int]) -> bool:
    """Whether text[start:end] is also written somewhere outside the span it was found in."""
    name = text[start:end].strip()
    if len(name) < 2:
        return False
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    return any(m.end() <= outer[0] or m.start() >= outer[1] for m in pattern.finditer(text))
