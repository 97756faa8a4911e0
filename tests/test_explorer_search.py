"""Explorer search: an FTS5 index in a cache file next to the story, forgiving of typos, accents and the
way thousands are written, with snippets cut at word edges and the hit marked (and escaped)."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from story_builders import write_story
from storyline.model import Article, Story, content_id
from storyline.web import create_app
from storyline.web.search import INDEX_FILE, SearchIndex, fold, fold_with_offsets, snippet, terms

LONG = (
    "The council met on Tuesday to hear the engineers. "
    "Their report, read aloud for an hour, said the old wall would hold for another winter. "
    "Then Ana Castell, who chairs the flood board, said 2,100 homes in São Paulo street <b>alone</b> "
    "would need sandbags before the rain, and that the board would ask the region for money. "
    "Nobody in the room disagreed, and the meeting ended before noon."
)


def story() -> Story:
    texts = [
        ("Flood board asks for sandbags", LONG),
        ("A bigger count", "Some 21,000 people live in the valley, and 12,100 of them work in the town."),
        ("Short one", "The EU sent 40 pumps."),
    ]
    return Story(
        articles=[
            Article(content_id("a", text), f"{n}.txt", text, outlet="Valley Post", title=title)
            for n, (title, text) in enumerate(texts)
        ]
    )


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(write_story(story(), tmp_path / "s")), base_url="http://127.0.0.1:8765")


def found(client: TestClient, q: str) -> list[str]:
    return [h["title"] for h in client.get("/search.json", params={"q": q}).json()]


def test_the_start_of_a_word_finds_it(client: TestClient) -> None:
    assert found(client, "Castel") == ["Flood board asks for sandbags"]
    assert found(client, "castell") == ["Flood board asks for sandbags"]
    assert found(client, "sandb") == ["Flood board asks for sandbags"]
    assert found(client, "tell") == []  # inside a word is not a hit


def test_a_small_typo_still_finds_the_word(client: TestClient) -> None:
    assert found(client, "Casstell") == ["Flood board asks for sandbags"]
    assert found(client, "sandbgas") == ["Flood board asks for sandbags"]
    assert found(client, "Cstl") == []  # too far from any word


def test_numbers_match_however_their_thousands_are_written(client: TestClient) -> None:
    assert found(client, "2100") == ["Flood board asks for sandbags"]
    assert found(client, "2,100") == ["Flood board asks for sandbags"]
    assert found(client, "21000") == ["A bigger count"]
    assert found(client, "12100") == ["A bigger count"]  # and not the 2,100 inside it
    assert found(client, "210") == []  # a number is matched whole


def test_accents_case_and_short_words(client: TestClient) -> None:
    assert found(client, "sao paulo") == ["Flood board asks for sandbags"]
    assert found(client, "SÃO") == ["Flood board asks for sandbags"]
    assert found(client, "eu pumps") == ["Short one"]
    assert found(client, "castell nobody") == ["Flood board asks for sandbags"]  # every word must match
    assert found(client, "castell pumps") == []


def test_snippet_is_cut_at_word_edges_and_marks_the_hit(client: TestClient) -> None:
    (hit,) = client.get("/search.json", params={"q": "2100"}).json()
    text = hit["snippet"]
    assert text.startswith("…") and text.endswith("…") and "2,100" in text
    inner = text.strip("…")
    assert LONG.find(inner) > 0 and LONG[LONG.find(inner) - 1] == " "  # starts at a word
    end = LONG.find(inner) + len(inner)
    assert LONG[end] == " "  # ends at a word
    assert [p["text"] for p in hit["parts"] if p["hit"]] == ["2,100"]
    assert len(text) <= 170


def test_the_hit_is_highlighted_and_the_text_escaped_on_the_page(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Castel"}).text
    assert '<mark class="hit">Castell</mark>' in page
    assert "<b>alone</b>" not in page and "&lt;b&gt;alone&lt;/b&gt;" in page


def test_the_index_is_a_cache_file_built_once_and_again_when_the_story_changes(tmp_path: Path) -> None:
    folder = write_story(story(), tmp_path / "s")
    assert SearchIndex(story(), folder).con  # built in the background; .con waits for it
    path = folder / INDEX_FILE
    with sqlite3.connect(path) as con:
        tables = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('fts', 'vocab')"))
    assert "fts5" in tables["fts"] and "trigram" in tables["vocab"]
    built = path.stat().st_mtime_ns
    os.utime(path, ns=(built - 10**9, built - 10**9))
    again = SearchIndex(story(), folder, background=False)  # same story: the file is read, not written
    assert path.stat().st_mtime_ns == built - 10**9
    assert [h["title"] for h in again.search("castell")] == ["Flood board asks for sandbags"]
    changed = story()
    changed.articles[2].text = "The EU sent 40 pumps to Castell."
    index = SearchIndex(changed, folder, background=False)
    assert path.stat().st_mtime_ns != built - 10**9
    assert len(index.search("castell")) == 2
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_it_cannot_write_gets_an_index_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    index = SearchIndex(story(), blocked)
    assert [h["title"] for h in index.search("castel")] == ["Flood board asks for sandbags"]
    assert list(tmp_path.iterdir()) == [blocked]


def test_folding_keeps_each_characters_place() -> None:
    text = "Straße: 1,250 people in Malmö"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text) == "strasse: 1250 people in malmo"
    assert text[offsets[folded.index("1250")]] == "1" and text[offsets[folded.index("malmo")]] == "M"
    assert terms("São 2,100 and 2.5 on the 2nd") == ["sao", "2100", "and", "2.5", "on", "the", "2nd"]


def test_a_snippet_of_a_short_text_is_all_of_it() -> None:
    parts = snippet("Only 5 words are here.", [])
    assert parts == [{"text": "Only 5 words are here.", "hit": False}]


def test_a_folder_named_like_a_uri_still_holds_the_index(tmp_path: Path) -> None:
    folder = write_story(story(), tmp_path / "odd ?name #1 %20")
    index = SearchIndex(story(), folder, background=False)
    assert (folder / INDEX_FILE).is_file()
    assert [h["title"] for h in index.search("castel")] == ["Flood board asks for sandbags"]
    again = SearchIndex(story(), folder, background=False)
    assert again.con.execute("PRAGMA database_list").fetchone()[2] == str(folder / INDEX_FILE)
    assert [h["title"] for h in again.search("castel")] == ["Flood board asks for sandbags"]


def test_a_snippet_starts_and_ends_on_a_word_not_a_line_break() -> None:
    text = (
        "First paragraph, long enough to be cut away before the hit. " * 3 + "\n\nThe count is 2,100 now.\n\n"
    )
    parts = snippet(text, [re.compile(r"(?<![\w.])2100(?!\d)")], width=60)
    shown = "".join(p["text"] for p in parts)
    assert shown.startswith("…") and not shown[1].isspace() and shown.endswith("now.")
    assert [p["text"] for p in parts if p["hit"]] == ["2,100"]


def test_without_sqlites_trigram_tokenizer_typos_are_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.web import search

    # SQLite before 3.34 has no trigram tokenizer: the words are looked up by their first letters
    monkeypatch.setattr(search, "_VOCAB", "CREATE VIRTUAL TABLE vocab USING fts5(word, tokenize = 'nosuch')")
    index = SearchIndex(story(), None, background=False)
    assert not index.trigram
    assert [h["title"] for h in index.search("Casstell")] == ["Flood board asks for sandbags"]
    assert [h["title"] for h in index.search("2100")] == ["Flood board asks for sandbags"]
