"""The report's claims: disagreements first with both sentences, revisions in time order, statement claims."""

from __future__ import annotations

import re
from pathlib import Path

from story_builders import HOSTILE_SENTENCE, disagreeing_story, statement_at, two_outlet_story
from storyline.model import Article, Claim, Disagreement, Story, content_id
from storyline.report import render_report
from storyline.report.claims import ClaimBook, differing, sentence_span
from storyline.report.render import Mark, highlight


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


def test_overview_opens_with_disagreements_then_corroborated_then_single_source() -> None:
    html = render_report(disagreeing_story())
    overview = section(html, '<section id="overview">', "</section>")
    heads = re.findall(r"<h3[^>]*>([^<]+)</h3>", overview)
    assert heads[:4] == [
        "Where outlets disagree",
        "Updated over time",
        "Corroborated",
        "Only one outlet says",
    ]
    corroborated = section(overview, ">Corroborated<", ">Only one outlet says<")
    assert "The mayor ordered the evacuation of the valley." in corroborated
    assert "Sandbags ran out" not in corroborated
    assert "Sandbags ran out" in section(overview, ">Only one outlet says<", ">In numbers<")


def test_a_disagreement_shows_both_sentences_side_by_side_with_outlets_dates_and_note() -> None:
    html = render_report(disagreeing_story())
    dispute = section(html, '<div class="dispute">', ">Updated over time<")
    sides = re.findall(r'<div class="side">(.*?)</div>', dispute, re.S)
    assert len(sides) == 2
    assert "Valley Post" in sides[0] and "2026-03-03" in sides[0] and "attributed to officials" in sides[0]
    assert "Hill &lt;i&gt;Times&lt;/i&gt;" in sides[1] and "2026-03-05" in sides[1]
    assert "says the dam was inspected" in dispute  # the note
    # the denial's cue word is what is marked, and the article's markup stays text
    assert '<mark class="diff">not</mark>' in sides[1]
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in sides[1]


def test_updated_claim_shows_its_values_in_time_order_with_outlets() -> None:
    html = render_report(disagreeing_story())
    updated = section(html, ">Updated over time<", ">Corroborated<")
    rows = re.findall(
        r"<tr><td>(\d{4}-\d\d-\d\d)</td>\s*<td><a[^>]*>([^<]+)</a></td>\s*<td>([^<]+)</td>", updated
    )
    assert rows == [
        ("2026-03-03", "1,240", "Valley Post"),
        ("2026-03-05", "2,100", "Hill &lt;i&gt;Times&lt;/i&gt;"),
    ]
    assert '<span class="pill updated">1 updated</span>' in html


def test_statement_claim_lists_every_members_sentence_with_date_and_attribution() -> None:
    story = disagreeing_story()
    claim = story.claims[0]
    html = render_report(story)
    block = section(html, f'<div class="claim" id="{claim.id}">', "</details>")
    assert "<th>Date stated</th><th>Attributed to</th>" in block
    cells = re.findall(r'<td class="sentence"><b>(.*?)</b>', block, re.S)
    assert cells == [
        "The dam was inspected last year, officials said.",
        HOSTILE_SENTENCE.replace("<", "&lt;").replace(">", "&gt;"),
    ]
    for member in claim.members:
        assert f'href="#{member}"' in block


def test_every_link_inside_the_report_has_a_target_with_statement_claims() -> None:
    for story in (disagreeing_story(), two_outlet_story(hostile=True)):
        html = render_report(story)
        targets = set(re.findall(r'id="([^"]+)"', html))
        links = set(re.findall(r'href="#([^"]+)"', html))
        assert any(link.startswith("s-") for link in links) or not story.statements
        assert links <= targets, f"links without a target: {sorted(links - targets)}"


def test_a_fact_pushed_out_by_an_overlapping_mark_links_to_its_article() -> None:
    story = two_outlet_story()
    quote = story.quotes[0]
    figure = story.figures[0]
    # a figure inside a quote: the longer quote keeps the mark, the figure's link falls back to its article
    figure.start, figure.end, figure.article = quote.start + 3, quote.start + 9, quote.article
    html = render_report(story)
    assert f'id="{figure.id}"' not in html
    assert f'href="#{figure.id}"' not in html and f'href="#{quote.article}"' in html


