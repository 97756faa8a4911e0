"""Finding the speech verb that introduces a quote, and that verb's subject, in the parse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract._quote_cues import cue_base

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Dependencies by which a quoted phrase can be what a verb says ("called it 'a disgrace'").
_COMPLEMENT_DEPS = frozenset(
    "dobj ccomp xcomp oprd attr npadvmod parataxis advcl acomp appos conj dep".split()
)
# Prepositions that link a verb to the words it reports ("described it as", "warned of").
_REPORTING_PREPS = frozenset("as of about against that".split())
# Clause links along which a verb shares its subject with the verb it hangs from.
_SHARED_SUBJECT = frozenset("conj xcomp advcl pcomp acl".split())
# How many words outside the quote the ancestor walk may cross to reach a speech verb.
_MAX_STEPS = 5


@dataclass(frozen=True)
class Cue:
    """The verb (or phrase) that attributes a quote, and the subject that names its speaker."""

    base: str | None
    verb: Token | None
    subject: Token | None
    governs: bool  # the quote hangs from the verb in the parse
    complement: bool  # the quote is what the verb says: its object, clause, or "as"-phrase


def is_cue_verb(tok: Token) -> bool:
    return (tok.tag_.startswith("VB") or tok.pos_ == "VERB") and cue_base(tok.text) is not None


def find_cue(
    doc: Doc, parts: list[tuple[int, int]], window: Span, quoted: Callable[[int], bool]
) -> Cue | None:
    """The cue of a quote whose parts are char ranges, looking in the sentences around it (`window`)."""
    inside = [t for t in window if any(a <= t.idx < b for a, b in parts)]
    if not inside:
        return None
    bounds = (window.start_char, window.end_char)
    governing = _governing_verb(inside, parts, bounds, quoted)
    if governing is not None:
        verb, complement = governing
        return Cue(cue_base(verb.text), verb, _subject_in(verb, window, quoted), True, complement)
    according = _according_to(window, quoted)
    if according is not None:
        return Cue("according to", None, according, False, False)
    near = _nearest_verb(window, parts, quoted)
    if near is not None:
        return Cue(cue_base(near.text), near, _subject_in(near, window, quoted), False, False)
    intro = _colon_subject(doc, parts[0][0], window, quoted)
    if intro is not None:
        return Cue(None, None, intro, False, False)
    return None


def _in_parts(tok: Token, parts: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in parts)


def _governing_verb(
    inside: list[Token], parts: list[tuple[int, int]], bounds: tuple[int, int], quoted: Callable[[int], bool]
) -> tuple[Token, bool] | None:
    """The nearest speech verb above the quote in the tree, and whether the quote is its complement."""
    best: tuple[int, Token, bool] | None = None
    for tok in inside:
        if not _in_parts(tok.head, parts) or tok.head.i == tok.i:
            found = _walk_up(tok, parts, bounds, quoted)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
    return (best[1], best[2]) if best else None


def _walk_up(
    tok: Token, parts: list[tuple[int, int]], bounds: tuple[int, int], quoted: Callable[[int], bool]
) -> tuple[int, Token, bool] | None:
    """Climb from a quoted word to the first speech verb above it, inside the quote's own sentences."""
    child, steps = tok, 0
    while child.head.i != child.i and steps < _MAX_STEPS:
        head = child.head
        if _in_parts(head, parts):
            child = head
            continue
        steps += 1
        if quoted(head.idx) or not bounds[0] <= head.idx < bounds[1]:
            return None
        if is_cue_verb(head):
            return steps, head, _is_complement(tok, child, steps)
        if head.dep_ in ("nsubj", "nsubjpass") or child.dep_ in ("nsubj", "nsubjpass"):
            return None  # the quote is part of who acts, not of what is said
        child = head
    return None


def _is_complement(quote_tok: Token, child: Token, steps: int) -> bool:
    """Whether the quoted phrase is what the verb says, one link away or through "as"/"of"."""
    if steps == 1:
        return child.dep_ in _COMPLEMENT_DEPS or child.dep_ == "prep"
    if steps == 2:
        return child.dep_ == "prep" and child.lower_ in _REPORTING_PREPS or child.dep_ == "mark"
    return False


def subject_of(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """Who does the saying: the verb's subject, or the subject it shares with the verb it hangs from."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if quoted(child.idx):
                continue
            if child.dep_ == "nsubj" or child.dep_ == "nsubjpass" and current.i != verb.i:
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ not in _SHARED_SUBJECT or current.head.i == current.i:
            break
        current = current.head
    return _inverted_subject(verb, quoted)


def _subject_in(verb: Token, window: Span, quoted: Callable[[int], bool]) -> Token | None:
    subject = subject_of(verb, quoted)
    return subject if subject is not None else _left_subject(verb, window, quoted)


def _left_subject(verb: Token, window: Span, quoted: Callable[[int], bool]) -> Token | None:
    """`AVHC, as the company is known, said`: the name standing before the verb when the parse lost it.

    A comma-enclosed aside between the name and the verb is skipped.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ in ("acl", "relcl", "amod"):
        return None  # only a finite verb has a subject of its own to lose
    doc = verb.doc
    j = verb.i - 1
    while j >= window.start and doc[j].tag_ in ("RB", "MD"):
        j -= 1
    if j >= window.start and doc[j].text == ",":
        j -= 1
        while j >= window.start and doc[j].text != ",":
            j -= 1
        j -= 1
    if j < window.start or quoted(doc[j].idx) or doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return doc[j]


def _inverted_subject(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """`"…," said Ortega`: the name right after the verb, when the parse did not make it the subject."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or verb.i == 0:
        return None
    before = doc[verb.i - 1]
    if not (before.is_quote or before.is_punct):
        return None
    nxt = doc[verb.i + 1]
    if quoted(nxt.idx) or nxt.pos_ not in ("PROPN", "PRON", "NOUN", "DET"):
        return None
    return nxt.head if nxt.pos_ == "DET" else nxt


def _according_to(window: Span, quoted: Callable[[int], bool]) -> Token | None:
    for tok in window:
        if tok.lower_ == "according" and not quoted(tok.idx) and tok.i + 1 < len(tok.doc):
            to = tok.doc[tok.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects:
                return objects[0]
    return None


def _nearest_verb(window: Span, parts: list[tuple[int, int]], quoted: Callable[[int], bool]) -> Token | None:
    """The speech verb outside quotes that stands closest to the quote in its sentences."""
    best: tuple[int, Token] | None = None
    first, last = parts[0][0], parts[-1][1]
    for tok in window:
        if quoted(tok.idx) or not is_cue_verb(tok):
            continue
        gap = first - tok.idx if tok.idx < first else tok.idx - last
        if best is None or gap < best[0]:
            best = (gap, tok)
    return best[1] if best else None


def _colon_subject(doc: Doc, quote_start: int, window: Span, quoted: Callable[[int], bool]) -> Token | None:
    """`Ortega was blunt: "…"`: a clause ending in a colon right before the quote names the speaker."""
    span = doc.char_span(quote_start, quote_start + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    while i >= window.start and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < window.start or doc[i].text != ":":
        return None
    for j in range(i - 1, window.start - 1, -1):  # the clause's verb nearest the colon
        if doc[j].pos_ in ("VERB", "AUX") and not quoted(doc[j].idx):
            for child in doc[j].children:
                if child.dep_ in ("nsubj", "nsubjpass") and not quoted(child.idx):
                    return child
    return None
