"""How much of each long list the report prints, and which articles, so a huge corpus's page opens."""

from __future__ import annotations

from typing import Any

from storyline.model import Article

# How much of each list the report shows. Nobody reads ten thousand claims in one page, and a page
# of 100 MB does not open; past these a line says how many are left out and where they all are
# (story.json, story.duckdb and `storyline serve`). Each is above what the bundled sample (10
# articles, 157 claims, 34 sentences in its largest claim) and 200 generated articles hold, so
# their reports show everything; long real articles reach the claims' limit first (about 16
# claims an article).
LIMITS = {
    "articles": 200,
    "claims": 1000,
    "members": 50,  # a claim's sentences, in its "where it is stated" table
    "disputes": 50,
    "updated": 50,
    "actors": 500,
    "events": 1000,
    "event_dots": 500,
    "figures": 1000,
    "figure_claims": 500,
    "figure_values": 50,
    "figure_charts": 30,
    "speakers": 100,
    "quotes": 50,  # a speaker's quotes
    "coverage_columns": 200,
    "problems": 200,
}


def cut(items: list[Any], limit: int) -> tuple[list[Any], int]:
    """The first `limit` items and how many are left out."""
    return items[:limit], max(0, len(items) - limit)


def printed(articles: list[Article], overview: dict[str, Any], limit: int) -> tuple[list[Article], int]:
    """The articles printed in full, in date order, and how many are not: past the limit, those the
    overview's disagreements and updates quote come first, so what a reader checks first can be read
    in place, then the earliest of the rest."""
    if len(articles) <= limit:
        return articles, 0
    quoted: list[str] = []
    for g in overview["groups"]:
        for side in [*g.columns, *(pair.sides for pair in g.pairs)]:
            quoted += [v.article for v in side]
    for line in overview["updated"]:
        quoted += [row["article"] for row in line.timeline if row["article"]]
    keep = set(list(dict.fromkeys(quoted))[:limit])
    for a in articles:
        if len(keep) >= limit:
            break
        keep.add(a.id)
    return [a for a in articles if a.id in keep], len(articles) - limit
