"""Statement candidates stay bounded in a large story: each statement brings a few neighbours, not all;
and each story's statements get their vectors apart from the rest of the input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from storyline.bench_corpus import write_corpus
from storyline.config import Settings
from storyline.crosscheck import statement_pairs
from storyline.crosscheck.statement_pairs import (
    NEIGHBOURS,
    StatementSpace,
    build_space,
    candidate_pairs,
    statement_tfidf,
)
from storyline.model import Statement
from storyline.pipeline import prepare_story, run
from storyline.progress import NullProgress
from storyline.store import Store


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


def test_a_story_space_from_rows_of_the_input_tfidf_is_that_story_part_of_the_whole_space() -> None:
    texts = [
        "The council said 540 homes were flooded on Monday.",
        "Water entered 540 homes, the council said.",
        "The union called a strike at the port.",
        "Dock workers walked out on Tuesday, the union said.",
        "The mayor visited the flooded homes.",
        "Port traffic stopped as the strike began.",
    ]
    statements = [Statement(f"s-{i}", f"a-{i % 3}", i * 60, i * 60 + len(t), t) for i, t in enumerate(texts)]
    whole = build_space(statements, [])
    rows = [2, 3, 5]
    part = build_space([statements[i] for i in rows], [], statement_tfidf(statements)[rows])
    assert np.array_equal(part.embeddings, whole.embeddings[rows])
    expected = whole.tfidf[rows]
    assert np.array_equal(part.tfidf.indptr, expected.indptr)
    assert np.array_equal(part.tfidf.indices, expected.indices)  # the same order: the same sums
    assert np.array_equal(part.tfidf.data, expected.data)


def test_cross_checking_builds_one_statement_space_per_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = write_corpus(tmp_path / "gen.jsonl", 24, seed=3)
    run([str(corpus)], tmp_path, Settings(jobs=1))  # extraction, cached in the store
    sizes: list[int] = []
    real = statement_pairs.build_space

    def counting(statements: list[Statement], *args: object) -> statement_pairs.StatementSpace:
        sizes.append(len(statements))
        return real(statements, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("storyline.crosscheck.run.build_space", counting)
    from storyline.crosscheck import crosscheck_stories

    with Store(tmp_path / "story.duckdb") as store:
        story = prepare_story(store.load_articles(), Settings(jobs=1), NullProgress(), store)
    groups = crosscheck_stories(story)
    assert len(groups) > 1 and len(sizes) == len(groups)
    assert sum(sizes) == len(story.statements) and max(sizes) < len(story.statements)
