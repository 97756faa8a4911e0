"""What an article says about the people and organisations it names: where, in what role, which gender."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.quotes.cues import cue_base
from storyline.extract.quotes.marks import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from storyline.model import Mention

_HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "mister": "m", "king": "m", "prince": "m",
    "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "madam": "f", "queen": "f",
    "princess": "f",
}  # fmt: skip

# Nouns that say a person's gender when they stand beside the name ("spokeswoman Ana Lin").
NOUN_GENDER = {
    **{w: "f" for w in "spokeswoman chairwoman businesswoman congresswoman councilwoman policewoman "
       "woman girl mother wife daughter sister grandmother aunt niece widow actress waitress "
       "girlfriend fiancee fiancée mom grandma stepmother stepdaughter duchess empress nun "
       "landlady housewife headmistress sportswoman heiress hostess".split()},
    **{w: "m" for w in "spokesman chairman businessman congressman councilman policeman "
       "man boy father husband son brother grandfather uncle nephew widower actor "
       "boyfriend fiance fiancé dad grandpa stepfather stepson duke emperor monk "
       "landlord headmaster sportsman fireman".split()},
}  # fmt: skip

# A short list of common given names whose gender is rarely in doubt, as a last resort.
_GIVEN_NAMES = {
    **{w: "f" for w in """mary anna ana maria elena sarah emma laura julia sofia sophie olivia lucy
       claire helen jane susan karen linda patricia elizabeth catherine katherine emily hannah rachel
       rebecca amy lisa nina irina olga natalia fatima aisha amina priya mei yuki ingrid greta lena
       jennifer jessica michelle angela marta carmen rosa isabel lucia chloe grace alice barbara
       margaret dorothy betty ruth nancy sandra donna carol sharon deborah cynthia kathleen amanda
       melissa stephanie nicole heather ashley megan kimberly christina samantha victoria natalie
       diana julie joan judy janet joyce gloria teresa doris evelyn ann anne kate katie lauren
       abigail ella mia ava isabella charlotte amelia zoe lily martha beth paula wendy vanessa
       monica erica tina""".split()},
    **{w: "m" for w in """john james robert michael william david richard joseph thomas charles
       daniel matthew mark paul peter george andrew steven kevin brian edward tom tim ben sam jack
       carlos juan jose luis miguel pedro ahmed mohammed muhammad ali omar hassan ivan sergei dmitri
       hans klaus pierre jean marco luca giovanni raj arjun wei hiroshi kenji lars erik bob bill jim
       joe mike steve tony frank larry gary jerry dennis scott eric jeff ryan jason justin brandon
       adam kyle nick sean patrick greg ron roger henry harry arthur albert walter carl ray roy ralph
       eugene louis philip stephen anthony donald kenneth jonathan nathan samuel benjamin jacob
       ethan noah liam oliver lucas dylan tyler aaron jeremy keith craig doug bruce wayne howard
       fred alan barry neil simon martin graham ian stuart colin vincent victor""".split()},
}  # fmt: skip

# Possessives and reflexives after a lone subject mostly point back to it; objects ("him") never do.
_PRONOUN_GENDER = {"his": "m", "himself": "m", "her": "f", "herself": "f"}
# Honorifics and offices the tagger sometimes counts as part of a name.
_TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady minister president mayor governor senator judge director
    chairman chairwoman chair secretary commissioner chief general captain inspector ambassador
    spokesman spokeswoman spokesperson editor professor coach manager superintendent
    """.split()
)
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
# Abbreviated titles, read as the role noun a later descriptor repeats ("Gov. Lin" ... "the governor").
_TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant",
    "sgt": "sergeant", "det": "detective", "capt": "captain", "cpt": "captain", "gen": "general",
    "atty": "attorney", "supt": "superintendent", "insp": "inspector", "prof": "professor",
    "pres": "president", "sec": "secretary", "secy": "secretary", "cmdr": "commander",
    "adm": "admiral", "col": "colonel", "maj": "major", "cpl": "corporal", "amb": "ambassador",
    "rev": "reverend", "dep": "deputy", "supv": "supervisor", "asst": "assistant", "da": "attorney",
    "dr": "doctor",
}  # fmt: skip
# Verbs that give a person a role: "was named chief executive", "was elected mayor".
_NAMED_TO = frozenset("name appoint elect make choose select hire promote nominate confirm".split())
_BE = frozenset("is was are were be been became becomes remains remained".split())


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    label: str
    text: str

    @property
    def key(self) -> str:
        """The word a later short mention would repeat: the surname, or the last word of a name."""
        words = re.findall(r"[\w'’-]+", self.text.lower())
        return words[-1] if words else self.text.lower()