def test_statements_wrap_event_and_inner_marks() -> None:
    text = "Officials said 1,200 left."
    marks = [Mark(0, len(text), "statement", "s-1"), Mark(15, 20, "figure", "f-1")]
    (paragraph,) = highlight(text, marks)
    assert str(paragraph) == (
        '<span class="statement" id="s-1">Officials said </span>'
        '<span class="statement"><mark class="figure" id="f-1">1,200</mark></span>'
        '<span class="statement"> left.</span>'
    )


def test_word_diff_marks_what_one_sentence_adds_or_changes() -> None:
    a = "The dam was inspected last year."
    b = "The dam had not been inspected last year."
    ra, rb = differing(a, b)  # type: ignore[misc]
    assert [a[x:y] for x, y in ra] == ["was"]
    assert [b[x:y] for x, y in rb] == ["had not been"]
    assert differing("Sirens sounded at midnight.", "The minister resigned on Friday after talks.") is None


def test_sentence_span_stops_at_the_sentence_that_holds_the_fact() -> None:
    text = "First one. Officials said 1,200 left. Last one.\n\nNext."
    start = text.index("1,200")
    lo, hi = sentence_span(text, start, start + 5)
    assert text[lo:hi] == "Officials said 1,200 left."


def test_claim_book_finds_statement_members_and_their_attribution() -> None:
    story = disagreeing_story()
    book = ClaimBook(story)
    members = book.members(story.claims[0])
    assert [m.kind for m in members] == ["statement", "statement"]
    assert [m.attributed for m in members] == ["officials", "the union"]
    assert members[1].flags == ["negated"] and members[1].published == "2026-03-05"


def test_each_highlighted_fact_in_an_article_links_to_its_claim_and_says_if_disputed() -> None:
    story = disagreeing_story()
    html = render_report(story)
    articles = html[html.index('<section id="articles">') :]
    count = next(c for c in story.claims if c.status == "updated")
    for figure in story.figures:
        # the figure is a link to its claim, marked as revised
        assert re.search(
            rf'<mark class="figure updated" id="{figure.id}"><a class="fact" href="#{count.id}" '
            rf'title="updated claim: [^"]+">{re.escape(figure.text)}</a></mark>',
            articles,
        )
    flags = dict(re.findall(r'<a class="claim-flag [a-z_]+" href="#(c-[^"]+)"[^>]*>([^<]+)</a>', articles))
    by_status = {c.status: c.id for c in story.claims}
    assert flags[by_status["conflicting"]] == "disputed"
    assert flags[by_status["corroborated"]] == "2 outlets"
    assert flags[by_status["single_source"]] == "only here"
    denied = story.statements[1]
    assert f'<span class="statement conflicting" id="{denied.id}">' in articles


def test_an_event_and_a_statement_ending_together_get_one_marker_the_most_telling() -> None:
    from storyline.report.render import ClaimRef

    text = "The dam broke on Monday."
    marks = [Mark(0, len(text), "statement", "s-1"), Mark(0, len(text), "event", "v-1")]
    claims = {
        "s-1": ClaimRef("c-s", "conflicting", "The dam broke", 2, "#c-s"),
        "v-1": ClaimRef("c-v", "single_source", "The dam broke on Monday", 1, "#c-v"),
    }
    (paragraph,) = highlight(text, marks, claims=claims)
    assert str(paragraph).count("claim-flag") == 1
    assert '<a class="claim-flag conflicting" href="#c-s"' in str(paragraph)


def wrong_speaker_story() -> Story:
    """Three outlets credit one line to the minister, a fourth to the mayor: three pairs, one claim."""
    line = '"Nobody sleeps below that dam until it is safe," '
    endings = ["the minister said.", "the minister told reporters.", "Castell said.", "the mayor said."]
    texts = [line + end for end in endings]
    articles = [
        Article(content_id("a", t), f"{i}.txt", t, outlet=f"Outlet {i}", published=f"2026-03-0{i + 1}")
        for i, t in enumerate(texts)
    ]
    statements = [
        statement_at(a, a.text, attributed_text="Castell" if i < 3 else "the mayor")
        for i, a in enumerate(articles)
    ]
    mayor = statements[3]
    claim = Claim(
        content_id("c", "line"),
        "statement",
        statements[0].text,
        [s.id for s in statements],
        [a.id for a in articles],
        "conflicting",
        disagreements=[
            Disagreement("attribution", s.id, mayor.id, f"Outlet {i} credits Castell; Outlet 3 the mayor")
            for i, s in enumerate(statements[:3])
        ],
    )
    return Story(articles=articles, statements=statements, claims=[claim])


