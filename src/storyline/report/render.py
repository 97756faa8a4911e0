"""Turning a Story into the report's view model and rendering it with Jinja2 (autoescaped)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from storyline import __version__
from storyline.model import Article, Story

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # quote | figure | event | post
    ref: str  # the id of the fact, used as the element id


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def article_marks(story: Story, article: Article) -> list[Mark]:
    marks = [Mark(q.start, q.end, "quote", q.id) for q in story.quotes if q.article == article.id]
    marks += [Mark(f.start, f.end, "figure", f.id) for f in story.figures if f.article == article.id]
    marks += [Mark(s.start, s.end, "post", f"{article.id}-post-{s.start}") for s in article.embeds]
    return marks


def highlight(text: str, marks: list[Mark]) -> list[Markup]:
    """The article's paragraphs as escaped HTML, with non-overlapping marks around facts.

    Every piece of article text goes through `escape`; only our own tags are added.
    """
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < m.end and (not chosen or m.start >= chosen[-1].end):
            chosen.append(m)
    paragraphs: list[Markup] = []
    pos = 0
    for block in text.split("\n\n"):
        start, end = pos, pos + len(block)
        pos = end + 2
        html = Markup("")
        cursor = start
        for m in chosen:
            if m.end <= start or m.start >= end:
                continue
            a, b = max(m.start, start), min(m.end, end)
            html += escape(text[cursor:a])
            html += (
                Markup('<mark class="{}" id="{}">').format(m.kind, m.ref)
                + escape(text[a:b])
                + Markup("</mark>")
            )
            cursor = b
        html += escape(text[cursor:end])
        paragraphs.append(html)
    return paragraphs


def view_model(story: Story) -> dict[str, Any]:
    articles = sorted(story.articles, key=lambda a: (a.published or "", a.outlet or "", a.id))
    outlets = sorted({a.outlet for a in articles if a.outlet})
    dates = sorted(a.published for a in articles if a.published)
    names = {e.id: e.name for e in story.entities}
    outlet_of = {a.id: a.outlet or a.title or a.source for a in articles}
    removed = Counter(r.reason for a in articles for r in a.removed)
    return {
        "version": __version__,
        "story": story,
        "articles": [
            {"a": a, "paragraphs": highlight(a.text, article_marks(story, a)), "words": len(a.text.split())}
            for a in articles
        ],
        "outlets": outlets,
        "date_range": (dates[0], dates[-1]) if dates else None,
        "names": names,
        "outlet_of": outlet_of,
        "removed_counts": removed.most_common(),
        "entities": story.entities,
        "quotes": story.quotes,
        "figures": story.figures,
        "events": sorted(story.events, key=lambda v: (v.date or "9999", v.article, v.start)),
        "claims": story.claims,
    }


def render_report(story: Story) -> str:
    return _environment().get_template("report.html.j2").render(**view_model(story))
