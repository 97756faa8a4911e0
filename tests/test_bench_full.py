"""`storyline bench`: the whole per-page work beside trafilatura + bare spaCy, on the same pages."""

from __future__ import annotations

from pathlib import Path

from storyline import bench

PAGES = bench.SAMPLES  # the sample corpus holds two HTML pages


def test_both_sides_of_the_full_row_work_every_page() -> None:
    pages = len(list(Path(PAGES).rglob("*.htm*")))
    assert pages >= 2
    ours = bench.measure("analyze-html", PAGES)
    base = bench.measure("trafilatura-spacy", PAGES)
    assert ours is not None and base is not None
    assert ours.items == base.items == pages
    # every page gave an article on both sides, and each side says what its work cost
    assert ours.extra["articles"] == base.extra["articles"] == pages
    assert ours.extra["chars"] > 1000
    assert ours.extra["cpu_seconds"] > 0 and base.extra["cpu_seconds"] > 0


def test_a_row_gives_the_speed_and_processor_time_ratios() -> None:
    ours = bench.Measurement("analyze-html", 10, 2.0, 0.1, 300.0, {"cpu_seconds": 4.0})
    base = bench.Measurement("trafilatura-spacy", 10, 1.0, 0.1, 500.0, {"cpu_seconds": 3.0})
    row = bench._row("clean+parse+extract, pool", ours, "trafilatura + spaCy pipe, pool", base)
    assert row["storyline_per_s"] == 5.0 and row["baseline_per_s"] == 10.0
    assert row["speed_ratio"] == 0.5
    assert row["storyline_cpu_s"] == 4.0 and row["baseline_cpu_s"] == 3.0
    assert row["cpu_ratio"] == 0.75


def test_the_default_bench_has_the_full_row() -> None:
    rows = {label: (ours, base) for label, ours, _, base, _ in bench.PAIRS}
    assert rows["clean+parse+extract, pool"] == ("analyze-html", "trafilatura-spacy")
