"""Finding the dated actions of an article: one event per sentence that says when something happened."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storyline.extract.dates import MONTH_PATTERN, MONTHS, WEEKDAYS, DatePhrase, date_phrases, resolve_date
from storyline.model import Article, Event, Mention, content_id
from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Phrases that say an action happened without saying when: the event stands, its date is None.
UNDATED = re.compile(r"^(?:recently|in recent (?:days|weeks|months|years)|in the past)$", re.IGNORECASE)
# The time stamps a page puts above or below an article, not actions it reports.
PAGE_STAMP = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified|edited)\b", re.IGNORECASE)
# Words that make a clause look ahead: "will meet", "would return", "is due to begin", "plans to vote".
FUTURE_MARKERS = {"will", "'ll", "shall", "would", "due", "set", "expected", "scheduled", "planned", "plans"}
FUTURE_MARKERS |= {"going", "plan", "intends", "intend", "hopes", "aims"}
# A forecast's date is the date forecast: "the agency forecast heavy rain Monday".
FUTURE_MARKERS |= {"forecast", "forecasts", "predicted", "predicts", "predict", "projected", "projects"}
# Words before a date that point past the time of writing, unless the clause is in the past tense.
AHEAD_BEFORE = re.compile(r"\b(?:until|till|ahead of|in time for)\s+$", re.IGNORECASE)
AHEAD_WORDS = {"ahead", "upcoming", "forthcoming"}
# A year that is part of a name: "the Harbour Safety Act of 1962", "the Class of 2019".
NAMED_YEAR = re.compile(r"\b(?:Act|Acts|Class|Treaty|Convention|Accord|Agreement|Law)\s+of\s+$")
# Relative-day words that, with a capital inside a sentence, name a show or a paper ("Channel 9's Today").
RELATIVE_DAY = re.compile(r"(?:Today|Tonight|Yesterday|Tomorrow|This Morning|This Evening|This Week)\b")
SUMMARY_WORDS = 25
ANY_DAY = "2001-01-01"  # a stand-in base, to tell a relative date phrase from a duration
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"}
CORE_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "neg", "aux", "auxpass", "prt", "case"}
CORE_DEPS |= {"predet", "nmod"}
ARGUMENTS = {"nsubj", "nsubjpass", "expl", "dobj", "attr", "acomp", "oprd", "dative", "ccomp", "xcomp"}
ARGUMENTS |= {"agent"}
DROP_DEPS = {"appos", "relcl", "parataxis", "punct", "cc", "conj", "advcl", "dep", "meta"}


def find_events(article: Article, doc: Doc, mentions: list[Mention]) -> list[Event]:
    """The dated actions of the article, in text order; `doc` is the parse of `article.text`.

    A sentence gives one event, dated by the date of its main clause. A date that
    hangs from another clause ("members logged it in 2024, she said on Wednesday")
    gives a second event whose span is that clause.
    """
    names = [(m.start, m.end) for m in mentions] or [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_TYPES
    ]
    phrases = [p for p in date_phrases(doc) if not _part_of_a_name(doc, p.start, p.end)]
    events: list[Event] = []
    story_day: list[date] = []  # the latest day the text dated with its year written out
    for sent in sentences(doc):
        found = [p for p in phrases if sent.start_char <= p.start and p.end <= sent.end_char]
        if found and _states_an_action(sent):
            events.extend(_events_for(article, sent, found, names, story_day))
    return events


def sentences(doc: Doc) -> list[Span]:
    """The parse's sentences, cut again at line breaks: a paragraph never runs into the next."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text or (token.is_space and "\n" in token.text_with_ws):
                if token.i > start:
                    out.append(doc[start : token.i])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if s.text.strip()]


