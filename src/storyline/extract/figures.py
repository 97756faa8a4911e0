"""Finding the quantitative claims of an article: numbers with their unit, qualifier, measure and source."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from storyline.extract import _figure_context as context
from storyline.extract._numbers import WORD_NUMBER, NumberPhrase, find_numbers
from storyline.extract.dates import MONTH_PATTERN, MONTHS, WEEKDAYS
from storyline.model import Article, Figure, Mention, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MONTH = MONTH_PATTERN

# Stretches of text whose digits are never claims: addresses, handles, phone numbers, clock times, dates.
_NOT_FIGURES = [
    re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|(?<!\w)[@#]\w+"),
    re.compile(r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?\(?0\d{1,4}\)?[\s.-]\d{3,4}[\s.-]?\d{3,4}(?!\w)"),
    re.compile(r"(?<![\w,.])\+\d[\d\s().-]{7,}\d(?!\w)"),
    re.compile(r"(?<![\w,.$€£-])(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?!\w)"),
    re.compile(r"\b(?:page|part|photo|image|picture|slide|step|item)\s+\d+\s+of\s+\d+\b", re.IGNORECASE),
    re.compile(r"\b\d+[\s-]?min(?:ute)?s?\s+read\b", re.IGNORECASE),
    # "4:30 a.m.", and "11.30 p. m." as some wires space it
    re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.\s?m\.|am\b|pm\b)", re.IGNORECASE),
    re.compile(r"\b\d{1,2}[:.]\d{2}\s?(?:h|hrs|GMT|BST|UTC|CET|EST|local time)\b|\b\d{1,2}:\d{2}\b"),
    re.compile(r"\b[0-2]\d[0-5]\d\s?(?:h|hrs|GMT|BST|UTC|CET|EST|local time)\b"),  # "0800 GMT"
    # dates written with slashes or dots; "1/2" after a whole number ("2 1/2 years") is a fraction
    re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|(?<!\d )\b\d{1,2}/\d{1,2}\b"),
    re.compile(rf"(?<![-–])\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?!\w)"),
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\w)|\b{_MONTH}\s+\d{{4}}\b"),
    # ages, in digits or words ("nine years old", "1,500 years old", "between the ages of 18 and 30")
    re.compile(
        rf"(?<![\w,.])(?:\d[\d,]*|{WORD_NUMBER})[- ](?:years?|months?|weeks?|days?)[- ]old\b", re.IGNORECASE
    ),
    re.compile(
        r"\b(?:aged?|ages)\s+(?:of\s+)?(?:between\s+)?\d{1,3}(?:\s*(?:to|-|–|and)\s*\d{1,3})?\b",
        re.IGNORECASE,
    ),
    # a decade in words: "the early nineteen seventies"
    re.compile(
        r"\b(?:eighteen|nineteen|twenty)[- ](?:twenties|thirties|forties|fifties|sixties|seventies"
        r"|eighties|nineties|hundreds)\b",
        re.IGNORECASE,
    ),
    # a completion rate or a shooting line in sport: "finished 29-of-34", "7-for-14"; a tie, "12-all"
    re.compile(r"\b\d+-(?:of|for)-\d+\b|\b\d+-all\b"),
    # a year cut to two digits: "since ’88", "the class of '08"
    re.compile(r"(?<![\w’'])[’']\d{2}(?![\d\w])"),
    # street addresses: "at 24 Harbour Street", "1800 Pitkin Ave."
    re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive"
        r"|Place|Court|Square|Terrace)\b"
    ),
    # emergency numbers: "called 911", "a 999 call"
    re.compile(r"\b(?:call(?:ed|ing)?|dial(?:l?ed|l?ing)?)\s+(?:911|999|112)\b|\b(?:911|999|112)\s+(?=call)"),
    # ages listed before one "years old": "who were 61 and 48 years old"
    re.compile(r"\b\d{1,3}(?:\s*,\s*\d{1,3})*\s+(?:and|or)\s+(?=\d{1,3}[- ]years?[- ]old\b)"),
    # a passing or shooting line: "completed 29 of 34 passes", "8 of 14 shots", "10 of 22 for 162 yards"
    re.compile(
        r"\b\d{1,3}\s+of\s+\d{1,3}(?=\s+(?:passes|shots|attempts|free throws|field goals|3-pointers"
        r"|three-pointers|from the field|for\b))"
    ),
    # a kind of shot, not a count of points: "a 3-pointer", "three-point range", "a three-point play"
    re.compile(
        r"\b(?:3|three)-point(?:ers?\b|\s+(?:play|range|shot|attempt|line|shooting|basket|jumper|arc"
        r"|percentage|field goal)s?\b)",
        re.IGNORECASE,
    ),
    # a gallery's or a list's furniture: "Show all 12", "View all 30"
    re.compile(r"\b(?:show|view|see)\s+all\s+\d+\b", re.IGNORECASE),
    re.compile(
        r"\b(?:in|since|until|till|by|before|after|from|of|during)\s+(?:the\s+)?(?:early\s+|late\s+)?"
        r"\d{4}\b(?![\d,.]|\s?%)",
        re.IGNORECASE,
    ),
    # "two days after", "three weeks ago", "three weeks away": a date reckoned from another, not a
    # quantity (but "it was 30 years before he spoke" measures the wait: see _MEASURED_WAIT)
    re.compile(
        rf"\b(?:\d+|{WORD_NUMBER})\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?"
        r"|decades?|centuries|century)\s+(?:ago|after|before|later|earlier|away)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b\d{4}\s?(?:-|–|/|to)\s?\d{2,4}\s+(?:season|financial year|fiscal year|school year)\b"),
]

# Words before a number that make it part of a name or a reference, not a quantity.
ID_WORDS = {
    "route", "section", "article", "chapter", "clause", "paragraph", "page", "no", "no.", "number",
    "platform", "gate", "room", "flight", "line", "bus", "highway", "road", "exit", "junction", "phase",
    "stage", "grade", "category", "class", "ward", "district", "zone", "unit", "block", "building",
    "floor", "lot", "plot", "item", "rule", "amendment", "resolution", "bill", "version", "season",
    "episode", "part", "photo", "image", "slide", "figure", "table", "level", "tier", "pier", "berth",
    "terminal", "dock", "quay", "apartment", "suite", "box", "channel", "act", "code", "schedule", "annex",
    "appendix", "ref", "case", "vol", "volume", "issue", "year", "day", "week", "round", "game", "match",
    "term", "count", "question", "step", "lane", "track", "mile", "kilometre", "km", "exhibit", "sector",
    "top", "bottom",
}  # fmt: skip
TIME_UNITS = {"hours", "days", "weeks", "months", "years", "decades", "minutes"}
ONE_UNITS = {"year", "month", "week", "day", "hour", "minute", "decade"}
# Words before "over N years" that make it a length ("for over five years"), not a stretch of time.
OVER_MEANS_MORE = {"for", "of", "in", "after", "lasted", "lasts", "took", "takes", "is", "was", "been"}
OVER_MEANS_MORE |= {"are", "were", "spent", "spend", "waited", "served", "aged", "age"}
# A determiner before a small number in words ("the two men", "both three") names a group, not a count.
GROUP_WORDS = {"both", "each", "every", "which"}
# After these the number counts when a noun follows ("her four cats", "all four years", "the last
# two weeks", "whose three losses", "the two incidents"), and stands for a group when none does
# ("all three are down", "the other two seemed", "those two were the ones").
GROUP_IF_ALONE = {"its", "their", "his", "her", "our", "my", "your", "all", "other", "first", "last"}
GROUP_IF_ALONE |= {"next", "top", "another", "whose", "the", "these", "those"}
NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC", "NORP"}
MONTH_WORDS = set(MONTHS)
# Words for a person that an age set off by commas may follow: "her son, 9, was unhurt".
PERSON_NOUNS = {
    "son", "daughter", "boy", "girl", "child", "baby", "toddler", "teenager", "teen", "man", "woman",
    "wife", "husband", "mother", "father", "brother", "sister", "grandson", "granddaughter", "nephew",
    "niece", "girlfriend", "boyfriend", "partner", "friend", "victim", "suspect", "student", "pupil",
}  # fmt: skip
PERSON_NOUNS |= {w + "s" for w in PERSON_NOUNS} | {"men", "women", "children"}
CALENDAR_WORDS = MONTH_WORDS | set(WEEKDAYS)


def find_figures(article: Article, doc: Doc, mentions: list[Mention]) -> list[Figure]:
    """Every quantitative claim in the article, in text order; `doc` is the parse of `article.text`."""
    text = article.text
    names = context.name_spans(doc, mentions)
    quoted = context.quoted_spans(text)
    figures: list[Figure] = []
    last_name_end = -1  # where the last number read as part of a name or a code ends
    for phrase in find_numbers(mask_non_figures(text)):
        if not all(math.isfinite(v) for v in (phrase.value, phrase.value_max or 0.0)):
            continue  # a run of hundreds of digits is no count anyone reports, and no float holds it
        core = doc.char_span(phrase.core_start, phrase.core_end, alignment_mode="expand")
        if core is None:
            continue
        listed = _listed_after(text, last_name_end, phrase) and not _counts_a_plural(core)
        if listed or not (is_figure(phrase, core, text) or _one_more_of(core, figures)):
            if listed or _names_something(phrase, core, text):
                last_name_end = phrase.end
            continue
        unit, counted = context.unit_of(phrase, doc)
        if _is_bare_tally(phrase, text, unit):
            continue
        if unit == "m" and phrase.short_scale == "m":
            phrase.value /= 1e6  # "a 300m stretch" is metres, not millions
            phrase.value_max = phrase.value_max / 1e6 if phrase.value_max else None
        if counted is not None and context.is_measure(counted) and not phrase.currency and not phrase.percent:
            # a unit of measure belongs to the figure as written: "three weeks", "two million cubic metres"
            phrase.end = max(phrase.end, counted.head.idx + len(counted.head))
            _read_over_as_during(phrase, text, unit)
        if _is_term(phrase, text) or _is_position(phrase, text):
            continue
        if _is_conversion(phrase, unit, text, figures):
            continue
        run = _run_of(core)
        if run is not None:
            unit = run or None
        elif unit is None and phrase.kind in ("number", "vague"):
            unit = context.unit_from_context(doc, core, figures)
        figures.append(
            Figure(
                id=content_id("f", article.id, phrase.start, phrase.end),
                article=article.id,
                start=phrase.start,
                end=phrase.end,
                text=text[phrase.start : phrase.end],
                value=_round(phrase.value),
                unit=unit,
                qualifier=phrase.qualifier,
                measure=context.measure_of(phrase, core, counted, doc),
                subject_span=context.subject_span(doc, core, names, quoted, text),
                value_max=_round(phrase.value_max) if phrase.value_max is not None else None,
            )
        )
    _share_units(text, figures)
    return figures


_OPEN_MARKS = "\"“‘'"
_CLOSE_MARKS = "\"”’'"


def _one_more_of(core: Span, figures: list[Figure]) -> bool:
    """ "two counts of murder and one count of kidnapping": "one" before the noun an earlier count
    of the sentence counted is a count too."""
    if core.text.lower() != "one" or core.end >= len(core.doc):
        return False
    noun = core.doc[core.end]
    start = core.sent.start_char
    plural = context.IRREGULAR_PLURALS.get(noun.lower_, noun.lower_ + "s")
    return noun.pos_ == "NOUN" and any(
        f.start >= start and f.unit and f.unit.split()[-1].lower() in (noun.lower_, plural) for f in figures
    )


def _is_term(phrase: NumberPhrase, text: str) -> bool:
    """ "a "zero day" flaw", "the 'Big Four'": a number and its noun in quotation marks of their own
    name a kind of thing."""
    before = text[max(0, phrase.start - 1) : phrase.start]
    after = text[phrase.end : phrase.end + 1]
    return before != "" and before in _OPEN_MARKS and after != "" and after in _CLOSE_MARKS


def _is_position(phrase: NumberPhrase, text: str) -> bool:
    """ "to the 7-yard line", "past the 30-metre mark", "a first down on the 7 with", "from their own
    27,": a place on a field or course, not a length."""
    if re.match(r"-[a-z]+\s+(?:line|mark)\b", text[phrase.core_end : phrase.core_end + 24]):
        return True
    if phrase.in_words or phrase.currency or phrase.percent or phrase.value_max is not None:
        return False
    before = text[max(0, phrase.start - 24) : phrase.start]
    place = re.search(r"\b(?:to|on|at|from|inside)\s+(?:the|their|its|his|her)\s+(?:own\s+)?$", before)
    closes = re.match(r"\s*(?:[,.;]|with\b|for\b|to\b|and\b)", text[phrase.end :]) is not None
    return place is not None and closes