class NameIndex:
    """The article's names in text order, with the paragraphs and parse they sit in."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.text = doc.text  # built anew on every access: read it once
        if mentions:
            names = [Name(m.start, m.end, m.label or "", m.text) for m in mentions]
        else:
            names = [_bare(e, self.text) for e in doc.ents]
        self.names = sorted(names, key=lambda n: (n.start, n.end))
        self._starts = [n.start for n in self.names]
        self.paragraph_starts = [lo for lo, _ in paragraphs(self.text)] or [0]

    def covering(self, start: int, end: int) -> Name | None:
        i = bisect.bisect_right(self._starts, start) - 1
        for name in self.names[max(i - 1, 0) : i + 2]:
            if name.start < end and start < name.end:
                return name
        return None

    def label_at(self, start: int, end: int) -> str | None:
        name = self.covering(start, end)
        return name.label if name else None

    def before(self, at: int, since: int, *labels: str) -> list[Name]:
        lo = bisect.bisect_left(self._starts, since)
        hi = bisect.bisect_left(self._starts, at)
        return [n for n in self.names[lo:hi] if n.end <= at and (not labels or n.label in labels)]

    def latest_containing(self, word: str, before: int, quoted: Callable[[int], bool]) -> Name | None:
        """The latest name before a position that has `word` in it ("the ministry" -> "Ministry of Water")."""
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        for name in reversed(self.before(before, 0)):
            if name.label != "PERSON" and pattern.search(name.text) and not quoted(name.start):
                return name
        return None

    def paragraph_start(self, at: int, back: int = 0) -> int:
        i = bisect.bisect_right(self.paragraph_starts, at) - 1
        return self.paragraph_starts[max(i - back, 0)]

    def span_of(self, name: Name) -> Span | None:
        return self.doc.char_span(name.start, name.end, alignment_mode="expand")

    def is_subject(self, name: Name) -> bool:
        span = self.span_of(name)
        if span is None:
            return False
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
            root = root.head
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = root.head
        # "he helped Reyes and Lin pursue the story": the subject of a bare infinitive is the
        # object of the verb above it, not a subject the text goes on about
        bare = verb.tag_ in ("VB", "VBP") and verb.dep_ in ("ccomp", "xcomp") and verb.head.pos_ == "VERB"
        marked = any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)
        return not (bare and not marked and not _says(verb.head))


def _says(verb: Token) -> bool:
    """A verb of saying, whose clause ("said Reyes and Lin know") has subjects of its own."""
    return cue_base(verb.text) is not None


def _bare(ent: Span, text: str) -> Name:
    """A tagger entity as a name: with given names it missed, without "the", honorifics or a possessive."""
    tokens = list(ent)
    while tokens[0].i > 0:
        prev = tokens[0].doc[tokens[0].i - 1]
        if prev.pos_ != "PROPN" or prev.dep_ != "compound" or prev.head not in tokens:
            break
        tokens.insert(0, prev)
    titles = [k for k, t in enumerate(tokens[:-1]) if t.lower_ == "the" or t.lower_.rstrip(".") in _TITLES]
    if titles:
        tokens = tokens[titles[-1] + 1 :]
    tokens = [t for t in tokens if t.tag_ != "POS"] or tokens
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    label = {"LOC": "GPE", "WORK_OF_ART": "WORK"}.get(ent.label_, ent.label_)
    return Name(start, end, label, text[start:end])


class Gender:
    """Which people an article marks as a man or a woman, by honorific, role noun, pronoun or given name."""

    def __init__(self, doc: Doc, names: NameIndex) -> None:
        self.names = names
        votes: dict[str, list[str]] = {}
        full: dict[str, list[str]] = {}  # by the whole name, where it has a given name
        for name in names.names:
            if name.label != "PERSON":
                continue
            for vote in _gender_votes(doc, names, name):
                votes.setdefault(name.key, []).append(vote)
                if " " in name.text.strip():
                    full.setdefault(name.text.lower(), []).append(vote)
        # a surname that both a man and a woman of the article bear ("Gary Gomes" and his mother
        # "Katherine Gomes") says nothing by itself
        self.known = {key: _majority(v) for key, v in votes.items() if _majority(v) and len(set(v)) == 1}
        self.full = {key: _majority(v) for key, v in full.items() if _majority(v)}
        # "Mr. LaRue" is a man even where the family's women share the surname
        self.own: dict[int, str] = {}
        for name in names.names:
            span = names.span_of(name) if name.label == "PERSON" else None
            if span is not None and span.start > 0:
                word = doc[span.start - 1].lower_.rstrip(".")
                if word in _HONORIFIC_GENDER:
                    self.own[name.start] = _HONORIFIC_GENDER[word]

    def learn(self, span: tuple[int, int], gender: str) -> None:
        """A he/she resolved to this person settles the person's gender when nothing else did."""
        name = self.names.covering(*span)
        if name is not None:
            self.known.setdefault(name.key, gender)

    def agrees(self, name: Name, gender: str) -> bool:
        known = self.own.get(name.start) or self.full.get(name.text.lower()) or self.known.get(name.key)
        return known is None or known == gender

    def agrees_span(self, span: tuple[int, int], gender: str) -> bool:
        name = self.names.covering(*span)
        return name is None or self.agrees(name, gender)


