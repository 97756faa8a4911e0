"""Where the tool is unsure: names shared by two actors, speakers and dates worked out indirectly.

The report and explorer show these notes beside the fact, so a wrong extraction
reads as a guess to check rather than as a finding.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.model import Entity, Event, Figure, Quote, Story

# A date written with a digit or a month name is read, not worked out from the article's date.
_ABSOLUTE_DATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


@dataclass
class ActorNames:
    """The names each actor is listed under, every name under one actor only."""

    aliases: dict[str, list[str]] = field(default_factory=dict)
    # actor id -> [(a name it was also written as, the actor that name is listed under)]
    shared: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def actor_names(story: Story) -> ActorNames:
    """Each alias goes to the actor whose mentions use it most (then the most mentioned actor);
    the other actors that were written that way carry a note instead of the alias."""
    uses: dict[str, Counter[str]] = defaultdict(Counter)  # alias (folded) -> actor id -> mentions
    written: dict[tuple[str, str], str] = {}
    for e in story.entities:
        for alias in e.aliases:
            key = alias.casefold()
            uses[key][e.id] += 0
            written.setdefault((e.id, key), alias)
        for m in e.mentions:
            uses[m.text.casefold()][e.id] += 1
    size = {e.id: len(e.mentions) for e in story.entities}
    names = {e.id: e.name for e in story.entities}
    owner = {
        key: min(counts, key=lambda eid: (-counts[eid], -size.get(eid, 0), names.get(eid, ""), eid))
        for key, counts in uses.items()
        if counts
    }
    out = ActorNames()
    for e in story.entities:
        kept: list[str] = []
        for alias in e.aliases:
            holder = owner.get(alias.casefold(), e.id)
            if holder == e.id:
                if alias not in kept:
                    kept.append(alias)
            else:
                out.shared.setdefault(e.id, []).append((alias, names.get(holder, holder)))
        out.aliases[e.id] = kept
    return out


def shared_note(entity: Entity, names: ActorNames) -> str | None:
    pairs = names.shared.get(entity.id)
    if not pairs:
        return None
    return "; ".join(f"also written ‘{alias}’, which is listed under {other}" for alias, other in pairs)


def speaker_doubt(quote: Quote, speaker: Entity | None) -> str | None:
    """Why a quote's speaker may be wrong, or None when the speaker is named as written."""
    written = (quote.speaker_text or "").strip()
    if speaker is None:
        if not written:
            return "no speaker found"
        return f"speaker ‘{written}’ is not matched to any actor"
    folded = written.casefold()
    if any(a.casefold() in folded for a in [speaker.name, *speaker.aliases] if a):
        return None
    if not written:
        return f"speaker {speaker.name} worked out from the text around the quote"
    return f"speaker {speaker.name} worked out from ‘{written}’"


def figure_doubt(figure: Figure) -> str | None:
    if not figure.measure:
        return "unsure what this number counts"
    return None


def date_doubt(event: Event, published: str | None) -> str | None:
    """A date read from a relative word ("Monday", "yesterday") is only as good as the article's own
    date; without one it is a guess."""
    if event.date is None:
        return "no date could be worked out"
    if published is None and not _ABSOLUTE_DATE.search(event.date_text or ""):
        return f"date worked out from ‘{event.date_text}’, but the article has no date of its own"
    return None


@dataclass
class Doubts:
    """Every fact the tool is unsure of, by id, with why in words."""

    notes: dict[str, str] = field(default_factory=dict)
    names: ActorNames = field(default_factory=ActorNames)

    def get(self, fact_id: str | None) -> str | None:
        return self.notes.get(fact_id or "")


def doubts(story: Story) -> Doubts:
    entities = {e.id: e for e in story.entities}
    published = {a.id: a.published for a in story.articles}
    names = actor_names(story)
    notes: dict[str, str] = {}
    for e in story.entities:
        note = shared_note(e, names)
        if note:
            notes[e.id] = note
    for q in story.quotes:
        note = speaker_doubt(q, entities.get(q.speaker or ""))
        if note:
            notes[q.id] = note
    for f in story.figures:
        note = figure_doubt(f)
        if note:
            notes[f.id] = note
    for v in story.events:
        note = date_doubt(v, published.get(v.article))
        if note:
            notes[v.id] = note
    return Doubts(notes, names)
