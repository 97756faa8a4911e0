"""Aligning dated events that several articles report into event claims, and flagging dates that disagree."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.crosscheck.claims import (
    WEEKDAY,
    Context,
    content_stems,
    greedy_clusters,
    jaccard,
    make_claim,
    truncate,
    words,
)
from storyline.model import Claim, Disagreement, Event

# Summary-word likeness (Dice) needed to call two events one, with and without shared actors.
# Saying two sources disagree on a date needs more than saying they agree on it.
JOIN_WITH_ENTITIES = 0.4
JOIN_WITHOUT_ENTITIES = 0.6
JOIN_SAME_DAY = 0.3  # the same exact day is evidence in itself
CONFLICT_WITH_ENTITIES = 0.6
CONFLICT_WITHOUT_ENTITIES = 0.8
PLACE_TYPES = frozenset({"GPE", "FAC", "LOC"})
MIN_SHARED_WORDS = 2
# Events sharing a word are paired exhaustively up to this many; past it, each meets its nearest neighbours.
EXACT_BLOCK = 150
NEIGHBOURS = 12
MAX_COMPARED = 200  # members of one claim searched pairwise for dates that disagree

_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
    morning afternoon evening night week weekend month year day last next earlier later
    january february march april may june july august september october november december
    """.split()
)
# Reporting verbs make "X said" look like one event however often X speaks.
_REPORTING = frozenset("said says say saying told tells tell added adds according stated".split())


@dataclass
class _Ev:
    event: Event
    content: set[str]
    entities: set[str]
    places: set[str]


