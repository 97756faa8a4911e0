"""Resolving a date phrase as written ("Monday", "last week", "3 March") to a calendar date.

A phrase resolves against the article's publication date and gives an ISO date
and its granularity:

- "day": "YYYY-MM-DD" ("3 March 2026", "Monday", "yesterday", "two days ago")
- "week": "YYYY-MM" ("last week", "this week", "next week"): story.json has no way
  to write a week, and a day would claim more than the text says, so a week gives
  the month that holds it; a week that straddles two months gives the month of its
  Thursday, the one that holds most of its days (as ISO 8601 assigns weeks to years)
- "month": "YYYY-MM" ("March 2026", "in March", "last month", "earlier this month")
- "year": "YYYY" ("in 2019", "last year", "earlier this year")
- "unknown": None, for phrases no calendar can place ("recently", "in the past")
  and for relative phrases when the article has no publication date.

A weekday or a month without a year is the most recent one on or before
publication, unless `future` says the sentence looks ahead ("will meet on
Tuesday"); a day and month without a year is their occurrence nearest the
publication date. dateparser reads what the rules here do not, always with the
publication date as its base, so no result ever depends on today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser

from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAYS |= {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5}
WEEKDAYS |= {"sun": 6}
# Counts dateparser does not read as numbers; vague, so they stand for their usual reading.
VAGUE_COUNTS = {"a couple of": "2", "a few": "3", "several": "3"}
# Words for "last", "next" and "this" that dateparser does not know before a period or a weekday.
_PERIOD_SYNONYMS = {"past": "last", "previous": "last", "coming": "next", "current": "this", "same": "this"}

# Month and weekday names as running text writes them, with their capital: "may" and "march" are verbs too.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# A year alone; "the 2000s" and "the 2000's" are decades, which no date can stand for.
_YEAR_ONLY = re.compile(r"(?<![\d£$€])\b(?P<year>1[89]\d\d|20\d\d)\b(?!'?s\b|\d)")
_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b")
_COUNT = (
    r"(?P<n>\d+|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
_AGO = re.compile(
    rf"\b{_COUNT}"
    r"\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\s+(?P<dir>ago|from now)\b"
)
_REL_PERIOD = re.compile(
    r"\b(?P<rel>last|this|next|past|previous|coming|current|same)\s+(?P<unit>week|weekend|month|year)\b"
)
_COUNTED = re.compile(rf"\b{_COUNT}\s+(?:days?|weeks?|fortnights?|months?|years?)\s+(?:ago|from now)\b")
_DAY_WORD = re.compile(
    r"\b(?:(?:the )?day before yesterday|yesterday|last night|today|tonight|(?:the )?day after tomorrow"
    r"|tomorrow|this (?:morning|afternoon|evening))\b"
)
_SHADE = re.compile(r"^(?:earlier|later|late|early)\s+")  # "earlier this month" is still this month
_VAGUE = re.compile(
    r"\b(?:recent(?:ly)?|lately|in the past|the past|previously|once|earlier|later|soon|ago|years|decades|"
    r"months|weeks|days|at the time|since then|then|now|currently|nowadays|historically)\b"
)
_SEASON = re.compile(r"\b(?P<rel>last|this|next)\s+(?:spring|summer|autumn|fall|winter)\b")

UNKNOWN: tuple[None, str] = (None, "unknown")


def resolve_date(
    phrase: str, published: str | None, *, future: bool = False, anchor: str | None = None
) -> tuple[str | None, str]:
    """An ISO date ("YYYY-MM-DD", "YYYY-MM" or "YYYY") for a date phrase, and its granularity.

    `published` is the article's publication date ("YYYY-MM-DD"); `future` says the
    sentence looks ahead, so a bare weekday or month means the next one; `anchor` is
    the day another date of the same sentence names, which "two days after" counts from.
    """
    text = _normalise(phrase)
    base = published_day(published)
    if not text:
        return UNKNOWN
    offset = _offset(text, published_day(anchor))
    if offset is not None:
        return offset
    absolute = _absolute(text, base, future)
    if absolute is not None:
        return absolute
    if base is None:
        return UNKNOWN
    for rule in (_weekend, _relative, _season):
        found = rule(text, base, future)
        if found is not None:
            return found
    if _VAGUE.search(text):
        return UNKNOWN
    return _with_dateparser(text, base, future)


def _normalise(phrase: str) -> str:
    text = phrase.lower().replace("\u2019", "'").strip(" .,;:()")
    text = re.sub(r"^(?:on|in|at|since|by|from|until|till|during|of|for|from|over)\s+", "", text)
    return re.sub(r"\s+", " ", text)


def published_day(published: str | None) -> date | None:
    """The day an article was published, from its `published` value; None when unknown."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _absolute(text: str, base: date | None, future: bool) -> tuple[str | None, str] | None:
    """Phrases that name a month or a year: "3 March 2026", "March 2", "in 2019", "March"."""
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match:
            return _day_and_month(match, base)
    match = _MONTH_YEAR.search(text)
    if match:
        return f"{int(match['year']):04d}-{MONTHS[match['month']]:02d}", "month"
    match = _YEAR_ONLY.search(text)
    if match and not _REL_PERIOD.search(text):
        return match["year"], "year"
    match = _MONTH_ONLY.search(text)
    if match:
        if base is None:
            return UNKNOWN
        month = MONTHS[match["month"]]
        year = base.year
        if "last" in text.split() or (month > base.month and not future and "next" not in text.split()):
            year -= 1
        elif "next" in text.split() or (month < base.month and future):
            year += 1
        return f"{year:04d}-{month:02d}", "month"
    return None


