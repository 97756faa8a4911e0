"""Word lists, normalisation and word-level tests shared by mention finding and entity resolution.

Everything here is generic English news usage (honorifics, role words, common
country abbreviations); nothing is tuned to one article.
"""

from __future__ import annotations

import re
import unicodedata

# Honorifics and office titles written before a name ("Minister Ortega", "Dr. Lin").
# "General" and "Chief" are left out on purpose: "General Motors", "Chief Executive".
PERSONAL_TITLES = frozenset(
    """
    mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend fr father sister
    president vice-president premier minister secretary senator sen rep representative congressman
    congresswoman congressmember governor gov mayor councillor councilor councilman councilwoman
    alderman alderwoman judge justice chancellor king queen prince princess emperor empress sheikh
    gen col colonel capt captain lt lieutenant sgt sergeant maj cmdr commander admiral adm
    inspector detective det constable superintendent supt commissioner ambassador pope cardinal
    bishop archbishop rabbi imam pastor speaker chairman chairwoman chairperson spokesman
    spokeswoman spokesperson coach dean sheriff prosecutor mp
    """.split()
)

# Players' positions written in capitals before a name ("RB Joique Bell", "DT Sam Hale").
POSITIONS = frozenset("QB RB FB WR TE OL OT OG DL DE DT NT LB ILB OLB MLB CB DB FS SS PG SG SF PF".split())

# Honorifics: whatever capitalised word follows is a person, even "Ms Park" or "Dr Hall".
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame".split())

# Words that complete a multi-word title ("Prime Minister", "Attorney General") but are
# too ambiguous to count as a title on their own.
TITLE_PARTS = frozenset("prime vice deputy acting interim attorney general chief executive foreign".split())

# Lower-case role nouns that, right before a name, say the name is a person
# ("spokesperson Ana Lin", "chief executive Tom Reyes").
ROLE_WORDS = frozenset(
    """
    spokesperson spokesman spokeswoman executive director minister mayor president chairman chairwoman
    chair secretary senator governor professor economist analyst researcher scientist farmer resident
    lawyer attorney judge officer official manager founder ceo cfo coo adviser advisor engineer
    commissioner councillor councilor ambassador activist campaigner author writer reporter journalist
    editor doctor nurse teacher student leader chief minister deputy colleague mother
    father son daughter wife husband brother sister survivor witness prosecutor barrister solicitor
    counsel defendant accused detective inspector boss captain coach player singer actor artist
    surgeon consultant trustee treasurer organiser organizer volunteer pensioner shopkeeper
    neighbour neighbor victim suspect candidate lecturer historian novelist poet photographer
    prophet saint musician rapper comedian designer chef partner
    guard forward quarterback linebacker receiver tackle striker midfielder defender goalkeeper
    pitcher catcher rookie veteran teammate boxer sprinter cyclist golfer swimmer climber mountaineer
    gangster mobster underboss hitman gunman robber thief fugitive inmate prisoner hostage
    girlfriend boyfriend fiancee fiance friend cousin uncle aunt nephew niece grandson granddaughter
    grandmother grandfather widow widower
    """.split()
)

# Words that mark a name as an organisation or a place, not a person.
ORG_WORDS = frozenset(
    """
    department ministry office council committee commission party court house senate agency authority
    board bureau service services institute university college school hospital bank group company
    corporation corp inc ltd llc plc association union federation foundation trust fund society
    club team league network organisation organization program programme project centre center
    station airport port river lake street road avenue square park bridge dam hotel church
    cathedral mosque temple museum library assembly parliament congress government administration
    police army navy force forces guard republic kingdom state states city county province district
    region valley mountain island bay sea ocean coast news times post press radio
    """.split()
)

