"""Exports of a story model: JSON, JSONL, CSV and Parquet tables, GraphML, and schema.org JSON-LD."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from storyline.errors import StorylineError
from storyline.graph import actor_graph
from storyline.model import Story

FORMATS = ("json", "jsonl", "csv", "parquet", "graphml", "jsonld")
SECTIONS = (
    "articles",
    "entities",
    "mentions",
    "quotes",
    "figures",
    "events",
    "statements",
    "claims",
    "disagreements",
    "timelines",
    "duplicates",
)


class ExportError(StorylineError):
    pass


def load_story(folder: str | Path) -> Story:
    """The story an `analyze` run wrote into `folder` (its story.json)."""
    path = Path(folder) / "story.json"
    if not path.is_file():
        raise ExportError(f"{folder}: no story.json here; run `storyline analyze INPUT... -o {folder}` first")
    try:
        return Story.from_dict(json.loads(path.read_text("utf-8")))
    except (ValueError, KeyError) as exc:
        raise ExportError(f"{path}: not a storyline story ({exc})") from None


def tables(story: Story) -> dict[str, list[dict[str, Any]]]:
    """One flat table per section; lists inside a record become JSON text."""
    data = story.to_dict()
    mentions = [{"entity": e["id"], **m} for e in data["entities"] for m in e["mentions"]]
    out: dict[str, list[dict[str, Any]]] = {
        "articles": [_flat(a) for a in data["articles"]],
        "entities": [_flat({k: v for k, v in e.items() if k != "mentions"}) for e in data["entities"]],
        "mentions": mentions,
        "quotes": [_flat(q) for q in data["quotes"]],
        "figures": [_flat(f) for f in data["figures"]],
        "events": [_flat(v) for v in data["events"]],
        "statements": [_flat(x) for x in data["statements"]],
        "claims": [_flat(c) for c in data["claims"]],
        # one row per disagreement and per timeline entry, so they can be filtered and joined on `claim`
        "disagreements": [{"claim": c["id"], **d} for c in data["claims"] for d in c["disagreements"]],
        "timelines": [
            {"claim": c["id"], "order": i, **_timeline_row(e)}
            for c in data["claims"]
            for i, e in enumerate(c.get("timeline", []))
        ],
        "duplicates": [
            {
                "a_article": d["a"]["article"],
                "a_start": d["a"]["start"],
                "a_end": d["a"]["end"],
                "b_article": d["b"]["article"],
                "b_start": d["b"]["start"],
                "b_end": d["b"]["end"],
                "similarity": d["similarity"],
                "scope": d["scope"],
            }
            for d in data["duplicates"]
        ],
    }
    return out


_TIMELINE_COLUMNS = ("value", "date", "member", "article")


def _timeline_row(entry: dict[str, Any]) -> dict[str, Any]:
    """A timeline entry with its value as text, so a column never mixes numbers and words."""
    row = {k: entry.get(k) for k in _TIMELINE_COLUMNS}
    row["value"] = None if row["value"] is None else str(row["value"])
    return row


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in record.items()
    }


def export(story: Story, fmt: str, out: str | Path) -> list[Path]:
    """Write `story` in format `fmt` under the folder `out`; returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    writer = {
        "json": _json,
        "jsonl": _jsonl,
        "csv": _csv,
        "parquet": _parquet,
        "graphml": _graphml,
        "jsonld": _jsonld,
    }[fmt]
    return writer(story, out)


