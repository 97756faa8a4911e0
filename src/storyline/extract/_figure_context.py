"""What surrounds a figure in the parse: the noun it counts, what is measured, and who claims it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract._numbers import NumberPhrase
from storyline.extract.dates import MONTHS, WEEKDAYS
from storyline.extract.quotes.cues import cue_base
from storyline.extract.quotes.marks import find_marked
from storyline.model import Figure, Mention
from storyline.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Units of measure, as written; abbreviations and spellings that mean the same unit share one name.
MEASURE_UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "kms": "km",
    "km2": "sq km", "sq km": "sq km", "kg": "kg", "kilograms": "kg", "kilos": "kg", "hrs": "hours",
    "mins": "minutes", "min": "minutes", "ha": "hectares", "ft": "feet", "lb": "lb", "lbs": "lb",
    "kph": "km/h", "km/h": "km/h", "mph": "mph", "°c": "°C", "°f": "°F", "mw": "MW", "gw": "GW",
    "kwh": "kWh", "t": "tonnes", "cm": "cm", "mm": "mm", "m": "m", "foot": "feet",
}  # fmt: skip
MEASURE_UNITS |= {
    w: w
    for w in (
        "miles metres meters feet inches yards hectares acres tonnes tons grams litres liters gallons "
        "barrels hours days weeks months years minutes seconds decades centuries degrees megawatts "
        "gigawatts storeys floors kilowatts volts"
    ).split()
}
MEASURE_UNITS |= {w[:-1]: w for w in list(MEASURE_UNITS.values()) if w.endswith("s") and len(w) > 3}
PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour", "night": "night"}
PER_WORDS = {"a", "an", "per", "each", "every"}
SKIPPABLE = {"ADJ", "ADV", "NUM"}
DETERMINERS = {"the", "their", "its", "his", "her", "our", "those", "these", "all", "them"}
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
TIME_MODIFIERS = {"last", "next", "this", "past", "previous", "coming", "following", "earlier", "later"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
OF_ORDER = {"first", "last", "next", "past", "final", "previous"}
# "a mother of 12": a parent's count is of children
PARENTS = {"mother", "father", "mom", "mum", "dad", "parent", "grandmother", "grandfather"}
# Counted nouns whose plural a unit written in the singular ("a 5 man jury") is given in.
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "child": "children", "person": "people"}

Name = tuple[int, int, str]


def name_spans(doc: Doc, mentions: list[Mention]) -> list[Name]:
    """(start, end, label) of every named actor: the entity mentions, or the tagger's names without them."""
    if mentions:
        return sorted((m.start, m.end, m.label) for m in mentions)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_TYPES]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) of every passage between quotation marks, one per quote."""
    return [(m.open_at, m.close_at + 1) for m in find_marked(text)]


def _tokens_from(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char, alignment_mode="expand")
    i = span.start if span is not None else len(doc)
    while i < len(doc) and doc[i].idx < char:
        i += 1
    return i


@dataclass
class Counted:
    """The noun phrase a number counts or measures: its head word and where the phrase starts."""

    head: Token
    first: Token  # the first word of the unit ("rescue" in "rescue boats", "cubic" in "cubic metres")

    @property
    def text(self) -> str:
        # a dash typed as two hyphens sticks to the word before it in the parse: "points--13 more"
        return self.head.doc[self.first.i : self.head.i + 1].text.split("--")[0]


# An earthquake's magnitude, written before or after its number.
SCALE_BEFORE = re.compile(r"\b(?:magnitude|richter)(?:\s+of)?\s*$", re.IGNORECASE)
SCALE_AFTER = re.compile(r"[- ]?(?:magnitude\b|on\s+the\s+richter\s+scale)", re.IGNORECASE)
# A toll of the dead, however the sentence goes on: "the death toll has risen to 31".
DEATH_TOLL = re.compile(r"\bdeath\s+toll\b", re.IGNORECASE)


def unit_of(phrase: NumberPhrase, doc: Doc) -> tuple[str | None, Counted | None]:
    """The unit of a figure and the noun it counts (or measures), read from the words after it."""
    counted = _counted_noun(doc, _tokens_from(doc, phrase.end), phrase)
    if phrase.currency:
        return phrase.currency, counted
    text = text_of(doc)
    if SCALE_BEFORE.search(text, max(0, phrase.core_start - 24), phrase.core_start) or SCALE_AFTER.match(
        text, phrase.end
    ):
        return "magnitude", counted  # "magnitude 5.9", "a 6.1-magnitude quake", "5.6 on the Richter scale"
    if phrase.percent:
        written = text_of(doc)[phrase.core_end : phrase.end].lower()
        return ("percentage points" if "point" in written else "percent"), counted
    if phrase.kind == "ratio":
        return "times", counted
    if phrase.glued_unit:
        return MEASURE_UNITS.get(phrase.glued_unit, phrase.glued_unit), counted
    if phrase.short_scale == "m" and (counted is None or counted.head.tag_ not in ("NNS", "NNPS")):
        return "m", counted
    joined = _hyphen_unit(doc, phrase)
    if joined is not None:
        # "an 18-point halftime lead": points are the unit, the lead is what is described
        after = doc.char_span(phrase.end + 1, len(text_of(doc)), alignment_mode="expand")
        rest = after[0].i + 1 if after is not None and len(after) else None
        if counted is not None and rest is not None and rest <= counted.head.i:
            counted = Counted(counted.head, doc[rest])
        return joined, counted
    if counted is None:
        return None, None
    if is_measure(counted):
        return measure_unit(counted), counted
    return _count_unit(counted, phrase), counted


def _count_unit(counted: Counted, phrase: NumberPhrase) -> str:
    """The counted noun as the unit. A count of more than one before two singular nouns counts the
    first ("a 5 man jury", "a 12 team league": men, teams), given in the plural."""
    first, head = counted.first, counted.head
    if phrase.value <= 1 or head.tag_ != "NN":
        return counted.text
    if first is head:
        return IRREGULAR_PLURALS.get(head.lower_, counted.text)  # "the 7 woman panel"
    joined = first.i > 0 and head.doc[first.i - 1].text in ("-", "–")  # "an 18-point lead": the lead
    if first.tag_ != "NN" or joined:
        return counted.text
    return IRREGULAR_PLURALS.get(first.lower_) or _plural(first.lower_)


def _hyphen_unit(doc: Doc, phrase: NumberPhrase) -> str | None:
    """`an 18-point lead`, `a 28-year veteran`, `a four-book series`: the word joined to the number
    by a hyphen is its unit, in the plural; the noun after it is what the figure describes."""
    if text_of(doc)[phrase.end : phrase.end + 1] != "-":
        return None
    word = doc.char_span(phrase.end + 1, len(text_of(doc)), alignment_mode="expand")
    token = word[0] if word is not None and len(word) else None
    if token is None or token.idx != phrase.end + 1 or token.pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    if not token.is_alpha or not token.is_lower:
        return None
    low = token.lower_
    if low in MEASURE_UNITS:
        return MEASURE_UNITS[low]
    return _plural(low)


def _plural(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]  # "the 53-man roster": men
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def is_measure(counted: Counted) -> bool:
    return counted.head.lower_ in MEASURE_UNITS


def measure_unit(counted: Counted) -> str:
    head = MEASURE_UNITS.get(counted.head.lower_, counted.head.lower_)
    if counted.first.i < counted.head.i and counted.first.lower_ in ("square", "cubic"):
        return f"{counted.first.lower_} {counted.head.lower_}"
    return head


def _counted_noun(doc: Doc, i: int, phrase: NumberPhrase) -> Counted | None:
    """The noun phrase straight after a number: "1,240 local residents" -> residents."""
    sent_end = doc[i - 1].sent.end if 0 < i <= len(doc) else len(doc)
    start = i
    via_of = i < len(doc) and doc[i].lower_ == "of"
    if phrase.currency or phrase.percent:
        # money and shares belong to a noun only through a preposition: "$4m in aid", "17% of voters"
        if i >= len(doc) or doc[i].lower_ not in ("of", "in", "for"):
            return None
        i += 1
        while i < sent_end and doc[i].lower_ in DETERMINERS:
            i += 1
    elif via_of:
        i += 1  # "thousands of people", "a third of voters", "12 of the victims", "four of its last five"
        while i < sent_end and (doc[i].lower_ in DETERMINERS | OF_ORDER or doc[i].tag_ == "CD"):
            i += 1
    first: Token | None = None
    head: Token | None = None
    while i < sent_end:
        token = doc[i]
        if head is None and _hyphen_modifier(doc, i, sent_end):
            i += 3  # "12 9-mm shell casings", "seven game-winning drives": a modifier, not the unit
            continue
        if head is None and first is None and token.pos_ == "ADJ" and token.lower_ in MEASURE_UNITS:
            head = first = token  # "a 10 second clock": the tagger read the unit as an ordinal
            break
        if head is None and first is None and re.fullmatch(r"[a-z]+--\S*", token.text):
            head = first = token  # "points--13 more": a dash typed as two hyphens, glued to the noun
            break
        if head is None and first is None and _plural_tagged_as_verb(token, i, start):
            head = first = token  # "caught 39 passes for 302 yards": the tagger read a verb
            break
        if token.pos_ in ("NOUN", "PROPN") and token.lower_ not in PER_WORDS:
            if head is not None and (head.dep_ != "compound" or head.tag_ in ("NNS", "NNPS")):
                break  # the noun before was already the head: "312 passengers home"
            after_shape = head is None and first is not None and first.i == i - 1
            if not after_shape and (head is None or head.i != i - 1 or token.pos_ != head.pos_):
                first = token  # a new run of nouns: "rescue boats", not "Lorne rescue boats"
            head = token
            if token.lower_ in MEASURE_UNITS and token.lower_ != "m":
                break
        elif token.lower_ in ("cubic", "square") and head is None:
            first = token
        elif via_of and _plural_read_as_verb(token, head, sent_end):
            head = token  # "four of its security updates.": "updates" ends the noun phrase
            break
        elif token.tag_ == "POS" and head is not None:
            if not via_of:
                break  # "24 partners' products": the number counts the owners
            head = first = None  # "of the port's 3,100 workers": the owner is not what is counted
        elif token.text in ("-", "–") or (head is None and (_skippable(token) or token.tag_ == "CD")):
            pass
        else:
            break
        i += 1
    if head is None or first is None:
        return None
    if any(t.lower_ in WEEKDAYS or t.lower_ in MONTHS for t in doc[start : head.i + 1]):
        return None  # "scored 20 Thursday night": a day after the number dates the act
    if head.pos_ == "PROPN" and head.ent_type_ in NAME_TYPES - {"NORP"}:
        return None  # "200 Kestria" is not a count of Kestrias
    if first.pos_ == "PROPN" or (first.lower_ not in ("cubic", "square") and is_measure(Counted(head, head))):
        first = head  # "Lorne boats" counts boats; "grain tonnes" measures tonnes
    return Counted(head, first)


def _hyphen_modifier(doc: Doc, i: int, sent_end: int) -> bool:
    """A number or a noun joined by a hyphen to the word after it, before a noun: "9-mm" in "12 9-mm
    shell casings", "game-winning" in "seven game-winning drives"."""
    if i + 3 >= sent_end or doc[i + 1].text not in ("-", "–") or not doc[i + 2].is_alpha:
        return False
    if doc[i].tag_ != "CD" and doc[i].pos_ != "NOUN" or doc[i].tag_ == "NNS":
        return False  # "4,051 yards-breaking Newton's record": a plural is the unit, a dash after it
    return doc[i + 3].pos_ in ("NOUN", "PROPN", "ADJ") or doc[i + 2].pos_ == "VERB"


