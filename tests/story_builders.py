"""Small hand-built stories for tests of the report, exports and explorer (no extraction involved)."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import Article, Claim, Entity, Figure, Mention, Quote, Removal, Story, content_id

HOSTILE_TITLE = '<script>document.title="pwned"</script>Flood <b>talks</b>'


def two_outlet_story(hostile: bool = False) -> Story:
    """Two outlets report one figure differently and share one quote."""
    first = (
        "Officials said 1,200 residents left the valley on Monday.\n\n"
        '"We moved everyone we could reach," said Mara Lind, the mayor.'
    )
    second = (
        "More than 2,000 residents were evacuated, the regional office said.\n\n"
        '"We moved everyone we could reach," Lind told reporters.'
    )
    if hostile:
        second += "\n\n<img src=x onerror=alert(1)> " + "x" * 5000 + " \u202e\u0000 odd"
    a = Article(
        content_id("a", first),
        "one.txt",
        first,
        outlet="Valley Post",
        title="Valley empties",
        published="2026-03-03",
        removed=[Removal("Share this article", "navigation")],
    )
    b = Article(
        content_id("a", second),
        "two.txt",
        second,
        outlet="<i>Hill</i> Times",
        title=HOSTILE_TITLE if hostile else "Thousands evacuated",
        published="2026-03-04",
    )
    lind = Entity(content_id("e", "Mara Lind", "PERSON"), "Mara Lind", "PERSON", ["Mara Lind", "Lind"])
    lind.mentions = [
        Mention(a.id, first.index("Mara Lind"), first.index("Mara Lind") + 9, "Mara Lind"),
        Mention(b.id, second.index("Lind"), second.index("Lind") + 4, "Lind"),
    ]
    quotes = []
    for art in (a, b):
        start = art.text.index("We moved")
        end = art.text.index(',"', start)
        quotes.append(
            Quote(
                content_id("q", art.id, start, end),
                art.id,
                start,
                end,
                art.text[start:end],
                speaker=lind.id,
                speaker_text="Lind",
                cue="say",
            )
        )
    f1s = first.index("1,200")
    f2s = second.index("More than 2,000")
    figures = [
        Figure(
            content_id("f", a.id, f1s),
            a.id,
            f1s,
            f1s + 5,
            "1,200",
            1200,
            "residents",
            "exact",
            "residents left",
        ),
        Figure(
            content_id("f", b.id, f2s),
            b.id,
            f2s,
            f2s + 15,
            "More than 2,000",
            2000,
            "residents",
            "more_than",
            "residents evacuated",
        ),
    ]
    claims = [
        Claim(
            content_id("c", "fig"),
            "figure",
            "residents evacuated: 1,200 vs more than 2,000",
            [f.id for f in figures],
            [a.id, b.id],
            "conflicting",
            note="1,200 (Valley Post) vs more than 2,000",
        ),
        Claim(
            content_id("c", "quote"),
            "quote",
            "Mara Lind: We moved everyone we could reach",
            [q.id for q in quotes],
            [a.id, b.id],
            "corroborated",
        ),
    ]
    return Story(articles=[a, b], entities=[lind], quotes=quotes, figures=figures, claims=claims)


def figure_at(article: Article, text: str, value: float, unit: str, measure: str) -> Figure:
    """An exact figure at the first place `text` stands in the article."""
    start = article.text.index(text)
    return Figure(
        content_id("f", article.id, start),
        article.id,
        start,
        start + len(text),
        text,
        value,
        unit,
        "exact",
        measure,
    )


def write_story(story: Story, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.json").write_text(json.dumps(story.to_dict(), ensure_ascii=False), "utf-8")
    return folder
