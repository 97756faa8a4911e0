"""Exports of a story model: JSON, JSONL, CSV and Parquet tables, GraphML, and schema.org JSON-LD."""

from __future__ import annotations

import csv
import functools
import json
import re
from datetime import date
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
    "profiles",
    "skipped",
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


def records(story: Story) -> dict[str, list[dict[str, Any]]]:
    """One table per section of story.json, one row per record; lists and nested records kept as they are."""
    data = story.to_dict()
    mentions = [{"entity": e["id"], **m} for e in data["entities"] for m in e["mentions"]]
    return {
        "articles": data["articles"],
        "entities": [{k: v for k, v in e.items() if k != "mentions"} for e in data["entities"]],
        "mentions": mentions,
        "quotes": data["quotes"],
        "figures": data["figures"],
        "events": data["events"],
        "statements": data["statements"],
        # a claim's timeline is a table of its own, so a column never mixes numbers and words
        "claims": [{k: v for k, v in c.items() if k != "timeline"} for c in data["claims"]],
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
        "profiles": data.get("profiles", []),
        "skipped": data.get("skipped", []),
    }


def tables(story: Story) -> dict[str, list[dict[str, Any]]]:
    """One flat table per section, for CSV: lists inside a record become JSON text."""
    return {name: [_flat(r) for r in rows] for name, rows in records(story).items()}


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


@functools.cache
def schemas() -> dict[str, Any]:
    """One declared Arrow schema per table, so a column has one type in every export, whatever its
    values and however few its rows. An event's date may be a month or a year ("2025-06"), so event
    dates are ISO text; an article is published on a day, so `published` (and a timeline entry's
    date, which is its article's) is a date."""
    import pyarrow as pa

    text, whole, number, flag, day = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
    texts = pa.list_(text)
    located = [("article", text), ("start", whole), ("end", whole)]
    removal = pa.struct([("text", text), ("reason", text), ("rule", text)])
    embed = pa.struct([("start", whole), ("end", whole), ("kind", text)])
    disagreement = pa.struct([("kind", text), ("a", text), ("b", text), ("note", text)])
    # a source profile's opinion evidence: counts, and whether the title or address says opinion
    evidence = pa.struct(
        [
            ("words", whole),
            ("first_person", whole),
            ("first_person_plural", whole),
            ("evaluative", whole),
            ("hedges", whole),
            ("questions", whole),
            ("attributions", whole),
            ("labelled", flag),
            ("sentences", whole),
            ("attributed_sentences", whole),
        ]
    )
    columns: dict[str, list[tuple[str, Any]]] = {
        "articles": [
            ("id", text),
            ("source", text),
            ("outlet", text),
            ("title", text),
            ("authors", texts),
            ("published", day),
            ("kind", text),
            ("text", text),
            ("removed", pa.list_(removal)),
            ("duplicate_of", text),
            ("url", text),
            ("embeds", pa.list_(embed)),
            ("raw_sha256", text),
        ],
        "entities": [("id", text), ("name", text), ("type", text), ("aliases", texts)],
        "mentions": [("entity", text), *located, ("text", text)],
        "quotes": [
            ("id", text),
            *located,
            ("text", text),
            ("speaker", text),
            ("speaker_text", text),
            ("cue", text),
            ("kind", text),
        ],
        "figures": [
            ("id", text),
            *located,
            ("text", text),
            ("value", number),
            ("unit", text),
            ("qualifier", text),
            ("measure", text),
            ("subject", text),
        ],
        "events": [
            ("id", text),
            *located,
            ("date", text),
            ("date_text", text),
            ("summary", text),
            ("entities", texts),
        ],
        "statements": [
            ("id", text),
            *located,
            ("text", text),
            ("entities", texts),
            ("figures", texts),
            ("quotes", texts),
            ("dates", texts),
            ("negated", flag),
            ("hedged", flag),
            ("attributed_to", text),
            ("attributed_text", text),
            ("predicate", text),
        ],
        "claims": [
            ("id", text),
            ("kind", text),
            ("statement", text),
            ("members", texts),
            ("articles", texts),
            ("status", text),
            ("disagreements", pa.list_(disagreement)),
            ("note", text),
        ],
        "disagreements": [("claim", text), ("kind", text), ("a", text), ("b", text), ("note", text)],
        "timelines": [
            ("claim", text),
            ("order", whole),
            ("value", text),
            ("date", day),
            ("member", text),
            ("article", text),
        ],
        "duplicates": [
            ("a_article", text),
            ("a_start", whole),
            ("a_end", whole),
            ("b_article", text),
            ("b_start", whole),
            ("b_end", whole),
            ("similarity", number),
            ("scope", text),
        ],
        "profiles": [
            ("article", text),
            ("kind", text),
            ("opinion_score", number),
            ("evidence", evidence),
            ("facts_total", whole),
            ("facts_corroborated", whole),
            ("exclusive", texts),
            ("missing", texts),
            ("rewrite_of", text),
            ("story", whole),
        ],
        "skipped": [("source", text), ("reason", text), ("kind", text)],
    }
    return {name: pa.schema(fields) for name, fields in columns.items()}


def _columns(rows: list[dict[str, Any]], name: str) -> list[str]:
    """The table's declared columns, then any a record carries that the schema does not name."""
    columns = dict.fromkeys(schemas()[name].names)
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _parquet(story: Story, out: Path) -> list[Path]:
    import pyarrow.parquet as pq

    written = []
    for name, rows in records(story).items():
        path = out / f"{name}.parquet"
        pq.write_table(arrow_table(rows, name), path)
        written.append(path)
    return written