def _part_of_a_name(doc: Doc, start: int, end: int) -> bool:
    """Date words inside a name: "Super Tuesday", "Channel 9's Today show", "the Act of 1962"."""
    text = text_of(doc)
    if NAMED_YEAR.search(text, max(0, start - 20), start):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span[0].is_sent_start or span[0].i == 0:
        return False
    before = doc[span[0].i - 1]
    opening = before.is_quote and (before.idx == 0 or text[before.idx - 1].isspace())  # not "News' "
    if opening or before.is_space or text[: before.idx + len(before)].rstrip()[-1:] in ".!?:":
        return False  # a quote or a sentence starts here: the capital is the sentence's
    if RELATIVE_DAY.match(text, start):
        return True
    # "Super Tuesday", "Black Friday": a capitalised word modifying the weekday, not "Ortega Thursday"
    weekday = span[0].lower_ in WEEKDAYS
    named = before.head.i == span[0].i and before.dep_ in ("compound", "amod")
    return weekday and named and before.tag_ in ("NNP", "NNPS") and before.lower_ not in MONTHS


@dataclass
class _Dated:
    phrase: DatePhrase
    verb: Token | None
    future: bool
    date: str | None = None
    granularity: str = "unknown"

    @property
    def rank(self) -> tuple[int, int]:
        """Prefer the date of the sentence's main verb, then the most precise one."""
        depth = sum(1 for _ in self.verb.ancestors) if self.verb is not None else 0
        return depth, GRANULARITY_ORDER.get(self.granularity, 4)


GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _events_for(
    article: Article,
    sent: Span,
    found: list[DatePhrase],
    names: list[tuple[int, int]],
    story_day: list[date],
) -> list[Event]:
    dated = []
    for phrase in found:
        verb = _governing_verb(sent, phrase)
        if re.search(r"\s(?:after|before)$", phrase.text, re.IGNORECASE):
            verb = _verb_after(sent, phrase) or verb  # "two days after residents were evacuated"
        future = (
            _looks_ahead(verb) if verb is not None and not _possessive(text_of(sent.doc), phrase) else False
        )
        item = _Dated(phrase, verb, future or _points_ahead(sent, phrase, verb))
        item.date, item.granularity = resolve_date(phrase.text, article.published, future=item.future)
        dated.append(item)
    _share_the_year(sent, dated, article.published)
    _follow_the_story(dated, story_day)
    anchor = min((d for d in dated if d.granularity == "day"), key=lambda d: d.rank, default=None)
    for item in dated:
        if item.date is None and anchor is not None:
            item.date, item.granularity = resolve_date(
                item.phrase.text, article.published, future=item.future, anchor=anchor.date
            )
    kept = sorted((d for d in dated if _is_dated(d, article.published)), key=lambda d: d.rank)
    events: list[Event] = []
    seen_verbs: set[int] = set()
    for item in kept:
        verb_i = item.verb.i if item.verb is not None else -1
        if verb_i in seen_verbs:
            continue
        seen_verbs.add(verb_i)
        span = sent if not events else _clause(sent, item.verb)
        if span is None or any(e.date == item.date for e in events):
            continue
        events.append(_event(article, span, item, names))
    return events


def _possessive(text: str, phrase: DatePhrase) -> bool:
    """ "Tuesday's vote leaves the council without a budget": the date belongs to the noun, so the
    tense of the verb ("leaves") says nothing of when it was."""
    return text[phrase.end : phrase.end + 2] in ("'s", "’s")


def _points_ahead(sent: Span, phrase: DatePhrase, verb: Token | None) -> bool:
    """ "postponed until July", "ahead of Tuesday's vote", "ready for the upcoming fair in June":
    the date lies after the clause's time, unless the clause tells of the past ("stayed shut until
    March")."""
    if verb is not None and _past(verb):
        return False
    if AHEAD_BEFORE.search(text_of(sent.doc), max(0, phrase.start - 16), phrase.start):
        return True
    return verb is not None and any(t.lower_ in AHEAD_WORDS for t in verb.subtree)


def _past(verb: Token) -> bool:
    """A clause in the past tense: "closed", "had closed", "stayed shut"."""
    if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return True
    bare = not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VBN" and bare and verb.head.tag_ == "VBD"


