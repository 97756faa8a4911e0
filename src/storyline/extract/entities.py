"""Finding the names in one article: the tagger's entities, cleaned, plus the names it misses.

A mention's span is the bare name: a leading "the", a possessive 's and a
personal title ("Minister", "Dr.") are kept out of it. A title still counts
as evidence: the mention after it is labelled PERSON, and entity resolution
reads the title again from the text just before the span (and keeps "Mrs Brandt" as an alias).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from storyline.extract._junk import blocked_regions, is_headline, is_junk, is_portfolio, split_span
from storyline.extract._name_kinds import (
    FAC_HEADS,
    known_places,
    relabel_by_head,
    relabel_by_partner,
    relabel_places,
    relabel_teams,
    untagged_places,
)
from storyline.model import Article, Mention
from storyline.names import (
    CONNECTORS,
    DATE_WORDS,
    ORG_WORDS,
    POSITIONS,
    QUOTE_CHARS,
    everyday_words,
    expands,
    is_acronym,
    is_honorific,
    is_title,
    is_title_part,
    name_like,
    person_cue_before,
    straight,
    word_key,
)
from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The tagger's labels, in storyline's vocabulary; the rest (dates, numbers) are not names.
LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "GPE",
    "FAC": "FAC",
    "LAW": "LAW",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK",
    "PRODUCT": "PRODUCT",
}

_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros)\.)$")
_LEAD_JUNK = " \t" + QUOTE_CHARS + "-\u2013\u2014*\u2022\u00b7:;,.!?/([{"
_TRAIL_JUNK = " \t" + QUOTE_CHARS + "-\u2013\u2014*\u2022\u00b7:;,!?/)]}"
_POSSESSIVE_END = re.compile(r"(?:['\u2019\u02bc]s|s['\u2019\u02bc]|['\u2019\u02bc])$")
_SPLITTERS = re.compile(r"[\n\r(|\[\]\u2022<>\u203a]")
_KNOWN_AS = re.compile(
    r"\b([a-z][a-z\-]+(?:\s+[a-z][a-z\-]+){0,3}),?\s+(?:known as|also called|abbreviated as)\s+([A-Z]{2,8})\b"
)
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")
_WORD = re.compile(r"\S+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar)-(?=[A-Z])")
_NAME_WORDS = r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}"
_PLURAL_POSSESSIVE_GAP = re.compile(r"['\u2019]\s+" + _NAME_WORDS)
# "St Aldric's Hospital", "King's College": a possessive inside an institution's name
_POSSESSIVE_HEAD = re.compile(r"['\u2019]s\s+(" + _NAME_WORDS + r")")
# "and Ports" closing "Ministry of Transport and Ports"; not when another name follows
_AND_NAME = re.compile(r"\s+and\s+(" + _NAME_WORDS + r")(?=[\s,.;:!?)]|$)(?!\s+[A-Z])")
_OF_INSIDE = re.compile(r"\s(?:of|on|for)\s")
# a lower-case word leading a span ("state Department of Housing") describes the name, it is not in it
_LOWER_LEAD = re.compile(r"([a-z][a-z\-]*)\s+(?=[A-Z])")


# Lower-case words after a name that make it an armed or criminal group.
_GROUP_AFTER = re.compile(
    r"\s+(?:(?:crime|mafia|mob|organi[sz]ed[- ]crime)\s+famil(?:y|ies)|gangs?|cartels?|militias?|"
    r"syndicates?|mafia|brigades?)\b"
)
_GROUP_HEAD = re.compile(r"\b(?:Gang|Cartel|Militia|Brigades?|Syndicate|Mafia)$")
# Capitalised words ending in the head word of a public institution.
_INSTITUTION = re.compile(
    r"\b((?:[A-Z][a-z]+\s+){1,3})(?:Police|Constabulary|Council|Fire Service|Fire and Rescue Service)\b"
)
# A name that owns what only a state has: "Esterland's water minister", "Norland's army".
_STATE_OWNER = re.compile(
    r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['\u2019]s\s+(?:[a-z]+\s+){0,2}?"
    r"(?:ministers?|ministry|government|parliament|capital|army|navy|armed forces|embassy|ambassador"
    r"|cabinet|citizens|borders?|coastline)\b"
)
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.\s?){2,}[A-Z]\.?")
_SMALL_WORDS = frozenset("the a an this that these those when if as and but".split())


@dataclass
class _Span:
    start: int
    end: int
    label: str


def find_mentions(article: Article, doc: Doc) -> list[Mention]:
    """Every name in the article as a non-overlapping mention whose offsets index `article.text`."""
    text = article.text
    if doc.text != text:
        raise ValueError(f"article {article.id}: the parse is not of this article's text")
    blocked = blocked_regions(text)
    taken = _Taken(text, blocked)
    for start, end, label in _tagged(doc):
        start, end = _first_piece(text, start, end)
        for piece in (
            p for whole in split_span(text, start, end, label) for p in _split_speech(text, *whole)
        ):
            span = _clean(text, *piece)
            if span is not None and not is_portfolio(text, span.start, span.end, span.label):
                span = _apply_title(text, span)
                if _GROUP_AFTER.match(text, span.end) or _GROUP_HEAD.search(text, span.start, span.end):
                    span.label = "ORG"  # "the Genovese crime family", "the Sinaloa cartel"
                taken.add(span)
    _add_crime_families(text, taken)
    for span in _titled_names(doc):
        taken.add(span)
    _add_institutions(text, taken)
    for start, end in untagged_places(text):
        taken.add(_Span(start, end, "GPE"))
    _add_states(text, taken)
    _add_acronyms(text, taken)
    _add_surnames(doc, taken)
    _add_repeats(text, taken)
    # the article's own author named in its text is a signature left by cleaning, not an actor
    authors = {straight(a).casefold() for a in article.authors}
    spans = [s for s in taken.sorted() if straight(text[s.start : s.end]).casefold() not in authors]
    _cut_headline_tails(text, spans)
    spans = _join_neighbours(text, spans)
    _relabel_by_shape(text, spans)
    relabel_by_head(text, spans)
    relabel_teams(text, spans)
    relabel_by_partner(text, spans)
    relabel_places(text, spans)
    return [Mention(article.id, s.start, s.end, text[s.start : s.end], s.label) for s in spans]


# "the Gambino crime family", "the Genovese organized crime family": a crime family is an organisation
_CRIME_FAMILY = re.compile(
    r"\b([A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)?)\s+(?:(?:organi[sz]ed\s+)?crime|[Mm]afia|mob)\s+family\b"
)


def _add_crime_families(text: str, taken: _Taken) -> None:
    """ "the Lucchese crime family" is one organisation, not the surname it starts with, and so is
    "the Lucchese family" once the article has said it is a crime family."""
    names = set()
    for m in _CRIME_FAMILY.finditer(text):
        if taken.add(_Span(m.start(1), m.end(), "ORG"), replace_inside=True):
            names.add(m.group(1))
    for name in names:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"\s+family\b", text):
            taken.add(_Span(m.start(), m.end(), "ORG"), replace_inside=True)


# Lower-case verbs of speech the tagger sometimes swallows into a name: '"... ," Henry told CRN'
_SPEECH_INSIDE = re.compile(r"\s(?:said|says|told|tells|asked|asks|added|adds|wrote|writes)\s(?=[A-Z])")


def _split_speech(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A tagged span holding "Henry told CRN" is a speaker and an audience: two names."""
    m = _SPEECH_INSIDE.search(text, start, end)
    if m is None or not text[start:end][:1].isupper():
        return [(start, end, label)]
    first, second = text[start : m.start()].split(), text[m.end() : end].split()
    speaker = "PERSON" if name_like(first) and label not in ("ORG", "GPE") else label
    audience = "ORG" if second and is_acronym(second[0]) else label
    return [(start, m.start(), speaker), (m.end(), end, audience)]


