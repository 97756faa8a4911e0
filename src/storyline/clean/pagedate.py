"""The publication date of an HTML page: htmldate's answer, checked against what the page shows its reader.

htmldate reads the markup (meta tags, JSON-LD, <time>, the URL) and is right on most pages; two things it
cannot know are corrected here. A date the page prints under a publication label ("Published: 7 April
2020", "Erschienen am 26. Jan 2022") is what its editors state, and wins over markup that disagrees (a
stale `name=date` tag, a date in an image path). A stamp given in UTC names the wrong day when the
publisher states the same instant in its own time zone and that falls on the day before or after.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from lxml import etree
from lxml import html as lxml_html

from storyline.clean.metadata import normalize_date

# Labels that introduce the first publication of a page, never its update; English and the page
# languages the metadata reader already parses.
_PUBLISHED_LABEL = re.compile(
    r"\b(?:(?:first |originally )?published(?: on)?|posted on|written"
    r"|veröffentlicht(?: am)?|erstellt am|erschienen am|publiziert am"
    r"|publié le|publicado(?: el| en)?|pubblicato(?: il)?|gepubliceerd op)\s*:?\s*",
    re.I,
)
_ENGLISH_LABEL = re.compile(r"^(?:first |originally )?(?:published|posted|written)", re.I)
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
_STAMP = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})(?![\d:])"
)
_UNSEEN = ("script", "style", "noscript", "template")


def labelled_date(tree: etree._Element) -> str | None:
    """The date printed after a publication label in the page's visible text, when the page gives one
    (the tree loses its scripts and styles).

    A page that labels several different days (a blog's sidebar of other posts, a list of comments)
    says nothing about which is its own, so it gives none.
    """
    text = _visible_text(tree)
    found: list[str] = []
    for m in _PUBLISHED_LABEL.finditer(text):
        after = text[m.end() : m.end() + 40]
        day = _day_first_slashes(after) if not _ENGLISH_LABEL.match(m.group(0)) else None
        day = day or _leading_date(after)
        if day:
            found.append(day)
    return found[0] if found and len(set(found)) == 1 else None


def _visible_text(tree: etree._Element) -> str:
    etree.strip_elements(tree, *_UNSEEN, with_tail=False)
    # a space between elements: block elements carry none, and "By A. Writer" must not run into "Published"
    return " ".join(" ".join(tree.itertext()).split())


def _leading_date(text: str) -> str | None:
    day = normalize_date(text[:40])
    # the date must open the text after the label, not be some later number in the paragraph
    return day if day and re.match(r"\s*(?:[^\W\d_]{2,10}\.?,?\s+)?\d", text) else None


def _day_first_slashes(text: str) -> str | None:
    """02/11/2023 after a label in a language that writes the day first."""
    m = _SLASHED.match(text)
    if not m:
        return None
    try:
        return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1))).date().isoformat()
    except ValueError:
        return None


def _stamps(html: str) -> list[datetime]:
    out = []
    for m in _STAMP.finditer(html):
        year, month, day, hour, minute, zone = m.groups()
        if zone == "Z":
            offset = timedelta(0)
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        try:
            out.append(
                datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=timezone(offset))
            )
        except ValueError:
            continue
    return out


def local_day(html: str, day: str) -> str:
    """The publisher's own calendar day for a date read from a UTC stamp, when the page states the same
    instant with its local offset ("2024-05-03T02:10Z" beside "2024-05-02T22:10-04:00")."""
    stamps = _stamps(html)
    utc = [s for s in stamps if s.utcoffset() == timedelta(0) and s.date().isoformat() == day]
    for stamp in utc:
        for other in stamps:
            if other.utcoffset() != timedelta(0) and other == stamp and other.date().isoformat() != day:
                return other.date().isoformat()
    return day


def page_date(html: str, markup_date: str | None) -> str | None:
    """The page's publication date: a labelled date it prints, else the markup's date in local time."""
    try:
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"))
    except (etree.LxmlError, ValueError):
        tree = None
    printed = labelled_date(tree) if tree is not None else None
    if printed:
        return printed
    day = normalize_date(markup_date)
    return local_day(html, day) if day else None
