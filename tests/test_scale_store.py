"""The store writes in bulk: rows wait in batches, every read sees them, and nothing is lost on close."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import storyline.store
from storyline.model import Article, ArticleAnnotations, Figure, RawDocument, Story, content_id
from storyline.store import BATCH_ROWS, Store


def article(n: int) -> tuple[RawDocument, Article]:
    text = f"Report {n}: the council met on Monday and approved {n} new homes."
    return RawDocument(f"reports/{n}.txt", text.encode(), "txt"), Article(
        id=content_id("a", n, text), source=f"reports/{n}.txt", text=text, outlet="Gazette"
    )


def table_rows(store: Store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]


def test_rows_wait_for_a_full_batch_then_go_in_together(tmp_path: Path) -> None:
    with Store(tmp_path / "story.duckdb") as store:
        for n in range(BATCH_ROWS // 3):
            raw, a = article(n)
            store.add_raw(raw, a.id)
            store.add_article(a)
        assert table_rows(store, "articles") == 0  # nothing written row by row
        for n in range(BATCH_ROWS // 3, BATCH_ROWS):
            raw, a = article(n)
            store.add_raw(raw, a.id)
            store.add_article(a)
        assert 0 < table_rows(store, "articles") < BATCH_ROWS


def test_every_read_sees_pending_rows_and_close_writes_them(tmp_path: Path) -> None:
    path = tmp_path / "story.duckdb"
    with Store(path) as store:
        raw, a = article(1)
        store.add_raw(raw, a.id)
        assert store.add_article(a)
        assert not store.add_article(a)  # pending, yet already there
        store.save_annotations(a, ArticleAnnotations(a.id))
        assert [x.id for x in store.load_articles()] == [a.id]
        assert list(store.load_annotations([a])) == [a.id]
        raw2, b = article(2)
        store.add_raw(raw2, b.id)
        store.add_article(b)
        assert store.raw_bytes(raw2.sha256) == raw2.data
    with Store(path) as store:
        assert store.counts()["articles"] == 2
        assert store.raw_bytes(raw2.sha256) == raw2.data
        raw, a = article(1)
        assert not store.add_article(a)


def figures_of(a: Article, count: int) -> list[Figure]:
    return [Figure(content_id("f", a.id, n), a.id, n, n + 1, str(n), float(n), "homes") for n in range(count)]


def memory_limit(store: Store) -> str:
    return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]


def test_a_large_story_is_saved_and_read_back_in_order(tmp_path: Path) -> None:
    _, a = article(1)
    figures = figures_of(a, 20_005)
    with Store(tmp_path / "story.duckdb") as store:
        store.save_story(Story(articles=[a], figures=figures))
        store.save_story(Story(articles=[a], figures=figures[:3]))  # replaces, never adds
        assert [f.id for f in store.load_story().figures] == [f.id for f in figures[:3]]
        store.save_story(Story(articles=[a], figures=figures))
        assert [f.id for f in store.load_story().figures] == [f.id for f in figures]


def test_every_section_of_the_story_model_is_stored_and_read_back(tmp_path: Path) -> None:
    """Statements too: the SQL page and `load_story` read the same story as story.json."""
    from storyline.pipeline import analyze

    samples = Path(__file__).resolve().parents[1] / "src" / "storyline" / "samples" / "corpus"
    story = analyze([str(samples)])
    with Store(tmp_path / "story.duckdb") as store:
        store.save_story(story)
        back = store.load_story().to_dict()
    expected = story.to_dict()
    assert back["statements"] and back["statements"] == expected["statements"]
    for section in (
        "articles",
        "entities",
        "quotes",
        "figures",
        "events",
        "claims",
        "duplicates",
        "profiles",
    ):
        assert back[section] == expected[section], section


def test_a_story_too_big_for_the_memory_limit_is_still_stored_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the limit DuckDB gives up on the rows; they are rolled back and stored without it."""
    monkeypatch.setattr(storyline.store, "STORY_MEMORY", 4 * 2**20)
    monkeypatch.setattr(storyline.store, "STORY_MEMORY_PER_ROW", 0)
    tries: list[int | None] = []
    replace = Store._replace_story

    def counted(store: Store, story: Story, limit: int | None) -> None:
        tries.append(limit)
        replace(store, story, limit)

    monkeypatch.setattr(Store, "_replace_story", counted)
    _, a = article(1)
    figures = figures_of(a, 30_000)
    with Store(tmp_path / "story.duckdb") as store:
        usual = memory_limit(store)
        store.save_story(Story(articles=[a], figures=figures[:2]))
        assert tries == [4 * 2**20]  # a small story fits
        store.save_story(Story(articles=[a], figures=figures), "key")
        assert tries == [4 * 2**20, 4 * 2**20, None]
        assert memory_limit(store) == usual  # lifted, whichever way the rows went in
        assert [f.id for f in store.load_story().figures] == [f.id for f in figures]
        assert store.meta("story_key") == "key"


def test_a_story_with_one_id_twice_is_refused_and_the_stored_one_stays(tmp_path: Path) -> None:
    _, a = article(1)
    figures = figures_of(a, 3)
    with Store(tmp_path / "story.duckdb") as store:
        usual = memory_limit(store)
        store.save_story(Story(articles=[a], figures=figures), "key")
        with pytest.raises(duckdb.ConstraintException):
            store.save_story(Story(articles=[a], figures=[*figures, figures[0]]), "other")
        assert memory_limit(store) == usual
        assert [f.id for f in store.load_story().figures] == [f.id for f in figures]
        assert store.meta("story_key") is None  # no key beside a story it was not made for
