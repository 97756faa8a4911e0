"""Copies across and inside articles, the original a copy counts as, and rewrites found by their facts."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from story_builders import figure_at
from storyline.crosscheck.duplicates import (
    NUM_PERM,
    SEED,
    _Bands,
    _signature,
    find_duplicates,
    find_rewrites,
    hashed,
    mark_copies,
    paragraphs,
    shingles,
)
from storyline.crosscheck.profiles import profile_sources
from storyline.crosscheck.run import crosscheck
from storyline.model import Article, Event, Quote, Story, content_id

WIRE = (
    "Floodwater from the swollen Tarrow River forced the evacuation of 1,240 residents from low-lying "
    "streets of Marlow Creek on Monday, county officials said.\n"
    "Emergency crews went door to door through the night, carrying elderly people to boats as the water "
    "rose above the garden walls of the old mill district.\n"
    "\u201cWe have never seen the river climb this fast,\u201d said fire chief Dana Pruitt, who has served "
    "the town for twenty-two years.\n"
    "The county opened two shelters at the high school and the community hall, and said it expected "
    "the water to stay high until at least Thursday."
)
REWRITE = (
    "Some 1,240 people living near the Tarrow River had to leave their homes in Marlow Creek on Monday as "
    "the water kept rising, according to the county.\n"
    "\u201cWe have never seen the river climb this fast,\u201d fire chief Dana Pruitt told reporters.\n"
    "Volunteers and firefighters used boats overnight to reach older residents trapped in the mill "
    "district. Shelters are open at the high school and community hall, and officials warned the flood "
    "would last until Thursday."
)
UNRELATED = (
    "The Marlow Creek library board voted on Tuesday to extend weekend opening hours from next month, "
    "after a survey found that most members could only visit on Saturdays.\n"
    "The change will cost the town about 18,000 dollars a year, the board treasurer said, and will be "
    "paid for from a reserve fund set aside for building repairs."
)


def make_article(text: str, outlet: str, published: str | None = "2024-03-04") -> Article:
    return Article(
        id=content_id("a", outlet, text),
        source=f"{outlet}.txt",
        text=text,
        outlet=outlet,
        published=published,
    )


def make_quote(article: Article, words: str) -> Quote:
    start = article.text.index(words)
    return Quote(
        content_id("q", article.id, start), article.id, start, start + len(words), words, None, "Dana Pruitt"
    )


def make_event(article: Article, summary: str, date: str) -> Event:
    start = article.text.index(summary)
    return Event(
        content_id("v", article.id, start), article.id, start, start + len(summary), date, "Monday", summary
    )


def reprint(text: str) -> str:
    """How a newspaper reprints a wire story: own dateline, one sentence trimmed."""
    return "MARLOW CREEK \u2014 " + text.replace(", who has served the town for twenty-two years", "")


def test_wire_copy_points_to_earliest_original_and_counts_once() -> None:
    wire = make_article(WIRE, "Wire Service", "2024-03-04")
    herald = make_article(reprint(WIRE), "Herald", "2024-03-05")
    tribune = make_article(WIRE, "Tribune", "2024-03-05")
    other = make_article(UNRELATED, "Gazette", "2024-03-05")
    story = Story(articles=[herald, tribune, wire, other])
    story.figures = [
        figure_at(a, "1,240 residents", 1240, "residents", "residents evacuated")
        for a in (herald, tribune, wire)
    ]
    crosscheck(story)
    assert herald.duplicate_of == wire.id and tribune.duplicate_of == wire.id
    assert wire.duplicate_of is None and other.duplicate_of is None
    whole = [d for d in story.duplicates if d.scope == "article"]
    # one record per copy, each naming the original first
    assert sorted((d.a["article"], d.b["article"]) for d in whole) == sorted(
        [(wire.id, herald.id), (wire.id, tribune.id)]
    )
    assert all(d.similarity >= 0.7 for d in whole)
    [claim] = [c for c in story.claims if c.kind == "figure"]
    assert claim.status == "single_source"
    # the copies count as their original: one source
    sources = {a.duplicate_of or a.id for a in story.articles if a.id in claim.articles}
    assert sources == {wire.id}
    assert sorted(claim.articles) == sorted([wire.id, herald.id, tribune.id])


def test_copy_group_original_is_earliest_then_first_id() -> None:
    first = make_article(WIRE, "Zeta News", "2024-03-04")
    same_day = make_article(WIRE, "Alpha News", "2024-03-04")
    undated = make_article(WIRE, "Early Bird", None)
    story = Story(articles=[undated, first, same_day])
    mark_copies(story, find_duplicates(story))
    original = min(first.id, same_day.id)
    assert {a.id: a.duplicate_of for a in story.articles} == {
        original: None,
        max(first.id, same_day.id): original,
        undated.id: original,
    }


def test_article_record_spans_whole_text_and_earlier_article_comes_first() -> None:
    wire = make_article(WIRE, "Wire Service", "2024-03-04")
    copy = make_article(reprint(WIRE), "Herald", "2024-03-06")
    [dup] = [d for d in find_duplicates(Story(articles=[copy, wire])) if d.scope == "article"]
    assert dup.a == {"article": wire.id, "start": 0, "end": len(WIRE)}
    assert dup.b == {"article": copy.id, "start": 0, "end": len(copy.text)}


def test_paragraph_repeated_inside_one_article_is_found_with_offsets() -> None:
    repeated = WIRE.split("\n")[1]
    text = (
        WIRE
        + "\n"
        + "Residents were told to stay away from the bridge until engineers inspect it.\n"
        + repeated
    )
    art = make_article(text, "Herald")
    dups = [d for d in find_duplicates(Story(articles=[art])) if d.scope == "paragraph"]
    assert len(dups) == 1
    a, b = dups[0].a, dups[0].b
    assert a["article"] == b["article"] == art.id
    assert text[a["start"] : a["end"]] == repeated == text[b["start"] : b["end"]]
    assert a["start"] < b["start"]


def test_paragraph_shared_by_two_different_articles_is_found() -> None:
    shared = WIRE.split("\n")[3]
    one = make_article(UNRELATED + "\n" + shared, "Gazette")
    two = make_article("Schools in the valley will close early on Friday.\n" + shared, "Post")
    dups = find_duplicates(Story(articles=[one, two]))
    assert [d.scope for d in dups] == ["paragraph"]
    assert {dups[0].a["article"], dups[0].b["article"]} == {one.id, two.id}


def test_paragraph_reprinted_by_many_gives_one_record_per_copy() -> None:
    shared = WIRE.split("\n")[1]
    own = [UNRELATED, REWRITE, "Schools in the valley will close early on Friday.", WIRE.split("\n")[0]]
    arts = [make_article(f"{text}\n{shared}", f"Outlet {n}") for n, text in enumerate(own)]
    dups = find_duplicates(Story(articles=arts))
    assert len(dups) == 3 and all(d.scope == "paragraph" for d in dups)
    first = min(arts, key=lambda a: a.id)
    assert all(d.a["article"] == first.id for d in dups)


def test_short_repeated_lines_are_not_duplicates() -> None:
    text = "Updated at noon.\n" + UNRELATED + "\nUpdated at noon."
    assert find_duplicates(Story(articles=[make_article(text, "Gazette")])) == []


def test_paragraphs_are_trimmed_lines() -> None:
    text = "  First line here. \n\nSecond line."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line here.", "Second line."]


def _fact_story() -> tuple[Story, Article, Article]:
    """A wire story and a rewrite of it: one figure, one quote, three dated events, told in one order."""
    wire = make_article(WIRE, "Wire Service", "2024-03-04")
    rewrite = make_article(REWRITE, "Post", "2024-03-05")
    story = Story(articles=[wire, rewrite])
    for art, lead in ((wire, "forced the evacuation"), (rewrite, "had to leave their homes")):
        story.figures.append(figure_at(art, "1,240", 1240, "people", "people evacuated"))
        story.quotes.append(make_quote(art, "We have never seen the river climb this fast,"))
        story.events.append(make_event(art, lead, "2024-03-04"))
        story.events.append(make_event(art, "high school", "2024-03-05"))
        story.events.append(make_event(art, "Thursday", "2024-03-07"))
    return story, wire, rewrite


def test_rewrite_with_same_facts_in_same_order_is_flagged_not_copied() -> None:
    story, wire, rewrite = _fact_story()
    crosscheck(story)
    assert rewrite.duplicate_of is None
    assert not [d for d in story.duplicates if d.scope == "article"]
    assert find_rewrites(story) == {rewrite.id: wire.id}
    profiles = profile_sources(story)
    assert profiles[rewrite.id].rewrite_of == wire.id
    assert profiles[wire.id].rewrite_of is None


def test_same_facts_in_another_order_is_not_a_rewrite() -> None:
    story, wire, rewrite = _fact_story()
    # the second article now tells the later events first
    for v in story.events:
        if v.article == rewrite.id:
            v.start = 10_000 - v.start
    for q in story.quotes:
        if q.article == rewrite.id:
            q.start = 10_000
    assert find_rewrites(story) == {}


def test_duplicates_are_the_same_on_every_run() -> None:
    def build() -> Story:
        return Story(
            articles=[
                make_article(WIRE, "Wire Service", "2024-03-04"),
                make_article(reprint(WIRE), "Herald", "2024-03-05"),
                make_article(UNRELATED + "\n" + WIRE.split("\n")[3], "Gazette"),
            ]
        )

    first = [d.to_dict() for d in find_duplicates(build())]
    assert first and first == [d.to_dict() for d in find_duplicates(build())]


def _lines() -> list[str]:
    """Paragraphs with near copies among them: each line of the texts above, and each with one
    word changed."""
    lines = [line for text in (WIRE, REWRITE, UNRELATED) for line in text.split("\n")]
    return lines + [line.replace(" the ", " a ", 1) for line in lines]


def test_packed_hashes_give_the_signature_minhash_gives_the_strings() -> None:
    # copies are found from each set's packed hashes, so the strings need not be kept; the
    # signature must be the very one datasketch makes from the shingles themselves
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    for line in _lines():
        s = shingles(line)
        direct = MinHash(
            num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=template.scheme
        )
        direct.update_batch([x.encode("utf-8") for x in s])
        assert (_signature(hashed(s), template) == direct.hashvalues).all()


def test_bands_propose_the_candidates_minhash_lsh_proposes() -> None:
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    signatures = np.stack([_signature(hashed(shingles(line)), template) for line in _lines()])
    lsh = MinHashLSH(threshold=0.65, num_perm=NUM_PERM)
    for n, row in enumerate(signatures):
        lsh.insert(n, MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=row, scheme=template.scheme))
    bands = _Bands(signatures, 0.65)
    for n, row in enumerate(signatures):
        query = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=row, scheme=template.scheme)
        assert bands.sharing(n) == set(lsh.query(query))
    # the one-word edits do share a bucket with their originals
    half = len(signatures) // 2
    assert sum(n + half in bands.sharing(n) for n in range(half)) >= half // 2
