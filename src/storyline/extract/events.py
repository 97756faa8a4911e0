"""Finding the dated actions of an article: one event per sentence that says when something happened."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.dates import MONTH_PATTERN, WEEKDAY_PATTERN, resolve_date
from storyline.model import Article, Event, Mention, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MONTH = MONTH_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
_COUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
)

# Date phrases as news writes them; the tagger's DATE entities add to these.
DATE_PATTERNS = [
    rf"\b(?:(?i:last|next|this|past|coming)\s+)?{_WEEKDAY}(?:,?\s+(?:the\s+)?{_DAYNUM}(?:\s+of)?\s+{_MONTH}"
    rf"|,?\s+{_MONTH}\s+{_DAYNUM})?(?:,?\s+\d{{4}})?{_PART_OF_DAY}\b",
    rf"\b(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?!\w)",
    rf"\b{_MONTH}\s+{_DAYNUM}(?:,?\s+\d{{4}})?(?!\w)",
    rf"\b(?:(?i:early|mid|late|the end of|the start of|the beginning of|the middle of)[\s-]+)?"
    rf"{_MONTH}(?:\s+\d{{4}})?(?!\w)",
    r"\b(?i:in|since|by|until|during|before|after|from)\s+(?i:early\s+|mid-|late\s+)?(?:1[89]\d\d|20\d\d)"
    r"\b(?![\d,]|s)",
    r"\b(?i:yesterday|today|tonight|last night|this (?:morning|afternoon|evening))"
    rf"{_PART_OF_DAY}\b",
    r"\b(?i:(?:earlier|later|late|early)\s+)?(?i:last|this|next|the past|the previous|the coming)\s+"
    r"(?i:week|weekend|month|year)\b",
    r"\b(?i:at|over) the weekend\b",
    rf"\b(?i:{_COUNT}\s+(?:days?|weeks?|fortnights?|months?|years?)\s+(?:ago|earlier|later|after|before))\b",
    r"\b(?i:recently|in recent (?:days|weeks|months|years)|in the past)\b",
]
# Month and weekday names only count with their capital: "may" and "march" are verbs too.
DATE_RE = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS))
# Phrases that say an action happened without saying when: the event stands, its date is None.
UNDATED = re.compile(r"^(?:recently|in recent (?:days|weeks|months|years)|in the past)$", re.IGNORECASE)
# The time stamps a page puts above or below an article, not actions it reports.
PAGE_STAMP = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified|edited)\b", re.IGNORECASE)
LEADING = re.compile(r"^(?:on|in|at|during|over|since|by|from|until|as of)\s+", re.IGNORECASE)
# Words that make a clause look ahead: "will meet", "would return", "is due to begin", "plans to vote".
FUTURE_MARKERS = {"will", "'ll", "shall", "would", "due", "set", "expected", "scheduled", "planned", "plans"}
FUTURE_MARKERS |= {"going", "plan", "intends", "intend", "hopes", "aims"}
SUMMARY_WORDS = 25
ANY_DAY = "2001-01-01"  # a stand-in base, to tell a relative date phrase from a duration
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"}
CORE_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "neg", "aux", "auxpass", "prt", "case"}
CORE_DEPS |= {"predet", "nmod"}
ARGUMENTS = {"nsubj", "nsubjpass", "expl", "dobj", "attr", "acomp", "oprd", "dative", "ccomp", "xcomp"}
ARGUMENTS |= {"agent"}
DROP_DEPS = {"appos", "relcl", "parataxis", "punct", "cc", "conj", "advcl", "dep", "meta"}


@dataclass
class DatePhrase:
    start: int
    end: int
    text: str


def find_events(article: Article, doc: Doc, mentions: list[Mention]) -> list[Event]:
    """The dated actions of the article, in text order; `doc` is the parse of `article.text`.

    A sentence gives one event, dated by the date of its main clause. A date that
    hangs from another clause ("members logged it in 2024, she said on Wednesday")
    gives a second event whose span is that clause.
    """
    names = [(m.start, m.end) for m in mentions] or [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_TYPES
    ]
    phrases = date_phrases(doc)
    events: list[Event] = []
    for sent in sentences(doc):
        found = [p for p in phrases if sent.start_char <= p.start and p.end <= sent.end_char]
        if found and _states_an_action(sent):
            events.extend(_events_for(article, sent, found, names))
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


def date_phrases(doc: Doc) -> list[DatePhrase]:
    """Every date phrase: the patterns above and the tagger's DATE entities, longest first on overlap."""
    text = doc.text
    spans = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if end <= start:
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
    article: Article, sent: Span, found: list[DatePhrase], names: list[tuple[int, int]]
) -> list[Event]:
    dated = []
    for phrase in found:
        verb = _governing_verb(sent, phrase)
        if re.search(r"\s(?:after|before)$", phrase.text, re.IGNORECASE):
            verb = _verb_after(sent, phrase) or verb  # "two days after residents were evacuated"
        item = _Dated(phrase, verb, _looks_ahead(verb) if verb is not None else False)
        item.date, item.granularity = resolve_date(phrase.text, article.published, future=item.future)
        dated.append(item)
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
        if token.head is token:
            break
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
    text = sent.doc.text
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