def _is_conversion(phrase: NumberPhrase, unit: str | None, text: str, figures: list[Figure]) -> bool:
    """ "40,000 kilometres (25,000 miles)": a measure in brackets straight after another restates it
    in other units. (A converted sum of money is kept: the rate is news of its own.)"""
    if not figures or unit is None or phrase.currency or unit not in context.MEASURE_UNITS.values():
        return False
    last = figures[-1]
    return (
        last.unit in context.MEASURE_UNITS.values()
        and last.unit != unit
        and re.fullmatch(r"\s*\(\s*", text[last.end : phrase.start]) is not None
    )


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|-(?:and|or)\s+)")


TALLY_NOUNS = {"record", "mark", "season", "start", "finish", "run", "streak", "loss", "win", "victory"}


def _is_bare_tally(phrase: NumberPhrase, text: str, unit: str | None) -> bool:
    """ "fell to 15-17.", "for the game (22-47)", "a 2-14 record": two small numbers joined by a
    hyphen with no unit, or before a word for a record, are a record or a score, not a range; so is
    a number glued by a hyphen to another that made no range ("a 30-7 Oct. 19 loss", "(2-13,1-7)")."""
    if phrase.currency or phrase.percent:
        return False
    if phrase.value_max is None:
        return re.match(r"(?:--?|–)\d", text[phrase.core_end : phrase.core_end + 3]) is not None
    if unit is not None and unit.lower() not in TALLY_NOUNS and not unit[:1].isupper():
        return False  # "a 2-14 record", "the 15-17 Bulldogs": a record, before its word or its team
    return re.fullmatch(r"\d{1,3}-\d{1,3}", text[phrase.core_start : phrase.end]) is not None


