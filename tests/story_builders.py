"""Small hand-built stories for tests of the report, exports and explorer (no extraction involved)."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import (
    Article,
    Claim,
    Disagreement,
    Entity,
    Figure,
    InputProblem,
    Mention,
    Quote,
    Removal,
    Statement,
    Story,
    content_id,
)

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


def statement_at(article: Article, sentence: str, **fields: object) -> Statement:
    """The statement for the first place `sentence` stands in the article; `fields` set the rest."""
    start = article.text.index(sentence)
    statement = Statement(
        content_id("s", article.id, start), article.id, start, start + len(sentence), sentence
    )
    for name, value in fields.items():
        setattr(statement, name, value)
    return statement


HOSTILE_SENTENCE = "The dam had not been inspected <img src=x onerror=alert(1)>, the union said."


def disagreeing_story() -> Story:
    """Two outlets on one dam: a denial, a revised count, a shared order and a line only one carries."""
    first_text = (
        "The dam was inspected last year, officials said.\n\n"
        "By dawn, 1,240 residents had been moved to higher ground.\n\n"
        "The mayor ordered the evacuation of the valley.\n\n"
        "Sandbags ran out at the school before noon."
    )
    second_text = (
        f"{HOSTILE_SENTENCE}\n\n"
        "The count has risen to 2,100 residents moved to higher ground.\n\n"
        "The mayor ordered the valley evacuated."
    )
    first = Article(
        content_id("a", first_text),
        "one.txt",
        first_text,
        outlet="Valley Post",
        title="Dam holds",
        published="2026-03-03",
    )
    second = Article(
        content_id("a", second_text),
        "two.txt",
        second_text,
        outlet="Hill <i>Times</i>",
        title="Count rises",
        published="2026-03-05",
    )
    inspected = statement_at(
        first,
        "The dam was inspected last year, officials said.",
        attributed_text="officials",
        predicate="inspect",
    )
    denied = statement_at(
        second, HOSTILE_SENTENCE, negated=True, attributed_text="the union", predicate="inspect"
    )
    early = figure_at(first, "1,240", 1240, "residents", "residents moved")
    late = figure_at(second, "2,100", 2100, "residents", "residents moved")
    ordered = statement_at(first, "The mayor ordered the evacuation of the valley.", predicate="order")
    ordered_too = statement_at(second, "The mayor ordered the valley evacuated.", predicate="order")
    sandbags = statement_at(first, "Sandbags ran out at the school before noon.", predicate="run")
    both = [first.id, second.id]
    claims = [
        Claim(
            content_id("c", "inspected"),
            "statement",
            inspected.text,
            [inspected.id, denied.id],
            both,
            "conflicting",
            disagreements=[
                Disagreement(
                    "polarity",
                    inspected.id,
                    denied.id,
                    "Valley Post (2026-03-03) says the dam was inspected; Hill Times (2026-03-05) says not",
                )
            ],
        ),
        Claim(
            content_id("c", "count"),
            "figure",
            "residents moved: 1,240 then 2,100",
            [early.id, late.id],
            both,
            "updated",
            timeline=[
                {"value": "2,100", "date": "2026-03-05", "member": late.id, "article": second.id},
                {"value": "1,240", "date": "2026-03-03", "member": early.id, "article": first.id},
            ],
        ),
        Claim(
            content_id("c", "ordered"),
            "statement",
            ordered.text,
            [ordered.id, ordered_too.id],
            both,
            "corroborated",
        ),
        Claim(
            content_id("c", "sandbags"),
            "statement",
            sandbags.text,
            [sandbags.id],
            [first.id],
            "single_source",
        ),
    ]
    return Story(
        articles=[first, second],
        figures=[early, late],
        statements=[inspected, denied, ordered, ordered_too, sandbags],
        claims=claims,
    )


def story_with_every_section() -> Story:
    """The disagreeing story plus a source profile and an input that could not be read."""
    story = disagreeing_story()
    first = story.articles[0]
    story.profiles = [
        {
            "article": first.id,
            "kind": "news",
            "opinion_score": -2.5,
            "evidence": {"words": 40, "attributions": 1},
            "facts_total": 4,
            "facts_corroborated": 2,
            "exclusive": [story.claims[3].id],
            "missing": [],
            "rewrite_of": None,
            "story": 0,
        }
    ]
    story.problems = [InputProblem("broken.html", "the page has no article text", "empty")]
    return story
