"""Claim alignment on look-alike reports stays bounded: figures and events meet a capped number of others."""

from __future__ import annotations

import random

from storyline.crosscheck.claims import build_context, greedy_clusters, words
from storyline.crosscheck.claims_events import align_events
from storyline.crosscheck.claims_events import candidate_pairs as event_candidate_pairs
from storyline.crosscheck.claims_events import prepare as prepare_events
from storyline.crosscheck.claims_figures import (
    EXACT_BLOCK,
    NEIGHBOURS,
    agree,
    align_figures,
    candidate_pairs,
    read_figure,
)
from storyline.crosscheck.claims_quotes import candidate_pairs as quote_pairs
from storyline.crosscheck.claims_quotes import quote_groups
from storyline.model import Article, Event, Figure, Quote, Story, content_id


def lookalike_story(reports: int, sentences: int = 40, seed: int = 3) -> Story:
    """A feed of district reports: every sentence counts homes checked, only the numbers change."""
    rng = random.Random(seed)
    story = Story()
    for r in range(reports):
        parts, figures, events = [], [], []
        offset = 0
        article_id = content_id("a", "report", r)
        for s in range(sentences):
            homes, district, day = rng.randint(20, 900), rng.randint(1, 60), 1 + (r + s) % 28
            sentence = (
                f"Officials in district {district} said {homes} homes were checked on 2024-05-{day:02d}."
            )
            start = offset + sentence.index(str(homes))
            text = f"{homes} homes"
            figures.append(
                Figure(content_id("f", article_id, start), article_id, start, start + len(text), text,
                       float(homes), "homes", "exact", "homes checked")
            )  # fmt: skip
            summary = f"officials in district {district} checked homes"
            events.append(
                Event(content_id("v", article_id, offset), article_id, offset, offset + len(sentence),
                      f"2024-05-{day:02d}", f"May {day}", summary, [])
            )  # fmt: skip
            parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(parts)
        story.articles.append(
            Article(id=article_id, source=f"feed.jsonl#{r}", text=text, outlet=f"Outlet {r % 12}")
        )
        story.figures += figures
        story.events += events
    return story


def test_lookalike_figures_are_scored_against_a_bounded_number_of_others() -> None:
    story = lookalike_story(60)  # 2,400 figures, all "homes checked": 2.8 million pairs in one block
    figs = [read_figure(f, set()) for f in story.figures]
    pairs = candidate_pairs(figs)
    # two orders, NEIGHBOURS on each side, two blocks (the measure word and the unit) per figure
    assert len(pairs) <= len(figs) * 4 * NEIGHBOURS * 2 // 2
    assert len(pairs) < len(figs) * (len(figs) - 1) // 2 // 20
    partners: dict[int, int] = {}
    for i, j in pairs:
        partners[i] = partners.get(i, 0) + 1
        partners[j] = partners.get(j, 0) + 1
    assert max(partners.values()) <= 2 * 2 * 2 * NEIGHBOURS


def test_a_small_block_still_compares_every_pair() -> None:
    story = lookalike_story(3, sentences=EXACT_BLOCK // 3)
    figs = [read_figure(f, set()) for f in story.figures]
    different_articles = sum(
        1
        for i in range(len(figs))
        for j in range(i + 1, len(figs))
        if figs[i].figure.article != figs[j].figure.article
    )
    assert len(candidate_pairs(figs)) == different_articles


def test_the_same_value_in_two_outlets_is_still_corroborated_among_lookalikes() -> None:
    story = lookalike_story(40)
    for article in story.articles[7:9]:  # two outlets give a number no other sentence has
        f = next(f for f in story.figures if f.article == article.id)
        f.value, f.text = 4321.0, "4,321 homes"
    ctx = build_context(story)
    claims = align_figures(ctx, story.figures)
    marked = {f.id for f in story.figures if f.value == 4321.0}
    holding = [c for c in claims if marked & set(c.members)]
    assert len(holding) == 1 and marked <= set(holding[0].members)
    assert holding[0].status in ("corroborated", "conflicting")


def test_one_article_never_gives_two_values_in_one_lookalike_claim() -> None:
    story = lookalike_story(40)
    ctx = build_context(story)
    read = {f.id: read_figure(f, set()) for f in story.figures}
    for claim in align_figures(ctx, story.figures):
        members = [read[m] for m in claim.members]
        for n, a in enumerate(members):
            assert all(agree(a, b) for b in members[n + 1 :] if a.figure.article == b.figure.article)


def test_lookalike_events_are_scored_against_a_bounded_number_of_others() -> None:
    story = lookalike_story(60)  # 2,400 events sharing "officials", "district", "checked", "homes"
    ctx = build_context(story)
    evs = prepare_events(ctx, story.events)
    pairs = event_candidate_pairs(evs)
    assert len(pairs) < len(evs) * (len(evs) - 1) // 2 // 20
    assert align_events(ctx, story.events)


def test_a_refused_join_stays_refused_as_groups_grow() -> None:
    # items 0 and 1 are one article's two different values; 2 and 3 join each of them
    values = [1.0, 2.0, 1.0, 2.0]
    part = ["a", "a", "b", "c"]
    pairs = [(0.9, 0, 2), (0.9, 1, 3), (0.8, 2, 3), (0.7, 0, 3), (0.6, 1, 2)]
    groups = greedy_clusters(4, pairs, part=lambda i: part[i], fits=lambda i, j: values[i] == values[j])
    assert groups == [[0, 2], [1, 3]]


def test_lookalike_quotes_are_compared_a_bounded_number_of_times_and_still_join() -> None:
    line = "we checked every home in the district before the water came"
    other = "the pumps ran all night and every home in the district stayed dry"
    quotes = [
        Quote(content_id("q", n), content_id("a", n), 0, 10, line if n % 2 else other, None, None, "said")
        for n in range(1000)
    ]
    tokens = [words(q.text) for q in quotes]
    pairs = quote_pairs(tokens, [q.speaker for q in quotes])
    assert len(pairs) < len(quotes) * (len(quotes) - 1) // 2 // 20
    groups = quote_groups(quotes)
    assert sorted(len(g) for g in groups) == [500, 500]