def _listed_after(text: str, last_name_end: int, phrase: NumberPhrase) -> bool:
    """ "Internet Explorer 8 and 9", "versions 6, 7 and 8": numbers listed after a number that
    belongs to a name belong to it too."""
    if last_name_end < 0 or phrase.in_words or phrase.start < last_name_end:
        return False
    return _LIST_GAP.fullmatch(text, last_name_end, phrase.start) is not None


def _counts_a_plural(core: Span) -> bool:
    after = core.doc[core.end] if core.end < len(core.doc) else None
    return after is not None and after.tag_ in ("NNS", "NNPS")


def _names_something(phrase: NumberPhrase, core: Span, text: str) -> bool:
    if phrase.kind != "number" or phrase.in_words:
        return False
    before = _token_before(core.doc, phrase.start)
    return _is_reference(phrase, core, before, text) or _is_year(phrase, text, None)


def _share_units(text: str, figures: list[Figure]) -> None:
    """ "from 200 to 300 members", "200 or 300 homes": the first figure counts what the second does."""
    for first, second in zip(figures, figures[1:], strict=False):
        joined = re.fullmatch(r"\s*(?:to|or|and|-|–)\s*", text[first.end : second.start])
        if first.unit is None and second.unit is not None and joined:
            first.unit = second.unit
            first.measure = first.measure or second.measure


