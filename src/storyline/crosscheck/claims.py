"""What every claim aligner shares: word handling, independent sources, entity context and claim records."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Article, Claim, Story, content_id

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A weekday written out, singular or plural ("Saturday", "Saturdays"): group 1 is the day.
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE)

# Function words (spaCy's English list, less its verbs, nouns and ordinals, which say what happened:
# "showed", "took", "the first play", "a serious injury") and the filler that surrounds numbers in
# news prose; none of them says *what* is being counted or done.
TELLING = frozenset(
    """
    amount back bottom call empty front full give made make move name part put see serious show side
    take top used using keep first last third fifteen fifty forty sixty twenty twelve eleven hundred
    """.split()
)
STOPWORDS = (STOP_WORDS - TELLING) | frozenset(
    "it's amid approximately roughly nearly estimate estimated number total per cent percent".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with typographic apostrophes made plain."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word: "evacuated", "evacuation" and "evacuate"
    all give "evacu"."""
    return _STEMMER.stemWord(word)


_STEMMER = snowballstemmer.stemmer("english")


def content_stems(text: str, drop: Iterable[str] = ()) -> set[str]:
    """The stems of the words of `text` that carry meaning (no stopwords, no digits)."""
    skip = set(drop)
    return {stem(w) for w in words(text) if w not in STOPWORDS and w not in skip and not w[0].isdigit()}


def significant_digits(value: float) -> int:
    """1,240 -> 3, 2,000 -> 1, 4.5 million -> 2: how specific a number is."""
    try:
        return len(Decimal(str(abs(value))).normalize().as_tuple().digits)
    except InvalidOperation:
        return 0


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: a short phrase fully inside a long one scores 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def greedy_clusters(
    n: int,
    pairs: Iterable[tuple[float, int, int]],
    part: Callable[[int], Hashable],
    fits: Callable[[int, int], bool],
) -> list[list[int]]:
    """Join items best pair first; two groups join only when all their items in a common part fit.

    A part holds the items that must be checked against each other (for claims, one
    article: it never gives two values for one thing). Each group keeps its items by
    part, only parts both groups hold are compared, and two groups once refused stay
    refused (a refusal survives any growth), so the work follows the number of pairs
    and items rather than the product of group sizes.
    """
    uf = UnionFind(n)
    parts: dict[int, dict[Hashable, list[int]]] = {i: {part(i): [i]} for i in range(n)}
    sizes = dict.fromkeys(range(n), 1)
    refused: dict[int, set[int]] = {}
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or rj in refused.get(ri, ()):
            continue
        small, large = sorted((ri, rj), key=lambda r: (sizes[r], r))
        if not _parts_fit(parts[small], parts[large], fits):
            refused.setdefault(ri, set()).add(rj)
            refused.setdefault(rj, set()).add(ri)
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        gone = rj if root == ri else ri
        kept_parts, gone_parts = parts[root], parts.pop(gone)
        for key, items in gone_parts.items():
            kept_parts.setdefault(key, []).extend(items)
        sizes[root] += sizes.pop(gone)
        for other in refused.pop(gone, set()):
            refused[other].discard(gone)
            refused[other].add(root)
            refused.setdefault(root, set()).add(other)
    return uf.groups()


def _parts_fit(
    small: dict[Hashable, list[int]], large: dict[Hashable, list[int]], fits: Callable[[int, int], bool]
) -> bool:
    return all(fits(a, b) for key, items in small.items() for a in items for b in large.get(key, ()))