# Capitalised words that end a name run rather than continue it ("President Lin Monday").
DATE_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december
    """.split()
)

# Lower-case words that may sit inside a name ("Ana de la Cruz", "Ministry of Water").
CONNECTORS = frozenset("of for and the de del la le van von der den da di du bin al on in at to &".split())

# Pronouns: a capitalised one inside a tagged span means a headline was taken for a name.
PRONOUNS = frozenset("me my we our you your he him his she her it its they them their".split())

# Company suffixes that follow a comma inside one name ("Acme, Inc.", "Ana Lind, Jr.").
NAME_SUFFIXES = frozenset("inc ltd llc plc corp co jr sr".split())

# Common ways of writing the same country or union; keys are normalised forms.
EQUIVALENT_NAMES = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "un": "united nations",
    "uae": "united arab emirates",
    "prc": "china",
    "people's republic of china": "china",
    "drc": "democratic republic of the congo",
    "dr congo": "democratic republic of the congo",
    "ussr": "soviet union",
}

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)'(?=\s|$)", re.IGNORECASE)
# "Republic of Kestria" and "Kestria" name one country
_FORMAL_STATE = re.compile(
    r"^(?:republic|kingdom|commonwealth|sultanate|principality|emirate|grand duchy) of (?!the )"
)
_ACRONYM_DOTS = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_SPACES = re.compile(r"\s+")
_EVERYDAY = re.compile(r"\b[a-z][a-z'-]+\b")


def straight(text: str) -> str:
    """The text with curly and modifier apostrophes turned into the straight one."""
    return unicodedata.normalize("NFKC", text).translate(APOSTROPHES)


def word_key(word: str) -> str:
    """A title or role word compared without case or a trailing dot ("Dr." == "dr")."""
    return straight(word).rstrip(".").lower()


def is_title(word: str) -> bool:
    return word_key(word) in PERSONAL_TITLES


def is_honorific(word: str) -> bool:
    return word_key(word) in HONORIFICS


def is_title_part(word: str) -> bool:
    return word_key(word) in TITLE_PARTS or is_title(word)


def person_cue_before(text: str, start: int) -> bool:
    """Whether the word just before `start` is a capitalised title or a lower-case role word."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 40)
    before = text[line_start:start].split()
    if not before:
        return False
    cue = before[-1].strip(QUOTE_CHARS + "(,")
    return (is_title(cue) and cue[:1].isupper()) or (cue.islower() and word_key(cue) in ROLE_WORDS)


_TITLE_RUN = re.compile(r"((?:[A-Z][\w.\-]*\s+){1,3})$")


def titled_form(text: str, start: int, end: int) -> str | None:
    """The name with the capitalised title written before it ("Mrs Brandt"), or None without one."""
    run = _TITLE_RUN.search(text[max(0, start - 40) : start])
    if not run:
        return None
    words = run.group(1).split()
    while words and not is_title_part(words[0]):
        words = words[1:]
    if not words or not all(is_title_part(w) for w in words) or not any(is_title(w) for w in words):
        return None
    return " ".join(words) + " " + text[start:end]


def name_like(words: list[str], org_words: bool = False) -> bool:
    """Capitalised words, connectors only inside, and (unless allowed) no word naming an institution."""
    if not 1 <= len(words) <= 4:
        return False
    for i, word in enumerate(words):
        key = word_key(word)
        if (key in ORG_WORDS and not org_words) or key in DATE_WORDS or any(c.isdigit() for c in word):
            return False
        if word in CONNECTORS and 0 < i < len(words) - 1:
            continue
        if not word[0].isupper():
            return False
    return True


def everyday_words(text: str) -> set[str]:
    """The words the text writes in lower case: a capitalised one of these may be a common noun."""
    return set(_EVERYDAY.findall(text))


def is_acronym(text: str) -> bool:
    """Two to eight capitals, perhaps dotted ("NBA", "U.N.", "NGOs" is not one)."""
    bare = text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isalnum() and bare[0].isalpha() and bare.isupper()


def normalise(text: str) -> str:
    """The form two mentions of one name share: no possessive, no "the", no acronym dots, one case."""
    text = _SPACES.sub(" ", straight(text)).strip(" " + QUOTE_CHARS)
    text = _POSSESSIVE.sub("", text).rstrip("'")
    if text.lower().startswith("the "):
        text = text[4:]
    if _ACRONYM_DOTS.match(text) or is_acronym(text):
        text = text.replace(".", "")
    key = _PLURAL_POSSESSIVE.sub("", text.casefold().strip())
    key = EQUIVALENT_NAMES.get(key, key)
    return EQUIVALENT_NAMES.get(_FORMAL_STATE.sub("", key), _FORMAL_STATE.sub("", key))


def initials(words: list[str], with_connectors: bool) -> str:
    """First letters of the words: "Department of Justice" -> "DJ" or, with connectors, "DOJ"."""
    out = []
    for word in words:
        if word.lower() == "the" and out == []:
            continue
        if word.lower() in CONNECTORS and not with_connectors:
            continue
        if word.lower() == "&":
            continue
        # a hyphenated word gives one letter per part ("Inter-Governmental" -> "IG")
        out.extend(part[0] for part in word.split("-") if part)
    return "".join(out).upper()


def expands(acronym: str, words: list[str]) -> bool:
    """Whether `words` spell `acronym` by their initials, with or without connector words."""
    letters = acronym.replace(".", "").replace("&", "").upper()
    if len(words) < 2:
        return False
    return letters in (initials(words, False), initials(words, True))
