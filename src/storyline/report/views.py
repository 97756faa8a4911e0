"""The report's sections built from a Story: claim order, actor graph, figure claims, quotes, coverage."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from storyline.graph import actor_graph
from storyline.model import Claim, Story
from storyline.report.confidence import actor_names, figure_doubt, shared_note, speaker_doubt

STATUS_ORDER = {"conflicting": 0, "updated": 1, "corroborated": 2, "single_source": 3}


def outlet_names(story: Story) -> dict[str, str]:
    """What to call each article's source: its outlet, else its title, else where it was read from."""
    return {a.id: a.outlet or a.title or a.source for a in story.articles}


def claims_in_order(claims: list[Claim]) -> list[Claim]:
    """Conflicts first, then revisions, then the most widely stated."""
    return sorted(claims, key=lambda c: (STATUS_ORDER.get(c.status, 4), -len(c.articles), c.statement))


@dataclass
class GraphView:
    width: int
    height: int
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


TYPE_COLOURS = {"PERSON": "#2457a6", "ORG": "#b5651d", "GPE": "#1e7b34", "FAC": "#6b4fa0"}


def graph_view(story: Story, max_nodes: int = 18, width: int = 900, height: int = 520) -> GraphView | None:
    """A fixed layout of the most mentioned actors and their ties, for an inline SVG (no script)."""
    import networkx as nx

    graph = actor_graph(story)
    if graph.number_of_nodes() < 2 or graph.number_of_edges() == 0:
        return None
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["name"]))[:max_nodes]
    sub = _induced(graph, set(top))
    # the biggest connected group only: stray pairs would squeeze everyone else into a corner
    sub = _induced(sub, max(nx.connected_components(sub), key=len))
    if sub.number_of_nodes() < 2:
        return None
    pos = nx.spring_layout(sub, seed=7, weight=None, k=2.4 / math.sqrt(sub.number_of_nodes()), iterations=300)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    # labels sit to the right of their node, so the right margin is wider
    pad, right = 40, 190

    def scale(v: float, lo: float, hi: float, size: int, far: int = pad) -> float:
        return pad + (v - lo) / ((hi - lo) or 1) * (size - pad - far)

    view = GraphView(width, height)
    top_weight = max(d["weight"] for _, _, d in sub.edges(data=True))
    for n in sub.nodes:
        d = sub.nodes[n]
        view.nodes.append(
            {
                "id": n,
                "name": d["name"],
                "type": d["type"],
                "x": round(scale(pos[n][0], min(xs), max(xs), width, right), 1),
                "y": round(scale(pos[n][1], min(ys), max(ys), height), 1),
                "r": round(5 + 3 * math.sqrt(d["mentions"]), 1),
                "colour": TYPE_COLOURS.get(d["type"], "#5b6575"),
            }
        )
    at = {v["id"]: v for v in view.nodes}
    for a, b, d in sub.edges(data=True):
        view.edges.append(
            {
                "x1": at[a]["x"],
                "y1": at[a]["y"],
                "x2": at[b]["x"],
                "y2": at[b]["y"],
                "w": round(0.8 + 3.2 * d["weight"] / top_weight, 2),
                "quoted": d["quoted"] > 0,
                "title": f"{at[a]['name']} – {at[b]['name']}: {d['cooccurrences']} shared paragraphs, "
                f"{d['quoted']} quotes",
            }
        )
    return view


def _induced(graph: Any, keep: set[str]) -> Any:
    """The graph's part on `keep`, nodes and ties in the graph's own order. networkx's subgraph of
    a large graph lists its nodes in a set's order, which changes with the hash seed, and the
    layout with it: the same story drew a different chart on every run."""
    import networkx as nx

    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in keep)
    sub.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep)
    return sub


