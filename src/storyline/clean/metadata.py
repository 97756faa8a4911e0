"""Reading the metadata a page states in its own lines: dates, bylines, the outlet, a title's site suffix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import dateparser

from storyline.clean.shape import ends_sentence, word_count

# Languages tried when a date is written out in words; a short list keeps failed parses fast.
_DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl"]
# A date never falls back on today's date for a missing part: day, month and year must all be written.
_DATE_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b")
# "06.10.2023" is day first wherever dots separate the parts; only slashes leave the order open
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_MONTH = r"[^\W\d_]{3,10}\.?"
_DATE_IN_TEXT = re.compile(
    rf"(?:\b[^\W\d_]{{3,9}}\.?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
)
_LABEL = re.compile(
    r"^(?P<label>(?:first |originally )?published(?: on| at)?|posted(?: on| at)?"
    r"|(?:last )?updated(?: on| at)?"
    r"|last modified|modified|date|dated|created|written)\b\s*:?\s*",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:ago|yesterday|today|just now|hours?|minutes?|mins?)\b", re.I)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|cst|cdt|et|pt|ist|aest|jst)\b|[+-]\d{2}:?\d{2}\b",
    re.I,
)
_FILLER = re.compile(r"\b(?:at|on|the|of|and|updated|published|posted|last)\b|[\s,|·•:()\-–—]+", re.I)

_BY = re.compile(
    r"^(?:by|von|par|por|door|words by|written by|story by|text by|author|authors|reporter)"
    r"\s*:?\s+(?P<rest>.+)$",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||·|•|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
_ROLE = re.compile(
    r"\b(?:staff|writers?|reporters?|correspondents?|editors?|contributors?|columnists?|analysts?|producers?"
    r"|bureau|chief|senior|deputy|political|economics|science|health|news|desk|team|journalists?"
    r"|photographers?|critic|associate|special|guest|freelance|intern)\b",
    re.I,
)
_PLACE_OR_OUTLET = re.compile(r"\s+(?:in|for|at|from|with)\s+[A-Z].*$")
_PARTICLES = frozenset(
    "de da di del della der den van von la le du bin ibn al el ter ten dos das y st".split()
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/?$", re.I)
_OUTLET_LINE = re.compile(r"^(?:source|outlet|publication|published by|publisher)\s*:\s*(?P<name>.+)$", re.I)
_OUTLET_WORD = re.compile(
    r"\b(?:news|times|post|herald|journal|tribune|daily|gazette|review|press|online|tv|radio|chronicle"
    r"|telegraph|guardian|observer|courier|mail|star|sun|standard|independent|express|record|today|wire"
    r"|weekly|magazine|insider|report|bulletin|monitor|dispatch|examiner|inquirer|register)\b|\.\w{2,3}$",
    re.I,
)
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>[^\W\d_][^.|©]{0,60}?)"
    r"\s*(?:[.|,]|$)",
    re.I,
)
_SITE_SEP = re.compile(r"\s+(?:\||–|—|-|::)\s+")


@lru_cache(maxsize=4096)
def _parse(text: str) -> date | None:
    parsed: datetime | None = dateparser.parse(text, languages=_DATE_LANGUAGES, settings=_DATE_SETTINGS)
    return parsed.date() if parsed else None


def normalize_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO stamp or a written date; None when no full date is stated."""
    if not value or not value.strip():
        return None
    found = _find_date(value)
    return found[0] if found else None


def _find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    iso = _ISO.search(text)
    if iso:
        try:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return day.isoformat(), iso.span()
    m = _DATE_IN_TEXT.search(text)
    if not m:
        return None
    dotted = _DOTTED.search(m.group(0))
    if dotted:
        try:
            day = date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
        except ValueError:
            return None
        return day.isoformat(), m.span()
    parsed = _parse(m.group(0).strip(" ,")) or _parse(m.group(0).split(None, 1)[-1].strip(" ,"))
    return (parsed.isoformat(), m.span()) if parsed else None


def date_line(text: str) -> tuple[str, str | None] | None:
    """(kind, YYYY-MM-DD or None) when the whole line states a date; kind is published, updated or plain.

    A relative stamp ("3 hours ago") is a date line without a date: it is page furniture, but
    resolving it would need today's date, which says nothing about the article.
    """
    if word_count(text) > 14 or len(text) > 90:
        return None
    label = _LABEL.match(text)
    kind = "plain"
    rest = text
    if label:
        word = label.group("label").casefold()
        kind = "updated" if ("updated" in word or "modified" in word) else "published"
        rest = text[label.end() :]
    found = _find_date(rest)
    if found:
        iso, (start, end) = found
        leftover = _FILLER.sub(" ", _TIME.sub(" ", rest[:start] + " " + rest[end:])).strip()
        return (kind, iso) if len(leftover.split()) <= 1 and len(leftover) <= 12 else None
    if _RELATIVE.search(rest) and re.search(r"\d|yesterday|today|just now", rest, re.I):
        leftover = _FILLER.sub(" ", _TIME.sub(" ", _RELATIVE.sub(" ", re.sub(r"\d+", " ", rest)))).strip()
        return (kind, None) if not leftover else None
    if _TIME.search(rest) and not _FILLER.sub("", _TIME.sub("", rest)).strip():
        return (kind, None)
    return None