def dates_agree(a: str | None, b: str | None) -> bool:
    """ "2024-03" and "2024-03-04" agree: one is only less precise. An unknown date agrees with any."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _terms(event: Event, names: set[str]) -> set[str]:
    """What the summary says happened: without dates, reporting verbs, or the names of those involved."""
    return content_stems(event.summary, drop=_CALENDAR | _REPORTING | names | set(words(event.date_text)))


def day_precise(date: str | None) -> bool:
    return bool(date) and len(date or "") == 10


def similarity(a: _Ev, b: _Ev) -> tuple[float, bool]:
    """Summary-word likeness, and whether the two share the actors they name."""
    shared = len(a.content & b.content)
    if shared < MIN_SHARED_WORDS or (a.places and b.places and not a.places & b.places):
        return 0.0, False  # too little in common, or it happened somewhere else
    words_score = 2 * shared / (len(a.content) + len(b.content))
    both_named = bool(a.entities and b.entities)
    return words_score, both_named and jaccard(a.entities, b.entities) >= 0.34


def joins(a: _Ev, b: _Ev) -> bool:
    score, same_actors = similarity(a, b)
    if day_precise(a.event.date) and a.event.date == b.event.date:
        return score >= JOIN_SAME_DAY
    if dates_agree(a.event.date, b.event.date):
        return score >= (JOIN_WITH_ENTITIES if same_actors else JOIN_WITHOUT_ENTITIES)
    if not (day_precise(a.event.date) and day_precise(b.event.date)):
        return False  # "last month" or "in 2015" may date another part of the sentence
    return score >= (CONFLICT_WITH_ENTITIES if same_actors else CONFLICT_WITHOUT_ENTITIES)


def candidate_pairs(evs: list[_Ev]) -> list[tuple[int, int]]:
    """Pairs from different articles sharing at least MIN_SHARED_WORDS summary words, a bounded number each.

    Events meet through each summary word they share; a word that more than EXACT_BLOCK
    events use (every report of a feed "checked homes") pairs each event only with its
    NEIGHBOURS nearest in order of date and actors, so look-alike reports cost a bounded
    number of pairs per event.
    """
    index: dict[str, list[int]] = {}
    for i, v in enumerate(evs):
        for word in v.content:
            index.setdefault(word, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    near: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) <= EXACT_BLOCK:
            for n, i in enumerate(ids):
                for j in ids[n + 1 :]:
                    shared[(i, j)] = shared.get((i, j), 0) + 1
            continue
        ranked = sorted(ids, key=lambda i: (evs[i].event.date or "", sorted(evs[i].entities), i))
        for place, i in enumerate(ranked):
            near.update((min(i, j), max(i, j)) for j in ranked[place + 1 : place + 1 + NEIGHBOURS])
    found = {pair for pair, count in shared.items() if count >= MIN_SHARED_WORDS}
    if near:  # words of the large lists were not counted: count what the pairs share directly
        unsure = near | {pair for pair, count in shared.items() if count < MIN_SHARED_WORDS}
        found |= {(i, j) for i, j in unsure if len(evs[i].content & evs[j].content) >= MIN_SHARED_WORDS}
    return sorted((i, j) for i, j in found if evs[i].event.article != evs[j].event.article)


def prepare(ctx: Context, events: list[Event]) -> list[_Ev]:
    """Events in story order with what alignment reads from them: summary words, actors, places."""
    return [
        _Ev(v, _terms(v, _name_words(ctx, v.entities)), set(v.entities), _places(ctx, v.entities))
        for v in sorted(events, key=lambda v: (ctx.order.get(v.article, 0), v.start, v.id))
    ]


def align_events(ctx: Context, events: list[Event]) -> list[Claim]:
    """One claim per happening; its status says whether independent sources date it alike."""
    evs = prepare(ctx, events)
    pairs = [(similarity(evs[i], evs[j])[0], i, j) for i, j in candidate_pairs(evs) if joins(evs[i], evs[j])]

    # an article that dates two happenings differently is telling of two happenings
    groups = greedy_clusters(
        len(evs),
        pairs,
        part=lambda i: evs[i].event.article,
        fits=lambda i, j: dates_agree(evs[i].event.date, evs[j].event.date),
    )
    return [_claim(ctx, [evs[i].event for i in g]) for g in groups]


def _places(ctx: Context, entity_ids: list[str]) -> set[str]:
    return {e for e in entity_ids if ctx.entity_type(e) in PLACE_TYPES}


def _name_words(ctx: Context, entity_ids: list[str]) -> set[str]:
    return {w for e in entity_ids for w in words(ctx.entity_name(e) or "")}


def _claim(ctx: Context, group: list[Event]) -> Claim:
    articles = [v.article for v in group]
    first = group[0]
    clash = _dated_apart(ctx, group)
    if clash:
        a, b = clash
        statement = f"{truncate(first.summary)} — dated {a.date} or {b.date} {ctx.outlets_phrase(articles)}"
        note = (
            f"the dates disagree: {ctx.label(a.article)} dates it {a.date} ({a.date_text!r}), "
            f"{ctx.label(b.article)} dates it {b.date} ({b.date_text!r})"
        )
        claim = make_claim("event", statement, [v.id for v in group], articles, "conflicting", note)
        claim.disagreements.append(Disagreement("date", a.id, b.id, note))
        return claim
    dated = max((v.date for v in group if v.date), key=len, default=None)
    when = f" — {dated}" if dated else ""
    statement = f"{truncate(first.summary)}{when} {ctx.outlets_phrase(articles)}"
    status = "corroborated" if len(ctx.sources_of(articles)) >= 2 else "single_source"
    return make_claim("event", statement, [v.id for v in group], articles, status, None)


def _dated_apart(ctx: Context, group: list[Event]) -> tuple[Event, Event] | None:
    """The first two of the first MAX_COMPARED members, from independent sources, dating it to two
    different days. A year or a month ("in 2005", "last season") may date another part of its
    sentence, and joined the claim through other members, so it is never held against a day."""
    compared = [v for v in group[:MAX_COMPARED] if day_precise(v.date)]  # past that, look-alikes
    for i, a in enumerate(compared):
        for b in compared[i + 1 :]:
            independent = ctx.source.get(a.article, a.article) != ctx.source.get(b.article, b.article)
            if independent and not dates_agree(a.date, b.date) and not _same_weekday(a, b):
                return a, b
    return None


def _same_weekday(a: Event, b: Event) -> bool:
    """ "Saturday morning" and "Saturday", resolved from two publication dates a week apart, are one
    Saturday as far as the texts say."""
    days = [{d.lower() for d in WEEKDAY.findall(v.date_text or "")} for v in (a, b)]
    return bool(days[0] & days[1])