def arrow_table(rows: list[dict[str, Any]], name: str) -> Any:
    """The rows of table `name` as an Arrow table of its declared schema: lists as lists, nested
    records as structs, days as dates, the same types for no rows as for many. A column the schema
    does not name (a field from a newer story.json) is kept as text."""
    import pyarrow as pa

    schema = schemas()[name]
    fields = list(schema)
    fields += [pa.field(c, pa.string()) for c in _columns(rows, name) if c not in schema.names]
    arrays = []
    for f in fields:
        values = [r.get(f.name) for r in rows]
        if f.name not in schema.names:
            values = [
                v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values
            ]
        elif f.type == pa.date32():
            values = [None if v is None else _day(v, name, f.name) for v in values]
        try:
            arrays.append(pa.array(values, f.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ExportError(
                f"{name}.{f.name}: a value does not fit the column's type {f.type} ({exc})"
            ) from None
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any, table: str, column: str) -> date:
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ExportError(f"{table}.{column}: {value!r} is not a day (YYYY-MM-DD), which story.json holds there")


def _graphml(story: Story, out: Path) -> list[Path]:
    import networkx as nx

    path = out / "actors.graphml"
    nx.write_graphml(graphml_graph(story), path)
    return [path]


# Node colours by actor type, as GraphML attributes Gephi can colour by (r, g, b) or show (colour).
NODE_COLOURS = {
    "PERSON": (36, 87, 166),
    "ORG": (181, 101, 29),
    "GPE": (30, 123, 52),
    "FAC": (107, 79, 160),
}


def graphml_graph(story: Story) -> Any:
    """The actor graph with what Gephi and yEd look for: a `label` (the actor's name), its `type`,
    a colour, and a size by mentions; edges keep their weight."""
    graph = actor_graph(story)
    for _, d in graph.nodes(data=True):
        r, g, b = NODE_COLOURS.get(d["type"], (91, 101, 117))
        d.update(label=d["name"], r=r, g=g, b=b, colour=f"#{r:02x}{g:02x}{b:02x}", size=float(d["mentions"]))
    return graph


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


# The context is embedded, not fetched: a JSON-LD reader (rdflib, pyld) can expand the file offline.
# Terms map to schema.org; ids are fragments of one base, so every node has an absolute IRI.
JSONLD_CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "@base": "https://storyline.invalid/story",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "datePublished": {"@id": "schema:datePublished", "@type": "xsd:date"},
    "startDate": {"@id": "schema:startDate"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "value": {"@id": "schema:value"},
}


def jsonld(story: Story) -> dict[str, Any]:
    """The story as a schema.org graph: articles, actors, quotes, statements, figures, events, claims."""
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
        if x.attributed_to:
            node["author"] = {"@id": f"#{x.attributed_to}"}
        graph.append(node)
    for f in story.figures:
        node = {
            "@type": "QuantitativeValue",
            "@id": f"#{f.id}",
            "name": f.text,
            "value": f.value,
            "maxValue": f.value_max,
            "unitText": f.unit,
            "description": f.measure,
            "subjectOf": {"@id": f"#{f.article}"},
        }
        graph.append({k: v for k, v in node.items() if v is not None})
    for v in story.events:
        node = {
            "@type": "Event",
            "@id": f"#{v.id}",
            "name": v.summary,
            "startDate": v.date,
            "subjectOf": {"@id": f"#{v.article}"},
            "about": [{"@id": f"#{eid}"} for eid in v.entities],
        }
        graph.append({k: val for k, val in node.items() if val not in (None, [])})
    graph += [_claim_node(story, c) for c in story.claims]
    return {"@context": JSONLD_CONTEXT, "@graph": graph}


def _claim_node(story: Story, claim: Any) -> dict[str, Any]:
    """A schema.org Claim: every article and sentence it appears in, the earliest, and who made it."""
    published = {a.id: a.published for a in story.articles}
    facts: dict[str, Any] = {
        x.id: x for x in [*story.quotes, *story.statements, *story.figures, *story.events]
    }
    properties = [{"@type": "PropertyValue", "name": "status", "value": claim.status}]
    properties += [
        {"@type": "PropertyValue", "name": f"disagreement:{d.kind}", "value": d.note}
        for d in claim.disagreements
    ]
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"#{claim.id}",
        "text": claim.statement,
        "appearance": [{"@id": f"#{aid}"} for aid in claim.articles]
        + [{"@id": f"#{m}"} for m in claim.members],
        "additionalProperty": properties,
    }
    dated = sorted((published[a], a) for a in claim.articles if published.get(a))
    if dated:
        node["firstAppearance"] = {"@id": f"#{dated[0][1]}"}
    authors = sorted(
        {
            who
            for m in claim.members
            if (who := getattr(facts.get(m), "speaker", None) or getattr(facts.get(m), "attributed_to", None))
        }
    )
    if authors:
        node["author"] = [{"@id": f"#{eid}"} for eid in authors]
    return node


def _jsonld(story: Story, out: Path) -> list[Path]:
    path = out / "story.jsonld"
    path.write_text(json.dumps(jsonld(story), ensure_ascii=False, indent=1), "utf-8")
    return [path]
