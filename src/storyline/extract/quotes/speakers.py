"""Turning the subject of a speech verb into the name it stands for: names, pronouns, descriptors."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.quotes.attribution import is_cue_verb
from storyline.extract.quotes.cues import SPEECH_NOUNS
from storyline.extract.quotes.people import NOUN_GENDER, Gender, Links, Name, NameIndex, role_word
from storyline.names import ROLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.extract.quotes.marks import Marked

# Heads of a speaker phrase that speak for an organisation named after "for", "from", "at" or "of".
SPOKES_NOUNS = frozenset(
    """
    spokesperson spokeswoman spokesman spokespeople spokespersons representative representatives
    official officials statement statements source sources
    """.split()
)
# Descriptors of an organisation: with no appositive to follow, the latest organisation named is meant.
COMPANY_NOUNS = frozenset(
    """
    company firm operator utility developer group insurer airline business contractor manufacturer
    retailer lender carrier startup conglomerate maker giant provider producer supplier chain
    publisher broadcaster newspaper paper agency team club franchise
    """.split()
)

# Subjects that name no speaker ("Nobody answered"), so nothing later may inherit them.
NOBODY = frozenset(
    ("nobody", "no one", "none", "nothing", "everyone", "everybody", "someone", "somebody", "anyone")
    + ("anybody", "this", "that", "these", "those", "what")
)
INDEFINITE = frozenset("a an one another some several any".split())
RELATIVE_PRONOUNS = frozenset("who which that".split())
MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
NAME_LABELS = frozenset("PERSON ORG GPE NORP FAC".split())

# Verbs of a reply, and of the question it answers.
ANSWER_VERBS = frozenset("answer respond reply retort".split())
ASK_VERBS = frozenset("ask question".split())

# How far back, in paragraphs, a pronoun may find its antecedent; in text with one sentence a
# line, as far back as this many sentences.
PRONOUN_REACH = 3
PRONOUN_REACH_SENTENCES = 6
# Speaker words that stand for an organisation's voice: with no organisation named in the phrase,
# the organisation that last spoke or acted is meant ("…, the operator said. A statement added …").
VOICE_NOUNS = frozenset(
    "spokesperson spokeswoman spokesman spokespeople representative statement statements".split()
)


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to: as written, and where the name it stands for is."""

    text: str | None
    span: tuple[int, int] | None = None
    label: str | None = None


@dataclass(frozen=True)
class _Said:
    at: int
    speaker: Speaker