def figure_claims(story: Story, outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    """Each figure claim with every outlet's value as written, conflicts first."""
    figures = {f.id: f for f in story.figures}
    rows = []
    for c in claims_in_order([c for c in story.claims if c.kind == "figure"]):
        members = [figures[m] for m in c.members if m in figures]
        if not members:
            continue
        rows.append(
            {
                "claim": c,
                "values": [
                    {
                        "outlet": outlet_of.get(f.article, f.article),
                        "article": f.article,
                        "text": f.text,
                        "id": f.id,
                        "measure": f.measure,
                        "doubt": figure_doubt(f),
                    }
                    for f in members
                ],
            }
        )
    return rows


UNIDENTIFIED = "Speaker not identified"


def actor_rows(story: Story) -> list[dict[str, Any]]:
    """Each actor with the other names it is listed under (each name under one actor only) and,
    when one of its names also names another actor, a note saying so."""
    names = actor_names(story)
    return [
        {
            "entity": e,
            "aliases": [a for a in names.aliases.get(e.id, []) if a != e.name],
            "doubt": shared_note(e, names),
        }
        for e in story.entities
    ]


def quotes_by_speaker(story: Story, outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    """Speakers, each with their quotes; a quote carried by several outlets is shown once with all of them.
    A speaker that matches no actor is not a heading of its own: such quotes sit under one heading
    that says so, each with the words the speaker was written as."""
    names = {e.id: e.name for e in story.entities}
    entities = {e.id: e for e in story.entities}
    quotes = {q.id: q for q in story.quotes}

    def speaker_of(q: Any) -> str:
        return names.get(q.speaker or "") or UNIDENTIFIED

    def doubt(members: list[Any]) -> str | None:
        notes = [n for n in (speaker_doubt(q, entities.get(q.speaker or "")) for q in members) if n]
        return "; ".join(dict.fromkeys(notes)) or None

    claimed: set[str] = set()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims_in_order([c for c in story.claims if c.kind == "quote"]):
        members = [quotes[m] for m in c.members if m in quotes]
        if not members:
            continue
        claimed.update(q.id for q in members)
        speakers = sorted({speaker_of(q) for q in members})
        head = max(members, key=lambda q: len(q.text))
        entry = {
            "text": head.text,
            "status": c.status,
            "note": c.note,
            "doubt": doubt(members),
            "claim": c.id,
            "carriers": [_carrier(q, outlet_of) for q in members],
        }
        for speaker in speakers:
            groups[speaker].append(entry)
    for q in story.quotes:
        if q.id not in claimed:
            groups[speaker_of(q)].append(
                {
                    "text": q.text,
                    "status": "single_source",
                    "note": None,
                    "doubt": doubt([q]),
                    "claim": None,
                    "carriers": [_carrier(q, outlet_of)],
                }
            )
    # the unidentified go last: they are the least use to a reader
    return [
        {"speaker": k, "quotes": v}
        for k, v in sorted(groups.items(), key=lambda kv: (kv[0] == UNIDENTIFIED, -len(kv[1]), kv[0]))
    ]


def _carrier(quote: Any, outlet_of: dict[str, str]) -> dict[str, str]:
    return {"outlet": outlet_of.get(quote.article, quote.article), "id": quote.id, "article": quote.article}


def coverage(
    story: Story, outlet_of: dict[str, str], limit: int = 40, columns_limit: int | None = None
) -> dict[str, Any]:
    """Claims stated by two or more articles (and conflicts) against the articles that state them.
    With `columns_limit`, a story of more articles shows the ones that state the most of these
    claims, in the same order, and `hidden` says how many are left out."""
    chosen = [c for c in claims_in_order(story.claims) if len(c.articles) > 1 or c.status == "conflicting"][
        :limit
    ]
    columns = sorted(story.articles, key=lambda a: (a.published or "", outlet_of.get(a.id, "")))
    member_in: dict[tuple[str, str], str] = {}
    facts = {x.id: x.article for x in [*story.quotes, *story.figures, *story.events, *story.statements]}
    for c in chosen:
        for m in c.members:
            if m in facts:
                member_in.setdefault((c.id, facts[m]), m)
    hidden = 0
    if columns_limit is not None and len(columns) > columns_limit:
        ticks = Counter(article for _, article in member_in)
        ranked = sorted(range(len(columns)), key=lambda i: -ticks[columns[i].id])[:columns_limit]
        hidden = len(columns) - columns_limit
        columns = [columns[i] for i in sorted(ranked)]
    return {
        "columns": [
            {"id": a.id, "label": outlet_of.get(a.id, a.id), "is_copy": bool(a.duplicate_of)} for a in columns
        ],
        "rows": [{"claim": c, "cells": [member_in.get((c.id, a.id)) for a in columns]} for c in chosen],
        "hidden": hidden,
    }