def _plural_read_as_verb(token: Token, head: Token | None, sent_end: int) -> bool:
    """A plural noun the tagger took for a verb ("security updates", "price rises") right after a
    noun, with nothing after it that a verb would need."""
    if head is None or token.tag_ != "VBZ" or head.i != token.i - 1 or not token.lower_.endswith("s"):
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < sent_end else None
    return nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "CCONJ", "SCONJ", "ADV")


def _skippable(token: Token) -> bool:
    """Words between a number and its noun: "1,240 local residents", "four written reports",
    "258 receiving yards" (a participle before a plural, whatever the parser hung it on)."""
    if token.lower_ in TIME_MODIFIERS:
        return False
    if token.pos_ in SKIPPABLE or token.dep_ in ("amod", "compound") and token.tag_ in ("VBN", "VBG"):
        return True
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.tag_ in ("VBN", "VBG") and nxt is not None and nxt.tag_ in ("NNS", "NNPS")


def _plural_tagged_as_verb(token: Token, i: int, start: int) -> bool:
    """A plural straight after a number, that the number modifies, tagged as a verb: "39 passes"."""
    if i != start or i == 0 or token.tag_ != "VBZ" or not token.is_lower or not token.lower_.endswith("s"):
        return False
    number = token.doc[i - 1]
    return number.tag_ == "CD" and number.head.i == token.i and number.dep_ == "nummod"