@dataclass
class Context:
    """What aligners need to know about the articles: who is independent of whom, how to name them."""

    story: Story
    source: dict[str, str]  # article id -> the independent source it counts as
    order: dict[str, int]  # article id -> position in the story
    mentions: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # entity id -> canonical name
    types: dict[str, str] = field(default_factory=dict)  # entity id -> PERSON, GPE, ...
    _mention_starts: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def label(self, article_id: str) -> str:
        """An article as a note names it: its outlet, or else its headline, with its id."""
        article = self.articles.get(article_id)
        if article is not None and article.outlet:
            return f"{article.outlet} ({article_id})"
        if article is not None and article.title:
            return f"“{truncate(article.title, LABEL_TITLE)}” ({article_id})"
        return article_id

    def sources_of(self, article_ids: Iterable[str]) -> set[str]:
        return {self.source.get(a, a) for a in article_ids}

    def outlets_phrase(self, article_ids: Iterable[str]) -> str:
        n = len(self.sources_of(article_ids))
        return f"({n} outlet{'s' if n != 1 else ''})"

    def entities_near(self, article_id: str, start: int, end: int) -> set[str]:
        """Entity ids named in the sentence around a span: the figure's or quote's context."""
        article = self.articles.get(article_id)
        if article is None:
            return set()
        lo, hi = sentence_bounds(article.text, start, end)
        mentions = self.mentions.get(article_id, [])
        starts = self._mention_starts.get(article_id)
        if starts is None or len(starts) != len(mentions):
            mentions.sort()
            starts = self._mention_starts[article_id] = [s for s, _, _ in mentions]
        found = set()
        for k in range(bisect_left(starts, lo), bisect_right(starts, hi)):
            if mentions[k][1] <= hi:
                found.add(mentions[k][2])
        return found

    def entity_name(self, entity_id: str | None) -> str | None:
        return self.names.get(entity_id) if entity_id else None

    def entity_type(self, entity_id: str) -> str | None:
        return self.types.get(entity_id)


def build_context(story: Story) -> Context:
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for entity in story.entities:
        for m in entity.mentions:
            mentions.setdefault(m.article, []).append((m.start, m.end, entity.id))
    return Context(
        story=story,
        source=source_keys(story),
        order={a.id: i for i, a in enumerate(story.articles)},
        mentions=mentions,
        articles={a.id: a for a in story.articles},
        names={e.id: e.name for e in story.entities},
        types={e.id: e.type for e in story.entities},
    )


def originals(story: Story) -> dict[str, str]:
    """Article id -> the original it is a copy of, following `duplicate_of` (itself when not a copy)."""
    copied = {a.id: a.duplicate_of for a in story.articles}
    out: dict[str, str] = {}
    for article in story.articles:
        current, seen = article.id, {article.id}
        while copied.get(current) and copied[current] not in seen:  # a loop would be a bug upstream
            current = copied[current] or current
            seen.add(current)
        out[article.id] = current
    return out


def source_keys(story: Story) -> dict[str, str]:
    """Article id -> independent source: copies count as their original, and one outlet counts once."""
    by_id = {a.id: a for a in story.articles}
    keys: dict[str, str] = {}
    for article_id, root_id in originals(story).items():
        root = by_id.get(root_id) or by_id[article_id]
        keys[article_id] = f"outlet:{root.outlet.strip().lower()}" if root.outlet else root.id
    return keys


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The approximate sentence holding text[start:end]: cut at end punctuation and line breaks."""
    match_starts, match_ends, break_at = _sentence_breaks(text)
    before = bisect_right(match_ends, start)
    lo = match_ends[before - 1] if before else 0
    if before < len(match_starts) and match_starts[before] < start and not text[start - 1 : start].strip():
        lo = start  # the span starts inside the spaces after a sentence's end
    after = bisect_left(break_at, end)
    return lo, break_at[after] + 1 if after < len(break_at) else len(text)


_BREAK_AT = re.compile(r"(?=[.!?][\"'”’)\]]*\s|\n)")


@lru_cache(maxsize=32)
def _sentence_breaks(text: str) -> tuple[list[int], list[int], list[int]]:
    """A text's sentence breaks, found once per text rather than once per span.

    The starts and ends of successive breaks, and every place a break could begin.
    """
    found = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in found], [m.end() for m in found], [m.start() for m in _BREAK_AT.finditer(text)]


def make_claim(
    kind: str, statement: str, members: Iterable[str], articles: Iterable[str], status: str, note: str | None
) -> Claim:
    member_ids = sorted(set(members))
    return Claim(
        id=content_id("c", kind, *member_ids),
        kind=kind,
        statement=statement,
        members=member_ids,
        articles=sorted(set(articles)),
        status=status,
        note=note,
    )


LABEL_TITLE = 40  # characters of a headline that name an article without an outlet


def truncate(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
