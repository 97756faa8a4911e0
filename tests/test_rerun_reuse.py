"""A rerun into the same folder with nothing new: the stored story stands, nothing is made again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import storyline
import storyline.clean
import storyline.crosscheck
import storyline.report
import storyline.store
from storyline.config import Settings
from storyline.store import Store

SAMPLES = Path(storyline.__file__).parent / "samples" / "corpus"
OUTPUTS = ("story.json", "report.html")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cold run of the sample corpus; each test works on its own copy of the folder."""
    out = tmp_path_factory.mktemp("first") / "out"
    storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1))
    return out


@pytest.fixture
def out(first_run: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(first_run, copy)
    return copy


def _refuse(what: str) -> Any:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"{what} ran on a rerun with nothing new")

    return refuse


def _no_rework(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning, cross-checking and the report each fail the test if they run."""
    monkeypatch.setattr(storyline.clean, "clean_document", _refuse("cleaning"))
    monkeypatch.setattr(storyline.crosscheck, "crosscheck_stories", _refuse("cross-checking"))
    monkeypatch.setattr(storyline.report, "write_report", _refuse("the report"))


def test_rerun_reuses_the_story_and_writes_nothing(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    stamps = {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}
    _no_rework(monkeypatch)
    story, summary = storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1))
    assert summary.read == 0 and summary.already_stored > 0
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUTS} == stamps
    # the story handed back is the one in story.json, whole
    assert json.dumps(story.to_dict(), ensure_ascii=False, indent=1).encode() == before["story.json"]
    assert story.claims and story.articles


def test_rerun_gives_the_story_a_cold_run_gives(first_run: Path, tmp_path: Path) -> None:
    # the reused story is what making it again from nothing gives
    cold = tmp_path / "cold"
    storyline.pipeline.run([str(SAMPLES)], cold, Settings(jobs=1))
    again = tmp_path / "again"
    shutil.copytree(first_run, again)
    storyline.pipeline.run([str(SAMPLES)], again, Settings(jobs=1))
    assert (again / "story.json").read_bytes() == (cold / "story.json").read_bytes()


def test_missing_outputs_are_written_again_from_the_store(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = (out / "story.json").read_bytes()
    (out / "story.json").unlink()
    (out / "report.html").write_text("edited by hand", "utf-8")
    monkeypatch.setattr(storyline.crosscheck, "crosscheck_stories", _refuse("cross-checking"))
    storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1))
    assert (out / "story.json").read_bytes() == before
    assert "edited by hand" not in (out / "report.html").read_text("utf-8")


def test_a_new_article_makes_the_story_again(out: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Ferry returns\n\nThe ferry to Kell resumed on Tuesday after a storm, the operator said.\n", "utf-8"
    )
    story, summary = storyline.pipeline.run([str(SAMPLES), str(extra)], out, Settings(jobs=1))
    assert summary.read == 1
    assert any(a.source == str(extra) for a in story.articles)
    written = json.loads((out / "story.json").read_text("utf-8"))
    assert str(extra) in {a["source"] for a in written["articles"]}


def test_new_problems_rewrite_story_json_only_in_its_skipped_list(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = json.loads((out / "story.json").read_text("utf-8"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    monkeypatch.setattr(storyline.crosscheck, "crosscheck_stories", _refuse("cross-checking"))
    storyline.pipeline.run([str(SAMPLES), str(empty)], out, Settings(jobs=1))
    after = json.loads((out / "story.json").read_text("utf-8"))
    assert [p["source"] for p in after["skipped"]] == [str(empty)]
    assert {k: v for k, v in after.items() if k != "skipped"} == {
        k: v for k, v in before.items() if k != "skipped"
    }


def test_changed_code_or_settings_make_the_story_again(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = storyline.crosscheck.crosscheck_stories

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(storyline.crosscheck, "crosscheck_stories", counted)
    storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1, regroup=True))
    assert len(calls) == 1
    monkeypatch.setattr(storyline.store, "code_version", lambda: "another version")
    storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1, regroup=True))
    assert len(calls) == 2
    storyline.pipeline.run([str(SAMPLES)], out, Settings(jobs=1, regroup=True))
    assert len(calls) == 2


def test_a_story_missing_a_failed_article_is_made_again(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, poisoned_extraction: Any
) -> None:
    import storyline.extract as extract

    poison = tmp_path / "poison.txt"
    poison.write_text("Storm news\n\nThe POISON storm closed the pier on Monday, officials said.\n", "utf-8")
    story, _ = storyline.pipeline.run([str(SAMPLES), str(poison)], out, Settings(jobs=1))
    assert all(a.source != str(poison) for a in story.articles)
    with Store(out / "story.duckdb") as store:
        assert store.meta("story_key") is None
    monkeypatch.setattr(extract, "extract_article", poisoned_extraction)
    story, _ = storyline.pipeline.run([str(SAMPLES), str(poison)], out, Settings(jobs=1))
    assert any(a.source == str(poison) for a in story.articles)
