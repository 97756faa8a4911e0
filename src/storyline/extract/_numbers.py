"""The grammar of written numbers: finding number phrases in plain text and reading their values."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
VAGUE = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6}
VAGUE |= {"billions": 1e9, "decades": 10}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10}
FRACTIONS |= {"eighth": 8, "seventh": 7, "ninth": 9}

MULTIPLES = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0}

# Longest alternatives first so that "seventeen" is not read as "seven".
_SMALL_WORDS = sorted(UNITS, key=len, reverse=True)
_SMALL = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(w for w in _SMALL_WORDS if UNITS[w] < 10) + r"))?"
    r"|" + "|".join(_SMALL_WORDS) + r")"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"
_HUNDREDS = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
# Units of time and length that "half an" and "and a half" are read with ("half an hour").
_HALVED = (
    r"(?:hours?|days?|weeks?|months?|years?|miles?|minutes?|seconds?|inch|inches|metres?|meters?"
    r"|kilomet(?:re|er)s?|litres?|liters?|tonnes?|tons?|acres?|hectares?|kilos?|kilograms?|yards?|feet|foot)"
)
_WORD_NUMBER = (
    rf"(?:(?:{_HUNDREDS}|{_SMALL}|a|half\s+a)[\s-]+(?:thousand|million|billion|trillion)"
    rf"|{_HUNDREDS}|(?:{_SMALL}|a|half\s+a)\s+dozen|{_SMALL}\s+and\s+a\s+half(?=\s+{_HALVED}\b)"
    rf"|half\s+an?(?=\s+{_HALVED}\b)|an?\s+pair(?=\s+of\b)|{_SMALL})"
)
WORD_NUMBER = _WORD_NUMBER  # for neighbours that must recognise a number written in words
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Units written straight after the digits ("12km", "70mph"); "m" is left to the reader of the context.
GLUED_UNITS = ("km/h", "km2", "sq km", "km", "kg", "mm", "cm", "mph", "kph", "ha", "mw", "gw", "kwh", "ft")
GLUED_UNITS += ("lbs", "lb", "hrs", "mins", "min", "°c", "°f", "t")
_GLUED = "|".join(re.escape(u) for u in GLUED_UNITS)
MIXED_FRACTION = re.compile(r"\s+([1-9]|1[0-5])/([2-9]|1[0-6])(?![\w/])")
_DIGIT_BODY = (
    rf"{_DIGITS}(?:\s+and\s+a\s+half(?=\s+{_HALVED}\b)|(?:\s*|-){_SCALE_WORD}\b|\s?(?:bn|mn|mln|trn)\b|(?:k|m|b|tn)\b|(?:{_GLUED})(?![\w/]))?"
    r"(?![\w/:]|[.,]\d)"
)
# A number in digits stands alone: not part of a date "3/4", a time "10:30", a code "A12" or "12th";
# but "points--13 more" is a dash typed as two hyphens.
_DIGIT_NUMBER = rf"(?:(?<=[A-Za-z]--)|(?<![\w.,/:@#-])){_DIGIT_BODY}"
_VAGUE = (
    r"(?:(?<=for )decades"  # "for decades": at least twenty years
    r"|(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:dozens|scores|hundreds|thousands|millions|billions)"
    r"|(?:several|a\s+few|many)\s+(?:hundred|thousand|million|billion|dozen))"
)
_FRACTION_WORD = r"(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
_FRACTION = (
    rf"(?:(?:{_SMALL}|a)[- ]{_FRACTION_WORD}|half)(?=\s+of\b)|half(?=\s+(?:the|its|their|all)\s)"
    rf"|(?:{_SMALL}|(?<![\d:.,])\d{{1,3}})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{_SMALL}|\d{{1,4}})\b(?!,\d)"
)
_RATIO = (
    rf"(?:(?:{_SMALL}|\d+(?:\.\d+)?)\s+times\b|twice\b|thrice\b|(?:{_SMALL}|\d+)-?fold\b"
    r"|(?:double|triple|treble|quadruple)(?=\s+(?:the|that|what|its|their|his|her|our)\b))"
)

# A number alone, for when a longer reading that started with it failed ("42 in 1995" is no share).
PLAIN = re.compile(rf"{_DIGIT_NUMBER}|\b{_WORD_NUMBER}\b", re.IGNORECASE)
SECOND = re.compile(rf"{_DIGIT_BODY}|{_WORD_NUMBER}\b", re.IGNORECASE)
# A stretch of years named by a share of a century: "a quarter-century", "half a century".
_CENTURY = r"(?:an?\s+)?(?:quarter|half)[- ](?:of\s+a\s+)?century|half\s+a\s+century"
CENTURY_YEARS = {"quarter": 25.0, "half": 50.0}
CORE = re.compile(
    rf"\b(?:{_CENTURY}|{_RATIO}|{_FRACTION}|{_VAGUE})\b|{_DIGIT_NUMBER}|\b{_WORD_NUMBER}\b",
    re.IGNORECASE,
)

CURRENCY_SYMBOLS = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "s$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₦": "NGN", "₩": "KRW",
}  # fmt: skip
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "CNY", "NGN", "KES", "ZAR")
CURRENCY_WORDS = {
    "us dollars": "USD", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "swiss francs": "CHF",
    "francs": "CHF", "rupees": "INR", "yuan": "CNY", "naira": "NGN", "rand": "ZAR", "shillings": "KES",
}  # fmt: skip
_CURRENCY_PREFIX = re.compile(
    r"(?:(?<![A-Za-z])(?:US|A|AU|C|CA|NZ|HK|S)?\$|€|£|¥|₹|₦|₩|\b(?:" + "|".join(CURRENCY_CODES) + r")\s?)\s?$"
)
_CURRENCY_SUFFIX = re.compile(
    r"^[\s-]*(?:(?:"
    + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
    + r")\b|(?:"
    + "|".join(CURRENCY_CODES)
    + r")\b)",
    re.IGNORECASE,
)
_PERCENT_SUFFIX = re.compile(
    r"^(?:\s?%|\s+per\s?cent\b|\s+percent\b|\s?pc\b|\s+percentage\s+points?\b)", re.IGNORECASE
)
_RANGE_TAIL = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_PLUS_SUFFIX = re.compile(r"^(?:-plus\b|\s?\+(?!\d)|\s+plus\b(?!\s+\d))", re.IGNORECASE)

# Words that say how exact a number is, longest first within a kind.
QUALIFIER_WORDS = {
    "more_than": (
        "just over", "well over", "more than", "over", "upwards of", "upward of", "in excess of", "above",
        "exceeding", "greater than", "beyond", "north of",
    ),
    "less_than": ("fewer than", "less than", "under", "below", "just below", "short of"),
    "almost": ("just under", "nearly", "almost", "close to", "not quite", "just shy of", "approaching"),
    "about": (
        "about", "around", "roughly", "some", "approximately", "approx.", "an estimated", "estimated",
        "circa", "an approximate", "in the region of", "of the order of", "on the order of",
        "something like", "closer to", "nearer to", "nearer",
    ),
    "up_to": (
        "up to", "as many as", "as much as", "a maximum of", "at most", "no more than", "not more than",
    ),
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "at minimum", "not less than"),
}  # fmt: skip
_QUALIFIER_PREFIX = re.compile(
    r"\b(?P<q>"
    + "|".join(
        re.escape(p)
        for p in sorted((p for ps in QUALIFIER_WORDS.values() for p in ps), key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE_ARTICLE = re.compile(
    _QUALIFIER_PREFIX.pattern[: -len(r"\s+$")] + r"\s+an?\s+$", re.IGNORECASE
)
_POSTFIX = re.compile(
    r"^\s*(?:,\s*)?(?P<q>or more|or so|or fewer|or less|and more|or above)\b", re.IGNORECASE
)
_POSTFIX_KIND = {"or more": "at_least", "and more": "at_least", "or above": "at_least", "or so": "about"}
_POSTFIX_KIND |= {"or fewer": "up_to", "or less": "up_to"}


@dataclass
class NumberPhrase:
    """A number as written, with what surrounds it: currency, percent sign, range, qualifier."""

    start: int
    end: int
    value: float
    kind: str = "number"  # number | vague | fraction | ratio | tally (a score such as "3-1")
    value_max: float | None = None
    currency: str | None = None
    percent: bool = False
    qualifier: str = "exact"
    core_start: int = 0
    core_end: int = 0
    short_scale: str | None = None  # "m", "k", "bn" written straight after the digits
    glued_unit: str | None = None  # "km" in "12km"
    in_words: bool = False  # the number itself is written in words ("two", "a dozen")


def qualifier_of(phrase: str) -> str | None:
    phrase = phrase.lower()
    for kind, words in QUALIFIER_WORDS.items():
        if phrase in words:
            return kind
    return None


def word_value(text: str) -> float | None:
    """The value of a number written in words or digits ("two hundred and five", "4.5m", "1,240")."""
    text = re.sub(r"\bhalf\s+an?\b", "0.5", text.lower())
    text = re.sub(r"\band\s+a\s+half\b", "and 0.5", text)
    words = re.findall(r"[a-z]+|\d[\d,]*(?:\.\d+)?", text.replace("-", " "))
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "a":
            current = current or 1
        elif word == "pair":
            current = (current or 1) * 2
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES or word in SHORT_SCALES:
            total += (current or 1) * (SCALES.get(word) or SHORT_SCALES[word])
            current = 0
        elif word != "and":
            return None
        seen = True
    return total + current if seen else None


def scale_of(text: str) -> float:
    """The multiplier a number phrase writes out ("4.5 million" -> 1e6, "12" -> 1)."""
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in SCALES and word != "hundred":
            return SCALES[word]
        if word in SHORT_SCALES:
            return SHORT_SCALES[word]
    return 1.0


def core_value(text: str) -> tuple[float | None, str]:
    """The value of a core number phrase and its kind: number, vague, fraction or ratio."""
    low = text.lower()
    if low in MULTIPLES:
        return MULTIPLES[low], "ratio"
    if re.search(r"\btimes$|fold$", low):
        return word_value(re.sub(r"-?fold$|\s+times$", "", low)), "ratio"
    parts = re.split(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", low)
    if len(parts) == 2:
        top, bottom = word_value(parts[0]), word_value(parts[1])
        if top is None or not bottom or top >= bottom or bottom > 1000:
            return None, "fraction"
        return 100.0 * top / bottom, "fraction"
    if re.search(r"\band\s+a\s+half$", low):
        return word_value(low), "number"  # "four and a half": a number, not a share
    fraction = re.fullmatch(rf"(?:(.+)[- ])?({_FRACTION_WORD})", low)
    if fraction:
        top = word_value(fraction.group(1)) if fraction.group(1) else 1.0
        name = "half" if fraction.group(2) == "halves" else fraction.group(2).rstrip("s")
        if top is not None and top >= FRACTIONS[name]:
            return None, "fraction"  # "nine quarters of football" counts quarters; no share is 225%
        return (100.0 * top / FRACTIONS[name] if top is not None else None), "fraction"
    first = low.split()[0]
    if first in VAGUE or first in ("several", "many") or low.startswith("a few"):
        return _vague_value(low), "vague"
    return word_value(low), "number"


def _vague_value(low: str) -> float:
    """The least a plural allows: "hundreds" is at least 200, "several thousand" at least 3,000."""
    value = 3.0 if low.startswith("several") else 2.0
    for word in low.split():
        value *= VAGUE.get(word) or SCALES.get(word) or (12 if word == "dozen" else 1)
    return value


def find_numbers(text: str) -> list[NumberPhrase]:
    """Every number phrase in `text`, with currency, percent, range and qualifier attached."""
    phrases: list[NumberPhrase] = []
    pos = 0
    while True:
        match = CORE.search(text, pos)
        if not match:
            break
        phrase = _grow(text, match.start(), match.end())
        if phrase is None:
            alone = PLAIN.match(text, match.start())
            if alone is not None and alone.end() < match.end():
                phrase = _grow(text, alone.start(), alone.end())  # "had 42 in 1995": the 42 stands
        if phrase is None:
            pos = match.start() + 1  # a failed reading ("30 in 2019") must not hide the number after it
            continue
        pos = max(match.end(), phrase.end)
        phrases.append(phrase)
    return phrases


def _grow(text: str, start: int, end: int) -> NumberPhrase | None:
    core = text[start:end]
    century = re.fullmatch(_CENTURY, core, re.IGNORECASE)
    if century:
        share = "quarter" if "quarter" in core.lower() else "half"
        phrase = NumberPhrase(start, end, CENTURY_YEARS[share], core_start=start, core_end=end)
        phrase.glued_unit, phrase.in_words = "years", True
        _attach_qualifier(text, phrase)
        return phrase
    glued = re.search(rf"\d({_GLUED})$", core, re.IGNORECASE)
    value, kind = core_value(core[: glued.start(1)] if glued else core)
    if value is None:
        return None
    phrase = NumberPhrase(start, end, value, kind=kind, core_start=start, core_end=end)
    phrase.glued_unit = glued.group(1).lower() if glued else None
    if core.lower() == "decades":
        phrase.glued_unit = "years"  # a vague count of decades is a stretch of years
    mixed = MIXED_FRACTION.match(text, end)
    if (
        mixed
        and kind == "number"
        and not glued
        and float(value).is_integer()
        and int(mixed.group(1)) < int(mixed.group(2))
    ):
        # "2 1/2 years": a whole number and a fraction written after it are one value
        phrase.value = value + int(mixed.group(1)) / int(mixed.group(2))
        phrase.end = phrase.core_end = mixed.end()
    short = re.search(r"\d\s?(k|m|b|tn|bn|mn|mln|trn)$", core, re.IGNORECASE)
    phrase.short_scale = short.group(1).lower() if short else None
    phrase.in_words = not any(c.isdigit() for c in core)
    phrase.percent = kind == "fraction"
    phrase.qualifier = "at_least" if kind == "vague" else "exact"
    if kind == "number" and re.search(r"\bdozen$", core, re.IGNORECASE) and phrase.value <= 12:
        phrase.qualifier = "about"  # "a dozen" and "half a dozen" are round numbers, not counts
    _attach_currency(text, phrase)
    _attach_range(text, phrase)
    if not glued:
        _attach_suffix(text, phrase)
    _attach_postfix(text, phrase)
    _attach_qualifier(text, phrase)
    return phrase


def _attach_currency(text: str, phrase: NumberPhrase) -> None:
    before = _CURRENCY_PREFIX.search(text, max(0, phrase.start - 6), phrase.start)
    if before and before.end() == phrase.start and phrase.kind == "number":
        symbol = before.group(0).strip().lower()
        phrase.currency = CURRENCY_SYMBOLS.get(symbol) or symbol.upper()
        phrase.start = before.start()


def _attach_suffix(text: str, phrase: NumberPhrase) -> None:
    """A percent sign or a currency word after the number: "17 per cent", "450,000 euros"."""
    if phrase.kind not in ("number", "vague") or phrase.currency is not None or phrase.percent:
        return
    rest = text[phrase.end : phrase.end + 40]
    percent = _PERCENT_SUFFIX.match(rest)
    if percent and phrase.kind == "number":
        phrase.percent = True
        phrase.end += percent.end()
        return
    word = _CURRENCY_SUFFIX.match(rest)
    if word and _pounds_of_weight(text, phrase, word.group(0)):
        return  # "grow to 500 pounds", "10 pounds of cocaine", "a 260-pound lineman": weight
    if word:
        key = word.group(0).strip(" \t\n-").lower()
        phrase.currency = CURRENCY_WORDS.get(key) or key.upper()
        phrase.end += word.end()


_WEIGHING = re.compile(r"\b(?:weigh\w*|grow\w*\s+to|gain\w*|los[te]\w*|heav\w*|tipp\w*)\b[^.\n]{0,25}$", re.I)


def _pounds_of_weight(text: str, phrase: NumberPhrase, word: str) -> bool:
    """ "pounds" weighs when "of" a thing follows, a hyphen joins it, or weighing comes before."""
    if word.strip(" \t\n-").lower() != "pounds":
        return False
    if word.startswith("-") or re.match(r"\s+of\b", text[phrase.end + len(word) :]):
        return True
    return _WEIGHING.search(text[max(0, phrase.start - 40) : phrase.start]) is not None


def _attach_postfix(text: str, phrase: NumberPhrase) -> None:
    """Words after a figure that say how exact it is: "2,000-plus", "500 or more", "300 or so"."""
    rest = text[phrase.end : phrase.end + 40]
    plus = _PLUS_SUFFIX.match(rest)
    if plus and phrase.qualifier == "exact":
        phrase.qualifier = "more_than"
        phrase.end += plus.end()
        return
    post = _POSTFIX.match(rest)
    if post and phrase.qualifier == "exact":
        phrase.qualifier = _POSTFIX_KIND[post.group("q").lower()]
        phrase.end += post.end()


def _attach_range(text: str, phrase: NumberPhrase) -> None:
    """ "between 200 and 300", "200-300", "200 to 300 people": one figure with a lower and upper end."""
    if phrase.kind != "number" or phrase.glued_unit:
        return
    tail = _RANGE_TAIL.match(text, phrase.end)
    if not tail:
        return
    joiner = tail.group(0).strip().lower()
    between = _BETWEEN.search(text, max(0, phrase.start - 12), phrase.start)
    if joiner == "and" and not between:
        return
    if joiner == "to" and _FROM.search(text, max(0, phrase.start - 8), phrase.start):
        return  # "rose from 200 to 300" is a change between two figures, not a range
    if joiner in "-–—" and tail.group(0) != joiner:
        return  # "200 - 300" with spaces reads as punctuation more often than as a range
    second = _second_number(text, tail.end())
    if second is None:
        return
    upper, upper_end, currency, upper_scale = second
    lower = phrase.value
    written = text[phrase.core_start : phrase.core_end]
    if scale_of(written) == 1.0 and upper_scale > 1.0:
        lower *= upper_scale  # "4-5 million": the scale written once belongs to both ends
    elif _ends_in_hundred(text[:upper_end]) and "hundred" not in written.lower() and lower * 100 < upper:
        lower *= 100  # "between two and three hundred"; but "ninety to a hundred" stays 90
    if upper <= lower:
        if joiner in "-–" and upper_scale == 1.0:
            phrase.kind = "tally"  # "won 3-1", "passed 218-214": a score, not a quantity
        return
    if lower == 0 and joiner in "-–" and upper_scale == 1.0:
        phrase.kind = "tally"  # "fell to 0-13": a win-loss record; no range starts at nothing
        return
    phrase.value, phrase.value_max = lower, upper
    phrase.end = upper_end
    phrase.currency = phrase.currency or currency
    if between:
        phrase.start = between.start()


def _ends_in_hundred(text: str) -> bool:
    return re.search(r"\bhundred$", text, re.IGNORECASE) is not None


def _second_number(text: str, pos: int) -> tuple[float, int, str | None, float] | None:
    prefix = re.match(r"(?:US\$|\$|€|£|¥)", text[pos:])
    currency = None
    if prefix:
        currency = CURRENCY_SYMBOLS.get(prefix.group(0).lower())
        pos += prefix.end()
    match = SECOND.match(text, pos)
    if not match or re.search(rf"\d({_GLUED})$", match.group(0), re.IGNORECASE):
        return None
    value, kind = core_value(match.group(0))
    if value is None or kind != "number":
        return None
    return value, match.end(), currency, scale_of(match.group(0))


def _attach_qualifier(text: str, phrase: NumberPhrase) -> None:
    window = text[max(0, phrase.start - 30) : phrase.start]
    match = _QUALIFIER_PREFIX.search(window)
    if match is None and phrase.currency:
        match = _QUALIFIER_BEFORE_ARTICLE.search(window)  # "up to a $5 million"
    if not match:
        return
    kind = qualifier_of(match.group("q"))
    if kind is None:
        return
    phrase.qualifier = kind
    phrase.start -= len(window) - match.start()
