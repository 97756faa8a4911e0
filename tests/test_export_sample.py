"""The bundled sample's exports load where data journalists take them: rdflib, pandas, DuckDB, networkx."""

from __future__ import annotations

from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest
import rdflib

from storyline import Story
from storyline.export import SECTIONS, export, records
from test_links_sample import analysed_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> tuple[Path, Story]:
    """The sample corpus analysed once, and every export of it in a folder of its own."""
    folder = tmp_path_factory.mktemp("exports")
    _, story = analysed_sample(tmp_path_factory, samples_dir)
    for fmt in ("csv", "parquet", "jsonl", "graphml", "jsonld"):
        export(story, fmt, folder / fmt)
    return folder, story


def test_sample_jsonld_parses_offline_with_every_claim_figure_and_event(sample: tuple[Path, Story]) -> None:
    folder, story = sample
    graph = rdflib.Graph().parse(folder / "jsonld" / "story.jsonld", format="json-ld")
    s = rdflib.Namespace("https://schema.org/")
    claims = set(graph.subjects(rdflib.RDF.type, s.Claim))
    assert len(claims) == len(story.claims)
    assert all(graph.value(c, s.firstAppearance) is not None for c in claims)
    assert len(set(graph.subjects(rdflib.RDF.type, s.QuantitativeValue))) == len(story.figures)
    assert len(set(graph.subjects(s.startDate, None))) >= len({v.id for v in story.events if v.date})


def test_sample_parquet_loads_in_pandas_with_real_types(sample: tuple[Path, Story]) -> None:
    folder, story = sample
    expected = records(story)
    for section in SECTIONS:
        frame = pd.read_parquet(folder / "parquet" / f"{section}.parquet", dtype_backend="pyarrow")
        assert len(frame) == len(expected[section]), section
    articles = pd.read_parquet(folder / "parquet" / "articles.parquet", dtype_backend="pyarrow")
    assert str(articles["published"].dtype) == "date32[day][pyarrow]"
    figures = pd.read_parquet(folder / "parquet" / "figures.parquet", dtype_backend="pyarrow")
    assert str(figures["value"].dtype) == "double[pyarrow]"
    claims = pd.read_parquet(folder / "parquet" / "claims.parquet", dtype_backend="pyarrow")
    assert str(claims["members"].dtype) == "list<element: string>[pyarrow]"


def test_sample_parquet_csv_and_jsonl_load_in_duckdb(sample: tuple[Path, Story]) -> None:
    folder, story = sample
    con = duckdb.connect()
    claims = folder / "parquet" / "claims.parquet"
    kinds = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM '{claims}'").fetchall()}
    assert kinds["members"] == "VARCHAR[]"
    conflicting = con.execute(f"SELECT count(*) FROM '{claims}' WHERE status = 'conflicting'").fetchone()
    assert conflicting == (sum(c.status == "conflicting" for c in story.claims),)
    dates = con.execute(
        f"SELECT typeof(published) FROM '{folder / 'parquet' / 'articles.parquet'}'"
    ).fetchone()
    assert dates == ("DATE",)
    rows = con.execute(f"SELECT count(*) FROM read_csv_auto('{folder / 'csv' / 'quotes.csv'}')").fetchone()
    assert rows == (len(story.quotes),)


def test_sample_graphml_loads_in_networkx_with_names_and_types(sample: tuple[Path, Story]) -> None:
    folder, story = sample
    (path,) = (folder / "graphml").glob("*.graphml")
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() > 0
    names = {e.name for e in story.entities}
    assert all(data["label"] in names and data["type"] for _, data in graph.nodes(data=True))
