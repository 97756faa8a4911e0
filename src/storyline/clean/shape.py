"""The unit cleaning works on (one paragraph-like block) and the shape tests every rule shares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that end a sentence, including the closing quote or bracket that may follow the stop.
SENTENCE_END = tuple(".!?…\"”’')]»")
# Ends that make a short line read as a sentence or a lead-in, so never as a headline.
NON_HEADLINE_END = SENTENCE_END + tuple(":;,")
OPENING_QUOTES = tuple("\"“‘'«„‚")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)

# Small words that stay lower case in Title Case; they do not count for or against it.
_MINOR = frozenset(
    "a an and as at but by de for from in into of on or over per the to up via vs with".split()
)


@dataclass
class Block:
    """One paragraph, heading, list item or table row of a document, on one line."""

    text: str
    kind: str = "p"  # p | head | item | quote | cell | code
    level: int = 0  # heading level when kind is "head" (1 for a Markdown `# ` heading)
    post: int | None = None  # the embedded post this block belongs to, numbered from 0
    source: str = ""  # the line(s) as written, markup included, for the removal record

    @property
    def written(self) -> str:
        return self.source or self.text


def normalize_space(text: str) -> str:
    """One line: invisible characters dropped, every run of whitespace made one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


# What `fingerprint` strips from either end of a text.
FINGERPRINT_STRIP = " .!?:;,-–—|\"'“”‘’"


def fingerprint(text: str) -> str:
    """A comparison key: case, spacing and surrounding punctuation do not matter."""
    return " ".join(normalize_space(text).casefold().split()).strip(FINGERPRINT_STRIP)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def starts_capital(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def looks_headline(text: str, max_words: int = 18) -> bool:
    """Short, capitalised, and without the punctuation that ends a sentence or introduces a list."""
    n = word_count(text)
    if n < 2 or n > max_words or len(text) > 160:
        return False
    if text.rstrip().endswith(NON_HEADLINE_END) or text.lstrip().startswith(OPENING_QUOTES):
        return False
    return starts_capital(text)


def is_title_case(text: str) -> bool:
    """Most words after the first start with a capital, as in "Floods Reach The Old Town"."""
    tail = [w for w in words(text)[1:] if w.casefold() not in _MINOR]
    if len(tail) < 2:
        return False
    capitals = sum(1 for w in tail if w[0].isupper())
    return capitals / len(tail) >= 0.75


def is_label(text: str) -> bool:
    """A section name such as "WORLD" or "Local news": one or two words, no punctuation."""
    ws = text.split()
    if not 1 <= len(ws) <= 2 or len(text) > 30 or not starts_capital(text):
        return False
    return all(w.replace("&", "").replace("-", "").isalpha() for w in ws if w != "&")


def is_body(text: str) -> bool:
    """A paragraph of running prose: a sentence of some length, or simply long."""
    n = word_count(text)
    return n >= 25 or (n >= 8 and ends_sentence(text))


def content_words(text: str) -> set[str]:
    """Lower-cased words long enough to carry meaning, for overlap tests between lines."""
    return {w.casefold().strip("'’-") for w in words(text) if len(w) >= 4}
