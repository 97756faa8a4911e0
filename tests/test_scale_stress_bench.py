"""`storyline bench --stress`: the made-up stress inputs have the shape asked for, and a run is measured."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.bench_stress import (
    SENTENCES,
    TARGETS,
    lookalike_reports,
    measure_analyze,
    run_stress,
    table,
    tree_rss_mb,
    write_huge_text,
)
from storyline.cli import app

_SENTENCE = re.compile(
    r"(?:Officials )?[Ii]n district \d+(?: of \w+)?,? (?:officials )?said (\d+) homes"
    r" were checked on day \d+\."
)


def test_every_lookalike_sentence_counts_homes_checked_and_only_the_numbers_and_towns_change() -> None:
    reports = list(lookalike_reports(30))
    assert len(reports) == 30
    for r in reports:
        found = _SENTENCE.findall(r["text"])
        assert len(found) == SENTENCES
        assert _SENTENCE.sub("", r["text"]).strip() == ""  # nothing else is said
    assert len({r["title"].split(" inspection")[0] for r in reports}) > 1  # several towns
    assert len({r["outlet"] for r in reports}) > 1
    values = {n for r in reports for n in _SENTENCE.findall(r["text"])}
    assert len(values) > 300


def test_the_huge_text_has_the_size_asked_for_in_paragraphs_of_varied_prose(tmp_path: Path) -> None:
    path = write_huge_text(tmp_path / "big.txt", 0.5)
    size = path.stat().st_size
    assert 0.5 * 1024 * 1024 <= size < 0.5 * 1024 * 1024 + 10_000
    paragraphs = path.read_text("utf-8").split("\n\n")
    assert len(paragraphs) > 500
    assert len(set(paragraphs)) > 0.99 * len([p for p in paragraphs if p])  # not one paragraph repeated


def test_the_memory_of_a_process_tree_counts_this_process() -> None:
    assert tree_rss_mb(os.getpid()) > 10


def test_each_row_carries_its_target_and_says_whether_it_was_met(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def fake(args: list[str], timeout: float | None = None) -> dict:
        seen.append(args)
        slow = "--max-mb" in args
        peak = 1500.0 if slow else 900.0
        return {"seconds": 50.0, "timed_out": False, "cpu_seconds": 80.0, "max_rss_mb": peak,
                "worker_max_rss_mb": 300.0, "tree_peak_mb": 1700.0}  # fmt: skip

    rows = run_stress(3, 0.05, report=lambda _: None, measure=fake)
    assert [r["input"] for r in rows] == ["lookalike", "huge"]
    assert rows[0]["figures"] == 3 * SENTENCES and rows[0]["target"] == TARGETS["lookalike"]
    assert rows[0]["target_met"] is True
    assert rows[1]["target_met"] is False  # 1,500 MB is over the huge text's 1,000
    assert "--max-mb" in seen[1] and "-o" in seen[0]
    columns, lines = table(rows)
    assert len(lines) == 2 and all(len(line) == len(columns) for line in lines)
    assert lines[1][-1] == "no" and "(< 1000)" in lines[1][3]
    json.dumps(rows)  # what --json writes


def test_a_real_analyze_run_is_timed_and_its_peak_memory_read(tmp_path: Path) -> None:
    corpus = tmp_path / "few.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in lookalike_reports(2)), "utf-8")
    m = measure_analyze([str(corpus), "-o", str(tmp_path / "out"), "-q"], timeout=300)
    assert not m["timed_out"]
    assert (tmp_path / "out" / "story.json").exists()
    assert m["max_rss_mb"] > 50 and m["cpu_seconds"] > 0 and m["tree_peak_mb"] > 0


def test_bench_stress_on_the_command_line_passes_the_sizes_and_writes_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.bench_stress as stress

    asked: list[tuple[int, float]] = []

    def fake(args: list[str], timeout: float | None = None) -> dict:
        return {"seconds": 1.0, "timed_out": False, "cpu_seconds": 1.0, "max_rss_mb": 100.0,
                "worker_max_rss_mb": 0.0, "tree_peak_mb": 100.0}  # fmt: skip

    real = stress.run_stress

    def recorded(reports: int, megabytes: float, **kwargs: object) -> list[dict]:
        asked.append((reports, megabytes))
        return real(reports, megabytes, report=lambda _: None, measure=fake)

    monkeypatch.setattr(stress, "run_stress", recorded)
    out = tmp_path / "stress.json"
    result = CliRunner().invoke(
        app, ["bench", "--stress", "--stress-reports", "4", "--stress-mb", "0.02", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert asked == [(4, 0.02)]
    assert "stress inputs" in result.output
    written = json.loads(out.read_text())
    assert [r["input"] for r in written] == ["lookalike", "huge"]
    assert written[1]["label"] == "one text of 0.02 MB"
    assert written[0]["label"] == "4 look-alike reports" and written[0]["target"]["seconds"] == 120
