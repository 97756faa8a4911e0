"""Claims read as a sentence a member wrote, quotes in two parts kept apart, in the report and explorer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fastapi.testclient import TestClient

from story_builders import figure_at, two_outlet_story, write_story
from storyline.model import Article, Claim, Quote, Story, content_id
from storyline.report import render_report
from storyline.report.headlines import headline, quote_parts, readable
from storyline.web import create_app

TEXT = (
    "Mirrowford’s mayor, Daniel Brandt, puts it above 2,000, because his staff also counted residents "
    "who drove to relatives.\n\n"
    '"We opened every gate we had," said Tomas Reyne, the chief executive. '
    '"The spillway did what it was designed to do, until it didn\'t." He left soon after.'
)
MAYOR = "Mirrowford’s mayor, Daniel Brandt, puts it above 2,000, because his staff also counted residents"
TWO_PARTS = (
    '"We opened every gate we had," said Tomas Reyne, the chief executive. '
    '"The spillway did what it was designed to do, until it didn\'t."'
)


def built_phrase_story() -> Story:
    """One article whose claims carry the phrases alignment builds: a figure's words, a glued quote."""
    article = Article(content_id("a", TEXT), "one.txt", TEXT, outlet="Valley Post", published="2026-03-05")
    figure = figure_at(article, "above 2,000", 2000, "people", "mayor puts")
    start = TEXT.index("We opened")
    end = TEXT.index("didn't.") + len("didn't.")
    glued = "We opened every gate we had The spillway did what it was designed to do, until it didn't."
    quote = Quote(
        content_id("q", start), article.id, start, end, glued, speaker_text="Tomas Reyne", cue="say"
    )
    claims = [
        Claim(
            content_id("c", "f"),
            "figure",
            "above 2,000 mayor puts (1 outlet)",
            [figure.id],
            [article.id],
            "single_source",
        ),
        Claim(
            content_id("c", "q"),
            "quote",
            f"Tomas Reyne: “{glued}” (1 outlet)",
            [quote.id],
            [article.id],
            "single_source",
        ),
    ]
    return Story(articles=[article], figures=[figure], quotes=[quote], claims=claims)


def test_a_figure_claim_reads_as_the_sentence_that_states_it() -> None:
    story = built_phrase_story()
    assert headline(story, story.claims[0]).startswith(MAYOR)
    assert headline(story, story.claims[0]).endswith("drove to relatives.")


def test_a_quote_in_two_parts_keeps_its_parts_and_the_words_between() -> None:
    story = built_phrase_story()
    assert headline(story, story.claims[1]) == TWO_PARTS


def test_a_disagreement_keeps_the_statement_naming_both_values() -> None:
    story = two_outlet_story()
    conflict, shared = story.claims
    assert headline(story, conflict) == conflict.statement
    assert headline(story, shared) == '"We moved everyone we could reach," said Mara Lind, the mayor.'


def test_readable_changes_only_the_statements() -> None:
    story = built_phrase_story()
    shown = readable(story)
    assert [c.members for c in shown.claims] == [c.members for c in story.claims]
    assert [c.statement for c in shown.claims] != [c.statement for c in story.claims]
    assert story.claims[0].statement == "above 2,000 mayor puts (1 outlet)", "the story itself is untouched"


def test_report_and_explorer_show_the_sentence_not_the_built_phrase(tmp_path: Path) -> None:
    story = built_phrase_story()
    html = render_report(story)
    assert "mayor puts (1 outlet)" not in html and "we had The spillway" not in html
    assert "puts it above 2,000, because" in html
    client = TestClient(create_app(write_story(story, tmp_path / "s")), base_url="http://127.0.0.1:8765")
    for path in ("/claims", f"/claims/{story.claims[0].id}", f"/claims/{story.claims[1].id}"):
        page = client.get(path).text
        assert "mayor puts (1 outlet)" not in page and "we had The spillway" not in page, path
    assert "until it didn&#39;t.&#34;" in client.get(f"/claims/{story.claims[1].id}").text


def test_a_quote_in_two_parts_is_shown_with_an_ellipsis_where_the_attribution_stood(tmp_path: Path) -> None:
    story = built_phrase_story()
    quote = story.quotes[0]
    shown = "We opened every gate we had … The spillway did what it was designed to do, until it didn't."
    assert quote_parts(TEXT, quote) == shown
    single = dataclasses.replace(quote, end=TEXT.index(',"'), text="We opened every gate we had")
    assert quote_parts(TEXT, single) == "We opened every gate we had"
    client = TestClient(create_app(write_story(story, tmp_path / "s")), base_url="http://127.0.0.1:8765")
    assert "gate we had … The spillway" in client.get("/quotes").text
    assert "gate we had … The spillway" in client.get(f"/quotes/{quote.id}").text
    assert "gate we had … The spillway" in render_report(story)
