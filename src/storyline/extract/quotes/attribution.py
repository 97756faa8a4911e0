"""Finding the speech verb that introduces a quote, and that verb's subject, in the parse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.quotes.cues import SPEECH_NOUNS, WRITING_NOUNS, cue_base
from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Dependencies by which a quoted phrase can be what a verb says ("called it 'a disgrace'").
_COMPLEMENT_DEPS = frozenset(
    "dobj ccomp xcomp oprd attr npadvmod parataxis advcl acomp appos conj dep".split()
)
# Prepositions that link a verb to the words it reports ("described it as", "warned of").
_REPORTING_PREPS = frozenset("as of about against that".split())
# Clause links along which a verb shares its subject with the verb it hangs from; "prep" carries
# a gerund's subject over its preposition ("she ended by describing …", "accused him of saying …").
_SHARED_SUBJECT = frozenset("conj xcomp advcl pcomp acl prep".split())
# Verbs that report words only with a particle or a written subject: "pointed out", "the note reads".
_POINT_FORMS = frozenset("point points pointed pointing".split())
_READ_FORMS = frozenset("read reads reading".split())
_QUOTE_FORMS = frozenset("quote quotes quoted quoting".split())
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


def cue_of(tok: Token) -> str | None:
    """The base form of the speech verb a token is ("said" -> "say"), or None when it is not one."""
    if not (tok.tag_.startswith("VB") or tok.pos_ == "VERB"):
        return None
    base = cue_base(tok.text)
    if base == "find" and not any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "the site he found" is no finding; "the panel found that …" is
    if base is not None:
        return base
    low = tok.lower_
    if low in _POINT_FORMS and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return "point out"
    if low in _READ_FORMS and any(c.dep_ == "nsubj" and c.lower_ in WRITING_NOUNS for c in tok.children):
        return "read"
    return None


def is_cue_verb(tok: Token) -> bool:
    return cue_of(tok) is not None


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
        lead = _lead_verb(doc, parts[0][0], window, quoted) if verb.idx >= parts[-1][1] else None
        if lead is not None and lead.i != verb.i:
            # 'he told her, "…," the paper reported': the paper relays what he said; the parser
            # hung the quote on the relaying verb
            return Cue(cue_of(lead), lead, _subject_in(lead, window, quoted), True, True)
        return Cue(cue_of(verb), verb, _subject_in(verb, window, quoted), True, complement)
    lead = _lead_verb(doc, parts[0][0], window, quoted)
    if lead is not None:
        # 'telling her, "…", according to court records': the records report who said it
        return Cue(cue_of(lead), lead, _subject_in(lead, window, quoted), True, True)
    according = _according_to(window, quoted)
    if according is not None:
        return Cue("according to", None, according, False, False)
    near = _nearest_verb(window, parts, quoted)
    if near is not None:
        subject = _subject_in(near, window, quoted)
        if _attribution_right_after(doc, parts, near, subject):
            # '"may slow things", he said, so …': the parser hung the verb elsewhere, but an
            # attribution set right after the quote is what gives it
            return Cue(cue_of(near), near, subject, True, True)
        return Cue(cue_of(near), near, subject, False, False)
    lead = _lead_in(doc, parts[0][0], window, quoted)
    if lead is not None:
        return lead
    giver = _speech_noun_lead(doc, parts[0][0], window, quoted)
    if giver is not None:
        return Cue(cue_of(giver), giver, _subject_in(giver, window, quoted), True, True)
    intro = _colon_subject(doc, parts[0][0], window, quoted) or _colon_paragraph(doc, parts[0][0], quoted)
    if intro is not None:
        return Cue(None, None, intro, False, False)
    return None


def _attribution_right_after(
    doc: Doc, parts: list[tuple[int, int]], verb: Token, subject: Token | None
) -> bool:
    """`"…", he said` or `"…," said the judge`: only punctuation and the verb's subject stand between
    the quote's end and the speech verb, and the quote hands over to it with a comma."""
    end = parts[-1][1]
    if subject is None or verb.idx < end or "\n" in text_of(doc)[end : verb.idx]:
        return False
    gap = text_of(doc)[end : verb.idx]
    if "," not in gap[:3] and "," not in text_of(doc)[max(end - 2, 0) : end + 2]:
        return False
    span = doc.char_span(end, verb.idx, alignment_mode="expand")
    between = [t for t in span or [] if t.i < verb.i and not (t.is_punct or t.is_quote or t.is_space)]
    around = {t.i for t in subject.subtree}
    return len(between) <= 4 and all(t.i in around for t in between)


def _in_parts(tok: Token, parts: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in parts)


