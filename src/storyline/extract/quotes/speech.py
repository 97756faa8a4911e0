"""Whether a passage between quotation marks is someone's speech or writing, or only a label.

A quoted phrase is speech when the sentence presents it as words someone said or wrote:
a speech verb governs it, or it stands as a sentence of its own after an attributed quote.
Short phrases need more: a speaker the text names, not the writer's own coinage ("what I
call 'x'"), a habit ("growers claim"), a topic ("arguing 'necessity'") or a kind ("a
'car free' plan").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.quotes.attribution import Cue
from storyline.extract.quotes.cues import NAMING_VERBS
from storyline.extract.quotes.marks import Marked
from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.extract.quotes.speakers import Speaker

# Words right before a quoted phrase that make it a name or a title, not speech (whole words:
# "spreading" does not end in "reading").
_LABEL_BEFORE = re.compile(
    r"\b(?:so-called|so called|titled|entitled|headlined|dubbed|nicknamed|known as|named|hashtag|slogan|"
    r"motto|banner|sign|signs|reading|marked|labelled|labeled|branded as|billed as|"
    r"book|novel|film|movie|documentary|song|album|series|show|play|poem|report|paper|article|"
    r"campaign|operation|project|programme|program|exhibition|podcast|episode)\W*$",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset("a an the of and or in on at for to by with from vs nor but".split())
TERMINAL = tuple(".!?,…;:—–-")
_FIRST_PERSON = frozenset("i we me us".split())


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def word_count(quote: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", quote))


def _sentence_like(quote: str, marked: Marked, words: int) -> bool:
    """Whether a quote reads as a sentence of its own rather than a phrase inside the writer's.

    American style puts the writer's comma or full stop inside the marks, so a phrase ending
    in one ("called it 'a surveillance economy.'") is a sentence only when it has a capital or
    some length to it.
    """
    if len(marked.parts) > 1:
        return True
    first = next((ch for ch in quote if ch.isalpha()), "")
    if quote.rstrip().endswith(TERMINAL):
        return first.isupper() and words > 1 or words > 3  # one word ("Driftwood.") is a name or a cry
    return first.isupper() and words >= 6


def _title_like(quote: str) -> bool:
    """A capitalised phrase with no inner punctuation: the name of a work, a place, a plan or a slogan."""
    body = quote.rstrip(" .,")
    if any(ch in body for ch in ".!?,;"):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", body)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or len(words) > 10 or not content:
        return False
    return all(w[0].isupper() for w in content)


def is_speech(
    doc: Doc, text: str, marked: Marked, cue: Cue | None, words: int, speaker: Speaker | None
) -> bool:
    quote = marked.text(text)
    sentence = _sentence_like(quote, marked, words)
    if _title_like(quote):
        return False
    before = text[line_start(text, marked.open_at) : marked.open_at]
    if not sentence and _LABEL_BEFORE.search(before):
        return False
    spaced = len(quote.split())
    # 'MacArthur "genius grant" fellow': a quoted phrase run into the words after it names a kind
    runs_on = re.match(r"\s+[a-z]", text[marked.close_at + 1 : marked.close_at + 3]) is not None
    headline = _in_headline(text, marked) and not runs_on and not _modifies_noun(doc, marked)
    if headline and (spaced >= 2 or cue is not None and cue.verb is not None):
        # "Son 'had begged to stay in hospital'", a subhead "'Untimely death'": a headline or
        # a subhead that quotes someone quotes them, with no verb to say so
        return True
    if cue is None or cue.verb is None and cue.base is None:
        # no speech verb: a full sentence standing alone continues the latest speaker
        return sentence and words >= 3 and (cue is not None or stands_alone(text, marked))
    if cue.verb is not None and _imagined(cue.verb):
        return False
    if not sentence and _names_a_thing(cue):
        return False
    if words <= 3 and not sentence:
        # A word or two in quotes is someone's own word only when the sentence says whose;
        # otherwise it is a label or a scare quote ("arguing 'necessity'", "what I call 'x'").
        if not cue.governs or not _attributable(cue, speaker):
            return False
        if _modifies_noun(doc, marked) or _topic_word(doc, marked, cue):
            return False
        named = speaker is not None and speaker.span is not None
        return cue.complement or named or not _nominal(doc, marked)
    return cue.governs or sentence or cue.base == "according to" or cue.subject is not None


_HEADLINE_WORDS = 20


def _in_headline(text: str, marked: Marked) -> bool:
    return len(marked.parts) == 1 and in_headline(text, marked.open_at, marked.close_at)


def in_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits in a short line that ends with no full stop: a headline or a subhead."""
    start = line_start(text, start)
    end = text.find("\n", end)
    line = text[start : end if end >= 0 else len(text)].strip()
    bare = line.rstrip("\"'”’» ")
    return bool(bare) and bare[-1] not in ".!?:;,…" and word_count(line) <= _HEADLINE_WORDS


def _modifies_noun(doc: Doc, marked: Marked) -> bool:
    """ "its 'car free' plan", "a 'zero waste' target": quoted words set before a noun name a kind."""
    span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    if not (root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and head.pos_ == "NOUN"):
        return False
    # 'a "true professional" and "team player"': the noun is inside a quote of its own, so the
    # two are one quoted description, not a kind named by the first
    between = text_of(doc)[marked.close_at + 1 : head.idx]
    return not any(ch in between for ch in '"“”')


def _topic_word(doc: Doc, marked: Marked, cue: Cue) -> bool:
    """ "by arguing 'necessity'": one bare noun as what a verb argues or cites is the topic, not the words."""
    span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    if span is None or len([t for t in span if t.is_alpha]) != 1:
        return False
    root = span.root
    return root.pos_ == "NOUN" and root.dep_ == "dobj" and cue.verb is not None and root.head.i == cue.verb.i


def _attributable(cue: Cue, speaker: Speaker | None) -> bool:
    """Whether a speaker stands behind a short quote: a name, or someone who spoke on an occasion.

    The writer ("I", "we") coining a term is not a speaker; nor is a group described in the
    present tense ("growers claim"), which reports a habit, not words anyone said.
    """
    if speaker is None or speaker.text is None:
        return False
    if speaker.text.lower() in _FIRST_PERSON:
        return False
    if speaker.span is not None:
        return True
    return cue.verb is None or cue.verb.tag_ in ("VBD", "VBN")


def _imagined(verb: Token) -> bool:
    """ "a look as if to say '…'": words nobody spoke, only what a gesture seemed to mean."""
    for tok in (verb, *list(verb.ancestors)[:2]):
        lefts = [t.lower_ for t in tok.lefts]
        if any(a == "as" and b in ("if", "though") for a, b in zip(lefts, lefts[1:], strict=False)):
            return True
    return False


def _names_a_thing(cue: Cue) -> bool:
    """`a plan called "…"`, `what locals call "…"`: the quote is a name given to something."""
    verb = cue.verb
    if verb is None or cue.base not in NAMING_VERBS:
        return False
    if verb.dep_ in ("acl", "amod") or any(c.dep_ == "nsubjpass" for c in verb.children):
        return True
    return any(c.lower_ == "what" for c in verb.children)


def _nominal(doc: Doc, marked: Marked) -> bool:
    """Whether a short quoted phrase is a noun phrase, the usual shape of a label ("the safe zone")."""
    span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    return span is None or span.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM")


def stands_alone(text: str, marked: Marked) -> bool:
    """Whether a quote starts its sentence: nothing but punctuation between it and the last full stop."""
    before = text[line_start(text, marked.open_at) : marked.open_at].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "”", '"', "’", "'"))