def _day_and_month(match: re.Match[str], base: date | None) -> tuple[str | None, str]:
    month = int(match["month"]) if match["month"].isdigit() else MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif base is not None:
        year = _nearest_year(month, day, base)
    else:
        return UNKNOWN
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return UNKNOWN


def _nearest_year(month: int, day: int, base: date) -> int:
    """The year that puts a day and month nearest the publication date."""
    best, best_gap = base.year, None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            gap = abs((date(year, month, min(day, 28 if month == 2 else day)) - base).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _day(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _parser(base: date, future: bool) -> DateDataParser:
    return _cached_parser(base.isoformat(), future)


@lru_cache(maxsize=64)
def _cached_parser(base: str, future: bool) -> DateDataParser:
    day = date.fromisoformat(base)
    settings = {
        "RELATIVE_BASE": datetime(day.year, day.month, day.day, 12),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _plain_counts(text: str) -> str:
    for words, digits in VAGUE_COUNTS.items():
        text = re.sub(rf"\b{words}\b", digits, text)
    return text


def _relative(text: str, base: date, future: bool) -> tuple[str, str] | None:
    """A day, week, month or year counted from publication, read by dateparser.

    Only the words that count are given to it ("Monday" of "the coast Monday"), in the words it knows.
    """
    text = _SHADE.sub("", text)
    day_word, weekday = _DAY_WORD.search(text), _WEEKDAY.search(text)
    counted, period_word = _COUNTED.search(text), _REL_PERIOD.search(text)
    if day_word:
        phrase = day_word[0]
    elif weekday:
        rel = weekday["rel"]
        phrase = f"{_PERIOD_SYNONYMS.get(rel, rel)} {weekday['wd']}" if rel else weekday["wd"]
    elif counted:
        phrase = _plain_counts(counted[0])
    elif period_word and period_word["unit"] != "weekend":
        phrase = f"{_PERIOD_SYNONYMS.get(period_word['rel'], period_word['rel'])} {period_word['unit']}"
    else:
        return None
    found, period = _read(phrase, base, future)
    if found is None:
        return None
    if weekday and not day_word and not weekday["rel"] and found.weekday() == base.weekday():
        found = base  # "on Thursday", written on a Thursday: that day, not a week before or after
    if counted and period == "week":
        period = "day"  # "three weeks ago" names a day, not a week
    return _granular(found, period)


@lru_cache(maxsize=4096)
def _read(phrase: str, base: date, future: bool) -> tuple[date | None, str]:
    # the same few phrases ("Monday", "last week") recur from one publication day, each read once
    try:
        data = _parser(base, future).get_date_data(phrase)
    except (ValueError, OverflowError):
        return None, "unknown"
    return (data.date_obj.date() if data.date_obj else None), data.period or "day"


def _granular(found: date, period: str) -> tuple[str, str]:
    if period == "year":
        return f"{found.year:04d}", "year"
    if period == "month":
        return f"{found.year:04d}-{found.month:02d}", "month"
    if period == "week":
        # a week gives the month of its Thursday, the month that holds most of its days
        thursday = found - timedelta(days=found.weekday() - 3)
        return f"{thursday.year:04d}-{thursday.month:02d}", "week"
    return found.isoformat(), "day"


_OFFSET = re.compile(
    rf"^{_COUNT}"
    r"\s+(?P<unit>days?|weeks?|fortnights?)\s+(?P<dir>after|before|later|earlier)$"
)


def _offset(text: str, anchor: date | None) -> tuple[str | None, str] | None:
    """A day reckoned from the other date of its sentence; without one it names no day.

    "two days later" and "a week earlier" date their own clause from the anchor; "two
    days after" and "a week before" date what follows them ("ordered a review on
    Wednesday, two days after residents were evacuated": the evacuation, on Monday).
    """
    match = _OFFSET.match(text)
    if not match:
        return None
    if anchor is None:
        return UNKNOWN
    span = f"{match['n']} {match['unit']}"
    ahead = match["dir"] in ("before", "later")
    found, _ = _read(_plain_counts(f"in {span}" if ahead else f"{span} ago"), anchor, ahead)
    return _day(found) if found else UNKNOWN


def _day(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _weekend(text: str, base: date, future: bool) -> tuple[str, str] | None:
    """A weekend is dated by its Saturday: the one just gone, unless the text looks ahead."""
    match = _REL_PERIOD.search(text)
    if match and match["unit"] == "weekend":
        rel = match["rel"]
    elif re.search(r"\b(?:the|a|this) weekend\b", text):
        rel = "this"
    else:
        return None
    step = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0
    back = (base.weekday() - 5) % 7
    saturday = base - timedelta(days=back)
    if step > 0 or (step == 0 and future and back > 1):
        saturday += timedelta(days=7)
    elif step < 0 and back <= 1:
        saturday -= timedelta(days=7)
    return saturday.isoformat(), "day"


def _season(text: str, base: date, future: bool) -> tuple[str, str] | None:
    match = _SEASON.search(text)
    if not match:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["rel"]]
    return f"{base.year + step:04d}", "year"


_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\b")


def _with_dateparser(text: str, base: date, future: bool) -> tuple[str | None, str]:
    """The last resort, for written forms the rules above do not read ("03/02/2026")."""
    if not _NUMERIC_DATE.search(text) and not _MONTH_ONLY.search(text) and not _WEEKDAY.search(text):
        return UNKNOWN  # a bare number or a duration ("54", "three days") is not a date
    found, period = _read(text, base, future)
    if found is None:
        return UNKNOWN
    if abs(found.year - base.year) > 1 and not re.search(str(found.year), text):
        return UNKNOWN
    return _granular(found, period)


# finding date phrases in a parse ---------------------------------------------

_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
_COUNT_WORDS = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
)

# Date phrases as news writes them; the tagger's DATE entities add to these.
DATE_PATTERNS = [
    rf"\b(?:(?i:last|next|this|past|coming)\s+)?{WEEKDAY_PATTERN}(?:,?\s+(?:the\s+)?{_DAYNUM}(?:\s+of)?\s+{MONTH_PATTERN}"
    rf"|,?\s+{MONTH_PATTERN}\s+{_DAYNUM})?(?:,?\s+\d{{4}})?{_PART_OF_DAY}\b",
    rf"\b(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+\d{{4}})?(?!\w)",
    rf"\b{MONTH_PATTERN}\s+{_DAYNUM}(?:,?\s+\d{{4}})?(?!\w)",
    rf"\b(?:(?i:early|mid|late|the end of|the start of|the beginning of|the middle of)[\s-]+)?"
    rf"{MONTH_PATTERN}(?:\s+\d{{4}})?(?!\w)",
    r"\b(?i:in|since|by|until|during|before|after|from)\s+(?i:early\s+|mid-|late\s+)?(?:1[89]\d\d|20\d\d)"
    r"\b(?![\d,]|s)",
    r"\b(?i:yesterday|today|tonight|last night|this (?:morning|afternoon|evening))"
    rf"{_PART_OF_DAY}\b",
    r"\b(?i:(?:earlier|later|late|early)\s+)?(?i:last|this|next|the past|the previous|the coming)\s+"
    r"(?i:week|weekend|month|year)\b",
    r"\b(?i:at|over) the weekend\b",
    rf"\b(?i:{_COUNT_WORDS}\s+(?:days?|weeks?|fortnights?|months?|years?)\s+(?:ago|earlier|later|after|before))\b",
    r"\b(?i:recently|in recent (?:days|weeks|months|years)|in the past)\b",
]
# Month and weekday names only count with their capital: "may" and "march" are verbs too.
DATE_RE = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS))
LEADING = re.compile(r"^(?:on|in|at|during|over|since|by|from|until|as of)\s+", re.IGNORECASE)
# What follows a year that makes it a decade, which no date can stand for: "the 2000s", "the 1990's".
DECADE = re.compile(r"(?<=\d)(?:'|’)?s\b")


@dataclass
class DatePhrase:
    start: int
    end: int
    text: str


def date_phrases(doc: Doc) -> list[DatePhrase]:
    """Every date phrase: the patterns above and the tagger's DATE entities, longest first on overlap."""
    text = text_of(doc)
    spans = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if end <= start or DECADE.match(text, end):
            continue
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
            continue
        kept.append((start, end))
    return [DatePhrase(a, b, text[a:b]) for a, b in kept]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,.;:(":
        start += 1
    while end > start and text[end - 1] in " \t\n,.;:)'\u2019":
        end -= 1
    lead = LEADING.match(text, start, end)
    if lead:
        start = lead.end()
    return start, end