class Resolver:
    """Resolves speaker phrases against the names, titles and earlier speakers of one article."""

    def __init__(self, doc: Doc, names: NameIndex, quoted: Callable[[int], bool]) -> None:
        self.doc = doc
        self.names = names
        self.quoted = quoted
        self.gender = Gender(doc, names)
        self.links = Links(doc, names, quoted)
        self.said: list[_Said] = []
        # he/she subjects of other verbs, resolved in text order: (where, gender, the person)
        self.chain: list[tuple[int, str, tuple[int, int]]] = []
        self.sentence_starts = [sent.start_char for sent in doc.sents] or [0]

    def reach(self, at: int) -> int:
        """Where the search for an antecedent of a word at `at` stops."""
        paragraphs = self.names.paragraph_start(at, back=PRONOUN_REACH)
        i = bisect.bisect_right(self.sentence_starts, at) - 1
        return min(paragraphs, self.sentence_starts[max(i - PRONOUN_REACH_SENTENCES, 0)])

    def remember(self, at: int, speaker: Speaker) -> None:
        """Record an attribution, so a later pronoun or a bare quote can follow it."""
        if speaker.span is None and (speaker.text or "").lower() in NOBODY:
            return
        self.said.append(_Said(at, speaker))
        self.said.sort(key=lambda s: s.at)

    def follow(self, pronoun: Token) -> None:
        """Resolve a he or she that is the subject of a verb other than a speech verb, so that a
        later pronoun can follow the chain ("Reyes took over in May. He cut costs. 'We had to,'
        he said.") where the name is far back or another name came between."""
        gender = "m" if pronoun.lower_ in MALE else "f"
        at = pronoun.idx
        span = self._reporter(pronoun, gender) or self._person_before(at, self.reach(at), gender)
        if span is not None and self.names.label_at(*span) in (None, "PERSON"):
            self.chain.append((at, gender, span))

    def last_said(self, before: int, since: int) -> tuple[int, Speaker] | None:
        for said in reversed(self.said):
            if said.at < before:
                return (said.at, said.speaker) if said.at >= since else None
        return None

    def speaker(self, subject: Token) -> Speaker:
        """The speaker a subject token stands for, resolved to a name's span where the text allows."""
        if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            subject = subject.head.head
        if subject.pos_ == "PRON" or subject.tag_ in ("PRP", "WP"):
            return self._pronoun(subject)
        if (
            subject.dep_ == "appos"
            and subject.head.pos_ == "PROPN"
            and subject.pos_ != "PROPN"
            and not self.quoted(subject.head.idx)
        ):
            # "Mark Feldstein, a faculty member who is writing …": the member is Feldstein
            named = self._named(subject.head)
            if named is not None:
                return named
        named = self._named(subject)
        if named is not None:
            return named
        return self._descriptor(subject)

    # names ---------------------------------------------------------------

    def _named(self, subject: Token) -> Speaker | None:
        """A name that is the subject, or a person's name set in apposition inside the subject phrase."""
        mention = self.names.covering(subject.idx, subject.idx + len(subject.text))
        if mention is not None and mention.label == "NORP" and _definite(subject):
            # "the Democrat said", "the Australian added": a person described by a group, who is
            # the one given that description before, or nobody named
            linked = self.links.latest(subject.lower_, subject.idx, self.reach(subject.idx))
            return Speaker(self._phrase_text(subject), linked, "PERSON" if linked else None)
        if mention is not None and mention.label in NAME_LABELS:
            return Speaker(self._phrase_text(subject), (mention.start, mention.end), mention.label)
        if subject.pos_ == "PROPN":
            linked = (
                self.links.latest(subject.lower_, subject.idx, self.reach(subject.idx))
                if mention is None
                else None
            )
            if linked is not None:  # "the Director", capitalised, is still the title of a name
                return Speaker(self._phrase_text(subject), linked, self.names.label_at(*linked))
            return self._proper(subject)
        # "Ana Lin, the minister" (apposition); "staff writer and columnist Ana Lin" (a title
        # without a determiner joined to the name, which the parser reads as a list)
        links = ("appos", "conj") if not any(c.dep_ == "det" for c in subject.children) else ("appos",)
        for tok in _phrase_tokens(subject, keep=links):
            if tok.dep_ in links and tok.pos_ == "PROPN" and not self.quoted(tok.idx):
                named = self._named(tok)
                if named is not None and named.label == "PERSON":
                    return Speaker(self._phrase_text(subject), named.span, named.label)
        return None

    def _proper(self, token: Token) -> Speaker:
        words = [t for t in token.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
        # a heading with no full stop runs into the next paragraph's name: the name starts after it
        words = [t for t in words if "\n" not in self.names.text[t.idx : token.idx]]
        start = words[0].idx if words else token.idx
        end = token.idx + len(token.text)
        label = self.names.label_at(start, end)
        return Speaker(self.names.text[start:end], (start, end), label or "PERSON")

    # pronouns ------------------------------------------------------------

    def _pronoun(self, subject: Token) -> Speaker:
        word = subject.lower_
        at = subject.idx
        since = self.reach(at)
        if word in MALE or word in FEMALE:
            gender = "m" if word in MALE else "f"
            span = (
                self._asked(subject, since, gender)
                or self._reporter(subject, gender)
                or self._person_before(at, since, gender)
            )
            label = self.names.label_at(*span) if span is not None else None
            if span is not None and label in (None, "PERSON"):
                self.gender.learn(span, gender)
            return Speaker(subject.text, span, (label or "PERSON") if span else None)
        if word == "it":
            last = self.last_said(at, self.names.paragraph_start(at))
            if (
                last is not None
                and last[1].label != "PERSON"
                and (last[1].text or "").lower() not in MALE | FEMALE
            ):
                return Speaker(subject.text, last[1].span, last[1].label)  # "The trust said … it said"
            span = self._labelled_before(at, since, ("ORG", "GPE", "NORP"))
            return Speaker(subject.text, span, "ORG" if span else None)
        if word == "they":
            last = self.last_said(at, self.names.paragraph_start(at, back=1))
            return Speaker(subject.text, last[1].span, last[1].label) if last else Speaker(subject.text)
        return Speaker(subject.text)

    def _asked(self, pronoun: Token, since: int, gender: str) -> tuple[int, int] | None:
        """ "Lin asked Reyes, '…?' 'Yes,' he replied": who answers is who was asked, not who asked."""
        if pronoun.head.lemma_.lower() not in ANSWER_VERBS:
            return None
        last = self.last_said(pronoun.idx, since)
        if last is None:
            return None
        asking = self.doc.char_span(last[0], last[0] + 1, alignment_mode="expand")
        if asking is None or asking.root.lemma_.lower() not in ASK_VERBS:
            return None
        for child in asking.root.children:
            if child.dep_ not in ("dobj", "dative") or self.quoted(child.idx):
                continue
            name = self.names.covering(child.idx, child.idx + len(child.text))
            if name is not None and name.label == "PERSON" and self.gender.agrees(name, gender):
                return (name.start, name.end)
        return None

    def _reporter(self, pronoun: Token, gender: str) -> tuple[int, int] | None:
        """ "Ortega said the board met and that she left": a he or she inside a clause someone
        reports is, first of all, that someone."""
        for verb in pronoun.head.ancestors:
            if not is_cue_verb(verb):
                continue
            for child in verb.children:
                if child.dep_ != "nsubj" or child.pos_ != "PROPN" or self.quoted(child.idx):
                    continue
                name = self.names.covering(child.idx, child.idx + len(child.text))
                if name is not None and name.label == "PERSON" and self.gender.agrees(name, gender):
                    return (name.start, name.end)
            return None
        return None

    def _person_before(self, at: int, since: int, gender: str) -> tuple[int, int] | None:
        """The latest agreeing person who was a subject (or spoke); else the latest agreeing person."""
        subjects: list[tuple[int, tuple[int, int]]] = []
        others: list[tuple[int, tuple[int, int]]] = []
        joint: set[tuple[int, int]] = set()  # "Reyes and Barnes met": either may be meant
        keys: dict[tuple[int, int], str] = {}
        for mention in self.names.before(at, since, "PERSON"):
            if self.quoted(mention.start) or not self.gender.agrees(mention, gender):
                continue
            subject = self.names.is_subject(mention) and not self._reported_by_other(mention, gender)
            bucket = subjects if subject else others
            bucket.append((mention.start, (mention.start, mention.end)))
            keys[(mention.start, mention.end)] = mention.key
            if subject and self._joined_with_other(mention, gender):
                joint.add((mention.start, mention.end))
        # "Diaz was held after Reyes called police": two agreeing subjects of one sentence, either
        # of whom a later he may be
        joint |= _rival_subjects(subjects, keys, self.sentence_starts)
        subjects.extend(
            (c_at, span) for c_at, c_gender, span in self.chain if since <= c_at < at and c_gender == gender
        )
        unnamed = -1  # the latest speaker the text gave no name ("a friend said"), who may be meant
        for said in self.said:
            if not since <= said.at < at:
                continue
            if said.speaker.label == "PERSON" and said.speaker.span:
                if self.gender.agrees_span(said.speaker.span, gender):
                    subjects.append((said.at, said.speaker.span))
            elif said.speaker.span and _voice_of(said.speaker, gender):
                # "a France Telecom spokeswoman said … she said": the organisation speaks again
                subjects.append((said.at, said.speaker.span))
            elif said.speaker.span is None and _one_unnamed_person(said.speaker.text):
                unnamed = said.at
        if subjects and unnamed > max(subjects)[0] or not subjects and unnamed >= 0:
            return None
        for bucket in (subjects, others):
            if bucket:
                best = max(bucket)[1]
                return None if best in joint else best
        return self._only_person_before(at, gender)

    def _only_person_before(self, at: int, gender: str) -> tuple[int, int] | None:
        """Past the reach of a pronoun: the one agreeing person the article named before, if only
        one (a profile of one man says "he" long after his name); None when there were two."""
        found = [
            m
            for m in self.names.before(at, 0, "PERSON")
            if not self.quoted(m.start) and self.gender.agrees(m, gender)
        ]
        if len({m.key for m in found}) != 1:
            return None
        if any(
            s.at < at and s.speaker.span is None and _one_unnamed_person(s.speaker.text) for s in self.said
        ):
            return None  # "a witness said …" somewhere before: the he may be that witness
        return (found[-1].start, found[-1].end)

    def _reported_by_other(self, mention: Name, gender: str) -> bool:
        """ "The judge said Reyes had lied", "Reyes had lied, the judge said": the subject of a
        reported clause, whose reporter (an agreeing person) is the likelier antecedent."""
        span = self.names.span_of(mention)
        if span is None:
            return False
        root = span.root
        # "Reyes pulled the trigger, he testified": the speech verb set aside in the clause it reports
        aside = [c for c in root.head.children if c.dep_ == "parataxis" and is_cue_verb(c)]
        for verb in [*aside, *root.ancestors]:
            if not is_cue_verb(verb):
                continue
            said = [s for s in self.said if s.at == verb.idx]
            return any(
                s.speaker.label == "PERSON"
                and s.speaker.span is not None
                and not mention.start <= s.speaker.span[0] < mention.end
                and self.gender.agrees_span(s.speaker.span, gender)
                for s in said
            )
        return False

    def _joined_with_other(self, mention: Name, gender: str) -> bool:
        """A subject joined by "and" to another agreeing person ("Reyes and Barnes met")."""
        span = self.names.span_of(mention)
        if span is None:
            return False
        root = span.root
        partners = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head)
        for tok in partners:
            other = self.names.covering(tok.idx, tok.idx + len(tok.text))
            if other is not None and other.label == "PERSON" and other.key != mention.key:
                if self.gender.agrees(other, gender):
                    return True
        return False

    def _labelled_before(self, at: int, since: int, labels: tuple[str, ...]) -> tuple[int, int] | None:
        found = [m for m in self.names.before(at, since, *labels) if not self.quoted(m.start)]
        subjects = [m for m in found if self.names.is_subject(m)]
        pick = (subjects or found)[-1:] if found else []
        return (pick[0].start, pick[0].end) if pick else None

    # descriptors ---------------------------------------------------------

    def _descriptor(self, subject: Token) -> Speaker:
        text = self._phrase_text(subject)
        head = subject.lower_
        owner = self._owning_organisation(subject)
        if owner is not None:
            return Speaker(text, owner, "ORG")
        if head in SPOKES_NOUNS or head in SPEECH_NOUNS or head.endswith("s") and head[:-1] in SPEECH_NOUNS:
            spoken_for = self._spoken_for(subject)
            if spoken_for is not None:
                return Speaker(text, spoken_for.span, spoken_for.label)
            if head in VOICE_NOUNS and not any(
                c.dep_ in ("poss", "compound", "prep") for c in subject.children
            ):
                # "spokesman Tom Reyes said … the spokesman added": the one named in that role
                linked = self.links.latest(head, subject.idx, self.reach(subject.idx))
                if linked is not None and self.names.label_at(*linked) == "PERSON":
                    return Speaker(text, linked, "PERSON")
                voice = self._organisation_before(subject.idx)
                if voice is not None:
                    return Speaker(text, voice, "ORG")
        age = _age_of(subject)
        if age is not None:
            first = min(t.idx for t in subject.subtree if not self.quoted(t.idx) and t.idx <= subject.idx)
            text = self.names.text[first : subject.idx + len(subject.text)]
            if _indefinite(subject):
                return Speaker(text)
            return Speaker(text, self._person_aged(age, subject.idx) or self._only_subject_near(subject.idx))
        if _indefinite(subject) or self._someone_elses(subject):
            return Speaker(text)  # "one senator", "a resident", "Reyes's lawyer": not named before
        head = role_word(subject)
        linked = self.links.latest(head, subject.idx, self.reach(subject.idx))
        if linked is not None:
            return Speaker(text, linked, self.names.label_at(*linked))
        same_word = self.names.latest_containing(head, subject.idx, self.quoted)
        if same_word is not None:
            return Speaker(text, (same_word.start, same_word.end), same_word.label)
        if head in COMPANY_NOUNS:
            # the organisation that last spoke, else the latest one named
            span = self._organisation_before(subject.idx)
            return Speaker(text, span, "ORG" if span else None)
        return Speaker(text)

    def _owning_organisation(self, subject: Token) -> tuple[int, int] | None:
        """ "The league's policy states", "the company's website says": a thing an organisation
        owns speaks for it; a person it employs ("the company's lawyer") does not."""
        word = subject.lower_
        if word in ROLE_WORDS or word in NOUN_GENDER or word in _PERSON_NOUNS or word in SPOKES_NOUNS:
            return None
        for child in subject.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN" and not self.quoted(child.idx):
                name = self.names.covering(child.idx, child.idx + len(child.text))
                if name is not None and name.label == "ORG":
                    return (name.start, name.end)
        return None

    def _person_aged(self, age: str, at: int) -> tuple[int, int] | None:
        """ "the 43-year-old": the one person within reach the text gave that age ("Ana Lin, 43,",
        "43-year-old Ana Lin"); None when none or two were."""
        text = self.names.text
        found: dict[str, tuple[int, int]] = {}
        for name in self.names.before(at, self.reach(at), "PERSON"):
            after = text[name.end : name.end + 8]
            before = text[max(name.start - 16, 0) : name.start]
            if re.match(rf"\s*(?:,|\()\s*{age}\b", after) or re.search(rf"\b{age}-year-old\s+$", before):
                found[name.key] = (name.start, name.end)
        return next(iter(found.values())) if len(found) == 1 else None

    def _only_subject_near(self, at: int) -> tuple[int, int] | None:
        """ "Immelman won the open. '…,' said the 29-year-old": with no age given, the one person who
        is a subject in this paragraph or the one before; None when there were two."""
        found = [
            m
            for m in self.names.before(at, self.names.paragraph_start(at, back=1), "PERSON")
            if not self.quoted(m.start) and self.names.is_subject(m)
        ]
        if len({m.key for m in found}) != 1:
            return None
        text = self.names.text
        for m in found:  # "Bolt, 31, won": a person given another age is not the 29-year-old
            after, before = text[m.end : m.end + 8], text[max(m.start - 16, 0) : m.start]
            if re.match(r"\s*(?:,|\()\s*\d{1,3}\b", after) or re.search(r"\b\d{1,3}-year-old\s+$", before):
                return None
        return (found[-1].start, found[-1].end)

    def _someone_elses(self, subject: Token) -> bool:
        """ "Reyes's lawyer", "his wife": a role held for a person, so not the person who held a
        title of that name before ("District Attorney Ana Lin")."""
        for child in subject.children:
            if child.dep_ != "poss":
                continue
            if child.tag_ == "PRP$" and child.lower_ != "its":
                return True
            name = self.names.covering(child.idx, child.idx + len(child.text))
            if child.pos_ == "PROPN" and (name is None or name.label == "PERSON"):
                return True
        return False

    def _spoken_for(self, subject: Token) -> Speaker | None:
        for child in subject.children:
            if (
                child.dep_ in ("poss", "compound")
                and child.pos_ == "PROPN"
                or child.tag_ == "NNP"
                and child.i < subject.i
            ):
                # "a Waitrose spokeswoman", whichever way it was parsed: an organisation's voice
                named = self._named(child)
                unlabelled = named is not None and named.span and self.names.label_at(*named.span) is None
                return Speaker(named.text, named.span, "ORG") if unlabelled else named
            if child.dep_ in ("compound", "poss") and child.pos_ == "NOUN":
                return self._descriptor_org(child)  # "a police spokesman": the police named before
            if child.dep_ == "prep" and child.lower_ in ("for", "from", "at", "of", "with"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._named(obj) or self._descriptor_org(obj)
        return None

    def _organisation_before(self, at: int) -> tuple[int, int] | None:
        """The organisation that last spoke within reach, else the latest one named there."""
        since = self.reach(at)
        for said in reversed(self.said):
            if since <= said.at < at and said.speaker.label == "ORG" and said.speaker.span:
                return said.speaker.span
        return self._labelled_before(at, since, ("ORG",))

    def _descriptor_org(self, token: Token) -> Speaker | None:
        mention = self.names.latest_containing(token.lower_, token.idx + 1, self.quoted)
        return Speaker(token.text, (mention.start, mention.end), mention.label) if mention else None

    def _phrase_text(self, subject: Token) -> str:
        """The speaker as written: the subject with its modifiers, without appositions or clauses."""
        if subject.pos_ == "PROPN":
            left = [t for t in subject.lefts if t.dep_ in ("compound", "flat")]
            start = left[0].idx if left else subject.idx
            return self.names.text[start : subject.idx + len(subject.text)]
        indices = {t.i for t in _phrase_tokens(subject) if not self.quoted(t.idx)}
        first = last = subject.i  # the unbroken run of words around the head
        while first - 1 in indices:
            first -= 1
        while last + 1 in indices:
            last += 1
        doc = subject.doc
        return self.names.text[doc[first].idx : doc[last].idx + len(doc[last].text)]


def _rival_subjects(
    subjects: list[tuple[int, tuple[int, int]]], keys: dict[tuple[int, int], str], starts: list[int]
) -> set[tuple[int, int]]:
    """The latest subject, when another person (not another mention of the same one) is a subject
    of the same sentence."""
    if not subjects:
        return set()
    _, last = max(subjects)
    sentence = bisect.bisect_right(starts, last[0])
    rivals = {
        keys[span]
        for _, span in subjects
        if span in keys and bisect.bisect_right(starts, span[0]) == sentence
    }
    return {last} if last in keys and len(rivals) > 1 else set()


# Dependents that leave a noun phrase: asides, clauses and lists are not part of who spoke.
_OUTSIDE_PHRASE = frozenset("appos relcl acl punct cc conj advmod parataxis advcl".split())


def _phrase_tokens(head: Token, keep: tuple[str, ...] = ()) -> list[Token]:
    found = [head]
    for child in head.children:
        if child.dep_ not in _OUTSIDE_PHRASE or child.dep_ in keep:
            found.extend(_phrase_tokens(child, keep))
    return found


_DETERMINERS = frozenset("a an the one another".split())
_PERSON_NOUNS = frozenset(
    "friend man woman boy girl person relative worker employee co-worker coworker bystander".split()
)


def _voice_of(speaker: Speaker, gender: str) -> bool:
    """A spokesperson or official speaking for a named organisation, who may be this he or she."""
    words = (speaker.text or "").lower().split()
    # the head comes before the organisation it speaks for: "a spokeswoman for Waitrose"
    for k, word in enumerate(words[1:], 1):
        if word in ("for", "of", "at", "from", "with"):
            words = words[:k]
            break
    if speaker.label != "ORG" or not words or words[-1] not in SPOKES_NOUNS - {"statement", "statements"}:
        return False
    return NOUN_GENDER.get(words[-1], gender) == gender


def _one_unnamed_person(text: str | None) -> bool:
    """`a friend`, `the witness`, `a close friend of the family`: one person the text did not
    name (not `officials`, not `police`, not `the company`, not `the regimen of his months`)."""
    words = (text or "").lower().split()
    if len(words) < 2 or words[0] not in _DETERMINERS:
        return False
    head = words[1 : (words.index("of") if "of" in words else len(words))][-1:]
    return bool(head) and (head[0] in ROLE_WORDS or head[0] in _PERSON_NOUNS)


def _age_of(subject: Token) -> str | None:
    """The age in "the 43-year-old" or "the 43-year-old woman", else None."""
    for tok in (
        subject,
        *(c for c in subject.children if c.dep_ == "amod"),
    ):  # not "the 43-year-old's mother"
        if tok.lower_ == "old":
            years = [c for c in tok.children if c.lower_ in ("year", "years")]
            numbers = [c for y in years for c in y.children if c.dep_ == "nummod" and c.text.isdigit()]
            if numbers:
                return numbers[0].text
    return None


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _indefinite(noun: Token) -> bool:
    """ "a resident", "one senator", "two officials": someone the text has not named."""
    return any(c.dep_ == "nummod" or c.dep_ == "det" and c.lower_ in INDEFINITE for c in noun.children)


# Paragraphs a bare quote may reach back over to the last speaker, when nobody else is named between.
CONTINUE_REACH = 2
_SUBJECTS = ("nsubj", "nsubjpass", "expl")


def continued_speaker(resolver: Resolver, names: NameIndex, marked: Marked) -> tuple[int, Speaker] | None:
    """The speaker a quote standing on its own continues: the last one, a paragraph back or, past
    a caption or a heading (no verb of its own) that names nobody else, two."""
    last = resolver.last_said(marked.start, names.paragraph_start(marked.start, back=1))
    if last is not None:
        return last
    last = resolver.last_said(marked.start, names.paragraph_start(marked.start, back=CONTINUE_REACH))
    if last is None or last[1].span is None:
        return None
    end = names.text.find("\n", last[0])
    gap = (len(names.text) if end < 0 else end, names.text.rfind("\n", 0, marked.open_at) + 1)
    span = names.doc.char_span(gap[0], gap[1], alignment_mode="contract")
    heads = [t for t in span or [] if not gap[0] <= t.head.idx < gap[1] or t.head.i == t.i]
    if any(_finite_clause(t) for t in heads):
        return None  # prose of the writer's own came between: the quote may be anyone's
    speaker_key = names.text[last[1].span[0] : last[1].span[1]].split()[-1].lower()
    if any(n.key != speaker_key for n in names.before(gap[1], gap[0], "PERSON")):
        return None
    return last


def _finite_clause(verb: Token) -> bool:
    """A verb with a subject and a tense of its own: a sentence, not a caption's participle."""
    if not any(c.dep_ in _SUBJECTS for c in verb.children):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in [verb, *auxiliaries])
