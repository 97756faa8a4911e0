"""What every claim aligner shares: word handling, independent sources, entity context and claim records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Article, Claim, Story, content_id

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Function words and the filler that surrounds numbers in news prose; none of them
# says *what* is being counted or done.
STOPWORDS = frozenset(
    """
    a an the and or but nor of in on at to for from by with without into onto over under about
    above below after before during since until than then as is are was were be been being am
    has have had do does did this that these those it its it's they them their there here who
    whom whose which what when where why how all any each every some such no not only own same
    so too very can will would could should may might must just also more most less least few
    many much other another up down out off again further once he she him her his hers we us
    our ours you your i me my mine number total nearly almost around approximately roughly some
    estimated estimate per cent percent amid among via against between through across toward
    towards upon within while if because though although whether both either neither one
    """.split()
)

_SUFFIXES = ("ings", "ing", "ions", "ion", "ies", "ied", "ed", "es", "s", "e")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with typographic apostrophes made plain."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def stem(word: str) -> str:
    """A crude suffix stripper: enough to make "evacuated", "evacuation" and "evacuate" meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    # "evacuat(ion)", "evacuat(ed)", "evacuat(e)" all end in -at once the suffix is gone
    return word[:-2] if word.endswith("at") and len(word) >= 6 else word


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
    n: int, pairs: Iterable[tuple[float, int, int]], compatible: Callable[[list[int], list[int]], bool]
) -> list[list[int]]:
    """Join items best pair first, refusing a join that `compatible` rejects for the two whole groups."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    uf = UnionFind(n)
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or not compatible(members[ri], members[rj]):
            continue
        uf.union(ri, rj)
        keep, gone = min(ri, rj), max(ri, rj)
        members[keep] = sorted(members[keep] + members.pop(gone))
    return uf.groups()


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

    def label(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        if article is not None and article.outlet:
            return f"{article.outlet} ({article_id})"
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
        return {e for s, t, e in self.mentions.get(article_id, []) if s >= lo and t <= hi}

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
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    return lo, m.start() + 1 if m else len(text)


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


def truncate(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
