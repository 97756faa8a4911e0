"""The records every stage reads and writes: nothing else travels between stages.

Offsets (`start`, `end`) are character offsets into the owning article's
cleaned `text`. Ids are content hashes, so the same input gives the same ids
on every run and on every machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "storyline/1"

REMOVAL_REASONS = ("promo", "caption", "credit", "navigation", "duplicate", "embed", "other")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "FAC", "LAW", "NORP", "EVENT", "WORK", "PRODUCT")
QUOTE_KINDS = ("direct", "partial", "indirect", "post")
QUALIFIERS = ("exact", "more_than", "less_than", "about", "up_to", "almost", "at_least")
CLAIM_STATUSES = ("corroborated", "conflicting", "updated", "single_source")
DISAGREEMENT_KINDS = ("figure", "date", "wording", "attribution", "polarity", "framing")


def content_id(prefix: str, *parts: object) -> str:
    """A short, stable id made from the parts it names (`a-3f9c…`)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return f"{prefix}-{h.hexdigest()[:16]}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Hints:
    """Metadata an input states about itself (a JSON record, a feed entry, HTTP headers)."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [])}


@dataclass
class RawDocument:
    """The bytes of one document exactly as read, and where they came from.

    `source` is the path or URL exactly as the user gave it; a document found
    inside a container (a JSONL line, a feed entry, a WARC record) gets the
    container's source with a `#fragment` naming its place inside it.
    `format` says how to read `data`: "html", "text" or "markdown".
    """

    source: str
    data: bytes
    format: str
    hints: Hints = field(default_factory=Hints)
    encoding: str | None = None  # declared or detected; None means "detect"

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def id(self) -> str:
        return content_id("a", self.data, self.format, json.dumps(self.hints.to_dict(), sort_keys=True))


@dataclass
class InputProblem:
    """One input that could not be read, and why, in words a user can act on."""

    source: str
    reason: str
    kind: str = (
        "unreadable"  # unreadable | unsupported | empty | too_large | unreachable | http_error | not_a_feed
    )

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Removal:
    """A piece of the input that cleaning took out of the body, with the rule that did it."""

    text: str
    reason: str  # one of REMOVAL_REASONS
    rule: str | None = None  # the name of the rule, for the audit

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "reason": self.reason}
        if self.rule:
            d["rule"] = self.rule
        return d


@dataclass
class Span:
    """A marked region of an article's text (an embedded social-media post, say)."""

    start: int
    end: int
    kind: str = "post"


@dataclass
class Article:
    id: str
    source: str
    text: str
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    kind: str = "unknown"  # news | opinion | unknown
    removed: list[Removal] = field(default_factory=list)
    duplicate_of: str | None = None
    url: str | None = None
    embeds: list[Span] = field(default_factory=list)
    raw_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "kind": self.kind,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "duplicate_of": self.duplicate_of,
            "url": self.url,
            "embeds": [asdict(s) for s in self.embeds],
            "raw_sha256": self.raw_sha256,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"],
            source=d["source"],
            text=d["text"],
            outlet=d.get("outlet"),
            title=d.get("title"),
            authors=list(d.get("authors") or []),
            published=d.get("published"),
            kind=d.get("kind", "unknown"),
            removed=[Removal(r["text"], r["reason"], r.get("rule")) for r in d.get("removed", [])],
            duplicate_of=d.get("duplicate_of"),
            url=d.get("url"),
            embeds=[Span(**s) for s in d.get("embeds", [])],
            raw_sha256=d.get("raw_sha256"),
        )


@dataclass
class Mention:
    """One place an entity is named: a span of one article's text."""

    article: str
    start: int
    end: int
    text: str
    label: str = ""  # the type the tagger (or a rule) gave this one mention

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Quote:
    id: str
    article: str
    start: int
    end: int
    text: str
    speaker: str | None = None  # entity id, filled by resolution
    speaker_text: str | None = None
    cue: str | None = None
    kind: str = "direct"
    # where in the article the speaker is named (after following pronouns and
    # descriptors); entity resolution turns this span into `speaker`
    speaker_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "kind": self.kind,
        }


