"""The tabular exports as a data journalist loads them in pandas: Parquet with its types as written,
CSV with a dtype map and JSON cells decoded, JSONL as one frame per section."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest

from story_builders import story_with_every_section
from storyline.export import SECTIONS, export, records
from storyline.model import Event, Story, content_id


def full_story() -> Story:
    """The disagreeing story with every section filled: events (one dated to the day, one to the
    month), a source profile and an input that could not be read."""
    story = story_with_every_section()
    first = story.articles[0]
    first.authors = ["Ana Castell"]
    start = first.text.index("By dawn")
    story.events = [
        Event(
            content_id("v", first.id, start),
            first.id,
            start,
            start + 7,
            "2026-03-03",
            "dawn",
            "residents moved",
        ),
        Event(content_id("v", first.id, 0), first.id, 0, 7, "2025-06", "last year", "the dam was inspected"),
    ]
    return story


@pytest.fixture(scope="module")
def story() -> Story:
    return full_story()


@pytest.fixture(scope="module")
def out(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    for fmt in ("csv", "parquet", "jsonl"):
        export(story, fmt, folder / fmt)
    return folder


def test_every_parquet_table_loads_with_one_row_per_record(out: Path, story: Story) -> None:
    expected = records(story)
    for section in SECTIONS:
        frame = pd.read_parquet(out / "parquet" / f"{section}.parquet")
        assert len(frame) == len(expected[section]), section


def test_parquet_columns_have_real_types_in_pandas(out: Path) -> None:
    def load(section: str) -> pd.DataFrame:
        return pd.read_parquet(out / "parquet" / f"{section}.parquet", dtype_backend="pyarrow")

    articles = load("articles")
    assert str(articles["published"].dtype) == "date32[day][pyarrow]"
    assert str(articles["authors"].dtype) == "list<element: string>[pyarrow]"
    figures = load("figures")
    assert str(figures["value"].dtype) == "double[pyarrow]"
    assert str(figures["start"].dtype) == str(figures["end"].dtype) == "int64[pyarrow]"
    statements = load("statements")
    assert str(statements["negated"].dtype) == str(statements["hedged"].dtype) == "bool[pyarrow]"
    assert str(statements["text"].dtype).startswith("str")
    claims = load("claims")
    assert str(claims["members"].dtype) == "list<element: string>[pyarrow]"
    assert str(claims["disagreements"].dtype).startswith("list<element: struct<")
    timelines = load("timelines")
    assert str(timelines["order"].dtype) == "int64[pyarrow]"
    assert str(timelines["date"].dtype) == "date32[day][pyarrow]"
    profiles = load("profiles")
    assert str(profiles["opinion_score"].dtype) == "double[pyarrow]"
    assert str(profiles["evidence"].dtype).startswith("struct<")


def test_parquet_values_are_python_values_with_the_default_backend(out: Path, story: Story) -> None:
    articles = pd.read_parquet(out / "parquet" / "articles.parquet")
    assert set(articles["published"]) == {datetime.date(2026, 3, 3), datetime.date(2026, 3, 5)}
    claims = pd.read_parquet(out / "parquet" / "claims.parquet").set_index("id")
    for claim in story.claims:
        assert list(claims.loc[claim.id, "members"]) == claim.members
    figures = pd.read_parquet(out / "parquet" / "figures.parquet")
    assert figures["value"].dtype == "float64" and sorted(figures["value"]) == [1240.0, 2100.0]
    # filtering and grouping work on the typed columns as they come
    statements = pd.read_parquet(out / "parquet" / "statements.parquet")
    assert statements["negated"].dtype == bool and statements["negated"].sum() == 1


# What a reader tells pandas about the CSV files: lists and records are JSON text in a cell.
CSV_JSON_COLUMNS = {
    "articles": ["authors", "removed"],
    "entities": ["aliases"],
    "events": ["entities"],
    "statements": ["entities", "figures", "quotes", "dates"],
    "claims": ["members", "articles", "disagreements"],
    "profiles": ["evidence", "exclusive", "missing"],
}


def read_csv(out: Path, section: str) -> pd.DataFrame:
    converters = {c: json.loads for c in CSV_JSON_COLUMNS.get(section, [])}
    dates = [c for c in ("published",) if section == "articles"]
    return pd.read_csv(out / "csv" / f"{section}.csv", converters=converters, parse_dates=dates)


def test_csv_loads_with_numbers_booleans_dates_and_lists(out: Path, story: Story) -> None:
    expected = records(story)
    for section in SECTIONS:
        assert len(read_csv(out, section)) == len(expected[section]), section
    articles = read_csv(out, "articles")
    assert str(articles["published"].dtype).startswith("datetime64")
    assert articles["authors"].tolist() == [a.authors for a in story.articles]
    statements = read_csv(out, "statements")
    assert statements["negated"].dtype == bool and statements["start"].dtype == "int64"
    assert statements["entities"].tolist() == [s.entities for s in story.statements]
    claims = read_csv(out, "claims").set_index("id")
    for claim in story.claims:
        assert claims.loc[claim.id, "members"] == claim.members
    figures = read_csv(out, "figures")
    assert pd.api.types.is_numeric_dtype(figures["value"]) and sorted(figures["value"]) == [1240, 2100]
    profile = read_csv(out, "profiles").iloc[0]
    assert profile["evidence"] == {"words": 40, "attributions": 1} and profile["opinion_score"] == -2.5
    assert read_csv(out, "skipped").to_dict("records") == [
        {"source": "broken.html", "reason": "the page has no article text", "kind": "empty"}
    ]


def test_jsonl_loads_as_one_frame_per_section(out: Path, story: Story) -> None:
    # convert_dates=False: "2025-06" is a month, which pandas would otherwise read as a full timestamp
    frame = pd.read_json(out / "jsonl" / "story.jsonl", lines=True, convert_dates=False)
    counts = frame["section"].value_counts().to_dict()
    assert counts == {s: len(v) for s, v in story.to_dict().items() if isinstance(v, list) and v}
    statements = frame[frame["section"] == "statements"].dropna(axis=1, how="all")
    assert statements["negated"].astype(bool).sum() == 1
    assert statements["entities"].tolist() == [s.entities for s in story.statements]
    events = frame[frame["section"] == "events"]
    assert events["date"].tolist() == ["2026-03-03", "2025-06"]


def test_parquet_event_dates_have_one_type_whatever_the_values(tmp_path: Path, story: Story) -> None:
    day_only = full_story()
    day_only.events = day_only.events[:1]
    export(day_only, "parquet", tmp_path / "days")
    export(story, "parquet", tmp_path / "mixed")
    days = pd.read_parquet(tmp_path / "days" / "events.parquet", dtype_backend="pyarrow")
    mixed = pd.read_parquet(tmp_path / "mixed" / "events.parquet", dtype_backend="pyarrow")
    assert days["date"].dtype == mixed["date"].dtype


def test_parquet_column_of_nulls_keeps_its_type(tmp_path: Path) -> None:
    story = full_story()
    story.articles[0].authors = []
    export(story, "parquet", tmp_path)
    articles = pd.read_parquet(tmp_path / "articles.parquet", dtype_backend="pyarrow")
    profiles = pd.read_parquet(tmp_path / "profiles.parquet", dtype_backend="pyarrow")
    assert str(articles["authors"].dtype) == "list<element: string>[pyarrow]"
    assert str(profiles["rewrite_of"].dtype) == "string[pyarrow]"


def test_parquet_empty_table_keeps_its_column_types(out: Path) -> None:
    duplicates = pd.read_parquet(out / "parquet" / "duplicates.parquet", dtype_backend="pyarrow")
    assert len(duplicates) == 0
    assert str(duplicates["similarity"].dtype) == "double[pyarrow]"
    assert str(duplicates["a_start"].dtype) == "int64[pyarrow]"
