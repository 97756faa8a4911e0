"""Labels a name's own words and neighbours decide, whatever the tagger said: streets and prisons
are facilities, "the Jaguars" a team, a name paired with a person's a person."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    or a group, never one person or a building."""
    teams = set()
    for span in spans:
        name = text[span.start : span.end]
        last = name.split()[-1]
        plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and last[:1].isupper()
        if plural and last[:-1].isalpha() and _THE_BEFORE.search(text, max(0, span.start - 10), span.start):
            teams.add(name)
    for span in spans:
        if span.label in ("PERSON", "FAC") and text[span.start : span.end] in teams:
            span.label = "ORG"


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