_YEAR_IN = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")


def _share_the_year(sent: Span, dated: list[_Dated], published: str | None) -> None:
    """ "After a dry summer in 2011, the mill closed in mid-August": a month written without a
    year takes the year the same sentence names, when it names one as a time (not "the 2019 report")."""
    years = [
        m.group(0)
        for d in dated
        for m in _YEAR_IN.finditer(d.phrase.text)
        if not _modifies_a_noun(sent, d.phrase.start + m.start())
    ]
    if len(set(years)) != 1:
        return
    for item in dated:
        text = item.phrase.text
        relative = re.search(r"\b(?:last|next|this|past|coming)\b", text, re.IGNORECASE)
        if not _YEAR_IN.search(text) and not relative and re.search(MONTH_PATTERN, text):
            item.date, item.granularity = resolve_date(f"{text} {years[0]}", published)


# How long after a day dated in full a day written without its year may still belong to that year.
STORY_REACH_DAYS = 45


def _follow_the_story(dated: list[_Dated], story_day: list[date]) -> None:
    """ "The bridge opened on March 2, 2019. … It flooded on March 20": a day and month
    without a year that falls just after the last day dated in full shares its year; by default
    it would take the year nearest publication."""
    for item in dated:
        text = item.phrase.text
        if item.granularity != "day" or item.date is None or not re.search(MONTH_PATTERN, text):
            continue
        day = date.fromisoformat(item.date)
        if _YEAR_IN.search(text):
            story_day[:] = [day]
        elif story_day:
            try:
                moved = day.replace(year=story_day[0].year)
            except ValueError:
                continue
            if 0 <= (moved - story_day[0]).days <= STORY_REACH_DAYS:
                item.date = moved.isoformat()


