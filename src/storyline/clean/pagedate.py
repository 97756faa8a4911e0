"""The publication date of an HTML page: htmldate's answer, checked against what the page shows its reader.

htmldate reads the markup (meta tags, JSON-LD, <time>, the URL) and is right on most pages; what it
cannot know is corrected here. A date the page shows its reader, in a <time> element between the
headline and the body or after a publication label ("Published: 7 April 2020", "Erschienen am 26. Jan
2022"), is what its editors state, and wins over markup that disagrees (a stale `name=date` tag, a date
in an image path, the day the page was cached). A stamp given in UTC names the wrong day when the
publisher states the same instant in its own time zone and that falls on the day before or after.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

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
# A stamp marked as the update, or one inside a comment, an embedded post or a side box, is not the
# article's publication.
_UPDATE_MARK = re.compile(r"updat|modif|actuali[sz]|aktualisiert|mis à jour|geändert", re.I)
_ELSEWHERE_TAGS = frozenset({"blockquote", "aside", "iframe", "figure", "nav"})
_ELSEWHERE_MARK = re.compile(r"comment|kommentar|related|teaser|sidebar|embed|instagram|twitter", re.I)
# The body has begun once a paragraph this long is passed; a date after it is in the text, not the header.
_BODY_PARAGRAPH = 200


def labelled_date(tree: etree._Element) -> str | None:
    """The date printed after a publication label in the page's visible text, when the page gives one
    (the tree loses its scripts and styles).

    A page that labels several different days (a blog's sidebar of other posts, a list of comments)
    says nothing about which is its own, so it gives none.
    """
    text = _visible_text(tree)
    found: list[str] = []
    for m in _PUBLISHED_LABEL.finditer(text):
        day = _after_label(m.group(0), text[m.end() : m.end() + 40])
        if day:
            found.append(day)
    return found[0] if found and len(set(found)) == 1 else None


def headline_date(tree: etree._Element) -> str | None:
    """The date a <time> element shows between the headline (<h1>) and the first paragraph of body text.

    Its visible text is read first (the reader's own calendar day), then its datetime attribute.
    """
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return None
    for element in _after(tree, headline):
        if element.tag == "p" and len(" ".join(element.text_content().split())) > _BODY_PARAGRAPH:
            return None
        if element.tag != "time" or _marked_elsewhere(element):
            continue
        day = _time_day(element)
        if day:
            return day
    return None


def _time_day(element: etree._Element) -> str | None:
    """The day a <time> element shows; its datetime attribute when the text gives none, or a day more
    than one away (a numeric date read in the wrong order) — within a day, the text is the local day."""
    shown = " ".join(element.text_content().split())
    label = _PUBLISHED_LABEL.match(shown)
    if label:
        day = _after_label(label.group(0), shown[label.end() :])
    else:
        day = _leading_date(shown) if shown else None
    stated = normalize_date(element.get("datetime"))
    if day and stated and abs((date.fromisoformat(day) - date.fromisoformat(stated)).days) > 1:
        return stated
    return day or stated


def _after(tree: etree._Element, start: etree._Element) -> list[etree._Element]:
    """The elements that follow `start` in document order (its own descendants excluded)."""
    out: list[etree._Element] = []
    seen = False
    inside = set(start.iter())
    for element in tree.iter():
        if element is start:
            seen = True
        elif seen and element not in inside and isinstance(element.tag, str):
            out.append(element)
    return out


def _marked_elsewhere(element: etree._Element) -> bool:
    own = " ".join(filter(None, (element.get("class"), element.get("itemprop"), element.get("id"))))
    if _UPDATE_MARK.search(own) or _UPDATE_MARK.match(element.text_content().strip()):
        return True
    for depth, parent in enumerate(element.iterancestors()):
        if parent.tag in ("article", "main", "body"):  # their classes describe the whole page
            return False
        if parent.tag in _ELSEWHERE_TAGS:
            return True
        marks = " ".join(filter(None, (parent.get("class"), parent.get("id"))))
        if _ELSEWHERE_MARK.search(marks) or (depth < 2 and _UPDATE_MARK.search(marks)):
            return True
    return False


def _visible_text(tree: etree._Element) -> str:
    etree.strip_elements(tree, *_UNSEEN, with_tail=False)
    # a space between elements: block elements carry none, and "By A. Writer" must not run into "Published"
    return " ".join(" ".join(tree.itertext()).split())


def _after_label(label: str, after: str) -> str | None:
    day = _day_first_slashes(after) if not _ENGLISH_LABEL.match(label) else None
    return day or _leading_date(after)


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
    printed = (headline_date(tree) or labelled_date(tree)) if tree is not None else None
    if printed:
        return printed
    day = normalize_date(markup_date)
    return local_day(html, day) if day else None
