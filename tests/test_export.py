"""Exports: every format writes readable files that hold the story's records."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import duckdb
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from story_builders import (
    HOSTILE_SENTENCE,
    disagreeing_story,
    story_with_every_section,
    two_outlet_story,
    write_story,
)
from storyline.cli import app
from storyline.crosscheck.profiles import OpinionEvidence, SourceProfile
from storyline.export import SECTIONS, ExportError, arrow_table, export, jsonld, records, schemas
from storyline.model import Duplicate, Entity, Event, Mention, Quote, Removal, Span, Story


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


def test_statements_and_disagreements_are_tables_in_csv_and_parquet(tmp_path: Path) -> None:
    story = disagreeing_story()
    files = {p.name: p for p in export(story, "csv", tmp_path / "csv")}
    with files["statements.csv"].open(encoding="utf-8") as f:
        statements = list(csv.DictReader(f))
    assert sorted(r["id"] for r in statements) == sorted(x.id for x in story.statements)
    assert {r["text"]: r["negated"] for r in statements}[HOSTILE_SENTENCE] == "True"
    with files["disagreements.csv"].open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    claim = story.claims[0]
    assert (row["claim"], row["kind"], row["a"], row["b"]) == (claim.id, "polarity", *claim.members)
    assert row["note"] == claim.disagreements[0].note
    with files["timelines.csv"].open(encoding="utf-8") as f:
        assert [(r["order"], r["value"]) for r in csv.DictReader(f)] == [("0", "2,100"), ("1", "1,240")]
    export(story, "parquet", tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "disagreements.parquet")
    assert table.column("kind").to_pylist() == ["polarity"]
    assert pq.read_table(tmp_path / "pq" / "statements.parquet").num_rows == len(story.statements)


def test_empty_disagreements_table_still_has_its_header(tmp_path: Path) -> None:
    files = {p.name: p for p in export(two_outlet_story(), "csv", tmp_path)}
    with files["disagreements.csv"].open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == ["claim", "kind", "a", "b", "note"]
    with files["statements.csv"].open(encoding="utf-8") as f:
        assert next(csv.reader(f))[:3] == ["id", "article", "start"]


def test_jsonl_and_jsonld_carry_statements(tmp_path: Path) -> None:
    story = disagreeing_story()
    (path,) = export(story, "jsonl", tmp_path)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert sum(r["section"] == "statements" for r in records) == len(story.statements)
    first = next(r for r in records if r["section"] == "claims")
    assert first["disagreements"][0]["kind"] == "polarity"
    doc = jsonld(story)
    nodes = {n["@id"]: n for n in doc["@graph"]}
    claim = nodes[f"#{story.claims[0].id}"]
    assert {f"#{m}" for m in story.claims[0].members} <= {a["@id"] for a in claim["appearance"]}
    assert all(nodes[f"#{m}"]["@type"] == "Statement" for m in story.claims[0].members)
    assert {"name": "disagreement:polarity"}.items() <= claim["additionalProperty"][1].items()


def test_every_section_is_in_every_tabular_format(tmp_path: Path) -> None:
    story = story_with_every_section()
    for fmt, suffix in (("csv", ".csv"), ("parquet", ".parquet")):
        names = {p.name for p in export(story, fmt, tmp_path / fmt)}
        assert {f"{s}{suffix}" for s in SECTIONS} <= names
    with (tmp_path / "csv" / "skipped.csv").open(encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == [
            {"source": "broken.html", "reason": "the page has no article text", "kind": "empty"}
        ]
    with (tmp_path / "csv" / "profiles.csv").open(encoding="utf-8") as f:
        (profile,) = list(csv.DictReader(f))
    assert profile["article"] == story.articles[0].id and json.loads(profile["evidence"])["words"] == 40
    (path,) = export(story, "jsonl", tmp_path / "jsonl")
    sections = {json.loads(line)["section"] for line in path.read_text("utf-8").splitlines()}
    assert {"profiles", "skipped"} <= sections


def test_parquet_has_real_types_that_duckdb_reads(tmp_path: Path) -> None:
    story = story_with_every_section()
    export(story, "parquet", tmp_path)
    articles = pq.read_table(tmp_path / "articles.parquet")
    assert str(articles.schema.field("published").type) == "date32[day]"
    assert str(articles.schema.field("authors").type).startswith("list<")
    claims = pq.read_table(tmp_path / "claims.parquet")
    assert claims.schema.field("members").type.value_type == pa.string()
    assert pa.types.is_struct(claims.schema.field("disagreements").type.value_type)
    figures = pq.read_table(tmp_path / "figures.parquet")
    assert str(figures.schema.field("value").type) == "double"
    profiles = pq.read_table(tmp_path / "profiles.parquet")
    assert str(profiles.schema.field("evidence").type).startswith("struct<")
    con = duckdb.connect()
    row = con.execute(
        "SELECT typeof(min(published)), min(published) FROM read_parquet(?)",
        [str(tmp_path / "articles.parquet")],
    ).fetchone()
    assert row == ("DATE", datetime.date(2026, 3, 3))
    (n,) = con.execute(
        "SELECT count(*) FROM read_parquet(?) WHERE list_contains(members, ?)",
        [str(tmp_path / "claims.parquet"), story.statements[0].id],
    ).fetchone()
    assert n == 1


def story_with_every_field() -> Story:
    """Every section with every field the model can write filled, nested records included."""
    story = story_with_every_section()
    first = story.articles[0]
    first.authors = ["Ana Castell"]
    first.url = "https://valley.example/dam"
    first.raw_sha256 = "0" * 64
    first.removed = [Removal("Subscribe now", "promo", "promo-line")]
    first.embeds = [Span(0, 7, "post")]
    first.duplicate_of = story.articles[1].id
    story.claims[0].note = "one outlet denies it"
    story.events = [Event("v-1", first.id, 0, 7, "2025-06", "last June", "dam inspected", ["e-x"])]
    story.entities = [
        Entity("e-x", "Ana Castell", "PERSON", ["Castell"], [Mention(first.id, 0, 7, "Castell")])
    ]
    story.quotes = [Quote("q-1", first.id, 0, 7, "held", "e-x", "Castell", "said", "partial")]
    story.duplicates = [
        Duplicate(
            {"article": first.id, "start": 0, "end": 9},
            {"article": first.id, "start": 10, "end": 19},
            0.97,
            "paragraph",
        )
    ]
    profile = SourceProfile(first.id, "news", -2.5, OpinionEvidence(40, 1, 2, 3, 4, 5, 6, True, 7, 8))
    profile.rewrite_of = story.articles[1].id
    story.profiles = [profile.to_dict()]
    return story


def test_parquet_schemas_name_every_field_the_model_writes() -> None:
    story = story_with_every_field()
    for name, rows in records(story).items():
        assert rows, name
        table = arrow_table(rows, name)
        assert table.schema == schemas()[name], f"{name}: a field the declared schema does not name"
        written = [
            {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in r.items()}
            for r in table.to_pylist()
        ]
        assert written == [{k: r.get(k) for k in table.schema.names} for r in rows], name


def test_parquet_keeps_a_field_it_does_not_know_as_text_and_refuses_a_partial_day(tmp_path: Path) -> None:
    rows = [{"source": "x.html", "reason": "empty", "kind": "empty", "retries": [1, 2]}]
    table = arrow_table(rows, "skipped")
    assert table.column("retries").to_pylist() == ["[1, 2]"]
    story = disagreeing_story()
    story.articles[0].published = "2026-03"
    with pytest.raises(ExportError, match=r"articles\.published: '2026-03' is not a day"):
        export(story, "parquet", tmp_path)


def test_jsonld_parses_offline_in_rdflib_with_claims_figures_and_events(tmp_path: Path) -> None:
    import rdflib

    from story_builders import two_outlet_story as figures_story

    story = disagreeing_story()
    other = figures_story()
    story.events = [
        Event("v-1", story.articles[0].id, 0, 10, "2026-03-02", "Monday", "dam inspected", ["e-x"]),
    ]
    story.quotes = other.quotes
    (path,) = export(story, "jsonld", tmp_path)
    assert isinstance(json.loads(path.read_text("utf-8"))["@context"], dict)  # embedded, nothing to fetch
    graph = rdflib.Graph().parse(path, format="json-ld")
    s = rdflib.Namespace("https://schema.org/")
    base = "https://storyline.invalid/story#"
    claim = rdflib.URIRef(base + story.claims[0].id)
    assert (claim, rdflib.RDF.type, s.Claim) in graph
    assert graph.value(claim, s.firstAppearance) == rdflib.URIRef(base + story.articles[0].id)
    appearances = set(graph.objects(claim, s.appearance))
    assert rdflib.URIRef(base + story.statements[0].id) in appearances
    figure = rdflib.URIRef(base + story.figures[0].id)
    assert (figure, rdflib.RDF.type, s.QuantitativeValue) in graph
    assert graph.value(figure, s.value).toPython() == 1240
    event = rdflib.URIRef(base + "v-1")
    assert str(graph.value(event, s.startDate)) == "2026-03-02"
    published = graph.value(rdflib.URIRef(base + story.articles[0].id), s.datePublished)
    assert published.toPython() == datetime.date(2026, 3, 3)


def test_graphml_nodes_have_a_label_type_and_colour(tmp_path: Path) -> None:
    (path,) = export(two_outlet_story(), "graphml", tmp_path)
    graph = nx.read_graphml(path)
    (node,) = graph.nodes(data=True)
    _, data = node
    assert data["label"] == "Mara Lind" and data["type"] == "PERSON"
    assert data["colour"] == "#2457a6" and (data["r"], data["g"], data["b"]) == (36, 87, 166)
    assert "<key " in path.read_text("utf-8") and 'attr.name="label"' in path.read_text("utf-8")


def test_jsonld_claim_names_who_said_it_as_its_author_offline_in_rdflib(tmp_path: Path) -> None:
    import rdflib

    story = two_outlet_story()
    (path,) = export(story, "jsonld", tmp_path)
    graph = rdflib.Graph().parse(path, format="json-ld")
    s = rdflib.Namespace("https://schema.org/")
    base = "https://storyline.invalid/story#"
    quote_claim = next(c for c in story.claims if c.kind == "quote")
    author = graph.value(rdflib.URIRef(base + quote_claim.id), s.author)
    assert author == rdflib.URIRef(base + story.entities[0].id)
    assert str(graph.value(author, s.name)) == "Mara Lind"
    appearances = set(graph.objects(rdflib.URIRef(base + quote_claim.id), s.appearance))
    assert {rdflib.URIRef(base + q.id) for q in story.quotes} <= appearances