def measure_of(phrase: NumberPhrase, core: Span, counted: Counted | None, doc: Doc) -> str | None:
    """What is counted, as a short phrase: "residents evacuated", "cost of repairs", "trucks per day"."""
    measure = _measure(phrase, core, counted, doc)
    # a headline without a full stop runs into the next paragraph in the parse; a measure does not
    return measure.split("\n")[0].strip() or None if measure else None


def _measure(phrase: NumberPhrase, core: Span, counted: Counted | None, doc: Doc) -> str | None:
    if counted is not None and not is_measure(counted):
        period = _period_after(doc, counted.head)
        if phrase.currency or phrase.percent or period:
            return counted.text + period
        verb = _verb_for(counted.head)
        return f"{counted.text} {verb.text}" if verb is not None else counted.text
    whole = doc.char_span(phrase.start, phrase.end, alignment_mode="expand") or core
    if counted is not None:
        dimension = _dimension(counted, doc)
        if dimension is not None:
            return dimension
    worth = _worth_of(whole)
    if worth is not None:
        return worth
    if counted is None:
        return _measured_thing(whole)
    of = _of_phrase(counted.head)
    if of is not None:
        return of  # "four years of eligibility"
    return _measured_thing(whole, counted.text) or counted.text


def _of_phrase(head: Token) -> str | None:
    """ "years of eligibility" for "four years of eligibility"; None without a noun after "of"."""
    doc = head.doc
    i = head.i + 1
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    noun = next((c for c in doc[i].children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    return doc[head.i : noun.i + 1].text if noun is not None and noun.i - head.i <= 4 else None


# What a length is of when an adjective follows it: "the cable is 900 km long".
DIMENSIONS = {"long": "length", "wide": "width", "high": "height", "tall": "height", "deep": "depth"}
DIMENSIONS |= {"thick": "thickness", "across": "width"}
# Verbs too general to say what a number measures ("he had 2 yards", "it took 12 days").
LIGHT_VERBS = frozenset("be have do make get take go come give put keep see".split())


def _dimension(counted: Counted, doc: Doc) -> str | None:
    """ "One of the cables is 40,000 km long" -> "cables length": a measure with its adjective."""
    i = counted.head.i + 1
    if i < len(doc) and doc[i].text == "(":
        # past a conversion in brackets: "40,000 km (25,000 miles) long"
        i = next((j + 1 for j in range(i, min(i + 6, len(doc))) if doc[j].text == ")"), i)
    if i >= len(doc) or doc[i].lower_ not in DIMENSIONS:
        return None
    noun = DIMENSIONS[doc[i].lower_]
    verb = doc[i].head if doc[i].head.lemma_ == "be" else counted.head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.pos_ == "NUM":
        subject = next((g for c in subject.children if c.dep_ == "prep" for g in c.children), subject)
    if subject is None or subject.pos_ in ("PRON", "NUM"):
        return noun
    return f"{subject.text} {noun}"


def _worth_of(whole: Span) -> str | None:
    """ "jewellery worth 103 million euros" -> "jewellery": the noun a sum is the worth of."""
    doc = whole.doc
    before = doc[whole.start - 1] if whole.start > 0 else None
    if before is None or before.lower_ not in ("worth", "valued"):
        return None
    target = before.head if before.lower_ == "worth" else None
    if target is None or target.pos_ != "NOUN":
        target = doc[before.i - 1] if before.i > 0 and doc[before.i - 1].pos_ == "NOUN" else None
    return target.text if target is not None else None


def _verb_for(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return child
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB":
        return head.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") and head.pos_ == "VERB":
        return head
    return None


def _period_after(doc: Doc, token: Token) -> str:
    """ "40 trucks a day" -> " per day"."""
    i = token.i + 1
    if i + 1 < len(doc) and doc[i].lower_ in PER_WORDS and doc[i + 1].lower_ in PERIODS:
        return f" per {PERIODS[doc[i + 1].lower_]}"
    return ""


def _measured_thing(core: Span, unit: str | None = None) -> str | None:
    """For money and shares: the noun the figure belongs to ("a budget of"), or the verb and its subject."""
    token = core.root
    while token.dep_ in ("nummod", "quantmod", "compound", "nmod") and token.head is not token:
        token = token.head
    if token.pos_ == "NOUN" and token.i >= core.end:
        # "a $1.2 trillion spending bill": the figure modifies the noun it measures
        first = min(
            (c.i for c in token.children if c.dep_ == "compound" and c.i >= core.end), default=token.i
        )
        return core.doc[first : token.i + 1].text
    head = token.head
    if head.dep_ == "prep" and head.head.pos_ == "NOUN":
        return head.head.text  # "a budget of $4m", "losses of 12%"
    if head.dep_ == "prep" and head.lower_ in ("for", "to") and head.head.pos_ == "VERB":
        head = head.head  # "sentenced to 2 years", "talked for an hour"
    verb = head if head.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        # "falling about 150 metres", "sentenced to 2 years": the act as a noun says what it measures;
        # "he had 2 yards" says nothing
        if verb.pos_ != "VERB" or verb.lemma_ in LIGHT_VERBS:
            return None
        return f"{unit} {verb.lemma_.lower()}" if unit else verb.lemma_.lower()
    if verb.pos_ == "AUX" or verb.lower_ in ("is", "was", "are", "were", "be"):
        return subject.text
    if verb.lower_.startswith("cost"):
        return f"cost of {subject.text}"
    return f"{subject.text} {verb.text}"


def subject_span(
    doc: Doc, core: Span, names: list[Name], quoted: list[tuple[int, int]], text: str
) -> tuple[int, int] | None:
    """The named actor a figure is attributed to: "according to X", "X said", or the quote's speaker."""
    pos = core.start_char
    quote = next(((a, b) for a, b in quoted if a <= pos < b), None)
    if quote is not None:
        return _quote_speaker(doc, quote, names, quoted)
    sent = core.sent
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            target = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            found = _name_in(target, names, doc) if target is not None else None
            if found:
                return found
    verb = _speech_verb(sent, core, quoted)
    found = _speaker_of(verb, names, doc) if verb is not None else None
    return found or _agent(core, names, doc)


def _agent(core: Span, names: list[Name], doc: Doc) -> tuple[int, int] | None:
    """ "was put at 3,000 by the charity Aid North": the agent of the verb the figure hangs from."""
    for verb in core.root.ancestors:
        if verb.pos_ != "VERB":
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        target = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return _name_in(target, names, doc) if target is not None else None
    return None


def _speech_verb(sent: Span, core: Span, quoted: list[tuple[int, int]]) -> Token | None:
    candidates = [
        t
        for t in sent
        if t.pos_ == "VERB" and cue_base(t.text) and not any(a <= t.idx < b for a, b in quoted)
    ]
    for verb in candidates:
        inside = verb.left_edge.i <= core.start and core.end <= verb.right_edge.i + 1
        if inside and not _in_subject(verb, core):
            return verb
    return None


def _in_subject(verb: Token, core: Span) -> bool:
    """ "The 40 officers said …": a figure inside the speaker's own noun phrase is not their claim."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.left_edge.i <= core.start <= s.right_edge.i for s in subjects)


def _speaker_of(verb: Token, names: list[Name], doc: Doc) -> tuple[int, int] | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        return _last_person_before(names, subject.idx)
    return _name_in(subject, names, doc)


def _name_in(token: Token, names: list[Name], doc: Doc) -> tuple[int, int] | None:
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    inside = [(a, b) for a, b, _ in names if a < end and b > start]
    if not inside:
        return None
    # the name nearest the phrase's head word: "a spokeswoman for the council" -> the council
    head = token.idx
    return min(inside, key=lambda s: (0 if s[0] <= head < s[1] else 1, abs(s[0] - head)))


def _last_person_before(names: list[Name], pos: int, window: int = 1500) -> tuple[int, int] | None:
    people = [(a, b) for a, b, label in names if b <= pos and pos - a <= window and label in ("PERSON", "")]
    return people[-1] if people else None


def _quote_speaker(
    doc: Doc, quote: tuple[int, int], names: list[Name], quoted: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The speaker of the quote a figure sits in: the speech verb in its paragraph, then that verb's subject.

    The verb in the quote's own sentence wins, then one after the quote, then one before it
    (a quote that runs on from an attributed one).
    """
    text = text_of(doc)
    para_start = text.rfind("\n", 0, quote[0]) + 1
    para_end = text.find("\n", quote[1])
    para_end = len(text) if para_end < 0 else para_end
    span = doc.char_span(para_start, para_end, alignment_mode="expand")
    if span is None:
        return None
    own = {t.sent.start for t in doc.char_span(quote[0], quote[1], alignment_mode="expand") or []}
    verbs = [
        t
        for t in span
        if cue_base(t.text) and t.pos_ in ("VERB", "AUX") and not any(a <= t.idx < b for a, b in quoted)
    ]
    verbs.sort(key=lambda t: (t.sent.start not in own, t.idx < quote[0], abs(t.idx - quote[1])))
    for verb in verbs:
        found = _speaker_of(verb, names, doc)
        if found:
            return found
    return None


COUNT_NOUNS = {"number", "count", "total", "tally", "figure", "toll", "estimate", "headcount"}


def unit_from_context(doc: Doc, core: Span, earlier: list[Figure]) -> str | None:
    """The unit of a bare count ("the official count remains 1,240"), from what the text counts nearby.

    First a counting phrase in the sentence or the paragraph so far ("the number of people"),
    then the count figure just before it in the paragraph: news repeats and revises the same count.
    A count of a pronoun ("40 of them") is left without a unit; an earlier paragraph's count lends
    none: a number of about the same size paragraphs later is as often a count of something else.
    """
    valued = _valued_object(core.root)
    if valued is not None:
        return valued.text
    of = core.root.head
    if core.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in PARENTS:
        return "children"
    if _of_pronoun(core.root):
        # "40 or 50 of them": the text says what it counts only through "them", unless a count of the
        # same sentence stands just before: "507 yards, 352 of them on the ground"
        return _part_of_last(core, earlier)
    para_start = text_of(doc).rfind("\n", 0, core.start_char) + 1
    sent = core.sent
    for sentence in [sent, *_previous_sentences(doc, sent, para_start)]:
        noun = _counting_phrase(sentence)
        if noun is not None:
            return noun.text
        if DEATH_TOLL.search(sentence.text):
            return "deaths"
    for figure in reversed(earlier):
        if figure.start >= para_start and _is_count_unit(figure.unit) and figure.value:
            return figure.unit
    return None


def _part_of_last(core: Span, earlier: list[Figure]) -> str | None:
    """The unit of the figure that "N of them" is a part of: the one just before it in the sentence,
    ending a comma before it, and larger."""
    if not earlier:
        return None
    last = earlier[-1]
    text = text_of(core.doc)
    between = text[last.end : core.start_char]
    if last.start < core.sent.start_char or not re.fullmatch(r"(?:\s+[a-z]+){0,2},\s*", between):
        return None
    number = core.root.doc[core.root.i]
    value = last.value or 0.0
    try:
        own = float(number.text.replace(",", ""))
    except ValueError:
        own = None
    return last.unit if own is None or own < value else None


def _valued_object(number: Token) -> Token | None:
    """The thing a verb puts at a number: "crowd" in "estimated the crowd at 70" (not a counting noun
    such as "toll", which says nothing of what is counted)."""
    prep = number.head
    if number.dep_ != "pobj" or prep.lower_ != "at" or prep.head.pos_ != "VERB":
        return None
    for child in prep.head.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.lower_ not in COUNT_NOUNS:
            return child
    return None


def _of_pronoun(number: Token) -> bool:
    """The number (or the first of "40 or 50") counts "of them", "of us"."""
    first = number.head if number.dep_ == "conj" else number
    of = [c for t in (first, number) for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
    return any(p.dep_ == "pobj" and p.pos_ == "PRON" for c in of for p in c.children)


def _previous_sentences(doc: Doc, sent: Span, para_start: int) -> list[Span]:
    out = []
    i = sent.start - 1
    while i >= 0 and doc[i].idx >= para_start:
        prev = doc[i].sent
        out.append(prev)
        i = prev.start - 1
    return out


def _counting_phrase(sent: Span) -> Token | None:
    """The noun in "the number of people", "a count of homes"."""
    doc = sent.doc
    for token in sent:
        if token.lower_ in COUNT_NOUNS and token.i + 2 < sent.end and doc[token.i + 1].lower_ == "of":
            j = token.i + 2
            while j < sent.end and doc[j].lower_ in DETERMINERS:
                j += 1
            while j + 1 < sent.end and doc[j].pos_ in ("NOUN", "PROPN") and doc[j + 1].pos_ == "NOUN":
                j += 1  # "the number of Rams players" counts players
            if j < sent.end and doc[j].tag_ in ("NNS", "NNPS"):
                return doc[j]
    return None


def _is_count_unit(unit: str | None) -> bool:
    if not unit or unit in ("percent", "percentage points", "times"):
        return False
    if unit.isupper() and len(unit) == 3:
        return False
    return unit.lower() not in MEASURE_UNITS and unit.lower() not in MEASURE_UNITS.values()
