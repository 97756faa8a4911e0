"""Charts drawn on the server as plain numbers for inline SVG: no script, so the pages' policy holds.

Each function returns the positions and labels of every shape; the templates only draw them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.model import Story
from storyline.report.views import claims_in_order, outlet_names

STATUS_COLOURS = {
    "conflicting": "#b3261e",
    "updated": "#2a4aa0",
    "corroborated": "#1e7b34",
    "single_source": "#6b7689",
}


def _day(value: str | None) -> date | None:
    """A full YYYY-MM-DD date, or None for a month, a year or nothing."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_ticks(top: float, most: int = 5) -> tuple[float, int]:
    """A round step (1, 2 or 5 times a power of ten) and how many steps reach past `top`."""
    if top <= 0:
        return 1.0, 1
    power = 10 ** math.floor(math.log10(top / most))
    step = next(power * m for m in (1, 2, 5, 10) if top / (power * m) <= most)
    return step, max(1, math.ceil(top / step))


def compact(value: float) -> str:
    """A tick label: 2.5m, 40k, 1,200, 0.5."""
    for least, size, suffix in ((1e9, 1e9, "bn"), (1e6, 1e6, "m"), (1e4, 1e3, "k")):
        if abs(value) >= least:
            return f"{value / size:,.1f}".removesuffix(".0") + suffix
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


@dataclass
class Chart:
    width: int
    height: int
    shapes: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""