def _read_over_as_during(phrase: NumberPhrase, text: str, unit: str | None) -> None:
    """ "pledged $600bn over five years": "over" a stretch of time is when, not how much."""
    if phrase.qualifier != "more_than" or unit not in TIME_UNITS:
        return
    written = text[phrase.start : phrase.core_start]
    if written.strip().lower() != "over":
        return
    before = re.search(r"(\w+)\W*$", text[max(0, phrase.start - 20) : phrase.start])
    if before is None or before.group(1).lower() not in OVER_MEANS_MORE:
        phrase.qualifier = "exact"
        phrase.start = phrase.core_start


def _round(value: float) -> float:
    return round(value, 2) if abs(value) < 1000 else round(value)


# "It was 34 years before he broke cover", "it took six weeks before": the span is the wait itself
_MEASURED_WAIT = re.compile(r"\b(?:it|that)\s+(?:was|is|took|takes|had been|has been)\s+$", re.IGNORECASE)


def mask_non_figures(text: str) -> str:
    """The text with every stretch that only looks numeric (dates, times, phones, links) blanked out."""
    chars = list(text)
    for pattern in _NOT_FIGURES:
        for match in pattern.finditer(text):
            if match.group(0).lower().endswith("before") and _MEASURED_WAIT.search(
                text, max(0, match.start() - 20), match.start()
            ):
                continue
            for i in range(match.start(), match.end()):
                if not chars[i].isspace():
                    chars[i] = " "
    return "".join(chars)