_STAMP_END = re.compile(r"^[\s,.|·•:\-–—]*")
_CLOCK = re.compile(rf"[\s,]*(?:at\s+)?(?:{_TIME.pattern})", re.I)


def leading_stamp(text: str) -> tuple[str, str, str | None, str] | None:
    """(the stamp, its kind, YYYY-MM-DD or None, the rest) when a paragraph opens with a date label glued
    to it, as copied pages do ("Published: 2 May 2024 Rescue teams …", "date 2024-05-02 The …").

    The label must be followed by a colon or by a date, so "Published reports say …" is left alone.
    """
    label = _LABEL.match(text)
    if not label:
        return None
    word = label.group("label").casefold()
    kind = "updated" if ("updated" in word or "modified" in word) else "published"
    rest_start = label.end()
    iso = None
    found = _find_date(text[rest_start : rest_start + 60])
    if found and found[1][0] == 0:
        iso, rest_start = found[0], rest_start + found[1][1]
        while clock := _CLOCK.match(text, rest_start):  # "10:15 GMT", "at 9am"
            rest_start = clock.end()
    elif ":" not in label.group(0):
        return None
    rest_start += _STAMP_END.match(text[rest_start:]).end()  # type: ignore[union-attr]
    rest = text[rest_start:]
    if word_count(rest) < 5 or not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“‘'«"):
        return None
    return text[:rest_start].strip(" ,.|·•-–—"), kind, iso, rest


def _is_name(piece: str) -> bool:
    tokens = piece.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in piece):
        return False
    capitals = 0
    for token in tokens:
        core = token.strip(".,'’")
        if core.casefold() in _PARTICLES:
            continue
        if not core or not core[0].isupper() or not all(c.isalpha() or c in "-'’." for c in core):
            return False
        capitals += 1
    if tokens[0].casefold() == "the":
        return False
    return capitals >= 1 and not (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 5)


@dataclass
class Byline:
    """What a byline line states: the authors, and sometimes their outlet and the date."""

    names: list[str]
    outlet: str | None = None
    date: str | None = None


def _outlet_name(piece: str) -> bool:
    tokens = piece.split()
    return 1 <= len(tokens) <= 6 and all(t[0].isupper() for t in tokens) and bool(_OUTLET_WORD.search(piece))


def _names(rest: str) -> Byline | None:
    """The people a byline names, or None when any piece is neither a name, a job title nor an outlet."""
    rest = re.sub(r"\([^)]*\)", " ", rest).strip(" .,|")
    found = Byline([])
    for piece in _NAME_SPLIT.split(rest):
        piece = _PLACE_OR_OUTLET.sub("", piece.strip(" ."))
        if not piece:
            continue
        if found.names and _outlet_name(piece):
            found.outlet = found.outlet or piece
        elif _ROLE.search(piece):
            if not found.names:
                return None
        elif _is_name(piece):
            found.names.append(piece)
        else:
            return None
    return found if found.names else None


def _plain_byline(text: str) -> Byline | None:
    if word_count(text) > 16 or text.rstrip().endswith(("!", "?", '"', "”", ":")):
        return None
    m = _BY.match(text.strip())
    if m:
        return _names(m.group("rest"))
    parts = [p.strip() for p in re.split(r"\s*[|,–—]\s*", text.strip()) if p.strip()]
    if len(parts) >= 2 and _is_name(parts[0]) and len(parts[0].split()) >= 2:
        if all(_ROLE.search(p) for p in parts[1:]):
            return Byline([parts[0]])
    return None


def byline(text: str) -> Byline | None:
    """A byline line: "By Jane Doe and John Roe, Staff Writers", "Jane Doe | Reporter",
    "By Jane Doe, Example News", "By Jane Doe, March 3, 2024"."""
    found = _find_date(text)
    if found:
        start, end = found[1]
        rest = _TIME.sub(" ", text[:start] + " " + text[end:])
        dated = _plain_byline(" ".join(rest.split()).strip(" ,|·•-–—"))
        if dated:
            dated.date = found[0]
            return dated
    return _plain_byline(text)


def copyright_holder(text: str) -> str | None:
    """The name after the © and year of a copyright line ("© 2026 Example News. All rights reserved.")."""
    m = _COPYRIGHT_HOLDER.match(text.strip())
    if not m:
        return None
    name = m.group("name").strip(" ,.")
    return name if 1 <= word_count(name) <= 6 and not any(ch.isdigit() for ch in name) else None


def outlet_line(text: str) -> str | None:
    """The outlet a line names: "Source: Example News", or a bare site address at the top of a page."""
    m = _OUTLET_LINE.match(text.strip())
    if m and word_count(m.group("name")) <= 6 and not ends_sentence(m.group("name").rstrip(".")):
        return m.group("name").strip(" .")
    domain = _DOMAIN.match(text.strip())
    return domain.group(1).casefold() if domain else None


def split_site_suffix(title: str) -> tuple[str, str | None]:
    """ "Headline | Example News" -> ("Headline", "Example News") when the last part reads as a site name."""
    parts = _SITE_SEP.split(title)
    if len(parts) < 2:
        return title, None
    site = parts[-1].strip()
    head = title[: len(title) - len(site)].rstrip(" |–—-:")
    if word_count(site) > 5 or word_count(head) < 2 or ends_sentence(site):
        return title, None
    if " | " in title or _OUTLET_WORD.search(site):
        return head, site
    return title, None
