"""Copy finding on reprinted text: identical paragraphs are compared once, one record per copy."""

from __future__ import annotations

import random

from storyline.crosscheck.duplicates import find_duplicates, near_pairs, shingles, star_pairs
from storyline.model import Article, Story

WIRE = (
    "The regional council said on Tuesday that the flood barrier along the northern river bank "
    "would be rebuilt before the winter storms arrive in the valley."
)


def test_identical_sets_pair_with_every_member_and_similar_ones_with_their_match() -> None:
    sets = (
        [shingles(WIRE)] * 4
        + [shingles(WIRE + " Officials gave no cost.")]
        + [shingles("Nothing alike here at all.")]
    )
    pairs = {(i, j): sim for i, j, sim in near_pairs(sets, 0.8)}
    assert {(i, j) for i, j in pairs if j < 4} == {(i, j) for i in range(4) for j in range(i + 1, 4)}
    assert all(pairs[(i, j)] == 1.0 for i in range(4) for j in range(i + 1, 4))
    assert all((i, 4) in pairs and 0.8 <= pairs[(i, 4)] < 1.0 for i in range(4))
    assert not any(5 in pair for pair in pairs)


def test_star_pairs_links_each_member_to_the_earliest_it_matches() -> None:
    # 0-1-2 a chain (0 and 2 do not match), 3-4 apart; rank is the index reversed
    found = [(0, 1, 0.9), (1, 2, 0.85), (3, 4, 0.95)]
    assert star_pairs(found, lambda i: -i) == [(0, 1, 0.9), (1, 2, 0.85), (3, 4, 0.95)]
    # ranked by index: 1 pairs with 0, 2 with 1 (its only match), 4 with 3
    assert star_pairs(found, lambda i: i) == [(0, 1, 0.9), (1, 2, 0.85), (3, 4, 0.95)]
    triangle = [(0, 1, 0.9), (0, 2, 0.8), (1, 2, 0.99)]
    assert star_pairs(triangle, lambda i: i) == [(0, 1, 0.9), (0, 2, 0.8)]
    assert star_pairs(triangle, lambda i: -i) == [(0, 2, 0.8), (1, 2, 0.99)]


def test_a_paragraph_reprinted_by_many_outlets_gives_one_record_per_copy() -> None:
    rng = random.Random(4)
    vocabulary = [f"word{n}" for n in range(500)]
    story = Story()
    for n in range(120):
        own = " ".join(rng.choice(vocabulary) for _ in range(60))  # each outlet's own paragraph
        story.articles.append(Article(id=f"a-{n:03d}", source=f"outlet-{n}", text=f"{own}\n\n{WIRE}"))
    records = [d for d in find_duplicates(story) if d.scope == "paragraph"]
    assert len(records) == 119
    assert {d.a["article"] for d in records} == {"a-000"}
    assert sorted(d.b["article"] for d in records) == [f"a-{n:03d}" for n in range(1, 120)]
