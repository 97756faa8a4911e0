"""A small in-memory search over articles, quotes, entities and claims (every query word must match).

Numbers match however their thousands are written ("2100" finds "2,100"), and a query word of four
letters or more also matches the words of the story that are spelled almost the same ("Castel"
finds "Castell").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from storyline.model import Story
from storyline.report.views import outlet_names

# A number with its thousands grouped by commas is one word; other words are runs of letters and digits.
WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\w+")
# How alike (difflib's ratio) a story word must be to a query word to count as a small typo.
TYPO_CUTOFF = 0.84


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [w.replace(",", "") for w in WORD.findall(_fold(text))]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word's place in `text` and its folded form (folding keeps offsets for most text)."""
    folded = _fold(text)
    if len(folded) != len(text):  # a character that folds to several: search the text as it is
        folded = text.casefold()
    return [(m.start(), m.end(), m.group().replace(",", "")) for m in WORD.finditer(folded)]


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
        self.counts: list[dict[str, int]] = []
        self.vocabulary: set[str] = set()
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
            self._add(Doc("entity", e.id, e.name, " ".join([e.type, *e.aliases]), f"/entities/{e.id}"))
        for c in story.claims:
            self._add(Doc("claim", c.id, c.status.replace("_", " "), c.statement, f"/claims/{c.id}"))

    def _add(self, doc: Doc) -> None:
        self.docs.append(doc)
        counts: dict[str, int] = defaultdict(int)
        for w in words(doc.title + " " + doc.text):
            counts[w] += 1
        self.counts.append(counts)
        self.vocabulary.update(counts)

    def forms(self, word: str) -> set[str]:
        """The query word and the story's words that differ from it by a small typo."""
        if len(word) < 4 or word.isdigit():
            return {word}
        return {word, *difflib.get_close_matches(word, self.vocabulary, n=5, cutoff=TYPO_CUTOFF)}

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        asked = words(query)
        wanted = [self.forms(w) for w in asked]
        if not wanted:
            return []
        hits = []
        for doc, counts in zip(self.docs, self.counts, strict=True):
            found = [sum(counts.get(f, 0) for f in forms) for forms in wanted]
            if all(found):
                # an exact spelling ranks above a typo's match
                exact = sum(1 for w in asked if counts.get(w))
                hits.append((exact + sum(found) / (1 + len(doc.text) / 2000), doc))
        hits.sort(key=lambda h: (-h[0], h[1].kind, h[1].id))
        every = set().union(*wanted)
        return [
            {"kind": d.kind, "id": d.id, "title": d.title, "snippet": snippet(d.text, every), "url": d.url}
            for _, d in hits[:limit]
        ]


def snippet(text: str, wanted: set[str], width: int = 160) -> str:
    """About `width` characters around the first matching word, cut at word edges (plain text;
    templates escape it)."""
    spans = word_spans(text)
    at = next((a for a, _, w in spans if w in wanted), 0)
    starts = [a for a, _, _ in spans if a <= max(0, at - width // 3)]
    start = starts[-1] if starts and at > width // 3 else 0
    ends = [b for _, b, _ in spans if b <= start + width]
    end = ends[-1] if ends and start + width < len(text) else len(text)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
