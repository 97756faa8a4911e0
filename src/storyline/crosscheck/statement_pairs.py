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
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.model import Figure, Statement

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix
    from threadpoolctl import ThreadpoolController

# Verbs too light to say what happened: two sentences sharing one may be about anything.
LIGHT_VERBS = frozenset("be have do make get take go come give say tell".split())
NEIGHBOURS = 10  # per statement and per similarity, among other articles of the story
ROWS_AT_ONCE = 512  # similarity rows computed at a time, so memory stays bounded
# A larger story finds neighbours through random-projection trees: cost grows with n log n, not n².
# Either way a statement is compared with at most about 6,000 others (2 x TREES x LEAF in trees).
EXACT_STATEMENTS = 6000
TREES = 6  # per similarity
LEAF = 512  # statements per leaf, compared with each other exactly
SKETCH = 64  # dimensions of the random sketch of the TF-IDF rows that their trees split on
REFINE_ROWS = 128  # statements whose neighbours' neighbours are scored at a time (~100 MB of vectors)
SEED = 20240  # fixed, so the same input gives the same pairs on every run
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
    """The statements of one story with their vectors and what pair evidence needs of them."""

    statements: list[Statement]
    embeddings: NDArray[np.float32]
    tfidf: csr_matrix
    position: list[int]  # 0 for the first statement of its article, 1 for the next...
    values: list[frozenset[float]]  # the values of the figures each statement carries


