"""Finding the sentences of an article that assert something checkable, read from the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.extract.events import PAGE_STAMP
from storyline.extract.quotes.cues import SPEECH_VERBS
from storyline.model import Article, Event, Figure, Mention, Quote, Statement, content_id

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Words that make a report second-hand or doubtful: a sentence with one is `hedged`.
HEDGE_WORDS = frozenset(
    """
    allegedly alleged reportedly purportedly supposedly apparently suspected presumably possibly
    probably perhaps maybe rumoured rumored unconfirmed unverified
    """.split()
)
# Verb lemmas that hedge what they govern: "accused of", "believed to", "is said to".
HEDGE_VERBS = frozenset("accuse allege suspect believe rumour rumor claim appear seem".split())
# Modal verbs that turn an assertion into a possibility.
HEDGE_MODALS = frozenset("may might could".split())
# Determiners and pronouns that deny the thing they stand for: "no one was hurt".
NEGATING_WORDS = frozenset("no never nobody none nothing neither nor".split())
# Verbs of saying, as lemmas, plus the nouns of "according to".
REPORTING = SPEECH_VERBS | {"accord"}
MIN_WORDS = 5
MAX_CHARS = 1200  # longer "sentences" are lists or run-on page text, not one assertion
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECTS = ("dobj", "attr", "oprd", "acomp", "dative")
_QUESTION_END = ("?", '?"', "?”", "?'", "?’")


def find_statements(
    article: Article,
    doc_sentences: list[Span],
    mentions: list[Mention],
    quotes: list[Quote],
    figures: list[Figure],
    events: list[Event],
) -> list[Statement]:
    """One statement per sentence that asserts something, in text order."""
    names = sorted((m.start, m.end) for m in mentions)
    out: list[Statement] = []
    for sent in doc_sentences:
        if not asserts(sent):
            continue
        lo, hi = _trimmed(sent)
        text = article.text[lo:hi]
        root = _main_verb(sent)
        speaker, clause = _attribution(sent, root)
        content = clause or root
        out.append(
            Statement(
                id=content_id("s", article.id, lo, hi),
                article=article.id,
                start=lo,
                end=hi,
                text=text,
                figures=[f.id for f in figures if lo <= f.start and f.end <= hi],
                quotes=[q.id for q in quotes if q.start < hi and lo < q.end],
                dates=sorted({v.date for v in events if v.date and lo <= v.start and v.end <= hi}),
                negated=_negated(content),
                hedged=_hedged(sent, content),
                attributed_text=_span_text(speaker),
                predicate=content.lemma_.lower() if content is not None else None,
                subject=_argument(content, SUBJECTS),
                object=_argument(content, OBJECTS),
                entity_spans=[(a, b) for a, b in names if lo <= a and b <= hi],
                attribution_span=(speaker.start_char, speaker.end_char) if speaker is not None else None,
            )
        )
    return out


def asserts(sent: Span) -> bool:
    """A sentence with a finite verb and enough words, that is not a question, a stamp or a list."""
    text = sent.text.strip()
    if not text or text.endswith(_QUESTION_END) or PAGE_STAMP.match(text) or len(text) > MAX_CHARS:
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < MIN_WORDS:
        return False
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in sent)


def _trimmed(sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    return sent.start_char + lead, sent.start_char + tail


def _main_verb(sent: Span) -> Token | None:
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    verbs = [t for t in root.children if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "conj", "relcl")]
    return verbs[0] if verbs else root


def _attribution(sent: Span, root: Token | None) -> tuple[Span | None, Token | None]:
    """Who the sentence credits, and the clause it reports ("police said the man was held")."""
    if root is None:
        return None, None
    for token in sent:
        # "according to the ministry": the credited party is the object of "to"
        if token.lower_ == "according":
            for prep in token.children:
                if prep.lower_ == "to":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            head = token.head if token.head != token else root
                            return _subtree_span(pobj), head
    if root.lemma_.lower() in REPORTING:
        speaker = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        clause = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis", "xcomp")), None)
        if speaker is not None and clause is not None:
            return _subtree_span(speaker), clause
    return None, None


def _subtree_span(token: Token) -> Span:
    doc = token.doc
    return doc[token.left_edge.i : token.right_edge.i + 1]


def _span_text(span: Span | None) -> str | None:
    return " ".join(span.text.split()) if span is not None else None


def _negated(verb: Token | None) -> bool:
    """The main clause is denied: "was not inspected", "no one was hurt", "never reached"."""
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ == "neg" or _denies(child):
            return True
        if child.dep_ in SUBJECTS + ("dobj",) and any(
            _denies(t) and t.dep_ in ("det", "neg", "nsubj", "nsubjpass", "dobj")
            for t in (child, *child.children)
        ):
            return True
    return False


def _denies(token: Token) -> bool:
    """A word that denies, not "No." abbreviating a number ("will play No. 5 seed Anselm")."""
    if token.lower_ not in NEGATING_WORDS:
        return False
    doc = token.doc
    rank = token.lower_ == "no" and token.i + 2 < len(doc) and doc[token.i + 1].text == "."
    return not (rank and doc[token.i + 2].like_num)


# Clauses that describe someone or something in passing: a hedge inside one ("Fred LaRue, who was
# once rumoured to be Deep Throat, has died") does not hedge what the sentence asserts.
ASIDES = frozenset("relcl acl appos advcl parataxis".split())


def _hedged(sent: Span, content: Token | None) -> bool:
    """The sentence marks what it asserts as alleged, suspected, reported or only possible.

    Only the asserting clause counts (its verb, subject, objects and their modifiers),
    not the asides that describe someone in passing.
    """
    tokens = _without_asides(content) if content is not None else list(sent)
    for token in tokens:
        lower = token.lower_
        if lower in HEDGE_WORDS:
            return True
        if token.pos_ == "VERB" and token.lemma_.lower() in HEDGE_VERBS and token.dep_ != "amod":
            return True
        if lower in HEDGE_MODALS and token.dep_ == "aux":
            return True
    return False


def _without_asides(head: Token) -> list[Token]:
    """The tokens of a clause, leaving out relative clauses, appositions and other asides."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(child for child in token.children if child.dep_ not in ASIDES)
    return out


def _argument(verb: Token | None, deps: tuple[str, ...]) -> str | None:
    """The lemma of the clause's subject or object head, a named one by its full name."""
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in deps:
            if child.ent_type_:
                ent = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
                if ent is not None:
                    return ent.text.lower()
            return child.lemma_.lower()
    return None


__all__ = ["asserts", "find_statements"]