def _majority(votes: list[str]) -> str | None:
    m, f = votes.count("m"), votes.count("f")
    return "m" if m > f else "f" if f > m else None


def _gender_votes(doc: Doc, names: NameIndex, name: Name) -> list[str]:
    span = names.span_of(name)
    if span is None:
        return []
    votes = []
    before = [t for t in doc[max(span.start - 3, 0) : span.start] if t.sent == span.sent]
    for tok in before:
        word = tok.lower_.rstrip(".")
        if word in _HONORIFIC_GENDER or word in NOUN_GENDER:
            votes.append(_HONORIFIC_GENDER.get(word) or NOUN_GENDER[word])
    for tok in span.root.children:
        if tok.dep_ == "appos" and tok.lower_ in NOUN_GENDER:
            votes.append(NOUN_GENDER[tok.lower_])
    first = span[0].lower_
    if len(span) > 1 and first in _GIVEN_NAMES:
        votes.append(_GIVEN_NAMES[first])
    votes.extend(_possessive_votes(names, name, span))
    return votes


def _possessive_votes(names: NameIndex, name: Name, span: Span) -> list[str]:
    """A his/her later in a sentence whose only person is this subject refers to that person."""
    if not names.is_subject(name):
        return []
    sent = span.sent
    people = [n for n in names.before(sent.end_char, sent.start_char, "PERSON")]
    if len(people) != 1:
        return []
    votes = [
        _PRONOUN_GENDER[t.lower_]
        for t in sent
        if t.i >= span.end and t.lower_ in _PRONOUN_GENDER and (t.tag_ == "PRP$" or t.lower_.endswith("self"))
    ]
    return votes[:1]


@dataclass(frozen=True)
class _Link:
    at: int
    noun: str
    span: tuple[int, int]
    key: str = ""