def timeline_chart(story: Story, width: int = 900, limit: int | None = None) -> Chart | None:
    """Each dated event claim as a dot: across by date, up by how many outlets report it; with
    `limit`, only that many, disputed and most widely reported first, and a note says so."""
    outlet = outlet_names(story)
    dated = {v.id: _day(v.date) for v in story.events}
    points = []
    undated = 0
    for c in claims_in_order([c for c in story.claims if c.kind == "event"]):
        days = Counter(d for m in c.members if (d := dated.get(m)) is not None)
        if not days:
            undated += 1
            continue
        day = days.most_common(1)[0][0]
        points.append((day, len({outlet.get(a, a) for a in c.articles}), c))
    if not points:
        return None
    left_out = 0
    if limit is not None and len(points) > limit:
        points, left_out = points[:limit], len(points) - limit
    first, last = min(p[0] for p in points), max(p[0] for p in points)
    span = max(1, (last - first).days)
    top = max(p[1] for p in points)
    left, right, up, bottom = 48, 24, 16, 40
    height = up + bottom + 34 * max(top, 2)
    chart = Chart(width, height)

    def x(day: date) -> float:
        return round(left + (day - first).days / span * (width - left - right), 1)

    def y(n: int) -> float:
        return round(height - bottom - (n - 0.5) / max(top, 1) * (height - up - bottom), 1)

    # dots on one date and count sit side by side rather than on top of each other
    stack: dict[tuple[date, int], int] = defaultdict(int)
    for day, n, c in sorted(points, key=lambda p: (p[0], -p[1], p[2].statement)):
        k = stack[(day, n)]
        stack[(day, n)] += 1
        chart.shapes.append(
            {
                "x": x(day) + 9 * ((k + 1) // 2) * (1 if k % 2 else -1),
                "y": y(n),
                "r": 6,
                "colour": STATUS_COLOURS.get(c.status, "#6b7689"),
                "claim": c.id,
                "status": c.status,
                "title": f"{day.isoformat()} · {n} outlet{'s' if n != 1 else ''} · {c.statement}",
            }
        )
    chart.shapes.sort(key=lambda s: s["y"])
    days_step = max(1, span // 8)
    d = first
    while d <= last:
        chart.ticks.append({"x": x(d), "label": d.strftime("%d %b")})
        d = date.fromordinal(d.toordinal() + days_step)
    chart.labels = [{"y": y(n), "label": str(n)} for n in range(1, top + 1)]
    notes = []
    if undated:
        notes.append(f"{undated} event{'s' if undated != 1 else ''} without a full date not shown.")
    if left_out:
        notes.append(f"{left_out:,} more dated events, each stated by fewer articles, not drawn.")
    chart.note = " ".join(notes)
    return chart


# a figure chart's room for outlet and date on the left, the value as written on the right, and a row
FIGURE_LABELS, FIGURE_RIGHT, FIGURE_ROW = 230, 140, 26


def figure_charts(story: Story, width: int = 640) -> list[dict[str, Any]]:
    """For each disputed or updated figure claim, every member's value as a dot on one scale,
    one row per article in date order, labelled with its outlet and date."""
    figures = {f.id: f for f in story.figures}
    articles = {a.id: a for a in story.articles}
    outlet = outlet_names(story)
    out = []
    for c in claims_in_order([c for c in story.claims if c.kind == "figure"]):
        if c.status not in ("conflicting", "updated"):
            continue
        members = [figures[m] for m in c.members if m in figures and figures[m].value is not None]
        if len(members) < 2:
            continue
        members.sort(key=lambda f: (articles[f.article].published or "9999", outlet.get(f.article, "")))
        step, count = nice_ticks(max(max(f.value or 0, f.value_max or 0) for f in members))
        top = step * count
        chart = Chart(width, 24 + FIGURE_ROW * len(members) + 24)

        def x(value: float, top: float = top) -> float:
            return round(FIGURE_LABELS + value / top * (width - FIGURE_LABELS - FIGURE_RIGHT), 1)

        for i, f in enumerate(members):
            published = articles[f.article].published
            cy = 20 + FIGURE_ROW * i + FIGURE_ROW / 2
            chart.shapes.append(
                {
                    "x": x(f.value or 0),
                    "x2": x(f.value_max) if f.value_max else None,
                    "y": cy,
                    "text": f.text,
                    "fact": f.id,
                    "article": f.article,
                    "label": f"{_short(outlet.get(f.article, f.article), 24)} · {published or 'no date'}",
                    "title": f"{outlet.get(f.article, f.article)}, {published or 'no date'}: {f.text}",
                }
            )
        chart.ticks = [{"x": x(step * n), "label": compact(step * n)} for n in range(count + 1)]
        out.append({"claim": c, "chart": chart})
    return out


def coverage_heatmap(
    story: Story, limit: int = 30, width: int = 900, outlets_limit: int | None = None
) -> Chart | None:
    """Claims stated by two outlets or more (and every conflict) against outlets; a cell's shade
    is how many of that outlet's articles state the claim. With `outlets_limit`, only the outlets
    that state the most of these claims are columns (pages without an outlet are named by their
    title, so a folder of them makes as many outlets as pages)."""
    outlet = outlet_names(story)
    chosen = [
        c
        for c in claims_in_order(story.claims)
        if len({outlet.get(a, a) for a in c.articles}) > 1 or c.status == "conflicting"
    ][:limit]
    if not chosen:
        return None
    outlets = sorted({outlet[a.id] for a in story.articles})
    counts: dict[tuple[str, str], int] = Counter()
    for c in chosen:
        for a in c.articles:
            if a in outlet:
                counts[(c.id, outlet[a])] += 1
    if outlets_limit is not None and len(outlets) > outlets_limit:
        stated = Counter(name for _, name in counts)
        keep = set(sorted(outlets, key=lambda name: -stated[name])[:outlets_limit])
        outlets = [name for name in outlets if name in keep]
    label_w, cell, head = 360, 22, 120
    cell = max(14, min(cell, (width - label_w) // max(1, len(outlets))))
    # room on the right for the last outlet's slanted name
    chart = Chart(label_w + cell * len(outlets) + 110, head + cell * len(chosen) + 10)
    top = max(counts.values(), default=1)
    for j, name in enumerate(outlets):
        chart.ticks.append({"x": label_w + cell * j + cell / 2, "y": head - 6, "label": _short(name, 18)})
    for i, c in enumerate(chosen):
        y = head + cell * i
        chart.labels.append(
            {
                "y": y + cell / 2 + 4,
                "label": _short(c.statement, 52),
                "title": c.statement,
                "claim": c.id,
                "colour": STATUS_COLOURS.get(c.status, "#6b7689"),
            }
        )
        for j, name in enumerate(outlets):
            n = counts.get((c.id, name), 0)
            chart.shapes.append(
                {
                    "x": label_w + cell * j,
                    "y": y,
                    "size": cell - 2,
                    "n": n,
                    "opacity": round(0.15 + 0.85 * n / top, 2) if n else 0,
                    "claim": c.id,
                    "title": f"{name}: {n} article{'s' if n != 1 else ''} · {c.statement}",
                }
            )
    return chart
