"""Look-alike and reprinted input stays bounded: every alignment meets a capped number of candidates,
and on input too small to need the caps the results are the same as comparing everything."""

from __future__ import annotations

import random

from storyline.crosscheck import claims_quotes, duplicates
from storyline.crosscheck.claims import build_context
from storyline.crosscheck.claims_quotes import align_quotes
from storyline.crosscheck.duplicates import near_pairs, shingles, star_pairs
from storyline.model import Article, Entity, Quote, Story

WIRE = (
    "The regional council said on Tuesday that the flood barrier along the northern river bank "
    "would be rebuilt before the winter storms arrive in the valley."
)


def _reprinted(copies: int, seed: int = 2) -> list[set[str]]:
    """One paragraph reprinted `copies` times, a longer version of it as often, and unrelated text."""
    rng = random.Random(seed)
    longer = WIRE + " Officials gave no cost."
    sets = [shingles(WIRE)] * copies + [shingles(longer)] * copies
    sets += [shingles(" ".join(f"w{rng.randint(0, 900)}" for _ in range(30))) for _ in range(50)]
    order = list(range(len(sets)))
    rng.shuffle(order)
    return [sets[i] for i in order]


def test_a_paragraph_reprinted_thousands_of_times_gives_about_one_pair_per_copy() -> None:
    sets = _reprinted(1500)
    rank = lambda i: (i * 7919) % len(sets)  # noqa: E731 - any order other than the index
    pairs = near_pairs(sets, 0.8, rank)
    # every copy of either wording: one pair in its own class, one or two with the other wording
    assert len(pairs) <= 3 * 3000
    # compared exactly: all (1500 * 1499) pairs in each class and 1500 * 1500 between them
    assert len(near_pairs(sets[:200], 0.8)) > 2000


def test_the_bounded_pairs_give_the_same_copy_records_as_every_pair(monkeypatch) -> None:
    sets = _reprinted(120)
    rank = lambda i: (i * 7919) % len(sets)  # noqa: E731
    # forbid some pairs, as paragraphs of two articles already known as copies are
    allowed = lambda i, j: (rank(i) + rank(j)) % 7 < 2  # noqa: E731
    exact = [p for p in near_pairs(sets, 0.8) if allowed(p[0], p[1])]
    monkeypatch.setattr(duplicates, "EXACT_PAIRS", 4)  # every class past the exact size
    bounded = near_pairs(sets, 0.8, rank, allowed)
    assert len(bounded) < len(exact) / 10
    assert star_pairs(bounded, rank) == star_pairs(exact, rank)


def test_small_classes_still_list_every_pair() -> None:
    sets = _reprinted(5)
    rank = lambda i: -i  # noqa: E731
    assert sorted(near_pairs(sets, 0.8, rank)) == sorted(near_pairs(sets, 0.8))


def _quote_story(n: int) -> Story:
    """`n` outlets print one long line, each crediting it to a speaker of its own."""
    line = "we checked every home in the district before the water came in"
    story = Story()
    for k in range(n):
        article = Article(
            id=f"a-{k:05d}", source=f"feed#{k}", text=f'"{line}," said Person {k}.', outlet=f"O{k}"
        )
        story.articles.append(article)
        story.entities.append(Entity(f"e-{k}", f"Person {k}", "PERSON"))
        story.quotes.append(Quote(f"q-{k:05d}", article.id, 1, 1 + len(line), line, f"e-{k}", f"Person {k}"))
    return story


def test_one_line_credited_to_thousands_of_speakers_compares_a_bounded_number_of_them(monkeypatch) -> None:
    calls = [0]
    real = claims_quotes._same_person

    def counted(short: str, long: str) -> bool:
        calls[0] += 1
        return real(short, long)

    monkeypatch.setattr(claims_quotes, "_same_person", counted)
    story = _quote_story(3000)
    claims = align_quotes(build_context(story), story.quotes)
    assert len(claims) == 1 and len(claims[0].members) == 3000
    assert claims[0].status == "conflicting"
    assert "Person 0" in claims[0].note and "Person 1" in claims[0].note  # the first two credited apart
    assert calls[0] <= claims_quotes.MAX_COMPARED**2