def statement_tfidf(statements: Sequence[Statement]) -> csr_matrix:
    """TF-IDF rows of the statements, weighted by how often each word occurs in all of them.

    Fitted once on every statement of the input, so a word common across the input
    weighs little in every story; a story's rows are taken from it (`build_space`).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [s.text for s in statements]
    try:
        return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no content word in any statement
        from scipy.sparse import csr_matrix

        return csr_matrix((len(texts), 1))


def build_space(
    statements: list[Statement], figures: Sequence[Figure], tfidf: csr_matrix | None = None
) -> StatementSpace:
    """The space of `statements` (one story's, or all of them); `tfidf` holds their rows of
    `statement_tfidf` when it was fitted on more statements than these.

    Built one story at a time, the sentence vectors of a large input are never all held at once.
    """
    from storyline import embeddings

    vectors = embeddings.load().embed([s.text for s in statements])
    if tfidf is None:
        tfidf = statement_tfidf(statements)
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
    """(i, j, embedding cosine, TF-IDF cosine) for near pairs of `rows` in different articles, i < j.

    Each statement brings its NEIGHBOURS nearest by each similarity among other
    articles' statements: compared with every one in a story of at most
    EXACT_STATEMENTS statements, found through random-projection trees in a larger one.
    """
    import numpy as np

    idx = np.asarray(rows, dtype=np.int64)
    if len(idx) < 2:
        return
    codes = np.unique([space.statements[i].article for i in idx], return_inverse=True)[1]
    emb, tfidf = space.embeddings[idx], space.tfidf[idx]
    k = min(NEIGHBOURS, len(idx) - 1)
    with _one_blas_thread(len(idx) > LEAF // 2):
        if len(idx) <= EXACT_STATEMENTS:
            found = _exact_neighbours(emb, tfidf, codes, k)
        else:
            found = _tree_neighbours(emb, tfidf, codes, k, np.random.default_rng(SEED))
    a, b, cosine, overlap = _undirected(found, len(idx))
    yield from zip(idx[a].tolist(), idx[b].tolist(), cosine.tolist(), overlap.tolist(), strict=True)


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # finding the loaded BLAS takes tens of milliseconds: once


def _one_blas_thread(wanted: bool) -> AbstractContextManager[object]:
    """Matrix products on one thread: many small products on a busy machine run many times faster so."""
    return _blas().limit(limits=1, user_api="blas") if wanted else nullcontext()


Found = tuple["NDArray[np.int64]", "NDArray[np.int64]", "NDArray[np.float32]", "NDArray[np.float64]"]


def _top_in_block(
    dense: NDArray[Any], sparse: NDArray[Any], same: NDArray[np.bool_], k: int
) -> list[tuple[NDArray[Any], NDArray[Any]]]:
    """(row, column) of the k best columns of each row by each similarity, other articles only."""
    import numpy as np

    out = []
    for sims in (dense, sparse):
        masked = np.where(same, -np.inf, sims)
        top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
        r = np.broadcast_to(np.arange(len(sims))[:, None], top.shape)
        keep = masked[r, top] != -np.inf
        out.append((r[keep], top[keep]))
    return out


def _exact_neighbours(emb: NDArray[np.float32], tfidf: csr_matrix, codes: NDArray[Any], k: int) -> Found:
    """Every statement against every other, ROWS_AT_ONCE rows at a time."""
    parts = []
    for lo in range(0, len(codes), ROWS_AT_ONCE):
        hi = min(lo + ROWS_AT_ONCE, len(codes))
        dense = emb[lo:hi] @ emb.T
        sparse = (tfidf[lo:hi] @ tfidf.T).toarray()
        for r, c in _top_in_block(dense, sparse, codes[lo:hi, None] == codes[None, :], k):
            parts.append((r + lo, c, dense[r, c], sparse[r, c]))
    return _concatenate(parts)


def _tree_neighbours(
    emb: NDArray[np.float32], tfidf: csr_matrix, codes: NDArray[Any], k: int, rng: np.random.Generator
) -> Found:
    """The best NEIGHBOURS of each statement among those sharing a leaf with it in some tree.

    Trees split on the embeddings and on a random sketch of the TF-IDF rows (which
    keeps their cosines roughly), so each similarity has trees that put its near
    statements together; within a leaf both similarities are exact.
    """
    import numpy as np

    used = np.unique(tfidf.indices)  # the story's own terms: the corpus may have many more
    sketch = tfidf[:, used] @ rng.standard_normal((len(used), SKETCH))
    parts = []
    for points in [emb] * TREES + [np.asarray(sketch)] * TREES:
        for leaf in _leaves(points, rng):
            sub = tfidf[leaf]
            dense = emb[leaf] @ emb[leaf].T
            sparse = (sub @ sub.T).toarray()
            for r, c in _top_in_block(
                dense, sparse, codes[leaf, None] == codes[None, leaf], min(k, len(leaf) - 1)
            ):
                parts.append((leaf[r], leaf[c], dense[r, c], sparse[r, c]))
    rows, cols, dense, sparse = _concatenate(parts)
    # one record per directed pair, then each row's k best of each similarity among them
    _, first = np.unique(rows * len(codes) + cols, return_index=True)
    rows, cols, dense, sparse = rows[first], cols[first], dense[first], sparse[first]
    keep = _best_per_row(rows, dense, k) | _best_per_row(rows, sparse, k)
    return _refine(emb, tfidf, codes, k, (rows[keep], cols[keep], dense[keep], sparse[keep]))


def _refine(emb: NDArray[np.float32], tfidf: csr_matrix, codes: NDArray[Any], k: int, found: Found) -> Found:
    """One round of neighbours' neighbours: a near statement of a near statement is often near too.

    Each statement meets at most (2 x NEIGHBOURS)² new ones, REFINE_ROWS statements at a
    time so memory stays bounded; their embedding cosines are computed, and the TF-IDF
    cosine only of those that become one of a statement's k nearest by embedding.
    """
    import numpy as np

    n = len(codes)
    order = np.lexsort((found[1], found[0]))
    rows, cols, dense, sparse = (column[order] for column in found)
    start = np.searchsorted(rows, np.arange(n + 1))
    degree = np.diff(start)
    known = rows * n + cols  # sorted, as the records are
    near = []
    for lo in range(0, n, REFINE_ROWS):
        a, b = start[lo], start[min(n, lo + REFINE_ROWS)]
        counts = degree[cols[a:b]]
        source = np.repeat(rows[a:b], counts)
        # the records of each neighbour, one after another
        at = np.repeat(start[cols[a:b]] - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        target = cols[at]
        other = codes[source] != codes[target]
        keys = np.unique(source[other] * n + target[other])
        keys = keys[~np.isin(keys, known[a:b], assume_unique=True)]
        x, y = keys // n, keys % n
        cosine = np.einsum("ij,ij->i", emb[x], emb[y])
        best = _best_per_row(np.concatenate([rows[a:b], x]), np.concatenate([dense[a:b], cosine]), k)
        won = best[b - a :]
        near.append((x[won], y[won], cosine[won]))
    x, y, cosine = (np.concatenate(column) for column in zip(*near, strict=True))
    overlap = np.asarray(tfidf[x].multiply(tfidf[y]).sum(axis=1)).ravel()
    rows, cols, dense, sparse = _concatenate([(rows, cols, dense, sparse), (x, y, cosine, overlap)])
    keep = _best_per_row(rows, dense, k) | _best_per_row(rows, sparse, k)
    return rows[keep], cols[keep], dense[keep], sparse[keep]


def _leaves(points: NDArray[Any], rng: np.random.Generator) -> list[NDArray[np.int64]]:
    """One random-projection tree's leaves: halves split at the median of a random direction."""
    import numpy as np

    leaves, todo = [], [np.arange(len(points))]
    while todo:
        ids = todo.pop()
        if len(ids) <= LEAF:
            leaves.append(ids)
            continue
        half = len(ids) // 2
        order = np.argpartition(points[ids] @ rng.standard_normal(points.shape[1]), half)
        todo += [ids[order[:half]], ids[order[half:]]]
    return leaves


def _best_per_row(rows: NDArray[np.int64], values: NDArray[Any], k: int) -> NDArray[np.bool_]:
    """Which entries are among the k highest `values` of their row."""
    import numpy as np

    order = np.lexsort((-values, rows))
    ranked = rows[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    keep = np.zeros(len(rows), dtype=bool)
    keep[order[rank < k]] = True
    return keep


def _concatenate(parts: list[tuple[NDArray[Any], ...]]) -> Found:
    import numpy as np

    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0)
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))  # type: ignore[return-value]


def _undirected(found: Found, n: int) -> Found:
    """Each pair once as (i < j), with the similarities of its first record, in order of (i, j)."""
    import numpy as np

    rows, cols, dense, sparse = found
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    _, first = np.unique(lo * n + hi, return_index=True)
    return lo[first], hi[first], dense[first], sparse[first]


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
