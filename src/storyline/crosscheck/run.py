"""The cross-check stage: duplicates, article kinds, and claims aligned story by story."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from storyline.crosscheck.claim_text import readable_statements
from storyline.crosscheck.claims import Context, build_context
from storyline.crosscheck.claims_events import align_events
from storyline.crosscheck.claims_figures import align_figures, small_happenings
from storyline.crosscheck.claims_quotes import align_quotes
from storyline.crosscheck.claims_statements import align_statements
from storyline.crosscheck.disagreements import annotate
from storyline.crosscheck.duplicates import find_duplicates, mark_copies
from storyline.crosscheck.profiles import SourceProfile, classify, profile_sources
from storyline.crosscheck.statement_pairs import build_space, statement_tfidf
from storyline.crosscheck.stories import cluster_stories, story_index
from storyline.model import Claim, Event, Figure, Quote, Story

R = TypeVar("R", Figure, Quote, Event)

_KIND_ORDER = {"statement": 0, "figure": 1, "quote": 2, "event": 3}

__all__ = [
    "SourceProfile",
    "align_claims",
    "cluster_stories",
    "crosscheck",
    "crosscheck_stories",
    "profile_sources",
    "story_index",
]


def crosscheck(story: Story, previous: Mapping[str, int] | None = None) -> Story:
    """Fill `duplicates`, `claims` and each article's `kind` and `duplicate_of`; returns the same story."""
    crosscheck_stories(story, previous)
    return story


def crosscheck_stories(story: Story, previous: Mapping[str, int] | None = None) -> list[list[str]]:
    """`crosscheck`, returning the stories (groups of article ids) it aligned claims within.

    Claims are of four kinds: statements (sentences that say the same thing),
    figures, quotes and dated events.

    Copies are found across the whole input; claims are aligned only between
    articles of the same story, as `cluster_stories` groups them; `previous`
    (article id -> story number from an earlier run into the same store) keeps
    the stories already made and only places the new articles.
    """
    story.duplicates = find_duplicates(story)
    mark_copies(story, story.duplicates)
    _set_kinds(story)
    groups = cluster_stories(story, previous=previous)
    index = story_index(groups)
    figures, quotes, events = (
        _by_story(records, index, len(groups)) for records in (story.figures, story.quotes, story.events)
    )
    ctx = build_context(story)
    statement_rows: list[list[int]] = [[] for _ in groups]
    for i, s in enumerate(story.statements):
        if s.article in index:
            statement_rows[index[s.article]].append(i)
    # Word weights come from every statement of the input; sentence vectors (1 KB a statement)
    # are made one story at a time, so a large input never holds them all at once.
    tfidf = statement_tfidf(story.statements)
    claims = []
    for n, rows in enumerate(statement_rows):
        space = build_space([story.statements[i] for i in rows], figures[n], tfidf[rows])
        told = align_statements(ctx, space, range(len(rows)))
        claims += told + align_figures(ctx, figures[n], small_happenings(told, space.statements))
        claims += align_quotes(ctx, quotes[n]) + align_events(ctx, events[n])
    del tfidf  # a tenth of a kilobyte a statement, not wanted past here
    annotate(ctx, claims)
    readable_statements(story, claims)
    story.claims = _sorted_claims(ctx, claims)
    return groups


def align_claims(ctx: Context, article_ids: Iterable[str]) -> list[Claim]:
    """Figure, quote and event claims among the given articles (one story), for callers that group."""
    wanted = set(article_ids)
    story = ctx.story
    return (
        align_figures(ctx, [f for f in story.figures if f.article in wanted])
        + align_quotes(ctx, [q for q in story.quotes if q.article in wanted])
        + align_events(ctx, [v for v in story.events if v.article in wanted])
    )


def _by_story(records: list[R], index: dict[str, int], stories: int) -> list[list[R]]:
    """Records split by the story of their article, in one pass."""
    out: list[list[R]] = [[] for _ in range(stories)]
    for r in records:
        if r.article in index:
            out[index[r.article]].append(r)
    return out


def _set_kinds(story: Story) -> None:
    """News or opinion from the writing; a text too short to judge keeps what cleaning gave it."""
    quotes: dict[str, list[Quote]] = {}
    for q in story.quotes:
        quotes.setdefault(q.article, []).append(q)
    for article in story.articles:
        kind, _score, _evidence = classify(article, quotes.get(article.id, []))
        if kind != "unknown":
            article.kind = kind


def _sorted_claims(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """Most widely reported first within each kind, then in order of first appearance."""

    def key(c: Claim) -> tuple[int, int, int, str]:
        first = min(ctx.order.get(a, 0) for a in c.articles) if c.articles else 0
        return _KIND_ORDER.get(c.kind, 9), -len(ctx.sources_of(c.articles)), first, c.id

    return sorted(claims, key=key)
