"""Exports: every format writes readable files that hold the story's records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
from typer.testing import CliRunner

from story_builders import two_outlet_story, write_story
from storyline.cli import app
from storyline.export import export, jsonld


def test_csv_has_one_table_per_section_with_every_record(tmp_path: Path) -> None:
    story = two_outlet_story()
    files = {p.name: p for p in export(story, "csv", tmp_path)}
    assert {"articles.csv", "entities.csv", "mentions.csv", "quotes.csv", "claims.csv"} <= set(files)
    with files["figures.csv"].open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["value"] for r in rows) == ["1200", "2000"]
    with files["duplicates.csv"].open(encoding="utf-8") as f:
        assert next(csv.reader(f))[0] == "a_article"  # an empty table still has its header


def test_parquet_round_trips_the_quotes(tmp_path: Path) -> None:
    story = two_outlet_story()
    export(story, "parquet", tmp_path)
    table = pq.read_table(tmp_path / "quotes.parquet")
    assert sorted(table.column("id").to_pylist()) == sorted(q.id for q in story.quotes)


def test_graphml_loads_in_networkx_with_actor_names(tmp_path: Path) -> None:
    (path,) = export(two_outlet_story(), "graphml", tmp_path)
    graph = nx.read_graphml(path)
    assert {d["name"] for _, d in graph.nodes(data=True)} == {"Mara Lind"}


def test_jsonld_uses_schema_org_types() -> None:
    doc = jsonld(two_outlet_story())
    types = {node["@type"] for node in doc["@graph"]}
    assert {"NewsArticle", "Person", "Quotation", "Claim"} <= types
    quote = next(n for n in doc["@graph"] if n["@type"] == "Quotation")
    assert quote["creator"]["@id"].startswith("#e-")


def test_jsonl_has_a_section_on_every_line(tmp_path: Path) -> None:
    story = two_outlet_story()
    (path,) = export(story, "jsonl", tmp_path)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert sum(r["section"] == "claims" for r in records) == len(story.claims)


def test_export_command_rejects_unknown_format_and_missing_story(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = write_story(two_outlet_story(), tmp_path / "s")
    assert runner.invoke(app, ["export", str(folder), "--format", "xls"]).exit_code == 2
    result = runner.invoke(app, ["export", str(tmp_path / "nothing"), "--format", "csv"])
    assert result.exit_code == 1 and "story.json" in result.stderr
    ok = runner.invoke(app, ["export", str(folder), "--format", "graphml"])
    assert ok.exit_code == 0 and (folder / "export-graphml" / "actors.graphml").is_file()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    story = two_outlet_story()
    first, second = story.articles
    first.title = '=HYPERLINK("http://evil.example","click")'
    first.outlet = "@SUM(A1:A9)"
    second.title = "-2+3"
    second.outlet = "+1 Times"
    files = {p.name: p for p in export(story, "csv", tmp_path)}
    with files["articles.csv"].open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    one, two = rows[first.id], rows[second.id]
    assert one["title"] == "'" + first.title and one["outlet"] == "'@SUM(A1:A9)"
    assert (two["title"], two["outlet"]) == ("'-2+3", "'+1 Times")
    with files["figures.csv"].open(encoding="utf-8") as f:
        assert sorted(r["value"] for r in csv.DictReader(f)) == ["1200", "2000"]  # numbers stay numbers