def is_figure(phrase: NumberPhrase, core: Span, text: str) -> bool:
    """Whether a number phrase is a quantity, rather than a year, an age, a name or page furniture."""
    if phrase.kind == "tally" or _is_dimension(phrase, text) or _in_capitals(phrase, core, text):
        return False
    glued_after = re.search(r"[A-Za-z][-–]$", text[max(0, phrase.core_start - 2) : phrase.core_start])
    if phrase.in_words and glued_after:
        return False  # "a pick-six", "a top-five pick": a number closing a hyphenated word is part of it
    doc = core.doc
    before = _token_before(doc, phrase.start)
    whole = doc.char_span(phrase.core_start, phrase.end, alignment_mode="expand")
    # what follows a range ("six to seven minutes") follows its upper end, not its lower one
    end = whole.end if phrase.value_max is not None and whole is not None else core.end
    after = doc[end] if end < len(doc) else None
    if phrase.kind == "number" and _is_year(phrase, text, after):
        return False
    if phrase.kind == "number" and phrase.in_words and not _word_number_counts(phrase, core, before, after):
        return False
    if phrase.kind == "vague" and not _vague_counts(phrase, core, before, after):
        return False
    if phrase.value == 0 and phrase.in_words and after is not None and after.tag_ == "NN":
        return False  # "the zero day flaw", "zero tolerance": a term; a count of none counts a plural
    if phrase.kind == "fraction" and core.text.lower() == "half" and before is not None:
        if before.lower_ in ("first", "second", "other"):
            return False  # "the second half of the game": a part of a match, not a share
    if phrase.in_words and _in_name(phrase, text, before, after):
        return False
    if _is_age(phrase, core, before, after, text) or _is_stated_age(phrase, before, text):
        return False
    if _died_at(phrase, text, after):
        return False
    if _is_reference(phrase, core, before, text):
        return False
    if after is not None and after.lower_ in ("st", "nd", "rd", "th", "o'clock", "am", "pm", "a.m.", "p.m."):
        return False
    if after is not None and after.lower_ == "seed":
        return False  # "the five seed", "a 12 seed": a place in a draw, not a count
    # "20 March" is a date; a weekday after a number dates the act, not the number ("scored 20 Thursday")
    if after is not None and after.lower_ in MONTH_WORDS and after.text[0].isupper():
        return False
    return not _in_date_entity(core)


def _is_dimension(phrase: NumberPhrase, text: str) -> bool:
    """ "a four-by-four car", "a 2-by-4 plank", "a 4×4 car", "32-bit versions", "a zero-day flaw": sizes
    joined by "-by-" or "×", a word length in bits and nothing joined to a noun name a kind of thing."""
    joined = re.compile(r"-by-|-bit\b|\s?[×x]\s?\d", re.IGNORECASE)
    if phrase.value == 0 and phrase.in_words and text[phrase.core_end : phrase.core_end + 1] == "-":
        return True
    before = text[max(0, phrase.core_start - 6) : phrase.core_start]
    return bool(joined.match(text, phrase.core_end) or re.search(r"-by-$|\d\s?[×x]\s?$", before, re.I))


def _in_capitals(phrase: NumberPhrase, core: Span, text: str) -> bool:
    """ "TWO MORE RAMS OUT": a number in words inside a run of capitals is a subhead that the body
    repeats, not a sentence."""
    if not phrase.in_words or not core.text.isupper() or len(core.text) < 2:
        return False
    words = re.findall(r"[A-Za-z]+", text[phrase.core_end : phrase.core_end + 40])[:2]
    return len(words) == 2 and all(w.isupper() and len(w) > 1 for w in words)


def _vague_counts(phrase: NumberPhrase, core: Span, before: Token | None, after: Token | None) -> bool:
    """ "four scores", "the dozens": a plural after a number or a determiner is a noun; "scores"
    alone is too often a noun to count without "of" ("scores of people")."""
    if before is not None and (before.like_num or before.lower_ in ("the", "these", "those")):
        return phrase.start != phrase.core_start
    if core.text.lower() == "scores":
        return after is not None and after.lower_ == "of"
    return True


def _token_before(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char, alignment_mode="expand")
    i = span.start if span is not None else 0
    while i > 0 and doc[i - 1].idx >= char:
        i -= 1
    return doc[i - 1] if i > 0 else None