def _cut_headline_tails(text: str, spans: list[_Span]) -> None:
    """ "Fred LaRue Dies At 75", "Colts Beat Chiefs": on a headline, capitalised words after a name
    the article writes on its own are the headline's verb and the rest, not part of the name."""
    labels = {text[s.start : s.end]: s.label for s in spans}
    for span in spans:
        words = _words(text, span.start, span.end)
        if len(words) < 2 or not _headline_line(text, span.start):
            continue
        for k in range(len(words) - 1, 0, -1):
            prefix = text[span.start : words[k - 1][1]]
            rest = text[words[k][0] : words[k][1]]
            if prefix not in labels or not rest[:1].isupper() or not _verb_form(rest):
                continue
            # "Chicago Bears" beside "Chicago" is a team's name, though "bear" is a verb too
            team = k == len(words) - 1 and rest.endswith("s") and labels[prefix] == "GPE"
            if not team:
                span.end, span.label = words[k - 1][1], labels[prefix]
            break


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")


def _join_neighbours(text: str, spans: list[_Span]) -> list[_Span]:
    """ "Dallas Cowboys" tagged as the place "Dallas" and the team "Cowboys" is one team; "Texas
    Stadium" where the tagger stopped at "Texas" is one facility."""
    out: list[_Span] = []
    for span in spans:
        last = out[-1] if out else None
        gap = text[last.end : span.start] if last else ""
        word = text[span.start : span.end]
        if last and last.label == "GPE" and gap == " " and span.label == "ORG" and _team_word(word):
            last.end, last.label = span.end, "ORG"
            continue
        head = _NEXT_WORD.match(text, span.end)
        if span.label in ("GPE", "ORG") and head and head.group(1).lower() in FAC_HEADS:
            if not spans or all(s.start >= head.end() or s.end <= span.end for s in spans):
                span.end, span.label = head.end(), "FAC"
        out.append(span)
    return out


