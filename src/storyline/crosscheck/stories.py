"""Grouping the articles of a mixed input into stories, so claims are aligned only within one story."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator

from storyline.crosscheck.claims import STOPWORDS, UnionFind, significant_digits, stem, words
from storyline.crosscheck.claims_figures import unit_class
from storyline.model import Story

TOP_TERMS = 150  # an article's most telling words; the cut bounds the work on long texts
# Articles are one story when their blended similarity reaches this (single link).
LINK_THRESHOLD = 0.15
TERM_WEIGHT = 0.5  # the rest of the blend is shared actors (entity ids)
# Words in more than this share of a large input tell little about which story an article is
# in and cost quadratic work. In a small input they are the story's own words, so they stay.
MAX_DOC_SHARE = 0.5
MIN_ARTICLES_FOR_DF_CUT = 200
# Facts too specific to turn up in two unrelated stories: a figure written with this many
# significant digits ("1,240 residents", not "12 people" or "2 million"), a quoted run of words.
MIN_FIGURE_DIGITS = 3
QUOTED_RUN = 8
MAX_FACT_HOLDERS = 30  # a "fact" that many articles state is common currency, not a fingerprint


def _term_vectors(texts: list[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors over content stems, each cut to its strongest terms."""
    counts = [Counter(_stems(t)) for t in texts]
    df = Counter(term for c in counts for term in c)
    n = len(texts)
    vectors = []
    for c in counts:
        weights = {
            t: (1 + math.log(k)) * (1 + math.log((1 + n) / (1 + df[t])))
            for t, k in c.items()
            if n < MIN_ARTICLES_FOR_DF_CUT or df[t] <= MAX_DOC_SHARE * n
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    return vectors


# Words every news report uses, whatever its story.
_NEWS_WORDS = frozenset("said says told according added year years week weeks day days time".split())


def _stems(text: str) -> list[str]:
    return [
        stem(w)
        for w in words(text)
        if len(w) > 2 and w not in STOPWORDS and w not in _NEWS_WORDS and not w[0].isdigit()
    ]


def _entity_sets(story: Story) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {a.id: set() for a in story.articles}
    for entity in story.entities:
        for m in entity.mentions:
            if m.article in named:
                named[m.article].add(entity.id)
    return named


def _entity_weights(sets: list[set[str]]) -> dict[str, float]:
    """Rarer actors weigh more: a country every story names links nothing."""
    df = Counter(e for s in sets for e in s)
    n = len(sets)
    return {e: 1 + math.log((1 + n) / (1 + k)) for e, k in df.items()}


def _weighted_jaccard(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    union = sum(weight[e] for e in a | b)
    return sum(weight[e] for e in a & b) / union if union else 0.0


def _candidates(vectors: list[dict[str, float]], entities: list[set[str]]) -> dict[tuple[int, int], float]:
    """Cosine of every pair that shares a term or an entity, through an inverted index."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, v in enumerate(vectors):
        for t, w in v.items():
            postings.setdefault(t, []).append((i, w))
    for i, s in enumerate(entities):
        for e in s:
            postings.setdefault("\0" + e, []).append((i, 0.0))
    dots: dict[tuple[int, int], float] = {}
    for posting in postings.values():
        for x in range(len(posting)):
            i, wi = posting[x]
            for j, wj in posting[x + 1 :]:
                dots[(i, j)] = dots.get((i, j), 0.0) + wi * wj
    return dots


def similarity(cosine: float, shared_actors: float | None) -> float:
    """Blend word and actor similarity; without entities on both sides, words decide alone."""
    if shared_actors is None:
        return cosine
    return TERM_WEIGHT * cosine + (1 - TERM_WEIGHT) * shared_actors


def _fact_keys(story: Story) -> Iterator[tuple[object, str]]:
    """(fact, article id) for every fact specific enough to tie two articles to one story."""
    for f in story.figures:
        if f.value is not None and significant_digits(f.value) >= MIN_FIGURE_DIGITS:
            yield ("figure", unit_class(f.unit), float(f.value)), f.article
    for q in story.quotes:
        tokens = words(q.text)
        for i in range(len(tokens) - QUOTED_RUN + 1):
            yield ("quote", *tokens[i : i + QUOTED_RUN]), q.article


def shared_facts(story: Story) -> Counter[tuple[str, str]]:
    """How many specific figures or quoted runs of words each pair of articles has in common."""
    holders: dict[object, list[str]] = {}
    for key, article in _fact_keys(story):
        found = holders.setdefault(key, [])
        if article not in found:
            found.append(article)
    counts: Counter[tuple[str, str]] = Counter()
    for ids in holders.values():
        if len(ids) <= MAX_FACT_HOLDERS:
            counts.update((min(a, b), max(a, b)) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return counts


def _linked_by_facts(shared: int, score: float) -> bool:
    """Two specific facts in common tie two articles; one needs some likeness of words or actors too."""
    return shared >= 2 or (shared == 1 and score >= LINK_THRESHOLD / 2)


def cluster_stories(story: Story, linked: Iterable[tuple[str, str]] = ()) -> list[list[str]]:
    """Groups of article ids, one per story, in the input's order.

    Articles join when their words and actors are alike (single link), when they
    state the same specific facts, when one is a copy of the other (`duplicate_of`),
    or when `linked` pairs them.
    """
    articles = story.articles
    if len(articles) <= 1:
        return [[a.id for a in articles]] if articles else []
    index = {a.id: i for i, a in enumerate(articles)}
    vectors = _term_vectors([f"{a.title or ''}\n{a.text}" for a in articles])
    named = _entity_sets(story)
    entities = [named[a.id] for a in articles]
    weight = _entity_weights(entities)
    facts = shared_facts(story)
    uf = UnionFind(len(articles))
    for (i, j), cosine in sorted(_candidates(vectors, entities).items()):
        actors = _weighted_jaccard(entities[i], entities[j], weight) if entities[i] and entities[j] else None
        score = similarity(cosine, actors)
        pair = (min(articles[i].id, articles[j].id), max(articles[i].id, articles[j].id))
        if score >= LINK_THRESHOLD or _linked_by_facts(facts.pop(pair, 0), score):
            uf.union(i, j)
    extra = [pair for pair, shared in facts.items() if _linked_by_facts(shared, 0.0)]
    copies = [(a.id, a.duplicate_of) for a in articles if a.duplicate_of]
    for a, b in [*linked, *copies, *extra]:
        if a in index and b in index:
            uf.union(index[a], index[b])
    return [[articles[i].id for i in group] for group in uf.groups()]


def story_index(groups: list[list[str]]) -> dict[str, int]:
    """Article id -> the number of its story (0-based, in the order `cluster_stories` gives)."""
    return {article_id: n for n, group in enumerate(groups) for article_id in group}
