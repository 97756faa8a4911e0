"""The HTML report: self-contained, every piece of article text escaped, facts marked in place."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Quote, Removal, Story, content_id
from storyline.report import render_report
from storyline.report.render import Mark, anchored, highlight

HOSTILE = '<script>alert("x")</script> and <img src=x onerror=alert(1)> said "hello" & goodbye'


def hostile_story() -> Story:
    article = Article(
        id=content_id("a", "hostile"),
        source="<b>evil</b>.txt",
        text=f"{HOSTILE}\n\nSecond paragraph \u202e reversed \u0000 text.",
        title='<iframe src="http://evil.example"></iframe>',
        outlet="Outlet <svg onload=alert(2)>",
        removed=[Removal("<script>steal()</script>", "promo")],
    )
    start = article.text.index("hello")
    quote = Quote(
        content_id("q", article.id, start), article.id, start, start + 5, "hello", speaker_text="<i>x</i>"
    )
    return Story(articles=[article], quotes=[quote])


def test_hostile_article_text_cannot_run_script() -> None:
    html = render_report(hostile_story())
    assert "<script" not in html.lower()
    assert "<iframe" not in html.lower()
    assert "<img" not in html.lower()
    assert "<svg" not in html.lower()
    assert "&lt;script&gt;" in html


def test_report_makes_no_outside_request() -> None:
    html = render_report(hostile_story())
    # no external stylesheet, script, font or image: only in-page anchors
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "Content-Security-Policy" in html


def test_highlight_marks_the_fact_and_escapes_around_it() -> None:
    text = 'a < b\n\nsaid "yes" & left'
    start = text.index("yes")
    paragraphs = highlight(text, [Mark(start, start + 3, "quote", "q-1")])
    assert str(paragraphs[0]) == "a &lt; b"
    assert str(paragraphs[1]) == 'said &#34;<mark class="quote" id="q-1">yes</mark>&#34; &amp; left'


def test_overlapping_marks_keep_the_first_longest() -> None:
    text = "one two three"
    paragraphs = highlight(text, [Mark(0, 7, "quote", "q"), Mark(4, 13, "figure", "f")])
    assert str(paragraphs[0]).count("<mark") == 1


def test_every_link_inside_the_report_has_a_target() -> None:
    from story_builders import two_outlet_story

    html = render_report(two_outlet_story())
    targets = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links, "the report should link facts to their sentences"
    assert links <= targets, f"links without a target: {sorted(links - targets)}"


def test_coverage_marks_only_real_copies() -> None:
    from story_builders import two_outlet_story

    story = two_outlet_story()
    html = render_report(story)
    assert "(copy)" not in html
    story.articles[1].duplicate_of = story.articles[0].id
    assert render_report(story).count("(copy)") == 1


def brandt_story() -> Story:
    from storyline.model import Entity, Mention

    text = (
        "Mayor Daniel Brandt spoke first. Brandt said the road was shut.\n\n"
        'Greta Brandt runs the bakery. "We stayed open," said the hall.'
    )
    article = Article(content_id("a", text), "one.txt", text, outlet="Valley Post", published="2026-03-03")

    def at(word: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Mention(article.id, start, start + len(word), word)

    daniel = Entity("e-daniel", "Daniel Brandt", "PERSON", ["Daniel Brandt", "Brandt"])
    daniel.mentions = [at("Daniel Brandt"), at("Brandt", 1)]
    greta = Entity("e-greta", "Greta Brandt", "PERSON", ["Greta Brandt", "Brandt"])
    greta.mentions = [at("Greta Brandt")]
    start = text.index("We stayed open")
    quote = Quote("q-hall", article.id, start, start + 14, "We stayed open", speaker_text="the hall")
    return Story(articles=[article], entities=[daniel, greta], quotes=[quote])


def test_one_alias_is_listed_under_one_actor_and_the_other_says_it_is_shared() -> None:
    html = render_report(brandt_story())
    rows = dict(re.findall(r'<tr id="(e-[a-z]+)">(.*?)</tr>', html, re.S))
    aliases = {
        eid: re.search(r'<td class="muted">([^<]*)', row).group(1).strip() for eid, row in rows.items()
    }
    assert aliases == {"e-daniel": "Brandt", "e-greta": ""}
    assert "unsure: also written ‘Brandt’, which is listed under Daniel Brandt" in rows["e-greta"]


def test_a_speaker_matched_to_no_actor_is_not_a_heading_and_is_marked_unsure() -> None:
    html = render_report(brandt_story())
    quotes = html[html.index('<section id="quotes">') : html.index("</section>", html.index('id="quotes"'))]
    assert re.findall(r"<h3>([^<]+)</h3>", quotes) == ["Speaker not identified"]
    assert "unsure: speaker ‘the hall’ is not matched to any actor" in quotes


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab \n.", max_size=40),
    spans=st.lists(
        st.tuples(st.integers(-2, 42), st.integers(0, 12), st.sampled_from(["quote", "event", "statement"])),
        max_size=8,
    ),
)
def test_anchored_names_the_ids_highlight_gives_an_element(
    text: str, spans: list[tuple[int, int, str]]
) -> None:
    # the report links to a fact before its article is written, so which facts get an element is
    # worked out apart from the HTML; it must be exactly the set the HTML then has
    marks = [Mark(start, start + length, kind, f"m{n}") for n, (start, length, kind) in enumerate(spans)]
    opened: set[str] = set()
    highlight(text, marks, opened)
    assert anchored(text, marks) == opened