def _governing_verb(
    inside: list[Token], parts: list[tuple[int, int]], bounds: tuple[int, int], quoted: Callable[[int], bool]
) -> tuple[Token, bool] | None:
    """The nearest speech verb above the quote in the tree, and whether the quote is its complement."""
    best: tuple[int, Token, bool] | None = None
    # the writer's comma or full stop inside the marks hangs from the main verb: start from words
    words = [t for t in inside if not t.is_punct] or inside
    for tok in words:
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
    nested = quoted(parts[0][0] - 1)  # the opening mark lies inside another quote's words
    while child.head.i != child.i and steps < _MAX_STEPS:
        head = child.head
        if _in_parts(head, parts):
            child = head
            continue
        if child.dep_ != "conj":
            steps += 1  # a list ("waste and the cost of '…'") is one step, however long
        if not bounds[0] <= head.idx < bounds[1]:
            return None
        if quoted(head.idx):
            if nested:
                return None  # words quoted inside a quote belong to its speaker's story
            # a sibling quote in the same sentence ('a "kind man" who was "always there"'): go on
            child = head
            continue
        if is_cue_verb(head):
            return steps, head, _is_complement(tok, child, steps)
        giver = _speech_noun_giver(head, child)
        if giver is not None and not quoted(giver.idx) and bounds[0] <= giver.idx < bounds[1]:
            return steps, giver, True
        if head.dep_ in ("nsubj", "nsubjpass") or child.dep_ in ("nsubj", "nsubjpass"):
            if not _subject_of_report(child, head):
                return None  # the quote is part of who acts, not of what is said
        child = head
    return None


def _speech_noun_giver(head: Token, child: Token) -> Token | None:
    """ "offered the explanation that '…'", "gave a warning that '…'": the words are the
    explanation's, and whoever gave it said them. The parser hangs the clause on the noun or,
    as often, on the verb beside it."""
    if head.lower_ in SPEECH_NOUNS and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
        return head.head
    if head.pos_ == "VERB" and child.dep_ == "ccomp":
        if any(c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS and c.i < child.i for c in head.children):
            return head
    return None


def _subject_of_report(child: Token, head: Token) -> bool:
    """ "she warned that 'a second wave' would come": the subject of a clause someone reports is
    part of what they said."""
    return child.dep_ in ("nsubj", "nsubjpass") and head.dep_ == "ccomp" and is_cue_verb(head.head)


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
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and is_cue_verb(head.head):
        # "He said the board would act but also stressed …": the parser joined the second speech
        # verb to the reported clause; it shares the reporter's subject, not the clause's
        current = head.head
    if _passive(verb):
        # "LaRue was described in a Post profile as '…'": who is described did not say it
        return _passive_source(verb, quoted)
    for _ in range(6):  # "convicted of beating her, holding … and telling her, …": five links up
        relayed = _relayed_speaker(current, quoted)
        if relayed is not None:
            return relayed
        for child in current.children:
            if (
                quoted(child.idx)
                or "\n" in text_of(verb.doc)[min(child.idx, verb.idx) : max(child.idx, verb.idx)]
            ):
                continue  # a heading without a full stop is not the subject of the next paragraph
            if child.dep_ == "nsubj" or child.dep_ == "nsubjpass" and current.i != verb.i:
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        # a verb the parser left unattached ("dep") in a run of verbs shares their subject too
        listed = current.dep_ == "dep" and current.pos_ == "VERB" and current.head.pos_ == "VERB"
        if current.dep_ not in _SHARED_SUBJECT and not listed or current.head.i == current.i:
            break
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN") and not quoted(current.head.idx):
            # "The leader of the party, Ana Lin, …, saying that …": the parser hung the verb on
            # the noun it should have had as subject
            return current.head
        current = current.head
    return _inverted_subject(verb, quoted)


def _passive(verb: Token) -> bool:
    """A speech verb in the passive ("was described", "was told"), but not "was quoted", whose
    subject is the speaker ("the company was quoted as saying")."""
    if verb.lemma_.lower() == "quote" or verb.lower_ in _QUOTE_FORMS:
        return False
    return any(c.dep_ == "auxpass" for c in verb.children)


