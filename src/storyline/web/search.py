"""A small in-memory search over articles, quotes, entities and claims (every query word must match)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from storyline.model import Story
from storyline.report.views import outlet_names

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


@dataclass
class Doc:
    kind: str  # article | quote | entity | claim
    id: str
    title: str
    text: str
    url: str


class SearchIndex:
    def __init__(self, story: Story) -> None:
        self.docs: list[Doc] = []
        outlet = outlet_names(story)
        names = {e.id: e.name for e in story.entities}
        for a in story.articles:
            self._add(Doc("article", a.id, a.title or a.source, a.text, f"/articles/{a.id}"))
        for q in story.quotes:
            who = names.get(q.speaker or "", q.speaker_text or "unattributed")
            self._add(
                Doc(
                    "quote",
                    q.id,
                    f"{who} in {outlet.get(q.article, '')}",
                    q.text,
                    f"/articles/{q.article}?focus={q.id}#{q.id}",
                )
            )
        for e in story.entities:
            self._add(Doc("entity", e.id, e.name, " ".join([e.type, *e.aliases]), f"/entities#{e.id}"))
        for c in story.claims:
            self._add(Doc("claim", c.id, c.status.replace("_", " "), c.statement, f"/claims/{c.id}"))

    def _add(self, doc: Doc) -> None:
        self.docs.append(doc)

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        wanted = words(query)
        if not wanted:
            return []
        hits = []
        for doc in self.docs:
            counts: dict[str, int] = defaultdict(int)
            for w in words(doc.title + " " + doc.text):
                counts[w] += 1
            if all(counts.get(w) for w in wanted):
                score = sum(counts[w] for w in wanted) / (1 + len(doc.text) / 2000)
                hits.append((score, doc))
        hits.sort(key=lambda h: (-h[0], h[1].kind, h[1].id))
        return [
            {"kind": d.kind, "id": d.id, "title": d.title, "snippet": snippet(d.text, wanted), "url": d.url}
            for _, d in hits[:limit]
        ]


def snippet(text: str, wanted: list[str], width: int = 160) -> str:
    """A window of the text around the first query word (plain text; templates escape it)."""
    lowered = text.casefold()
    pos = min((i for i in (lowered.find(w) for w in wanted) if i >= 0), default=0)
    start = max(0, pos - width // 3)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