def _team_word(word: str) -> bool:
    return word.isalpha() and word[:1].isupper() and word.endswith("s") and not word.endswith("ss")


def _verb_form(word: str) -> bool:
    """Whether a word is a form of an English verb ("Dies", "Placed", "Confesses", "Shooting"),
    by the verb list of the tagger's own lemmatizer; "Bluejays" is none."""
    verbs = _verbs()
    w = word.lower()
    stems = {w, w[:-1], w[:-2], w[:-3], w[:-3] + "e"}
    inflected = bool(stems & verbs) and w.endswith(("s", "ed", "ing"))
    return inflected or (w in verbs and w in _HEADLINE_BARE)


# Verbs a headline writes bare after a subject ("Colts Beat Chiefs", "Storm Hit Coast")
_HEADLINE_BARE = frozenset("beat hit win lose top edge rout sink down".split())


@cache
def _verbs() -> frozenset[str]:
    from storyline import nlp

    try:
        table = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except (KeyError, ValueError):
        return frozenset()


def _headline_line(text: str, at: int) -> bool:
    """Whether the line holding `at` reads as a headline: capitalised words, no closing full stop."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w'\-]*", line) if len(w) > 3]
    if not words or line.endswith((".", '."', ".\u201d")):
        return False
    return sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _tagged(doc: Doc) -> list[tuple[int, int, str]]:
    """The tagger's names in storyline's types, with names it cut in two put back together."""
    spans: list[tuple[int, int, str]] = []
    text = text_of(doc)
    everyday = everyday_words(text)
    # full names the tagger saw; one word it calls a person ("Guild") may still end an organisation
    people = [
        e.start_char for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and name_like(e.text.split())
    ]
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        # a lone capitalised word opening a sentence is no name when the text also uses it
        # in lower case ("Turnout was low ... the turnout"), or the parser calls it a common word
        first = len(ent) == 1 and ent[0].is_sent_start
        common = first and (ent[0].pos_ not in ("PROPN", "ADJ") or ent.text.lower() in everyday)
        if label is None or common:
            continue
        if spans and spans[-1][1] >= ent.start_char:
            continue  # already swallowed by the name before it
        end = _joined_end(text, ent.start_char, ent.end_char, label)
        if any(ent.end_char < p < end for p in people):
            end = ent.end_char  # "the Titans' Chris Johnson": the tagger saw a person after the apostrophe
        spans.append((ent.start_char, end, "ORG" if end > ent.end_char else label))
    return spans


def _joined_end(text: str, start: int, end: int, label: str) -> int:
    """Where a name really ends when the tagger stopped at "Workers' Union" or "Transport and Ports"."""
    if label in ("ORG", "PERSON", "FAC", "NORP"):
        # the apostrophe may be inside the tagged span or just after it
        gap = end - 1 if text[end - 1 : end] in "'\u2019" else end
        plural = _PLURAL_POSSESSIVE_GAP.match(text, gap)
        if plural and text[gap - 1 : gap] == "s":
            return plural.end()
    possessive = _POSSESSIVE_HEAD.match(text, end - 2 if text[end - 2 : end] in ("'s", "\u2019s") else end)
    # "the St Aldric's Hospital" is one name; "Ortega's Office" is a person's office
    definite = text[max(0, start - 4) : start + 4].lower().find("the ") > -1
    if (
        possessive
        and word_key(possessive.group(1).split()[-1]) in ORG_WORDS
        and (label != "PERSON" or definite)
    ):
        return possessive.end()
    joined = _AND_NAME.match(text, end)
    if joined and label == "ORG" and _OF_INSIDE.search(text[start:end]):
        tail = joined.group(1)
        rest = text[:start] + text[joined.end() :]
        if not re.search(r"(?<![\w-])" + re.escape(tail) + r"(?![\w-])", rest):
            return joined.end()
    return end


class _Taken:
    """The accepted spans: no two overlap, and junk never gets in."""

    def __init__(self, text: str, blocked: list[tuple[int, int]]) -> None:
        self.text = text
        self.blocked = blocked
        self.spans: list[_Span] = []

    def overlapping(self, start: int, end: int) -> list[_Span]:
        return [s for s in self.spans if s.start < end and start < s.end]

    def add(self, span: _Span, replace_inside: bool = False) -> bool:
        if is_junk(self.text, span.start, span.end, self.blocked):
            return False
        clash = self.overlapping(span.start, span.end)
        if clash and not (replace_inside and all(span.start <= s.start and s.end <= span.end for s in clash)):
            return False
        for s in clash:
            self.spans.remove(s)
        self.spans.append(span)
        return True

    def drop_text(self, name: str) -> None:
        self.spans = [s for s in self.spans if self.text[s.start : s.end] != name]

    def sorted(self) -> list[_Span]:
        return sorted(self.spans, key=lambda s: s.start)


def _clean(text: str, start: int, end: int, label: str) -> _Span | None:
    """The bare name inside a tagged span, or None when nothing name-like is left."""
    start, end = _first_piece(text, start, end)
    previous = None
    while (start, end) != previous and start < end:
        previous = (start, end)
        while start < end and text[start] in _LEAD_JUNK:
            start += 1
        if label != "WORK" and text[start:end].lower().startswith("the "):
            start += 4
        lead = _LOWER_LEAD.match(text, start, end)
        if lead and lead.group(1) not in CONNECTORS:
            start = lead.end()
        chunk = text[start:end]
        possessive = _POSSESSIVE_END.search(chunk)
        if possessive and len(chunk) - len(possessive.group()) >= 2:
            end -= len(possessive.group()) - (1 if possessive.group()[0] == "s" else 0)
        while start < end and text[end - 1] in _TRAIL_JUNK:
            end -= 1
        if text[start:end].endswith(".") and not _ABBREVIATION_END.search(text[start:end]):
            end -= 1
        words = text[start:end].rsplit(" ", 1)
        if len(words) == 2 and words[1] in CONNECTORS:
            end = start + len(words[0])
    if label != "WORK" and is_headline(text[start:end]):
        return None
    return _Span(start, end, label) if end - start >= 2 else None


def _first_piece(text: str, start: int, end: int) -> tuple[int, int]:
    """A span running across a line break or a bracket keeps its first part with a capital in it."""
    cut = start
    for m in _SPLITTERS.finditer(text, start, end):
        if any(c.isupper() for c in text[cut : m.start()]):
            return cut, m.start()
        cut = m.end()
    return cut, end


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _apply_title(text: str, span: _Span) -> _Span:
    """Keep a leading title out of the span and let it, or a title just before, make the span a PERSON."""
    words = _words(text, span.start, span.end)
    strings = [text[a:b] for a, b in words]
    if len(strings) >= 3 and strings[0] in POSITIONS and name_like(strings[1:]):
        return _Span(words[1][0], span.end, "PERSON")  # "RB Joique Bell": a player's position
    last_title = -1
    for i, word in enumerate(strings[:-1]):
        if is_title(word):
            last_title = i
        elif not (is_title_part(word) or word[:1].isupper()) or last_title >= 0:
            break
    rest = strings[last_title + 1 :]
    honorific = last_title >= 0 and is_honorific(strings[last_title])
    if last_title >= 0 and name_like(rest, honorific) and (span.label == "PERSON" or len(rest) <= 3):
        return _Span(words[last_title + 1][0], span.end, "PERSON")
    if name_like(strings) and span.label in ("ORG", "GPE", "NORP", "PRODUCT"):
        if person_cue_before(text, span.start):
            return _Span(span.start, span.end, "PERSON")
    return span


def _titled_names(doc: Doc) -> list[_Span]:
    """Capitalised words right after a personal title ("Mayor Lin", "Prime Minister Ana Ortega"),
    or a full name after a player's position ("WR Tam Kessel")."""
    spans = []
    i = 0
    while i < len(doc):
        token = doc[i]
        position = token.text in POSITIONS
        if not (is_title(token.text) and token.text[:1].isupper()) and not position:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and is_title_part(doc[j].text) and doc[j].text[:1].isupper():
            j += 1
        names = _name_tokens(doc, j)
        words = [t.text for t in names]
        if position and len(words) < 2:
            names = []
        if names and name_like(words, is_honorific(doc[j - 1].text)) and not is_headline(" ".join(words)):
            spans.append(_Span(names[0].idx, names[-1].idx + len(names[-1].text), "PERSON"))
        i = max(j, i + 1)
    return spans