def _passive_source(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """Who spoke a passive speech verb's words: its agent ("by the Post"), or the name that owns the
    writing it appeared in ("in a 1972 Washington Post profile")."""
    for child in verb.children:
        if child.dep_ not in ("agent", "prep") or child.dep_ == "prep" and child.lower_ != "in":
            continue
        for obj in child.children:
            if obj.dep_ != "pobj" or quoted(obj.idx):
                continue
            if child.dep_ == "agent":
                return obj
            owners = [c for c in obj.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
            if owners and (obj.lower_ in WRITING_NOUNS | SPEECH_NOUNS or owners[-1].ent_type_ == "ORG"):
                return owners[-1]  # an organisation's piece of writing: "a CNN interview"
    return None


def _relayed_speaker(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """`The paper quoted him as saying`: the words are the object's, not the subject's."""
    if verb.lemma_.lower() != "quote" and verb.lower_ not in _QUOTE_FORMS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and not quoted(c.idx)]
    return objects[0] if objects else None


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
    if j < window.start or quoted(doc[j].idx):
        return None
    if doc[j].lower_ == "old" and any(c.lower_ in ("year", "years") for c in doc[j].children):
        return doc[j]  # '"…," the 43-year-old said', the age read as an adjective of the verb
    if doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
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
    if not before.is_quote and not (verb.i > 1 and doc[verb.i - 2].is_quote):
        return None  # 'Lin, an aide, told Reyes': the verb must follow the quote's closing mark
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


def _before_mark(doc: Doc, quote_start: int, window: Span) -> int | None:
    """The index of the last token before a quote's opening mark, inside the window."""
    span = doc.char_span(quote_start, quote_start + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    while i >= window.start and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    return i if i >= window.start else None


def _lead_verb(doc: Doc, quote_start: int, window: Span, quoted: Callable[[int], bool]) -> Token | None:
    """'said: "…"', 'told her, "…"': a speech verb (and at most its one-word object) ending in a
    comma or colon right before the quote's opening mark."""
    i = _before_mark(doc, quote_start, window)
    if i is None or doc[i].text not in (",", ":") or i - 1 < window.start:
        return None
    word = doc[i - 1]
    verb = word if is_cue_verb(word) else word.head
    if verb is not word and (word.dep_ not in ("dobj", "dative") or verb.i != word.i - 1):
        return None
    return verb if is_cue_verb(verb) and not quoted(verb.idx) else None


def _lead_in(doc: Doc, quote_start: int, window: Span, quoted: Callable[[int], bool]) -> Cue | None:
    """`Reyes states, "…"`: a name and a speech verb right before the quote, when the tagger
    read the verb as a noun ("states", "notes") and so found no verb at all."""
    i = _before_mark(doc, quote_start, window)
    if i is None or doc[i].text not in (",", ":") or i - 2 < window.start:
        return None
    verb, name = doc[i - 1], doc[i - 2]
    base = cue_base(verb.text)
    if base is None or quoted(verb.idx) or quoted(name.idx):
        return None
    if name.tag_ in ("NN", "NNS"):
        # "the NFL's policy states:": what a name owns speaks for it (the parser may hang the
        # possessive on the verb it took for a noun)
        owners = [c for t in (name, verb) for c in t.children if c.dep_ == "poss" and c.tag_ == "NNP"]
        name = owners[0] if owners and not quoted(owners[0].idx) else name
    if name.tag_ not in ("NNP", "NNPS") and name.lower_ not in ("he", "she", "they", "it"):
        return None
    return Cue(base, verb, name, False, False)


def _speech_noun_lead(
    doc: Doc, quote_start: int, window: Span, quoted: Callable[[int], bool]
) -> Token | None:
    """'offered the explanation that "…"', 'issued a warning: "…"': a noun for what was said,
    the object of a verb, right before the quote; the verb's subject said it."""
    i = _before_mark(doc, quote_start, window)
    if i is None or doc[i].lower_ not in ("that", ":", ",") or i - 1 < window.start:
        return None
    noun = doc[i - 1]
    if noun.lower_ not in SPEECH_NOUNS or noun.dep_ not in ("dobj", "attr") or quoted(noun.idx):
        return None
    verb = noun.head
    return verb if verb.pos_ == "VERB" and not quoted(verb.idx) else None


def _colon_subject(doc: Doc, quote_start: int, window: Span, quoted: Callable[[int], bool]) -> Token | None:
    """`Ortega was blunt: "…"`: a clause ending in a colon right before the quote names the speaker."""
    i = _before_mark(doc, quote_start, window)
    if i is None or doc[i].text != ":":
        return None
    return _subject_before_colon(doc, i, window.start, quoted)


def _colon_paragraph(doc: Doc, quote_start: int, quoted: Callable[[int], bool]) -> Token | None:
    """`Lin issued the following statement:` ending one paragraph, and the quote opening the next:
    the clause before the colon names the speaker."""
    text = text_of(doc)
    line = text.rfind("\n", 0, quote_start) + 1
    if text[line:quote_start].strip(" \t\"'“‘«"):
        return None  # the quote does not open its paragraph
    end = len(text[:line].rstrip())
    if end == 0 or text[end - 1] != ":":
        return None
    colon = doc.char_span(end - 1, end, alignment_mode="expand")
    if colon is None or quoted(colon.start_char):
        return None
    start = doc.char_span(text.rfind("\n", 0, end - 1) + 1, end, alignment_mode="expand")
    return _subject_before_colon(doc, colon.start, start.start if start is not None else colon.start, quoted)


def _subject_before_colon(doc: Doc, colon: int, start: int, quoted: Callable[[int], bool]) -> Token | None:
    """The subject of the clause's verb nearest a colon; with no verb at all, a person's name alone
    before it, as a transcript labels its speakers (`Lin: "…"`)."""
    verbs = [doc[j] for j in range(colon - 1, start - 1, -1) if doc[j].pos_ in ("VERB", "AUX")]
    for verb in verbs:
        if not quoted(verb.idx):
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not quoted(child.idx):
                    return child
    if verbs:
        return None
    label = [t for t in doc[start:colon] if not t.is_space]
    if label and all(t.pos_ == "PROPN" for t in label) and label[-1].ent_type_ == "PERSON":
        return label[-1]
    return None
