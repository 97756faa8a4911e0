"""Candidate pairs of statements that may say the same thing, and the evidence for each pair.

Candidates come from nearest-neighbour search (sentence embeddings and TF-IDF,
the top few of each statement among other articles of the same story), so the
work grows with statements times neighbours, never with all pairs. Each pair is
then described by a short vector of evidence that a fitted logistic model
(`alignment_model.json`, fitted by `eval/fit_alignment.py`) turns into a
probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import Figure, Statement

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

# Verbs too light to say what happened: two sentences sharing one may be about anything.
LIGHT_VERBS = frozenset("be have do make get take go come give say tell".split())
NEIGHBOURS = 10  # per statement and per similarity, among other articles of the story
ROWS_AT_ONCE = 512  # similarity rows computed at a time, so memory stays bounded in a large story
MODEL_FILE = Path(__file__).with_name("alignment_model.json")

FEATURES = (
    "embedding_cosine",
    "tfidf_cosine",
    "entity_jaccard",
    "shares_entity",
    "same_predicate",
    "same_subject",
    "same_object",
    "shares_figure_value",
    "figure_values_differ",
    "shares_date",
    "both_leads",
    "one_lead",
    "depth",
    "polarity_differs",
)


@dataclass
class StatementSpace:
    """Every statement of the input with its vectors and what pair evidence needs of it."""

    statements: list[Statement]
    embeddings: NDArray[np.float32]
    tfidf: csr_matrix
    position: list[int]  # 0 for the first statement of its article, 1 for the next...
    values: list[frozenset[float]]  # the values of the figures each statement carries


def build_space(statements: list[Statement], figures: Sequence[Figure]) -> StatementSpace:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from storyline import embeddings

    texts = [s.text for s in statements]
    vectors = embeddings.load().embed(texts)
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no content word in any statement
        from scipy.sparse import csr_matrix

        tfidf = csr_matrix((len(texts), 1))
    order: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        order.setdefault(s.article, []).append(i)
    position = [0] * len(statements)
    for rows in order.values():
        for rank, i in enumerate(sorted(rows, key=lambda i: statements[i].start)):
            position[i] = rank
    value_of = {f.id: f.value for f in figures if f.value is not None}
    values = [frozenset(value_of[f] for f in s.figures if f in value_of) for s in statements]
    return StatementSpace(statements, vectors, tfidf, position, values)


def candidate_pairs(space: StatementSpace, rows: Sequence[int]) -> Iterator[tuple[int, int, float, float]]:
    """(i, j, embedding cosine, TF-IDF cosine) for near pairs of `rows` in different articles, i < j."""
    import numpy as np

    idx = np.asarray(rows)
    if len(idx) < 2:
        return
    articles = np.asarray([space.statements[i].article for i in idx])
    emb = space.embeddings[idx]
    tfidf = space.tfidf[idx]
    k = min(NEIGHBOURS, len(idx) - 1)
    seen: dict[tuple[int, int], tuple[float, float]] = {}
    for lo in range(0, len(idx), ROWS_AT_ONCE):
        hi = min(lo + ROWS_AT_ONCE, len(idx))
        dense = emb[lo:hi] @ emb.T
        sparse = (tfidf[lo:hi] @ tfidf.T).toarray()
        same = articles[lo:hi, None] == articles[None, :]
        for sims in (dense, sparse):
            masked = np.where(same, -np.inf, sims)
            top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
            for r in range(hi - lo):
                for c in top[r]:
                    if masked[r, c] == -np.inf:
                        continue
                    pair = (min(lo + r, int(c)), max(lo + r, int(c)))
                    seen.setdefault(pair, (float(dense[r, c]), float(sparse[r, c])))
    for (a, b), (cosine, overlap) in sorted(seen.items()):
        yield int(idx[a]), int(idx[b]), cosine, overlap


def inflected_in(verb: str, tokens: Iterable[str]) -> bool:
    """The verb's stem begins one of the tokens: "check" in "checked", "cause" in "caused"."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return any(t.startswith(stem) for t in tokens)


def pair_features(space: StatementSpace, i: int, j: int, cosine: float, overlap: float) -> list[float]:
    """The evidence, in the order of FEATURES."""
    a, b = space.statements[i], space.statements[j]
    ea, eb = set(a.entities), set(b.entities)
    va, vb = space.values[i], space.values[j]
    pa, pb = space.position[i], space.position[j]
    return [
        cosine,
        overlap,
        len(ea & eb) / len(ea | eb) if ea and eb else 0.0,
        float(bool(ea & eb)),
        float(a.predicate is not None and a.predicate == b.predicate),
        float(a.subject is not None and a.subject == b.subject),
        float(a.object is not None and a.object == b.object),
        float(bool(va & vb)),
        float(bool(va and vb and not va & vb)),
        float(bool(set(a.dates) & set(b.dates))),
        float(max(pa, pb) == 0),
        float(min(pa, pb) == 0),
        (min(pa, 5) + min(pb, 5)) / 5,
        float(a.negated != b.negated),
    ]


@lru_cache(maxsize=1)
def _model() -> tuple[list[float], float]:
    data = json.loads(MODEL_FILE.read_text("utf-8"))
    if data["features"] != list(FEATURES):
        raise ValueError(f"{MODEL_FILE} was fitted on other features; rerun eval/fit_alignment.py")
    return [float(w) for w in data["weights"]], float(data["intercept"])


def probability(features: Sequence[float]) -> float:
    """How likely the two statements report the same thing, from the fitted model."""
    weights, intercept = _model()
    z = intercept + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))
