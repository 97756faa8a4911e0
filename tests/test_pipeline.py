"""End to end through the Python API and the store: mixed good and bad inputs, reruns, ids."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import storyline
from storyline.config import Settings
from storyline.errors import NothingToAnalyze

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "By Ilse Varga\n\n"
    "Published March 3, 2026\n\n"
    "The ferry between Port Anselm and the island of Kell resumed on Tuesday after a storm "
    "closed the crossing for three days, the operator said.\n\n"
    '"We are glad to have our passengers back," said Tomas Brandt, the operator\'s director. '
    "He added that more than 400 travellers had waited in the town.\n\n"
    "Engineers inspected the pier on Monday and found no damage, according to the harbour office.\n"
)


def make_mixed_folder(root: Path) -> Path:
    folder = root / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "legacy.txt").write_bytes(
        GOOD.replace("ferry", "café ferry").replace("Tomas", "Tomás").encode("cp1252")
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


def test_mixed_folder_reads_good_files_and_names_bad_ones(tmp_path: Path) -> None:
    folder = make_mixed_folder(tmp_path)
    story, summary = storyline.pipeline.run([str(folder)], tmp_path / "out", Settings(jobs=1))
    assert summary.read == 2
    bad = {Path(p.source).name: p for p in summary.problems}
    assert set(bad) == {"empty.txt", "picture.html"}
    assert bad["empty.txt"].kind == "empty"
    assert "binary" in bad["picture.html"].reason.lower()
    legacy = next(a for a in story.articles if a.source.endswith("legacy.txt"))
    assert "Tomás" in legacy.text and "café" in legacy.text
    for name in ("story.json", "report.html", "story.duckdb"):
        assert (tmp_path / "out" / name).is_file()


def test_second_run_on_same_inputs_stores_nothing_twice(tmp_path: Path) -> None:
    folder = make_mixed_folder(tmp_path)
    out = tmp_path / "out"
    first, _ = storyline.pipeline.run([str(folder)], out, Settings(jobs=1))
    with duckdb.connect(str(out / "story.duckdb"), read_only=True) as con:
        before = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("raw", "articles", "inputs")
        }
    second, summary = storyline.pipeline.run([str(folder)], out, Settings(jobs=1))
    with duckdb.connect(str(out / "story.duckdb"), read_only=True) as con:
        after = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("raw", "articles", "inputs")
        }
    assert before == after
    assert summary.read == 0 and summary.already_stored == 2
    assert [a.id for a in first.articles] == [a.id for a in second.articles]


def test_raw_bytes_are_kept_exactly(tmp_path: Path) -> None:
    folder = make_mixed_folder(tmp_path)
    out = tmp_path / "out"
    story, _ = storyline.pipeline.run([str(folder)], out, Settings(jobs=1))
    from storyline.store import Store

    legacy = next(a for a in story.articles if a.source.endswith("legacy.txt"))
    with Store(out / "story.duckdb") as store:
        assert store.raw_bytes(legacy.raw_sha256 or "") == (folder / "legacy.txt").read_bytes()


def test_story_json_follows_the_contract(tmp_path: Path) -> None:
    folder = make_mixed_folder(tmp_path)
    storyline.analyze([str(folder)], tmp_path / "out", Settings(jobs=1))
    data = json.loads((tmp_path / "out" / "story.json").read_text("utf-8"))
    assert data["schema"] == "storyline/1"
    for section in ("articles", "entities", "quotes", "figures", "events", "claims", "duplicates"):
        assert isinstance(data[section], list)
    article = next(a for a in data["articles"] if a["source"].endswith("good.txt"))
    assert article["id"].startswith("a-")
    assert article["title"] == "Harbour ferry service resumes after storm"
    assert article["published"] == "2026-03-03"
    assert article["authors"] == ["Ilse Varga"]
    headline = "Harbour ferry service resumes after storm"
    assert article["text"].startswith(f"{headline}\n\nThe ferry between Port Anselm")
    for quote in data["quotes"]:
        text = next(a["text"] for a in data["articles"] if a["id"] == quote["article"])
        assert quote["text"].split()[0] in text[quote["start"] : quote["end"]]


def test_nothing_readable_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingToAnalyze):
        storyline.analyze([str(tmp_path / "empty.txt")], tmp_path / "out", Settings(jobs=1))
    assert not (tmp_path / "out" / "story.json").exists()