def _name_tokens(doc: Doc, j: int) -> list[Token]:
    names: list[Token] = []
    while j < len(doc) and len(names) < 4:
        word = doc[j].text
        if _is_name_word(word):
            names.append(doc[j])
        elif not (word in CONNECTORS and names and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
            break
        j += 1
    return names


def _is_name_word(word: str) -> bool:
    bare = straight(word).replace("-", "").replace("'", "")
    return word[:1].isupper() and bare.isalpha() and word_key(word) not in DATE_WORDS


def _relabel_by_shape(text: str, spans: list[_Span]) -> None:
    """`Katie` tagged ORG or GPE beside `Katie Jenkin` is her given name, and so is `Peyton` in `Peyton
    Manning` beside `Peyton Hillis`; `F. B. I.` tagged PERSON for its initials is an acronym:
    spelled-out letters with no surname name no one."""
    given = {
        text[s.start : s.end].split()[0]
        for s in spans
        if s.label == "PERSON" and " " in text[s.start : s.end]
    }
    for span in spans:
        name = text[span.start : span.end]
        lone = " " not in name and name in given and not is_acronym(name)
        # a given name tagged a place ("back to Kathina") is hers, unless it is a known place's name
        if lone and (
            span.label in ("ORG", "NORP", "PRODUCT", "WORK")
            or span.label == "GPE"
            and name not in known_places()
        ):
            span.label = "PERSON"
        elif span.label in ("ORG", "GPE", "NORP") and _shares_given_name(name, given):
            span.label = "PERSON"
        elif span.label == "PERSON" and _INITIALS_ONLY.fullmatch(name):
            span.label = "ORG"


def _shares_given_name(name: str, given: set[str]) -> bool:
    """ "Peyton Manning" tagged ORG beside the person "Peyton Hillis": two or three plain capitalised
    words opening with a given name the article gives a person are a person's name too."""
    words = name.split()
    if not 2 <= len(words) <= 3 or words[0] not in given or not name_like(words):
        return False
    return not any(is_acronym(w) or not w.isalpha() and "-" not in w and "'" not in w for w in words)


def _add_institutions(text: str, taken: _Taken) -> None:
    """`Cumbria Police`, `Wexford County Council`: a place or name and an institution's head word,
    which the tagger often leaves out or stops short of, is one organisation."""
    everyday = everyday_words(text)
    for m in _INSTITUTION.finditer(text):
        first = m.group(1).split()[0]
        if first.lower() in everyday or first.lower() in CONNECTORS or first.lower() in _SMALL_WORDS:
            continue
        taken.add(_Span(m.start(), m.end(), "ORG"), replace_inside=True)


def _add_states(text: str, taken: _Taken) -> None:
    """ "Esterland's water minister", "Norland's government": a name that owns offices only a
    state has is a place (GPE), whatever the tagger made of it, unless it is a person's name here."""
    people = {w for s in taken.spans if s.label == "PERSON" for w in text[s.start : s.end].split()}
    for m in _STATE_OWNER.finditer(text):
        name = m.group(1)
        if name in people or name.lower() in everyday_words(text) or is_title(name.split()[0]):
            continue
        clash = taken.overlapping(m.start(1), m.end(1))
        if len(clash) == 1 and (clash[0].start, clash[0].end) == (m.start(1), m.end(1)):
            clash[0].label = "GPE"
        elif not clash:
            taken.add(_Span(m.start(1), m.end(1), "GPE"))


def _add_acronyms(text: str, taken: _Taken) -> None:
    """An acronym introduced in brackets after a name, and every standalone use of it after that."""
    for m in _KNOWN_AS.finditer(text):
        # "trimethylbenzol, known as TMB": short for a common noun, so no name
        if _abbreviates(m.group(2), m.group(1).split()):
            taken.drop_text(m.group(2))
    for m in _PAREN_ACRONYM.finditer(text):
        acronym = m.group(1).rstrip(".")
        if not is_acronym(acronym):
            continue
        label = _expansion_label(text, m.start(), acronym, taken)
        if label == "":
            # '"personal location data" (PLD)' abbreviates a common noun, not a name
            taken.drop_text(acronym)
            continue
        if label is None:
            continue
        taken.add(_Span(m.start(1), m.start(1) + len(acronym), label))
        pattern = re.compile(r"(?<![\w@#/.\-])" + re.escape(acronym) + r"(?![\w@\-])")
        for use in pattern.finditer(text, m.start(1)):
            for clash in taken.overlapping(use.start(), use.end()):
                if (clash.start, clash.end) == (use.start(), use.end()):
                    clash.label = label
            taken.add(_Span(use.start(), use.end(), label))


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether the acronym's letters are spelled, in order, by the last few lower-case words."""
    letters = acronym.lower()
    for k in range(1, min(len(words), 4) + 1):
        phrase = "".join(words[-k:])
        if phrase[:1] != letters[:1]:
            continue
        rest = iter(phrase)
        if all(c in rest for c in letters):
            return True
    return False


def _expansion_label(text: str, paren: int, acronym: str, taken: _Taken) -> str | None:
    """The type of the name the brackets follow; the name itself is added when the tagger missed it.

    An empty label says the brackets follow lower-case words: the acronym is no name at all.
    """
    line_start = text.rfind("\n", 0, paren) + 1
    words = _words(text, max(line_start, paren - 120), paren)
    strings = [text[a:b].strip(QUOTE_CHARS) for a, b in words]
    before = [s for s in taken.spans if s.end <= paren and not text[s.end : paren].strip()]
    for k in range(2, min(len(words), 10) + 1):
        if expands(acronym, strings[-k:]):
            if not any(c.isupper() for word in strings[-k:] for c in word):
                return ""
            start = words[-k][0] + (4 if strings[-k].lower() == "the" else 0)
            label = before[0].label if before and before[0].start <= start else "ORG"
            taken.add(_Span(start, words[-1][1], label), replace_inside=True)
            return label
    if before and before[0].label != "PERSON" and text[before[0].start].upper() == acronym[0].upper():
        return before[0].label
    return None


def _add_surnames(doc: Doc, taken: _Taken) -> None:
    """A capitalised word equal to the surname of a person named in full in this article is that person."""
    text = text_of(doc)
    # a surname that is also an everyday word here ("Young", "Price") counts only inside a sentence
    everyday = everyday_words(text)
    # capitalised words written inside a sentence: a first word is a given name only if it is one of these
    inside = {t.text for t in doc if t.text[:1].isupper() and not _opens(doc, t)}
    # "Rolfe Tannery" where the tagger took only the surname
    lone = {s.start: s for s in taken.spans if s.label == "PERSON" and " " not in text[s.start : s.end]}
    for token in doc:
        span = lone.get(token.idx)
        given = None if span is None else _given_name(doc, token.i, taken, everyday, inside)
        if span is not None and given is not None:
            span.start = given
    surnames = set()
    for span in taken.spans:
        words = text[span.start : span.end].split()
        if span.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            surnames.add(straight(words[-1]))
            # "Omar al-Rashidi" is "Mr. Rashidi" on second reference
            surnames.add(_ARTICLE_PREFIX.sub("", straight(words[-1])))
    surnames = {s for s in surnames if len(s) >= 2 and not is_title(s)}
    for span in taken.spans:
        if span.label != "PERSON" and straight(text[span.start : span.end]) in surnames:
            span.label = "PERSON"
    for token in doc:
        if straight(token.text) not in surnames:
            continue
        if token.is_sent_start and token.text.lower() in everyday:
            continue
        end = token.idx + len(token.text)
        # "Lotte Brannagh" beside "Ivo Brannagh": a given name before the surname is another relative
        given = _given_name(doc, token.i, taken, everyday, inside)
        if given is not None and taken.add(_Span(given, end, "PERSON"), replace_inside=True):
            continue
        taken.add(_Span(token.idx, end, "PERSON"))


def _given_name(doc: Doc, i: int, taken: _Taken, everyday: set[str], inside: set[str]) -> int | None:
    """Where a given name written just before the surname at token `i` starts, if one is there."""
    if i == 0:
        return None
    given = doc[i - 1]
    if given.pos_ != "PROPN" or not _is_name_word(given.text) or is_title(given.text):
        return None
    if taken.overlapping(given.idx, given.idx + len(given.text)) or given.ent_type_ not in ("", "PERSON"):
        return None
    if given.text.lower() in everyday or given.text.endswith(("'s", "\u2019s")):
        return None
    # a capitalised word opening a sentence or a line may be any word ("Editorial Brannagh's quiet years")
    return given.idx if not _opens(doc, given) or given.text in inside else None


def _opens(doc: Doc, token: Token) -> bool:
    """Whether the token opens a sentence or a line, where any word is capitalised."""
    return token.is_sent_start or text_of(doc)[token.idx - 1 : token.idx] in ("\n", "")


def _add_repeats(text: str, taken: _Taken) -> None:
    """A multi-word name or acronym the tagger found once is the same name where it missed it."""
    # A name searched for again with the label it was last searched for with changes nothing: every
    # use it could take it took then, and holds now or lost to a longer name that still holds.
    # Skipping it keeps a name tagged hundreds of times in a long page from costing uses x tags.
    searched: dict[str, str] = {}
    for span in list(taken.spans):
        name = text[span.start : span.end]
        if len(name.split()) < 2 and not is_acronym(name):
            continue
        if searched.get(name) == span.label:
            continue
        searched[name] = span.label
        pattern = re.compile(r"(?<![\w@#/.\-])" + re.escape(name) + r"(?![\w@\-])")
        for use in pattern.finditer(text):
            # the tagger cut "Corvane Ledger" into two names where it did not know it: replace them
            taken.add(_Span(use.start(), use.end(), span.label), replace_inside=not is_acronym(name))