def _is_year(phrase: NumberPhrase, text: str, after: Token | None) -> bool:
    written = text[phrase.core_start : phrase.core_end]
    if not re.fullmatch(r"\d{4}", written) or phrase.currency or phrase.percent:
        return False
    if not 1800 <= phrase.value <= 2100:
        return False
    if phrase.value_max is not None:
        return phrase.value_max <= 2100  # "2019-2021"
    # "2000 people" counts; "the 2019 floods" and a bare "2019" are years.
    before = text[max(0, phrase.start - 4) : phrase.start].lower()
    return after is None or after.tag_ != "NNS" or before.endswith("the ")


def _word_number_counts(phrase: NumberPhrase, core: Span, before: Token | None, after: Token | None) -> bool:
    """Small numbers in words are claims only when they count something ("two people", "nine of them")."""
    if core.text.lower() == "one" and phrase.qualifier == "about" and phrase.value == 1:
        return False  # "it's not about one person": a preposition; nobody rounds to one
    if phrase.value >= 100 or phrase.qualifier != "exact" or phrase.currency or phrase.percent:
        return True
    if phrase.glued_unit:
        return True  # "a quarter-century": the unit is in the words
    word = core.text.lower()
    if word in ("a", "an"):
        return False
    if word == "one":
        return _one_measures(core, before, after)
    if after is not None and after.text in ("-", "–") and after.i + 1 < len(core.doc):
        # "a five-year sentence", "the three-day strike", "its four-step scale", "a three-time winner":
        # a number glued to a noun counts it, whatever comes before
        if core.doc[after.i + 1].lower_ in ONE_UNITS or _joined_noun(core.doc, after.i + 1):
            return True
    if before is not None and before.lower_ in GROUP_WORDS and phrase.start == phrase.core_start:
        return False
    if _MARGIN.search(core.doc.text, max(0, phrase.start - 24), phrase.start):
        return True  # "moved ahead by eight", "won by three": a margin
    if after is None:
        return False
    if before is not None and before.lower_ in GROUP_IF_ALONE and phrase.start == phrase.core_start:
        if after.pos_ == "PROPN":
            # "his four NFL seasons", "the two Washington Post reporters": the name qualifies the noun
            i = after.i
            while i + 1 < len(core.doc) and core.doc[i].pos_ == "PROPN" and i - after.i < 4:
                i += 1
            return core.doc[i].tag_ == "NNS"
        return after.pos_ in ("NOUN", "ADJ") and not _is_pronoun_like(after)
    if _in_a_row(after):
        return True  # "lost two straight", "won six in a row": a run of games or days
    if after.tag_ in ("VBN", "VBG") and after.dep_ == "amod" and _plural_next(after):
        return True  # "six blocked shots", "three stolen cars": a participle before the counted noun
    if after.lower_ in ("of", "times") or after.pos_ in ("NOUN", "ADJ", "PROPN") or after.tag_ == "CD":
        return not _is_pronoun_like(after)
    return after.pos_ in ("VERB", "AUX") and core.root.dep_ in ("nsubj", "nsubjpass")


def _joined_noun(doc: Doc, i: int) -> bool:
    """A lower-case noun glued by a hyphen after a number in words: "game" in "eight-game"."""
    if i >= len(doc) or doc[i].idx != doc[i - 1].idx + len(doc[i - 1]):
        return False
    token = doc[i]
    return token.is_alpha and token.is_lower and token.pos_ == "NOUN" and not _is_pronoun_like(token)


def _in_a_row(after: Token) -> bool:
    """ "two straight", "six in a row" with no noun after: a run, whose unit the sentence gives."""
    doc = after.doc
    nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if after.lower_ == "straight":
        return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")
    words = [t.lower_ for t in doc[after.i : after.i + 3]]
    return words == ["in", "a", "row"]


_RESULT_VERBS = {"win", "lose", "drop"}


def _run_of(core: Span) -> str | None:
    """ "won six in a row", "lost two straight": a run of games; of anything else the sentence does
    not say what ("" for none, rather than a unit borrowed from the count before it). None when the
    number is no run."""
    doc = core.doc
    if core.end >= len(doc) or not _in_a_row(doc[core.end]):
        return None
    verb = core.root.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head  # "lost two straight": the number hangs on "straight"
    return "games" if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _RESULT_VERBS else ""


