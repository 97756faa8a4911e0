"""Charts drawn on the server as inline SVG: timeline, figure comparisons, coverage heat map."""

from __future__ import annotations

import re

from story_builders import disagreeing_story
from storyline.model import Article, Claim, Event, Story, content_id
from storyline.report import render_report
from storyline.report.charts import compact, coverage_heatmap, figure_charts, nice_ticks, timeline_chart


def events_story() -> Story:
    """Three outlets: the evacuation (2 March) reported by all three, the inquiry (5 March) by one."""
    articles, events = [], []
    for i, outlet in enumerate(["Valley Post", "Hill Times", "Lorne Daily"]):
        text = "The valley was evacuated on 2 March." + (" An inquiry opened on 5 March." if i == 0 else "")
        a = Article(content_id("a", outlet), f"{i}.txt", text, outlet=outlet, published="2026-03-06")
        articles.append(a)
        events.append(
            Event(content_id("v", a.id, 0), a.id, 0, 36, "2026-03-02", "2 March", "valley evacuated")
        )
        if i == 0:
            events.append(
                Event(content_id("v", a.id, 37), a.id, 37, 67, "2026-03-05", "5 March", "inquiry opened")
            )
    evacuated = [v for v in events if v.date == "2026-03-02"]
    claims = [
        Claim(
            "c-evacuated",
            "event",
            "The valley was evacuated.",
            [v.id for v in evacuated],
            [v.article for v in evacuated],
            "corroborated",
        ),
        Claim("c-inquiry", "event", "An inquiry opened.", [events[1].id], [articles[0].id], "single_source"),
    ]
    return Story(articles=articles, events=events, claims=claims)


def test_timeline_chart_puts_each_event_by_date_and_by_how_many_outlets_report_it() -> None:
    chart = timeline_chart(events_story())
    assert chart is not None
    dots = {s["claim"]: s for s in chart.shapes}
    assert dots["c-evacuated"]["x"] < dots["c-inquiry"]["x"]  # 2 March left of 5 March
    assert dots["c-evacuated"]["y"] < dots["c-inquiry"]["y"]  # three outlets stand higher than one
    assert "3 outlets" in dots["c-evacuated"]["title"]
    assert [t["label"] for t in chart.labels] == ["1", "2", "3"]


def test_figure_chart_shows_each_outlets_value_with_its_date_in_date_order() -> None:
    story = disagreeing_story()
    (row,) = figure_charts(story)
    assert row["claim"].status == "updated"
    first, second = row["chart"].shapes
    assert first["label"] == "Valley Post · 2026-03-03" and first["text"] == "1,240"
    assert second["label"].endswith("· 2026-03-05") and second["text"] == "2,100"
    assert first["x"] < second["x"]  # a larger value stands further right on one scale
    assert [t["label"] for t in row["chart"].ticks][-1] == "2,500"


def test_heatmap_counts_each_outlets_articles_per_claim() -> None:
    chart = coverage_heatmap(disagreeing_story())
    assert chart is not None
    cells = {(s["claim"], s["title"].split(":")[0]): s["n"] for s in chart.shapes}
    assert cells[(content_id("c", "ordered"), "Valley Post")] == 1
    # the single-source claim is not a row: only claims two outlets state, and conflicts
    assert content_id("c", "sandbags") not in {c for c, _ in cells}


def test_report_draws_the_charts_as_inline_svg_without_script() -> None:
    story = events_story()
    story.articles += disagreeing_story().articles
    story.figures, story.statements = disagreeing_story().figures, disagreeing_story().statements
    story.claims += disagreeing_story().claims
    html = render_report(story)
    assert html.count('<svg class="chart') == 3  # timeline, one figure comparison, heat map
    assert '<a href="#c-evacuated"><circle class="dot corroborated"' in html
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)
    timeline = html[html.index('<section id="timeline">') :]
    assert timeline.index('<svg class="chart"') < timeline.index("<table>")


def test_ticks_are_round_numbers() -> None:
    assert nice_ticks(2100) == (500, 5)
    assert [compact(v) for v in (0, 2_000_000, 40_000, 1_200, 0.5)] == ["0", "2m", "40k", "1,200", "0.5"]