def test_a_claims_disagreement_shows_once_with_every_pair_split_into_two_sides() -> None:
    story = wrong_speaker_story()
    html = render_report(story)
    overview = section(html, '<section id="overview">', ">Corroborated<")
    assert overview.count('<div class="dispute">') == 1
    assert overview.count(f'<a href="#{story.claims[0].id}">') == 1  # the claim's heading, once
    heads = re.findall(r'<p class="side-head">([^<]+)</p>', overview)
    assert heads == ["3 articles · attributed to Castell", "1 article · attributed to the mayor"]
    # the mayor's sentence is shown once, though it is in all three pairs
    sentences = [re.sub(r"<[^>]+>", "", x) for x in re.findall(r'<p class="sentence">(.*?)</p>', overview)]
    assert len(sentences) == 4
    assert sum(x.endswith("the mayor said.") for x in sentences) == 1
    assert overview.count('class="side"') == 4
    assert "What differs, pair by pair (3)" in overview


def test_the_navigation_has_a_claims_section_right_after_the_overview() -> None:
    html = render_report(disagreeing_story())
    nav = section(html, '<nav class="toc"', "</nav>")
    assert re.findall(r'href="#([a-z]+)"', nav)[:2] == ["overview", "claims"]
    assert '<section id="claims">' in html


def analyzed(folder: Path, *texts: str) -> Story:
    """Made-up articles saved as text files, one per text, analysed as `storyline analyze` would."""
    from storyline.pipeline import analyze

    for n, text in enumerate(texts):
        (folder / f"outlet{n}.txt").write_text(text, "utf-8")
    return analyze([str(folder)])


def test_one_clash_recorded_by_a_fact_claim_and_an_event_claim_is_shown_once(tmp_path: Path) -> None:
    """The same two sentences dated apart are a fact claim and a dated event claim, each recording
    the clash; the editor sees it once."""
    story = analyzed(
        tmp_path,
        "Published: 2026-03-04\n\nThe old rail bridge at Kell collapsed on Monday, cutting the line to "
        "the coast, the rail operator said.\n",
        "Published: 2026-03-04\n\nThe rail bridge at Kell collapsed into the river on March 3, closing "
        "the coast line.\n",
    )
    recorded = [(c.kind, d.kind) for c in story.claims for d in c.disagreements]
    assert sorted(recorded) == [("event", "date"), ("statement", "date")], recorded
    overview = ClaimBook(story).overview()
    assert [d.kind for d in overview["disputes"]] == ["date"]
    assert len(overview["groups"]) == 1


def test_articles_without_an_outlet_are_named_by_headline_and_each_sentence_is_listed_once(
    tmp_path: Path,
) -> None:
    story = analyzed(
        tmp_path,
        "Published: 2026-06-15\n\nValmont deports migrants to Sarn\n\n"
        "Valmont deported 238 migrants to the island prison at Sarn on Sunday, officials said.\n",
        "Published: 2026-06-15\n\nHundreds flown to Sarn\n\n"
        "Valmont flew 261 people to the island prison at Sarn on Sunday, the ministry said.\n",
    )
    notes = [d.note for c in story.claims for d in c.disagreements]
    assert notes and all("“Hundreds flown to Sarn”" in n for n in notes), notes
    overview = ClaimBook(story).overview()
    for listed in (overview["corroborated"], overview["single"]):
        statements = [line.statement for line in listed]
        assert len(statements) == len(set(statements)), statements


def test_a_report_of_articles_without_outlets_says_so_rather_than_counting_none(tmp_path: Path) -> None:
    html = render_report(
        analyzed(tmp_path, "Flood closes the Kell bridge\n\nThe Kell bridge closed on Monday.\n")
    )
    header = section(html, '<header class="top">', "</header>")
    assert "(outlets not stated)" in header and "0 outlets" not in header
