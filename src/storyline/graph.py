"""The actor graph: who is tied to whom, by sharing a paragraph and by speaking about each other."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from itertools import combinations

import networkx as nx

from storyline.model import Story


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n\n")
    while pos != -1:
        starts.append(pos + 2)
        pos = text.find("\n\n", pos + 2)
    return starts


def actor_graph(story: Story, min_weight: int = 1) -> nx.Graph:
    """Nodes are entities; an edge's `cooccurrences` counts shared paragraphs, `quoted` counts quotes
    in which one names the other. `weight` is their sum."""
    graph = nx.Graph()
    for e in story.entities:
        graph.add_node(e.id, name=e.name, type=e.type, mentions=len(e.mentions))
    starts = {a.id: paragraph_starts(a.text) for a in story.articles}
    in_paragraph: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in story.entities:
        for m in e.mentions:
            if m.article in starts:
                in_paragraph[(m.article, bisect_right(starts[m.article], m.start))].add(e.id)
    co: dict[tuple[str, str], int] = defaultdict(int)
    for ids in in_paragraph.values():
        for a, b in combinations(sorted(ids), 2):
            co[(a, b)] += 1
    quoted: dict[tuple[str, str], int] = defaultdict(int)
    mentions_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in story.entities:
        for m in e.mentions:
            mentions_by_article[m.article].append((m.start, m.end, e.id))
    for q in story.quotes:
        if not q.speaker:
            continue
        for start, end, eid in mentions_by_article.get(q.article, []):
            if eid != q.speaker and q.start <= start and end <= q.end:
                a, b = sorted((q.speaker, eid))
                quoted[(a, b)] += 1
    for a, b in sorted(set(co) | set(quoted)):  # in a fixed order: the same input draws the same page
        weight = co.get((a, b), 0) + quoted.get((a, b), 0)
        if weight >= min_weight:
            graph.add_edge(a, b, cooccurrences=co.get((a, b), 0), quoted=quoted.get((a, b), 0), weight=weight)
    return graph
