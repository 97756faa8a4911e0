"""Cross-article boilerplate: lines one outlet repeats in many articles leave every one of them."""

from __future__ import annotations

import pytest

from storyline.clean import assemble, remove_boilerplate
from storyline.clean.shape import Block
from storyline.model import Article, Span

FOOTER = "Got a tip? The newsroom reads every message sent to the desk."
SIGNUP = "Sign up for the Morning Brief and get the valley's news first."
POST = "The square is under water again this morning — Ann Poe (@annpoe) March 3, 2026"


def article(
    n: int,
    body: list[str],
    outlet: str | None = "Example Courier",
    source: str | None = None,
    post_at: int | None = None,
) -> Article:
    blocks = [Block(text, post=0 if i == post_at else None) for i, text in enumerate(body)]
    text, spans = assemble(blocks)
    return Article(id=f"a-{n}", source=source or f"pages/{n}.txt", text=text, outlet=outlet, embeds=spans)


def three_articles(**kwargs: object) -> list[Article]:
    return [
        article(1, ["The bridge reopened on Monday after three weeks of repairs.", FOOTER, SIGNUP], **kwargs),
        article(
            2,
            ["Farmers counted their losses as the water went down.", POST, FOOTER, SIGNUP],
            post_at=1,
            **kwargs,
        ),
        article(3, ["The school will reopen next week, the council said.", FOOTER.upper(), SIGNUP], **kwargs),
    ]


def test_lines_shared_by_three_articles_of_one_outlet_are_removed() -> None:
    cleaned = remove_boilerplate(three_articles(), min_articles=3)
    assert [a.text for a in cleaned] == [
        "The bridge reopened on Monday after three weeks of repairs.",
        "Farmers counted their losses as the water went down.\n\n" + POST,
        "The school will reopen next week, the council said.",
    ]
    for a in cleaned:
        reasons = {r.text.casefold(): (r.reason, r.rule) for r in a.removed}
        assert reasons[FOOTER.casefold()] == ("navigation", "recurring")
        assert reasons[SIGNUP.casefold()] == ("promo", "recurring")


def test_embed_span_moves_with_its_paragraph() -> None:
    cleaned = remove_boilerplate(three_articles(), min_articles=3)
    span = cleaned[1].embeds[0]
    assert cleaned[1].text[span.start : span.end] == POST


def test_embed_span_after_a_removed_line_is_shifted() -> None:
    arts = three_articles()
    arts[1] = article(2, [FOOTER, "Farmers counted their losses.", POST, SIGNUP], post_at=2)
    cleaned = remove_boilerplate(arts, min_articles=3)
    span = cleaned[1].embeds[0]
    assert cleaned[1].text == "Farmers counted their losses.\n\n" + POST
    assert (span.start, span.end) == (len("Farmers counted their losses.\n\n"), len(cleaned[1].text))


def test_lines_in_fewer_articles_than_the_threshold_stay() -> None:
    cleaned = remove_boilerplate(three_articles(), min_articles=4)
    assert all(FOOTER in a.text or FOOTER.upper() in a.text for a in cleaned)
    assert all(not a.removed for a in cleaned)


def test_different_outlets_do_not_pool_their_lines() -> None:
    arts = three_articles()
    arts[2].outlet = "Other Herald"
    cleaned = remove_boilerplate(arts, min_articles=3)
    assert all(not a.removed for a in cleaned)


def test_articles_without_outlet_group_by_source_folder() -> None:
    same_folder = remove_boilerplate(three_articles(outlet=None), min_articles=3)
    assert all(SIGNUP not in a.text for a in same_folder)
    spread = three_articles(outlet=None)
    for i, a in enumerate(spread):
        a.source = f"folder{i}/page.txt"
    assert all(not a.removed for a in remove_boilerplate(spread, min_articles=3))


def test_identical_copies_of_one_story_do_not_empty_each_other() -> None:
    body = ["The bridge reopened on Monday after three weeks of repairs.", "Traffic was light, police said."]
    copies = [article(n, body) for n in range(3)]
    cleaned = remove_boilerplate(copies, min_articles=3)
    assert [a.text for a in cleaned] == [a.text for a in copies]


def test_input_articles_are_not_changed() -> None:
    arts = three_articles()
    before = [a.text for a in arts]
    remove_boilerplate(arts, min_articles=3)
    assert [a.text for a in arts] == before


def test_threshold_below_two_is_refused() -> None:
    with pytest.raises(ValueError):
        remove_boilerplate(three_articles(), min_articles=1)


def test_assemble_spans_cover_consecutive_blocks_of_one_post() -> None:
    text, spans = assemble(
        [Block("Intro."), Block("Post words", post=0), Block("— A (@a) May 1, 2024", post=0)]
    )
    assert spans == [Span(len("Intro.\n\n"), len(text), "post")]