class Links:
    """Role nouns tied to names by a title or apposition ("Minister Ana Ortega", "the company, Norvale")."""

    def __init__(self, doc: Doc, names: NameIndex, quoted: Callable[[int], bool]) -> None:
        self.links: list[_Link] = []
        for name in names.names:
            span = names.span_of(name)
            if span is None or quoted(name.start):
                continue
            for tok in _role_tokens(doc, span):
                for noun in (role_word(tok), *_also_called(tok)):
                    self.links.append(_Link(max(tok.idx, name.start), noun, (name.start, name.end), name.key))
            first = span[0]
            if name.label == "PERSON" and len(span) > 2 and first.tag_ == "NNP" and first.ent_type_:
                # "Coroner Gary Hale": the tagger took the title into the name; "the coroner" is him
                self.links.append(_Link(name.start, role_word(first), (name.start, name.end), name.key))
        self.links.sort(key=lambda link: link.at)

    def latest(self, noun: str, before: int, near: int = 0) -> tuple[int, int] | None:
        """The name a role noun stands for: the one name given that role since `near`, else the
        one given it anywhere before; None when two names had it ("Judge Barnes … Judge
        Bodiford … the judge")."""
        found = [link for link in self.links if link.at < before and link.noun == noun]
        close = [link for link in found if link.at >= near]
        for links in (close, found):
            if links:
                return links[-1].span if len({link.key for link in links}) == 1 else None
        return None


def _also_called(tok: Token) -> tuple[str, ...]:
    """Other nouns a later descriptor uses for the same office: a justice is "the judge", a
    district attorney "the prosecutor"."""
    word = role_word(tok)
    if word == "justice":
        return ("judge",)
    before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if word == "attorney" and before in ("district", "state's", "prosecuting", "crown", "county"):
        return ("prosecutor",)
    if word in ("lawyer", "attorney"):
        return ("attorney",) if word == "lawyer" else ("lawyer",)  # "lawyer Ana Lin … the attorney"
    return ()


def role_word(tok: Token) -> str:
    """A role noun as a later descriptor would write it: "Gov." is "governor"."""
    word = tok.lower_
    return _TITLE_ABBREVIATIONS.get(word.rstrip("."), word)


def _role_tokens(doc: Doc, span: Span) -> list[Token]:
    found: list[Token] = []
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text == "." and span.start > 1:
        # "Sgt. Lin", split by the tokenizer into "Sgt" "."
        abbreviation = doc[span.start - 2]
        if abbreviation.lower_ in _TITLE_ABBREVIATIONS and abbreviation.is_title:
            found.append(abbreviation)
        before = None
    # "Secretary of State Ana Lin", "Minister for Health Ana Lin": the office is the noun before
    # "of"/"for", not the field after it
    prep = before.head if before is not None and before.dep_ == "pobj" else None
    office = prep.head if prep is not None and prep.lower_ in ("of", "for") else None
    if office is not None and prep.i == before.i - 1 and office.i == prep.i - 1 and office.tag_ in _NOUN_TAGS:
        found.append(office)
    # a title written right before the name: its last noun is the role ("harbour authority pilot
    # Ana Lin" is a pilot, not an authority); an adjective may stand before it ("chief")
    elif before is not None and before.tag_ in _NOUN_TAGS and before.ent_type_ in ("", "PERSON"):
        found.append(before)
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.tag_ in _NOUN_TAGS:
            found.extend(_noun_words(child))
    if root.dep_ == "appos" and root.head.tag_ in _NOUN_TAGS and root.head not in span:
        found.extend(_noun_words(root.head))
    if root.dep_ == "nsubj" and root.head.lower_ in _BE:
        found.extend(w for c in root.head.children if c.dep_ == "attr" for w in _noun_words(c))
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in _NAMED_TO:
        # "Ana Lin was appointed interior minister": "the minister" is her
        found.extend(w for c in root.head.children if c.dep_ in ("oprd", "attr") for w in _noun_words(c))
    for clause in root.children:
        # "Ana Lin, who is the mayor, …"
        if clause.dep_ == "relcl" and clause.lower_ in _BE:
            if any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
                found.extend(w for c in clause.children if c.dep_ == "attr" for w in _noun_words(c))
    return [t for t in found if t.pos_ in ("NOUN", "PROPN") and t not in span]


def _noun_words(head: Token) -> list[Token]:
    """A role noun and the nouns modifying it ("chief executive" gives both words)."""
    return [head, *(c for c in head.children if c.dep_ in ("compound", "amod") and c.tag_ in _NOUN_TAGS)]