@dataclass
class Figure:
    id: str
    article: str
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    qualifier: str = "exact"
    measure: str | None = None
    subject: str | None = None  # entity id the claim is attributed to
    subject_span: tuple[int, int] | None = None
    value_max: float | None = None  # upper end of a range ("200 to 300")

    def to_dict(self) -> dict[str, Any]:
        value: Any = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "measure": self.measure,
            "subject": self.subject,
        }


@dataclass
class Event:
    id: str
    article: str
    start: int
    end: int
    date: str | None
    date_text: str
    summary: str
    entities: list[str] = field(default_factory=list)
    entity_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_text": self.date_text,
            "summary": self.summary,
            "entities": list(self.entities),
        }


@dataclass
class Statement:
    """One sentence of an article that asserts something checkable, with what its parse says of it.

    `entities`, `attributed_to` are entity ids filled by resolution from the spans
    extraction pointed at; `predicate`, `subject` and `object` are lemmas of the
    main clause (the clause reported, when the sentence reports speech).
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    figures: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    negated: bool = False
    hedged: bool = False
    attributed_text: str | None = None
    predicate: str | None = None
    subject: str | None = None
    object: str | None = None
    entities: list[str] = field(default_factory=list)
    attributed_to: str | None = None
    entity_spans: list[tuple[int, int]] = field(default_factory=list)
    attribution_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "entities": list(self.entities),
            "figures": list(self.figures),
            "quotes": list(self.quotes),
            "dates": list(self.dates),
            "negated": self.negated,
            "hedged": self.hedged,
            "attributed_to": self.attributed_to,
            "attributed_text": self.attributed_text,
            "predicate": self.predicate,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        names = {f.name for f in fields(cls)}
        kept = {k: v for k, v in d.items() if k in names}
        kept["entity_spans"] = [(int(a), int(b)) for a, b in d.get("entity_spans", [])]
        span = d.get("attribution_span")
        kept["attribution_span"] = (int(span[0]), int(span[1])) if span else None
        return cls(**kept)


@dataclass
class Disagreement:
    """Where two members of one claim differ, and how, in words a reader can check."""

    kind: str  # one of DISAGREEMENT_KINDS
    a: str  # member id
    b: str  # member id
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "note": self.note}


@dataclass
class Claim:
    id: str
    kind: str  # statement | figure | quote | event
    statement: str
    members: list[str]
    articles: list[str]
    status: str  # one of CLAIM_STATUSES
    note: str | None = None  # why it conflicts, in words
    disagreements: list[Disagreement] = field(default_factory=list)
    # for `updated`: each value in time order, with the member and article that gave it
    timeline: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "statement": self.statement,
            "members": list(self.members),
            "articles": list(self.articles),
            "status": self.status,
            "disagreements": [x.to_dict() for x in self.disagreements],
        }
        if self.note is not None:
            d["note"] = self.note
        if self.timeline:
            d["timeline"] = list(self.timeline)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            kind=d["kind"],
            statement=d["statement"],
            members=list(d["members"]),
            articles=list(d["articles"]),
            status=d["status"],
            note=d.get("note"),
            disagreements=[Disagreement(**x) for x in d.get("disagreements", [])],
            timeline=list(d.get("timeline", [])),
        )


@dataclass
class Duplicate:
    a: dict[str, Any]
    b: dict[str, Any]
    similarity: float
    scope: str  # paragraph | article

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "similarity": round(self.similarity, 3), "scope": self.scope}


@dataclass
class ArticleAnnotations:
    """What extraction found in one article, before anything is resolved across articles."""

    article: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Everything, spans included, so a store can give back exactly what extraction made."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleAnnotations:
        def span(value: Any) -> tuple[int, int] | None:
            return (int(value[0]), int(value[1])) if value else None

        quotes = [Quote(**{**q, "speaker_span": span(q.get("speaker_span"))}) for q in d["quotes"]]
        figures = [Figure(**{**f, "subject_span": span(f.get("subject_span"))}) for f in d["figures"]]
        events = [
            Event(**{**v, "entity_spans": [(int(a), int(b)) for a, b in v.get("entity_spans", [])]})
            for v in d["events"]
        ]
        statements = [Statement.from_dict(x) for x in d.get("statements", [])]
        return cls(d["article"], [Mention(**m) for m in d["mentions"]], quotes, figures, events, statements)


# The parts of a story made of records, in the order `Story.to_dict` gives them.
RECORD_SECTIONS = (
    "articles", "entities", "quotes", "figures", "events", "statements", "claims", "duplicates"
)  # fmt: skip


@dataclass
class Story:
    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    # one record per article: how it reads (news/opinion), which of its facts others
    # corroborate, what only it reports, what it leaves out, which story it belongs to
    profiles: list[dict[str, Any]] = field(default_factory=list)

    def __repr__(self) -> str:
        # The generated repr would print every article's text (hundreds of kilobytes).
        conflicting = sum(c.status == "conflicting" for c in self.claims)
        return (
            f"<Story articles={len(self.articles)} entities={len(self.entities)} quotes={len(self.quotes)} "
            f"figures={len(self.figures)} events={len(self.events)} claims={len(self.claims)} "
            f"conflicting={conflicting} skipped={len(self.problems)}>"
        )

    def article(self, article_id: str) -> Article | None:
        for a in self.articles:
            if a.id == article_id:
                return a
        return None

    def sections(self) -> Iterator[tuple[str, Iterator[Any]]]:
        """Each part of `to_dict` by name, its records made one at a time as they are read."""
        yield "schema", iter((SCHEMA,))
        for name in RECORD_SECTIONS:
            yield name, (r.to_dict() for r in getattr(self, name))
        yield "profiles", iter(self.profiles)
        yield "skipped", ({"source": p.source, "reason": p.reason, "kind": p.kind} for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        sections = self.sections()
        return {name: next(records) if name == "schema" else list(records) for name, records in sections}

    def json_chunks(self) -> Iterator[str]:
        """`json.dumps(self.to_dict(), ensure_ascii=False, indent=1)`, one record at a time.

        The same text, never held whole: a story of many articles is written in a
        fraction of the memory its whole dump would take.
        """
        yield "{"
        for n, (name, records) in enumerate(self.sections()):
            yield ("," if n else "") + "\n " + json.dumps(name) + ": "
            if name == "schema":
                yield json.dumps(next(records))
                continue
            empty = True
            for record in records:
                # nested two levels down: every line of the record's own dump moves right by two
                text = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n  ")
                yield ("[\n  " if empty else ",\n  ") + text
                empty = False
            yield "[]" if empty else "\n ]"
        yield "\n}"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document (schema: {d.get('schema')!r})")
        entities = []
        for e in d.get("entities", []):
            mentions = [Mention(m["article"], m["start"], m["end"], m["text"]) for m in e.get("mentions", [])]
            entities.append(Entity(e["id"], e["name"], e["type"], list(e.get("aliases", [])), mentions))
        return cls(
            articles=[Article.from_dict(a) for a in d.get("articles", [])],
            entities=entities,
            quotes=[Quote(**q) for q in d.get("quotes", [])],
            figures=[Figure(**f) for f in d.get("figures", [])],
            events=[Event(**v) for v in d.get("events", [])],
            statements=[Statement.from_dict(x) for x in d.get("statements", [])],
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            duplicates=[Duplicate(**x) for x in d.get("duplicates", [])],
            problems=[InputProblem(**p) for p in d.get("skipped", [])],
            profiles=list(d.get("profiles", [])),
        )