def _plural_next(token: Token) -> bool:
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.tag_ in ("NNS", "NNPS")


_MARGIN = re.compile(
    r"\b(?:ahead|behind|lead|leads|led|won|wins|win|beat|trail\w*|rose|fell|grew|increased|dropped)\s+by\s+$",
    re.IGNORECASE,
)


def _one_measures(core: Span, before: Token | None, after: Token | None) -> bool:
    """ "one year in prison", "one day a week": "one" counts only a stretch of time; elsewhere it
    is a pronoun or an article ("one of them", "one resident"), and "one day" alone means someday."""
    if after is None or before is None or before.is_sent_start or after.lower_ not in ONE_UNITS:
        return False
    if after.lower_ != "day":
        return True
    nxt = core.doc[after.i + 1] if after.i + 1 < len(core.doc) else None
    return nxt is not None and nxt.lower_ in ("a", "per", "each", "every")


def _in_name(phrase: NumberPhrase, text: str, before: Token | None, after: Token | None) -> bool:
    """ "Forty Mile Beach", "the Seven Sisters": a number in words with a capital inside a sentence,
    before another capitalised word, is part of a name."""
    if phrase.start != phrase.core_start or not text[phrase.core_start].isupper():
        return False
    if before is None or before.is_sent_start or text[: phrase.start].rstrip().endswith((".", "!", "?", ":")):
        return False
    starts_sentence = before.is_punct and before.text not in (",", ";", "(", "—", "–")
    return not starts_sentence and after is not None and after.text[:1].isupper() and after.is_alpha


def _is_pronoun_like(token: Token) -> bool:
    return token.lower_ in ("one", "another", "other", "others", "way", "ways", "things", "thing")


def _is_age(phrase: NumberPhrase, core: Span, before: Token | None, after: Token | None, text: str) -> bool:
    if phrase.kind != "number" or phrase.currency or phrase.percent or not 0 < phrase.value < 120:
        return False
    # "Ortega, 54, said" or "Ortega (54)": a number set off by commas straight after a name, or
    # after a word for a person ("her daughter, 11, from school"); "Ortega, 48-an ex-partner" too
    prev = text[max(0, phrase.start - 2) : phrase.start]
    nxt = text[phrase.end : phrase.end + 1]
    dashed = nxt in ("-", "–", "—") and text[phrase.end + 1 : phrase.end + 2].isalpha()
    runs_on = re.match(r"\s+(?:and|was|is)\s", text[phrase.end : phrase.end + 6]) is not None  # "Lee, 23 and"
    if prev in (", ", " (") and (nxt in (",", ")", ".", ";") or dashed or runs_on) and before is not None:
        name = before.doc[before.i - 1] if before.i > 0 else None
        if name is not None and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN"):
            return True
        if name is not None and name.lower_ in PERSON_NOUNS:
            return True
    return False


_DEATH_BEFORE = re.compile(r"\b(?:die[sd]?|dead|death|passed away)\b[^.\n]{0,40}\bat\s+$", re.IGNORECASE)


def _died_at(phrase: NumberPhrase, text: str, after: Token | None) -> bool:
    """ "dies in prison at 77", "dead at 95": a bare number after "at" in a death is an age."""
    if phrase.kind != "number" or phrase.currency or phrase.percent or not 0 < phrase.value < 120:
        return False
    if after is not None and after.pos_ == "NOUN" and after.idx - phrase.end <= 1:
        return False  # "died at 40 km/h"
    return _DEATH_BEFORE.search(text[max(0, phrase.start - 60) : phrase.start]) is not None


def _is_stated_age(phrase: NumberPhrase, before: Token | None, text: str) -> bool:
    """ "He was 95.": a bare number after "is"/"was" whose subject is a person, closing the clause."""
    if phrase.kind != "number" or phrase.currency or phrase.percent or not 0 < phrase.value < 120:
        return False
    if before is None or before.lemma_ != "be" or phrase.start != phrase.core_start:
        return False
    if not re.match(r"\s*(?:[.,;]|$|\s(?:when|at|and)\b)", text[phrase.end : phrase.end + 6]):
        return False
    own_verb = before.dep_ in ("ROOT", "relcl") or before.pos_ == "AUX" and before.head is before
    own_verb = own_verb or any(c.dep_ == "nsubj" for c in before.children)  # "LaRue was 75, the paper said"
    verb = before if own_verb else before.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = verb.head  # "Lopez, who was 18 at the time": the person the clause is about
        return subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN" or subject.lower_ in PERSON_NOUNS
    return subject.lower_ in ("he", "she", "i") or subject.ent_type_ == "PERSON"