def _json(story: Story, out: Path) -> list[Path]:
    path = out / "story.json"
    path.write_text(json.dumps(story.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    return [path]


def _jsonl(story: Story, out: Path) -> list[Path]:
    path = out / "story.jsonl"
    data = story.to_dict()
    with path.open("w", encoding="utf-8") as f:
        for section, records in data.items():
            if not isinstance(records, list):
                continue  # the schema line
            for record in records:
                f.write(json.dumps({"section": section, **record}, ensure_ascii=False) + "\n")
    return [path]


def _csv(story: Story, out: Path) -> list[Path]:
    written = []
    for name, rows in tables(story).items():
        path = out / f"{name}.csv"
        columns = _columns(rows, name)
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            w.writerows({k: _inert(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    """A text cell a spreadsheet shows as text: one that could start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# Column names of empty tables, so a CSV or Parquet file always has its header.
_EMPTY_COLUMNS = {
    "articles": ["id", "source", "outlet", "title", "authors", "published", "kind", "text", "removed"],
    "entities": ["id", "name", "type", "aliases"],
    "mentions": ["entity", "article", "start", "end", "text"],
    "quotes": ["id", "article", "start", "end", "text", "speaker", "speaker_text", "cue", "kind"],
    "figures": ["id", "article", "start", "end", "text", "value", "unit", "qualifier", "measure", "subject"],
    "events": ["id", "article", "start", "end", "date", "date_text", "summary", "entities"],
    "statements": [
        "id",
        "article",
        "start",
        "end",
        "text",
        "entities",
        "figures",
        "quotes",
        "dates",
        "negated",
        "hedged",
        "attributed_to",
        "attributed_text",
        "predicate",
    ],
    "claims": ["id", "kind", "statement", "members", "articles", "status", "disagreements"],
    "disagreements": ["claim", "kind", "a", "b", "note"],
    "timelines": ["claim", "order", *_TIMELINE_COLUMNS],
    "duplicates": ["a_article", "a_start", "a_end", "b_article", "b_start", "b_end", "similarity", "scope"],
}


def _columns(rows: list[dict[str, Any]], name: str) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    return columns or _EMPTY_COLUMNS[name]


def _parquet(story: Story, out: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    for name, rows in tables(story).items():
        columns = _columns(rows, name)
        table = (
            pa.table({c: [r.get(c) for r in rows] for c in columns})
            if rows
            else pa.table({c: pa.array([], pa.string()) for c in columns})
        )
        path = out / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


def _graphml(story: Story, out: Path) -> list[Path]:
    import networkx as nx

    path = out / "actors.graphml"
    nx.write_graphml(actor_graph(story), path)
    return [path]


SCHEMA_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Organization",
    "GPE": "Place",
    "FAC": "Place",
    "LAW": "Legislation",
    "EVENT": "Event",
    "WORK": "CreativeWork",
    "PRODUCT": "Product",
}


def jsonld(story: Story) -> dict[str, Any]:
    """The story as a schema.org graph: articles, actors, quotations, statements and claims."""
    graph: list[dict[str, Any]] = []
    mentioned: dict[str, set[str]] = {}
    for e in story.entities:
        for m in e.mentions:
            mentioned.setdefault(m.article, set()).add(e.id)
        graph.append(
            {
                "@type": SCHEMA_TYPES.get(e.type, "Thing"),
                "@id": f"#{e.id}",
                "name": e.name,
                "alternateName": [a for a in e.aliases if a != e.name],
            }
        )
    for a in story.articles:
        node: dict[str, Any] = {
            "@type": "OpinionNewsArticle" if a.kind == "opinion" else "NewsArticle",
            "@id": f"#{a.id}",
            "headline": a.title,
            "datePublished": a.published,
            "author": [{"@type": "Person", "name": n} for n in a.authors],
            "url": a.url or (a.source if a.source.startswith(("http://", "https://")) else None),
            "articleBody": a.text,
            "mentions": [{"@id": f"#{eid}"} for eid in sorted(mentioned.get(a.id, ()))],
        }
        if a.outlet:
            node["publisher"] = {"@type": "Organization", "name": a.outlet}
        graph.append({k: v for k, v in node.items() if v not in (None, [])})
    for q in story.quotes:
        node = {"@type": "Quotation", "@id": f"#{q.id}", "text": q.text, "isPartOf": {"@id": f"#{q.article}"}}
        if q.speaker:
            node["creator"] = {"@id": f"#{q.speaker}"}
        graph.append(node)
    for x in story.statements:
        # schema.org's Statement is a CreativeWork, so a statement claim can name its sentences as appearances
        node = {"@type": "Statement", "@id": f"#{x.id}", "text": x.text, "isPartOf": {"@id": f"#{x.article}"}}
        if x.entities:
            node["mentions"] = [{"@id": f"#{eid}"} for eid in x.entities]
        graph.append(node)
    statement_ids = {x.id for x in story.statements}
    for c in story.claims:
        properties = [{"@type": "PropertyValue", "name": "status", "value": c.status}]
        properties += [
            {"@type": "PropertyValue", "name": f"disagreement:{d.kind}", "value": d.note}
            for d in c.disagreements
        ]
        sentences = [{"@id": f"#{m}"} for m in c.members if m in statement_ids]
        graph.append(
            {
                "@type": "Claim",
                "@id": f"#{c.id}",
                "text": c.statement,
                "appearance": [{"@id": f"#{aid}"} for aid in c.articles] + sentences,
                "additionalProperty": properties,
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def _jsonld(story: Story, out: Path) -> list[Path]:
    path = out / "story.jsonld"
    path.write_text(json.dumps(jsonld(story), ensure_ascii=False, indent=1), "utf-8")
    return [path]
