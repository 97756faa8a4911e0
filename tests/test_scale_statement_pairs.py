"""Statement candidates stay bounded in a large story: each statement brings a few neighbours, not all."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from storyline.crosscheck import statement_pairs
from storyline.crosscheck.statement_pairs import NEIGHBOURS, StatementSpace, candidate_pairs
from storyline.model import Statement


def synthetic_space(statements: int, articles: int, topics: int, seed: int = 5) -> StatementSpace:
    """Statements on a few topics over many articles: near within a topic, no two similarities equal."""
    rng = np.random.default_rng(seed)
    topic = rng.integers(0, topics, statements)
    centres = rng.standard_normal((topics, 32))
    emb = (centres[topic] + 0.6 * rng.standard_normal((statements, 32))).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    # every statement uses every term a little and its topic's terms a lot: no two TF-IDF cosines tie
    terms = rng.random((statements, 40)) * 0.1
    terms[np.arange(statements), topic % 40] += 1.0
    terms /= np.linalg.norm(terms, axis=1, keepdims=True)
    rows = [Statement(f"s-{i}", f"a-{i % articles}", 0, 10, f"statement {i}") for i in range(statements)]
    return StatementSpace(rows, emb, csr_matrix(terms), [0] * statements, [frozenset()] * statements)


def test_trees_give_the_exact_pairs_when_one_leaf_holds_the_story(monkeypatch: pytest.MonkeyPatch) -> None:
    space = synthetic_space(300, articles=12, topics=6)
    rows = list(range(300))
    exact = list(candidate_pairs(space, rows))
    monkeypatch.setattr(statement_pairs, "EXACT_STATEMENTS", 0)
    monkeypatch.setattr(statement_pairs, "LEAF", 300)
    trees = list(candidate_pairs(space, rows))
    assert [(i, j) for i, j, _, _ in trees] == [(i, j) for i, j, _, _ in exact]
    assert np.allclose([t[2:] for t in trees], [e[2:] for e in exact], atol=1e-5)


def test_a_large_story_gets_a_bounded_number_of_pairs_per_statement() -> None:
    n = statement_pairs.EXACT_STATEMENTS + 1000
    space = synthetic_space(n, articles=150, topics=40)
    pairs = list(candidate_pairs(space, range(n)))
    # each statement brings at most NEIGHBOURS of each similarity
    assert len(pairs) <= 2 * NEIGHBOURS * n
    assert all(i < j and space.statements[i].article != space.statements[j].article for i, j, _, _ in pairs)
    for i, j, cosine, overlap in pairs[:: max(1, len(pairs) // 200)]:
        assert cosine == pytest.approx(float(space.embeddings[i] @ space.embeddings[j]), abs=1e-5)
        assert overlap == pytest.approx(float((space.tfidf[i] @ space.tfidf[j].T).toarray()[0, 0]), abs=1e-6)


def test_trees_find_most_of_the_nearest_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 3000
    space = synthetic_space(n, articles=150, topics=40, seed=8)
    monkeypatch.setattr(statement_pairs, "EXACT_STATEMENTS", n)
    exact = {(i, j) for i, j, _, _ in candidate_pairs(space, range(n))}
    monkeypatch.setattr(statement_pairs, "EXACT_STATEMENTS", n - 1)
    trees = {(i, j) for i, j, _, _ in candidate_pairs(space, range(n))}
    assert len(exact & trees) >= 0.8 * len(exact)


def test_a_story_of_one_article_has_no_pairs() -> None:
    space = synthetic_space(50, articles=1, topics=3)
    assert list(candidate_pairs(space, range(50))) == []