def _modifies_a_noun(sent: Span, char: int) -> bool:
    span = sent.doc.char_span(char, char + 4, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("compound", "nummod", "amod", "nmod")


def _is_dated(item: _Dated, published: str | None) -> bool:
    """A phrase that names a time: resolved, undated on purpose ("recently"), or relative with no base."""
    if item.date is not None or UNDATED.match(item.phrase.text):
        return True
    # without a publication date a relative phrase cannot resolve; it still dates an action
    return published is None and resolve_date(item.phrase.text, ANY_DAY, future=item.future)[0] is not None


def _event(article: Article, span: Span, item: _Dated, names: list[tuple[int, int]]) -> Event:
    start, end = _trim_span(span)
    return Event(
        id=content_id("v", article.id, start, end),
        article=article.id,
        start=start,
        end=end,
        date=item.date,
        date_text=item.phrase.text,
        summary=summarise(span, item.verb),
        entity_spans=[(a, b) for a, b in names if start <= a and b <= end],
    )


def _clause(sent: Span, verb: Token | None) -> Span | None:
    """The words of a subordinate clause, for a second event in one sentence; None when it is the sentence."""
    if verb is None or verb.i == sent.root.i:
        return None
    lo = max(verb.left_edge.i, sent.start)
    hi = min(verb.right_edge.i + 1, sent.end)
    if hi - lo < 3 or (lo == sent.start and hi == sent.end):
        return None
    return sent.doc[lo:hi]


def _states_an_action(sent: Span) -> bool:
    """A sentence with a verb and some words beside its date: not a dateline or a byline."""
    if PAGE_STAMP.match(sent.text.strip()):
        return False
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _governing_verb(sent: Span, phrase: DatePhrase) -> Token | None:
    """The verb a date phrase hangs from, following heads up from its last word."""
    span = sent.doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and not (token.i >= span.start and token.i < span.end):
            return token
        if token.head is token or not sent.start <= token.head.i < sent.end:
            break  # the parse ran on past the paragraph: its verbs are not this sentence's
        token = token.head
    return sent.root if sent.root.pos_ in ("VERB", "AUX") else None


def _verb_after(sent: Span, phrase: DatePhrase) -> Token | None:
    return next((t for t in sent if t.idx >= phrase.end and t.pos_ == "VERB"), None)


def _looks_ahead(verb: Token) -> bool:
    """Whether the clause speaks of the future: "will meet", "is due to begin", "starts on Monday"."""
    for token in [verb, *verb.ancestors][:4]:
        if any(c.lower_ in FUTURE_MARKERS for c in token.children if c.dep_ in ("aux", "auxpass", "acomp")):
            return True
        if token.lower_ in FUTURE_MARKERS:
            return True
        if token.dep_ not in ("xcomp", "aux", "auxpass"):
            break
    return verb.tag_ in ("VBZ", "VBP") and verb.lower_ not in ("is", "are", "says", "say")


def _trim_span(sent: Span) -> tuple[int, int]:
    text = text_of(sent.doc)
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def summarise(span: Span, verb: Token | None = None) -> str:
    """The sentence, cut to the clause of its dated verb when it runs past ~25 words.

    The verb, its subject and its object come first in their shortest form ("the
    regional council"); then whole modifiers join while they fit, the verb's
    arguments before its adjuncts; a clause too long to join whole gives its own
    core. Relative clauses, appositions and asides are the first to go.
    """
    if _words(list(span)) <= SUMMARY_WORDS:
        return span.text.strip()
    pivot = verb if verb is not None and span.start <= verb.i < span.end else span.root
    # the words that lead from the main verb down to the dated one come first, in their short form
    path = [pivot, *(t for t in pivot.ancestors if span.start <= t.i < span.end)]
    keep: set[int] = set()
    subjects = [c for t in path for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    for token in path + subjects:
        core = {i for i in _core(token) if span.start <= i < span.end}
        if _words([span.doc[i] for i in keep | core]) <= SUMMARY_WORDS:
            keep |= core
    for token in path:  # nearest clause first: the dated action matters more than who reported it
        _grow(token, keep, span)
    tokens = [span.doc[i] for i in sorted(keep) if not span.doc[i].is_space]
    out = "".join(
        t.text + (t.whitespace_ if k + 1 < len(tokens) and tokens[k + 1].i == t.i + 1 else " ")
        for k, t in enumerate(tokens)
    )
    out = re.sub(r"\s+([,;:.])", r"\1", re.sub(r"\s+", " ", out))
    out = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", out)
    return re.sub(r"^[\s,;:—–-]+|[\s,;:—–-]+$", "", out)


def _grow(token: Token, keep: set[int], span: Span) -> None:
    """Add a word's core, then its dependents while the summary stays within its length."""
    inside = range(span.start, span.end)
    core = {i for i in _core(token) if i in inside}
    if _words([span.doc[i] for i in keep | core]) > SUMMARY_WORDS:
        return
    keep |= core
    children = [c for c in token.children if c.i in inside and c.i not in keep and c.dep_ not in DROP_DEPS]
    children += [c for c in token.children if c.dep_ == "conj" and c.i in inside]
    for child in sorted(children, key=lambda c: (_priority(c), abs(c.i - token.i))):
        whole = {t.i for t in child.subtree if t.i in inside}
        if child.dep_ == "conj":
            whole |= {c.i for c in token.children if c.dep_ == "cc" and c.i < child.i}
        if _words([span.doc[i] for i in keep | whole]) <= SUMMARY_WORDS:
            keep |= whole
        elif child.dep_ in ARGUMENTS or child.dep_ in ("prep", "pobj"):
            _grow(child, keep, span)


def _priority(token: Token) -> int:
    if token.dep_ in ARGUMENTS:
        return 0
    return 2 if token.dep_ == "conj" else 1


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _core(token: Token) -> set[int]:
    """A word with the small words that belong to it: "the regional council", "has not approved"."""
    out = {token.i}
    for child in token.children:
        if child.dep_ in CORE_DEPS:
            out |= _core(child)
    return out
