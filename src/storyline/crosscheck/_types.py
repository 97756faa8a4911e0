"""Evidence about what kind of actor a name is: the tagger's label, and what the words around it say.

Weak evidence (the tagger's label for one mention, a place preposition before
it) is counted and the majority wins. Strong evidence (a personal title, a
", who" after the name, a head word such as "Dam" or "Act" ending it) decides
alone whenever there is any.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.names import ORG_WORDS, ROLE_WORDS, is_acronym, person_cue_before, straight

# The last word of a multi-word name often says its kind ("Hollin Dam", "Dam Safety Act").
HEAD_TYPES: dict[str, str] = {}
for _kind, _words in {
    "LAW": "act bill law code treaty accord convention charter constitution directive regulation "
    "regulations ordinance statute amendment protocol",
    "FAC": "dam bridge airport airfield station hall stadium arena tunnel terminal pier wharf quay prison "
    "jail tower building viaduct plant reservoir canal highway motorway road street avenue square "
    "barracks mine "
    "pipeline railway weir levee embankment spillway",
    "ORG": "ministry department office council committee commission party court agency authority board "
    "bureau service services institute university college school hospital bank group company "
    "corporation corp inc ltd llc plc association union federation foundation trust fund society club "
    "league network organisation organization directorate partners police army navy assembly "
    "parliament congress senate government administration cooperative co-operative coalition alliance "
    "movement",
    "WORK": "report study survey assessment book film documentary album novel",
    "EVENT": "summit conference festival championship olympics war",
}.items():
    HEAD_TYPES.update(dict.fromkeys(_words.split(), _kind))

# Common nouns a house style capitalises ("the Government"); alone they name no one.
GENERIC_NOUNS = ORG_WORDS | set(HEAD_TYPES)

# Head words that are also common surnames ("Ana Hall", "Tom Law"): in a two-word name they only
# count as much as the tagger's label does
SURNAME_HEADS = frozenset("hall street bridge tower plant law court bank".split())

# Prepositions that put a bare name in place position ("in Halvermouth", "near Lorne").
PLACE_PREPOSITIONS = frozenset(
    "in near nearby outside across around throughout inside within towards toward".split()
)

# "residents of Brindle Cross": nouns whose "of" takes a place
PLACE_OF = frozenset(
    "residents people town village city streets outskirts centre center suburbs north south east west "
    "edge heart mayor districts port capital region province county island coast shores suburb".split()
)

# "investors in Eastreach": words whose "in" takes an organisation, not a place
NOT_PLACE_IN = frozenset("invest invested investing investors investor stake stakes shares interest".split())

# Lower-case nouns that, right after a name, make it a facility ("the North Basin terminal").
FACILITY_NOUNS = frozenset(
    "terminal bridge dam airport station plant stadium prison pier wharf quay tunnel reservoir canal "
    "highway road building tower mine spillway".split()
)

# Lower-case nouns right after a name that say its kind ("the Tarawhiti tribe", "Vulture magazine").
NOUN_AFTER: dict[str, str] = {}
for _kind, _words in {
    "NORP": "people peoples tribe tribes clan clans language descent diaspora",
    "ORG": "magazine newspaper website group company firm charity party union",
    "WORK": "musical film movie album song novel documentary",
    "PRODUCT": "browser app smartphone software",
}.items():
    NOUN_AFTER.update(dict.fromkeys(_words.split(), _kind))

# Lower-case nouns right before a name that make it an organisation ("rescue group Project Jonah").
ORG_BEFORE = frozenset(
    "company firm startup start-up retailer carrier conglomerate insurer lender automaker carmaker airline "
    "broadcaster publisher magazine newspaper website charity group giant rival maker engine owns bought "
    "acquired acquire buy".split()
)

TYPE_ORDER = ("PERSON", "ORG", "GPE", "FAC", "NORP", "LAW", "EVENT", "WORK", "PRODUCT")
PLACE = "PLACE"  # a vote for "some kind of place", settled as GPE or FAC by the rest

# "X, who", "X, 54,", "X, a lawyer for": news introduces people this way
_WHO_AFTER = re.compile(r"^,\s+(?:who\b|\d{1,3},|(?:a|an|the)\s+(?P<phrase>[a-z-]+(?:\s+[a-z-]+){0,3}))")
_BASED_AFTER = re.compile(r"^-based\b")
_HANDLE_AFTER = re.compile(r"^\s*\(@\w")
_WORDS_BEFORE = re.compile(r"(?:(\w+)\W+)?(\w+)\s*$")
_WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")
# a business: its shares, its owners, its deals ("Kestrix shareholders", "sold to Kestrix");
# places are rarely bought and sold, so this outweighs the tagger's "place"
_BUSINESS_AFTER = re.compile(
    r"^(?:['\u2019]s)?\s+(?:shares|stock|shareholders?|stockholders?|executives|employees|subsidiary|"
    r"subsidiaries|stakes?|patents|servers|users|ceo|chief executive|acquisition|takeover|merger)\b"
    r"|^,?\s+(?:Inc|Corp|Ltd|LLC|PLC)\b"
    r"|^\s+(?:is paying|paid|pays|to buy|to acquire|acquired|acquires|bought|buys)\b"
)
_BUSINESS_BEFORE = re.compile(
    r"(?:\b(?:sale|sold|sell|sells|selling|fee|payable)\s+to|\b(?:acquired|bought|owned|purchased)\s+by"
    r"|\b(?:stakes?|shares)\s+in|\bmerger\s+with)\s+$"
)
# "eastern Varrowland": a compass word before a name puts it on the map
_COMPASS_BEFORE = re.compile(
    r"\b(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|"
    r"south-western|northeastern|northwestern|southeastern|southwestern)\s+$"
)
# ", which" introduces a thing, never a person
_WHICH_AFTER = re.compile(r"^,\s+which\b")
# "Halden Corporation and Brightwater": names in one list
_LIST_GAP = re.compile(r"^,?\s+(?:and|or|&)\s+$")
# "Okafor said he": a personal pronoun later in the same sentence
_PRONOUN_AFTER = re.compile(r"^[^.!?\n]{0,80}?\b(?:he|she|his|her|him)\b")


@dataclass
class Evidence:
    weak: Counter[str] = field(default_factory=Counter)
    strong: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    # mentions followed by "he", "she", "his" or "her" in their sentence: a hint, never a vote
    pronouns: int = 0

    def __iadd__(self, other: Evidence) -> Evidence:
        self.weak.update(other.weak)
        self.strong.update(other.strong)
        self.mentions += other.mentions
        self.pronouns += other.pronouns
        return self


def mention_evidence(text: str, start: int, end: int, label: str, key: str) -> Evidence:
    """What one mention and the words next to it say about its kind."""
    ev = Evidence(mentions=1)
    the_before = text[max(0, start - 4) : start].lower() == "the "
    name = text[start:end]
    after = text[end : end + 100]
    # "the Carrick Hill mine", "Old Tollan, which": a person takes neither, so the tagger's PERSON is void
    if not ((the_before or _WHICH_AFTER.match(after)) and label == "PERSON"):
        ev.weak[label or "ORG"] += 1
    ev.pronouns += bool(_PRONOUN_AFTER.match(after))
    if person_cue_before(text, start) or _introduced_as_person(after):
        ev.strong["PERSON"] += 1
    words = key.split()
    head = HEAD_TYPES.get(words[-1]) if len(words) >= 2 else None
    if _HANDLE_AFTER.match(after):
        # a social post signed "Name Surname (@handle)": an organisation's account rarely has a bare name
        person_like = len(words) in (2, 3) and not any(w in HEAD_TYPES for w in words)
        (ev.strong if person_like else ev.weak)["PERSON"] += 1
    if head:
        ambiguous = len(words) == 2 and words[-1] in SURNAME_HEADS
        (ev.weak if ambiguous else ev.strong)[head] += 1
    if is_acronym(name):
        return ev
    if (_in_place_position(text, start) and straight(after[:2]) != "'s") or _BASED_AFTER.match(after):
        ev.weak[PLACE] += 1
    noun = _WORD_AFTER.match(after)
    if noun and noun.group(1) in FACILITY_NOUNS:
        # "the Carrick Hill mine" names the mine; without "the" it may be an owner's name
        ev.weak["FAC"] += 3 if the_before else 1
    elif noun and noun.group(1) in NOUN_AFTER:
        ev.weak[NOUN_AFTER[noun.group(1)]] += 3 if the_before else 2
    before = text[max(0, start - 40) : start]
    previous = before.split()[-1] if before.strip() else ""
    if _BUSINESS_AFTER.match(after) or _BUSINESS_BEFORE.search(before) or previous in ORG_BEFORE:
        ev.weak["ORG"] += 3
    if _COMPASS_BEFORE.search(before):
        ev.weak[PLACE] += 1
    return ev


def _introduced_as_person(after: str) -> bool:
    who = _WHO_AFTER.match(after)
    if not who:
        return False
    phrase = who.group("phrase")
    return phrase is None or any(word in ROLE_WORDS for word in phrase.split())


def _in_place_position(text: str, start: int) -> bool:
    """After "in", "near", "outside"... or after "residents of", "outskirts of"."""
    before = _WORDS_BEFORE.search(text[max(0, start - 40) : start])
    if not before:
        return False
    first, preposition = (before.group(1) or "").lower(), before.group(2).lower()
    if preposition in PLACE_PREPOSITIONS:
        return first not in NOT_PLACE_IN
    return preposition == "of" and first in PLACE_OF


def vote_by_coordination(mentions: list[tuple[int, str, int, int, Evidence]]) -> None:
    """ "Halden Corporation and Brightwater": a name listed beside an organisation is likely one too.

    `mentions` are (article, text, start, end, evidence) in reading order. The tagger calls
    unknown companies places or people; a neighbour in a list is better evidence. Only
    organisations lend a vote, so a country listed beside a person keeps its type.
    """

    def is_org(ev: Evidence) -> bool:
        return bool(ev.weak["ORG"] or ev.strong["ORG"]) and decide(ev) == "ORG"

    pairs = [
        (a[4], b[4])
        for a, b in zip(mentions, mentions[1:], strict=False)
        if a[0] == b[0] and _LIST_GAP.match(a[1][a[3] : b[2]])
    ]
    voters = [b for a, b in pairs if is_org(a)] + [a for a, b in pairs if is_org(b)]
    for ev in voters:
        ev.weak["ORG"] += 1


def is_generic_noun(key: str, written: str, lower_words: set[str]) -> bool:
    """One common noun ("Government") that its article also writes in lower case, or shouts in capitals."""
    return " " not in key and key in GENERIC_NOUNS and (written.isupper() or key in lower_words)


def decide_cluster(pooled: Evidence, lone_words: bool, acronym: bool) -> str:
    """The kind of a whole entity from its mentions' pooled evidence."""
    if acronym:
        # an acronym is never a person, whatever the tagger said of it
        pooled.weak.pop("PERSON", None)
        pooled.strong.pop("PERSON", None)
    kind = decide(pooled)
    if kind == "PERSON" and lone_words and not pooled.strong["PERSON"] and not pooled.pronouns:
        # news names a person in full, with a title or a role first; one word that only the
        # tagger calls a person ("Quorra", "Vantix") is a product or an organisation
        pooled.weak.pop("PERSON", None)
        only_place = not (set(pooled.weak) - {PLACE}) and pooled.weak[PLACE]
        kind = "GPE" if only_place else decide(pooled)
    return kind


def decide(ev: Evidence) -> str:
    """The kind the evidence points to: strong evidence first, then the weighted majority."""
    if ev.strong:
        return _top(ev.strong)
    votes = Counter(ev.weak)
    place = votes.pop(PLACE, 0)
    if not votes:
        return "ORG"
    top = _top(votes)
    # people are named after a title or by surname again; a "person" only ever found
    # after "in" or "near" is a place the tagger misread, and so is such an "organisation"
    if top in ("PERSON", "ORG") and place and place * 3 >= ev.mentions:
        return "FAC" if votes["FAC"] > votes["GPE"] else "GPE"
    return top


def _top(votes: Counter[str]) -> str:
    def rank(kind: str) -> tuple[int, int]:
        return votes[kind], -(TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER))

    return max(votes, key=rank)