_CODE_BEFORE = re.compile(r"\b[A-Za-z]+\d+[a-z]?\s*(?:to|and|or|,|-|–|/)\s*$")
_NUMBER_SIGN = re.compile(r"(?:\b(?:No|NO|no|Nos)\.|\bNo|#)\s*$")


def _is_reference(phrase: NumberPhrase, core: Span, before: Token | None, text: str) -> bool:
    """Numbers in names and references: "Route 9", "Section 12", "Boeing 737", footnotes, list items."""
    if phrase.kind != "number" or phrase.start != phrase.core_start or phrase.currency or phrase.percent:
        return False
    if phrase.in_words:
        return _closes_reference(core, before, text, phrase)  # "on page twenty of", "in round three."
    if re.search(r"\d,\d{3}", text[phrase.core_start : phrase.core_end]):
        return False  # "Norland 143,600": names and codes never group their digits in thousands
    if _set_off_after_id_word(phrase, text):
        return True
    window = text[max(0, phrase.start - 16) : phrase.start]
    if _NUMBER_SIGN.search(window) or _CODE_BEFORE.search(window):
        return True  # "the No. 5 seed"; "versions IE6 to 10", "IE8 and 9": the second code of a pair
    for token in core:
        if token.ent_type_ in NAME_LABELS and token.ent_iob_ != "B":
            return True
    if text[max(0, phrase.start - 1) : phrase.start] == "[" and text[phrase.end : phrase.end + 1] == "]":
        return True
    line_start = text.rfind("\n", 0, phrase.start) + 1
    if not text[line_start : phrase.start].strip() and text[phrase.end : phrase.end + 1] in (".", ")"):
        return not text[phrase.end + 1 : phrase.end + 2].isdigit()
    if before is None or text[before.idx + len(before) : phrase.start] != " ":
        return False
    if before.lower_ in ID_WORDS or before.lower_.rstrip(".") in ID_WORDS:
        if before.lower_ not in ("year", "day", "week") or before.text[0].isupper():
            return True
        return _closes_reference(core, before, text, phrase)  # "in week 15, a result that"
    if before.is_sent_start:
        # "Some 300", "Over 40": a capital that only starts the sentence; "Windows 8, due out" is a name
        return before.pos_ == "PROPN" and before.ent_type_ not in ("DATE", "TIME", "NORP", "CARDINAL")
    return before.text[:1].isupper() and before.is_alpha and before.lower_ not in CALENDAR_WORDS


def _closes_reference(core: Span, before: Token | None, text: str, phrase: NumberPhrase) -> bool:
    """A number straight after a word that numbers things ("page", "week", "round") with no noun
    after it to count: "on page twenty of the copy", "in week 15, a result that"."""
    if before is None or text[before.idx + len(before) : phrase.start] != " ":
        return False
    if before.lower_ not in ID_WORDS and before.lower_.rstrip(".") not in ID_WORDS:
        return False
    after = core.doc[core.end] if core.end < len(core.doc) else None
    return after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")


def _set_off_after_id_word(phrase: NumberPhrase, text: str) -> bool:
    """ "the second phase, 2, opened": a number set off by commas after "stage" or "phase" names it."""
    word = re.search(r"\b([A-Za-z.]+),\s*$", text[max(0, phrase.start - 20) : phrase.start])
    return word is not None and word.group(1).lower() in ID_WORDS and text[phrase.end : phrase.end + 1] == ","


def _in_date_entity(core: Span) -> bool:
    """Numbers inside a date the tagger found ("the 3 days to March 3") unless they measure time."""
    ent_tokens = [t for t in core if t.ent_type_ == "DATE"]
    if not ent_tokens:
        return False
    token = ent_tokens[0]
    ent = next((e for e in core.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return False
    words = {t.lower_ for t in ent}
    if words & (CALENDAR_WORDS | {"ago"}):
        return True
    # "last week" is a date; "the last two weeks" is a stretch of time
    after = core.doc[core.end] if core.end < len(core.doc) else None
    stretch = after is not None and after.lower_ in TIME_UNITS
    return bool(words & {"last", "next", "this"}) and not stretch
