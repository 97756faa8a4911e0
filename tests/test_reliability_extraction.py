"""One article can never stop a run: long texts are extracted in pieces, and any failure is a problem line."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline
from storyline import nlp
from storyline.cli import app as cli_app
from storyline.config import Settings
from storyline.extract import parallel
from storyline.model import Article, ArticleAnnotations, Span
from storyline.store import Store

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "By Ilse Varga\n\n"
    "Published March 3, 2026\n\n"
    "The ferry between Port Anselm and the island of Kell resumed on Tuesday after a storm "
    "closed the crossing for three days, the operator said.\n\n"
    '"We are glad to have our passengers back," said Tomas Brandt, the operator\'s director. '
    "He added that more than 400 travellers had waited in the town.\n"
)


def long_text(paragraphs: int) -> str:
    """An article of many distinct paragraphs, each with a name, a quote, a figure and a date."""
    towns = ("Port Anselm", "Kell", "Varna", "Ostrova")
    head = "Harbour works go on for months\n\nBy Ilse Varga\n\nPublished March 3, 2026\n\n"
    body = [
        f"On March {i % 27 + 1}, 2026 the council of {towns[i % 4]} voted to spend {1000 + i} euros on "
        f'pier {i}, said Tomas Brandt. "We need pier {i} open by summer," said Mayor Anna Lind.\n\n'
        for i in range(paragraphs)
    ]
    return head + "".join(body)


def facts(ann: ArticleAnnotations) -> list[Any]:
    return [f for section in fields(ann) if section.name != "article" for f in getattr(ann, section.name)]


def assert_spans_index_the_text(ann: ArticleAnnotations, article: Article) -> None:
    text = article.text
    for fact in facts(ann):
        assert fact.article == article.id
        assert 0 <= fact.start <= fact.end <= len(text)
        if isinstance(getattr(fact, "text", None), str) and not hasattr(fact, "value_max"):
            assert text[fact.start : fact.end] == fact.text, fact
        for f in fields(fact):
            value = getattr(fact, f.name)
            spans = (
                [value] if f.name.endswith("_span") and value else value if f.name.endswith("_spans") else []
            )
            for a, b in spans:
                assert 0 <= a <= b <= len(text), (f.name, fact)


def test_text_over_spacys_limit_is_analysed_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # spaCy refuses texts over nlp.max_length (3,000,000 characters in storyline);
    # a smaller limit here makes a 9,000-character article the same case.
    monkeypatch.setattr(nlp.load(), "max_length", 4_000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    (folder / "long.txt").write_text(long_text(60), "utf-8")
    story, summary = storyline.pipeline.run([str(folder)], tmp_path / "out", Settings(jobs=1))
    assert summary.problems == []
    long = next(a for a in story.articles if a.source.endswith("long.txt"))
    assert len(long.text) > 8_000
    last = [q for q in story.quotes if q.article == long.id and "pier 59 open" in q.text]
    assert last and long.text[last[0].start : last[0].end] == last[0].text
    assert (tmp_path / "out" / "story.json").is_file()


def test_parse_in_pieces_gives_back_the_exact_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "PIECE_CHARS", 300)
    text = long_text(6) + "x" * 700 + " tail"
    doc = nlp.parse_one(text)
    assert doc.text == text
    assert {e.text for e in doc.ents} >= {"Tomas Brandt", "Anna Lind"}
    pieces = nlp.split_for_parse(text, 300)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 300


def test_long_article_is_extracted_in_pieces_with_spans_in_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "WHOLE_CHARS", 3_000)
    monkeypatch.setattr(parallel, "PIECE_CHARS", 1_200)
    text = long_text(40)
    embed_at = text.index("pier 30")
    article = Article(id="a-long", source="long.txt", text=text, embeds=[Span(embed_at, embed_at + 7)])
    [ann] = parallel.extract_batch([article])
    assert isinstance(ann, ArticleAnnotations) and ann.article == "a-long"
    assert_spans_index_the_text(ann, article)
    found = {q.text for q in ann.quotes}
    assert any("pier 0 open" in q for q in found) and any("pier 39 open" in q for q in found)
    ids = [f.id for f in facts(ann) if hasattr(f, "id")]
    assert len(ids) == len(set(ids))


def test_a_failing_article_is_a_problem_line_and_the_run_goes_on(
    tmp_path: Path, poisoned_extraction: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    (folder / "poison.txt").write_text(GOOD.replace("storm", "POISON storm"), "utf-8")
    result = CliRunner().invoke(
        cli_app, ["analyze", str(folder), "-o", str(tmp_path / "out"), "-q", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # Rich wraps long lines
    assert "Traceback" not in output
    assert "skipped" in output and "poison.txt: could not extract facts" in output
    assert "RuntimeError: extractor broke" in output and "1 extraction failed" in output
    story = json.loads((tmp_path / "out" / "story.json").read_text("utf-8"))
    assert [Path(a["source"]).name for a in story["articles"]] == ["good.txt"]
    assert [Path(p["source"]).name for p in story["skipped"] if p["kind"] == "extraction_failed"] == [
        "poison.txt"
    ]


def test_a_folder_with_an_unreadable_stored_article_works_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An earlier version stored the article, then died extracting it; every later run died too.
    monkeypatch.setattr(nlp.load(), "max_length", 4_000)
    out = tmp_path / "out"
    out.mkdir()
    stored = Article(id="a-stored-long", source="big.txt", text=long_text(40), title="Harbour works")
    with Store(out / "story.duckdb") as store:
        store.add_article(stored)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    story, summary = storyline.pipeline.run([str(good)], out, Settings(jobs=1))
    assert summary.problems == [] and summary.read == 1
    assert {a.id for a in story.articles} >= {"a-stored-long"}
    assert any(q.article == "a-stored-long" for q in story.quotes)


def test_a_failure_inside_a_worker_process_is_one_articles_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FOR_POOL", 0)
    good = [Article(id=f"a-{i}", source=f"{i}.txt", text=GOOD) for i in range(3)]
    broken = Article(id="a-broken", source="broken.txt", text=None)  # type: ignore[arg-type]
    results = list(parallel.extract_stream([good[0], broken, *good[1:]], jobs=2))
    assert [type(r).__name__ for r in results] == [
        "ArticleAnnotations",
        "ExtractionFailed",
        "ArticleAnnotations",
        "ArticleAnnotations",
    ]
    assert results[1].article == "a-broken" and "TypeError" in results[1].reason
    assert all(r.quotes for r in results if isinstance(r, ArticleAnnotations))
