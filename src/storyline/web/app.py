"""The local explorer: read-only pages over one analysis folder, each with a `.json` twin."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.export import load_story
from storyline.graph import actor_graph
from storyline.model import CLAIM_STATUSES, Story
from storyline.report import charts, views
from storyline.report.claims import ClaimBook
from storyline.report.headlines import readable
from storyline.report.render import TEMPLATES as REPORT_TEMPLATES
from storyline.report.render import Mark, article_marks, claim_refs, highlight
from storyline.web import sql
from storyline.web.guard import GuardMiddleware, HostPolicy
from storyline.web.search import SearchIndex
from storyline.web.tables import MAX_LIMIT, Column, Facet, Table, query

TEMPLATES = Path(__file__).parent / "templates"

# The explorer serves only its own markup; article text is escaped, and even if
# something slipped through, the policy forbids scripts and outside requests.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class Field:
    """One line of a record's page: what it is, what it says, and where it leads (if anywhere)."""

    label: str
    text: Any
    href: str | None = None


class Explorer:
    """The story and the lookups every page needs, built once at start-up."""

    def __init__(self, story: Story, folder: Path) -> None:
        story = readable(story)  # each claim read as one of its members' sentences
        self.story = story
        self.folder = folder
        self.articles = {a.id: a for a in story.articles}
        self.entities = {e.id: e for e in story.entities}
        self.claims = {c.id: c for c in story.claims}
        self.book = ClaimBook(story)
        self.facts: dict[str, Any] = self.book.facts
        self.index = SearchIndex(story, folder)
        self.outlet = views.outlet_names(story)
        self.claim_refs = claim_refs(story, claim_link)
        self.actors = {row["entity"].id: row for row in views.actor_rows(story)}
        self.names = {e.id: e.name for e in story.entities}
        # an actor's page by its name, where no other actor has that name (the quotes page heads by name)
        named: dict[str, list[str]] = defaultdict(list)
        for e in story.entities:
            named[e.name].append(e.id)
        self.actor_named = {name: ids[0] for name, ids in named.items() if len(ids) == 1}
        self.claim_of = {m: c for c in story.claims for m in c.members}
        self.quotes = {q.id: q for q in story.quotes}
        self.figures = {f.id: f for f in story.figures}
        self.events = {v.id: v for v in story.events}
        self.statements = {s.id: s for s in story.statements}
        self.graph = actor_graph(story)
        self.tables = {t.name: t for t in self.build_tables()}

    def fact_fields(self, fact: Any) -> list[Field]:
        """Where a quote, figure or event stands: its article, outlet, date, and the claim it is part of."""
        article = self.articles.get(fact.article)
        claim = self.claim_of.get(fact.id)
        return [
            Field("Outlet", self.outlet.get(fact.article, "")),
            Field("Article", article and (article.title or article.source), f"/articles/{fact.article}"),
            Field("Published", article and article.published),
            Field("In place", "read it in the article", fact_link(fact.id, fact.article)),
            Field("Claim", claim and claim.statement, claim and claim_link(claim.id)),
            Field("Claim status", claim and claim.status.replace("_", " ")),
        ]

    def actor(self, entity_id: str) -> Any:
        entity = self.entities.get(entity_id)
        if entity is None:
            raise HTTPException(404, f"no actor {entity_id}")
        return entity

    def actor_link(self, entity_id: str | None) -> str | None:
        return f"/entities/{entity_id}" if entity_id in self.entities else None

    def actor_view(self, entity_id: str) -> dict[str, Any]:
        """One actor: its names, what it says and what is said of it, and the actors it is tied to."""
        e = self.actor(entity_id)
        story = self.story
        ties = sorted(
            (
                {"id": other, "name": self.names[other], **self.graph.edges[e.id, other]}
                for other in self.graph.neighbors(e.id)
            ),
            key=lambda t: (-t["weight"], t["name"]),
        )
        by_article: dict[str, int] = defaultdict(int)
        for m in e.mentions:
            by_article[m.article] += 1
        return {
            "entity": e,
            "aliases": self.actors[e.id]["aliases"],
            "doubt": self.actors[e.id]["doubt"],
            "quotes": [q for q in story.quotes if q.speaker == e.id],
            "figures": [f for f in story.figures if f.subject == e.id],
            "events": [v for v in timeline_events(story) if e.id in v.entities],
            "statements": [s for s in story.statements if e.id in s.entities or s.attributed_to == e.id],
            "ties": ties,
            "articles": [(self.articles[a], n) for a, n in by_article.items() if a in self.articles],
        }

    def quote_view(self, quote_id: str) -> tuple[Any, list[Field]]:
        q = self.quotes.get(quote_id)
        if q is None:
            raise HTTPException(404, f"no quote {quote_id}")
        speaker = self.names.get(q.speaker or "") or q.speaker_text
        return q, [
            Field("Speaker", speaker or "not found", self.actor_link(q.speaker)),
            Field("Written as", q.speaker_text),
            Field("Said with", q.cue),
            Field("Kind", q.kind),
            *self.fact_fields(q),
        ]

    def figure_view(self, figure_id: str) -> tuple[Any, list[Field]]:
        f = self.figures.get(figure_id)
        if f is None:
            raise HTTPException(404, f"no figure {figure_id}")
        value = None if f.value is None else f"{f.value:g}" + (f" to {f.value_max:g}" if f.value_max else "")
        return f, [
            Field("Value", value),
            Field("Unit", f.unit),
            Field("Of what", f.measure),
            Field("How exact", f.qualifier),
            Field("Attributed to", self.names.get(f.subject or ""), self.actor_link(f.subject)),
            *self.fact_fields(f),
        ]

    def event_view(self, event_id: str) -> tuple[Any, list[Field]]:
        v = self.events.get(event_id)
        if v is None:
            raise HTTPException(404, f"no event {event_id}")
        actors = [Field("Actor", self.names[a], self.actor_link(a)) for a in v.entities if a in self.names]
        return v, [
            Field("Date", v.date or "undated"),
            Field("Date as written", v.date_text),
            *actors,
            *self.fact_fields(v),
        ]

    def statement_view(self, statement_id: str) -> tuple[Any, list[Field]]:
        s = self.statements.get(statement_id)
        if s is None:
            raise HTTPException(404, f"no statement {statement_id}")
        who = self.names.get(s.attributed_to or "") or s.attributed_text
        actors = [Field("Actor", self.names[e], self.actor_link(e)) for e in s.entities if e in self.names]
        figures = [
            Field("Figure", self.figures[f].text, record_link(f)) for f in s.figures if f in self.figures
        ]
        quotes = [Field("Quote", self.quotes[q].text, record_link(q)) for q in s.quotes if q in self.quotes]
        return s, [
            Field("Attributed to", who, self.actor_link(s.attributed_to)),
            Field("Dates stated", ", ".join(s.dates)),
            Field("Negated", "yes" if s.negated else None),
            Field("Hedged", "yes" if s.hedged else None),
            *actors,
            *figures,
            *quotes,
            *self.fact_fields(s),
        ]

    def build_tables(self) -> list[Table]:
        """Every table the explorer serves, rows in their default order."""
        story, outlet = self.story, self.outlet

        def outlet_of(x: Any) -> str:
            return outlet.get(x.article, "")

        def yes(flag: bool) -> str:
            return "yes" if flag else "no"

        by_outlet = Facet("outlet", "Outlet", outlet_of)
        return [
            Table(
                "claims",
                "/claims",
                "Claims",
                views.claims_in_order(story.claims),
                [
                    Column(
                        "status", "Status", lambda c: views.STATUS_ORDER.get(c.status, 4), lambda c: c.status
                    ),
                    Column("statement", "Claim", lambda c: c.statement, link=lambda c: claim_link(c.id)),
                    Column("kind", "Kind", lambda c: c.kind),
                    Column(
                        "outlets",
                        "Outlets",
                        lambda c: len(self.book.outlets(c)),
                        lambda c: ", ".join(self.book.outlets(c)),
                    ),
                ],
                lambda c: c.to_dict(),
                [
                    Facet("status", "Status", lambda c: c.status, STATUSES),
                    Facet("kind", "Kind", lambda c: c.kind, CLAIM_KINDS),
                    Facet("outlet", "Outlet", lambda c: tuple(self.book.outlets(c))),
                ],
                template="claims.html.j2",
                note="Unsorted, conflicts come first, then revisions, then the most widely stated.",
            ),
            Table(
                "articles",
                "/articles",
                "Articles",
                list(story.articles),
                [
                    Column("published", "Published", lambda a: a.published),
                    Column(
                        "title", "Title", lambda a: a.title or a.source, link=lambda a: f"/articles/{a.id}"
                    ),
                    Column("outlet", "Outlet", lambda a: outlet[a.id]),
                    Column("kind", "Kind", lambda a: a.kind + (" (copy)" if a.duplicate_of else "")),
                    Column("removed", "Removed", lambda a: len(a.removed)),
                ],
                lambda a: {k: v for k, v in a.to_dict().items() if k != "text"},
                [
                    Facet("outlet", "Outlet", lambda a: outlet[a.id]),
                    Facet("kind", "Kind", lambda a: a.kind),
                    Facet("published", "Published", lambda a: a.published or UNDATED),
                ],
            ),
            Table(
                "entities",
                "/entities",
                "Actors",
                list(story.entities),
                [
                    Column("name", "Name", lambda e: e.name, link=lambda e: f"/entities/{e.id}"),
                    Column("type", "Type", lambda e: e.type),
                    Column("mentions", "Mentions", lambda e: len(e.mentions)),
                    Column(
                        "aliases",
                        "Also written as",
                        lambda e: ", ".join(self.actors[e.id]["aliases"]) or None,
                    ),
                ],
                lambda e: e.to_dict(),
                [Facet("type", "Type", lambda e: e.type)],
                template="entities.html.j2",
                # as in `storyline export`: mentions are a table of their own, here only counted
                flat=lambda e: {**e.to_dict(), "mentions": len(e.mentions)},
            ),
            Table(
                "quotes",
                "/quotes/table",
                "Quotes",
                list(story.quotes),
                [
                    Column("text", "Quote", lambda q: q.text, link=lambda q: f"/quotes/{q.id}"),
                    Column(
                        "speaker",
                        "Speaker",
                        lambda q: self.names.get(q.speaker or "", q.speaker_text),
                        link=lambda q: self.actor_link(q.speaker),
                    ),
                    Column("outlet", "Outlet", outlet_of),
                    Column("kind", "Kind", lambda q: q.kind),
                ],
                lambda q: q.to_dict(),
                [by_outlet, Facet("kind", "Kind", lambda q: q.kind)],
                note="Every quote as found in each article; the quotes page groups them by speaker.",
            ),
            Table(
                "figures",
                "/figures/table",
                "Figures",
                list(story.figures),
                [
                    Column("text", "Figure", lambda f: f.text, link=lambda f: f"/figures/{f.id}"),
                    Column("value", "Value", lambda f: f.value),
                    Column("unit", "Unit", lambda f: f.unit),
                    Column("measure", "Of what", lambda f: f.measure),
                    Column("outlet", "Outlet", outlet_of),
                ],
                lambda f: f.to_dict(),
                [by_outlet],
                note="Every figure as found in each article; the figures page compares them claim by claim.",
            ),
            Table(
                "events",
                "/events",
                "Events",
                timeline_events(story),
                [
                    Column("date", "Date", lambda v: v.date),
                    Column("summary", "What", lambda v: v.summary, link=lambda v: f"/events/{v.id}"),
                    Column("date_text", "Date as written", lambda v: v.date_text),
                    Column("outlet", "Outlet", outlet_of),
                ],
                lambda v: v.to_dict(),
                [by_outlet, Facet("date", "Date", lambda v: v.date or UNDATED)],
            ),
            Table(
                "statements",
                "/statements",
                "Statements",
                list(story.statements),
                [
                    Column("text", "Statement", lambda s: s.text, link=lambda s: record_link(s.id)),
                    Column("attributed", "Attributed to", lambda s: s.attributed_text),
                    Column("negated", "Negated", lambda s: int(s.negated), lambda s: yes(s.negated)),
                    Column("hedged", "Hedged", lambda s: int(s.hedged), lambda s: yes(s.hedged)),
                    Column("outlet", "Outlet", outlet_of),
                ],
                lambda s: s.to_dict(),
                [by_outlet],
            ),
        ]

    def claim_page(self, claim_id: str) -> dict[str, Any]:
        claim = self.claims.get(claim_id)
        if claim is None:
            raise HTTPException(404, f"no claim {claim_id}")
        return self.book.page(claim)

    def claim_view(self, claim_id: str) -> dict[str, Any]:
        """The claim page as JSON: the claim, its disagreements side by side, its timeline, every sentence."""
        page = self.claim_page(claim_id)
        sentences = []
        for m in page["members"]:
            fact = self.facts[m.id]
            sentences.append(
                {
                    "fact": m.id,
                    "kind": m.kind,
                    "page": record_link(m.id),
                    "article": m.article,
                    "outlet": m.outlet,
                    "published": m.published,
                    "date": m.date,
                    "attributed_to": m.attributed,
                    "flags": m.flags,
                    "start": fact.start,
                    "end": fact.end,
                    "sentence": _sentence_parts(m.segments),
                }
            )
        return {
            "claim": page["claim"].to_dict(),
            "outlets": page["outlets"],
            "disagreements": [d.to_dict() for d in page["disputes"]],
            # the same, shown once: the two sides the claim's members take
            "disagreement_sides": page["group"].to_dict() if page["group"] else None,
            "timeline": page["timeline"],
            "sentences": sentences,
        }

    def overview(self) -> dict[str, Any]:
        ov = self.book.overview()
        return {
            "disagreements": [d.to_dict() for d in ov["disputes"]],
            "disagreements_by_claim": [g.to_dict() for g in ov["groups"]],
            "updated": [x.to_dict() for x in ov["updated"]],
            "corroborated": [x.to_dict() for x in ov["corroborated"]],
            "single_source": [x.to_dict() for x in ov["single"]],
        }

    def article_view(self, article_id: str, focus: str | None) -> dict[str, Any]:
        article = self.articles.get(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        marks = article_marks(self.story, article)
        fact = self.facts.get(focus or "")
        if fact is not None and fact.article == article.id:
            kind = "focus-sentence" if fact.id.startswith("s-") else "focus"
            shown = Mark(fact.start, fact.end, kind, fact.id)
            # the focused fact wins over whatever it overlaps in its layer, so it is always drawn
            marks = [
                m
                for m in marks
                if m.ref != fact.id
                and not (m.layer == shown.layer and m.start < fact.end and fact.start < m.end)
            ]
            marks.append(shown)
        paragraphs = highlight(article.text, marks, claims=self.claim_refs)
        return {"article": article, "paragraphs": paragraphs, "focus": focus}


def _sentence_parts(segs: list[tuple[str, str]]) -> dict[str, str]:
    """A member's sentence as before / fact / after, the shape the claim JSON has always had."""
    at = next((i for i, (_, cls) in enumerate(segs) if cls == "fact"), None)
    if at is None:
        return {"before": "".join(t for t, _ in segs), "fact": "", "after": ""}
    return {
        "before": "".join(t for t, _ in segs[:at]),
        "fact": segs[at][0],
        "after": "".join(t for t, _ in segs[at + 1 :]),
    }


def fact_link(fact_id: str | None, article_id: str) -> str:
    if not fact_id:
        return f"/articles/{article_id}"
    return f"/articles/{article_id}?focus={fact_id}#{fact_id}"


def claim_link(claim_id: str) -> str:
    return f"/claims/{claim_id}"


# a fact's page, by the prefix of its id
RECORD_PATHS = {"s": "/statements/", "f": "/figures/", "q": "/quotes/", "v": "/events/"}


def record_link(fact_id: str) -> str | None:
    """The page of one statement, figure, quote or event (None for an id of another kind)."""
    prefix = RECORD_PATHS.get(fact_id.partition("-")[0])
    return prefix + fact_id if prefix else None


def create_app(
    folder: str | Path,
    host: str | None = None,
    port: int | None = None,
    allowed_hosts: Iterable[str] = (),
    sql_time_limit: float = sql.TIME_LIMIT,
) -> FastAPI:
    """The explorer over `folder`, answering only requests addressed to `host`:`port` (or a loopback
    name at that port; any port when `port` is None) or to one of `allowed_hosts`. A query on the
    SQL page is stopped after `sql_time_limit` seconds.
    """
    folder = Path(folder)
    explorer = Explorer(load_story(folder), folder)
    database = sql.Database(folder, sql_time_limit)
    # the report's templates hold the claim views both share
    loader = ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(REPORT_TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "j2"]))
    env.globals.update(fact_link=fact_link, claim_link=claim_link, record_link=record_link)
    app = FastAPI(
        title="storyline explorer",
        version=__version__,
        description="Read-only access to one storyline analysis: every HTML page has a .json twin.",
        docs_url=None,  # the stock docs page loads scripts from a CDN; the spec stays at /openapi.json
        redoc_url=None,
    )

    # Checking the Host header is what stops a DNS-rebinding page in the
    # user's browser from reading the story through a name it controls.
    app.add_middleware(GuardMiddleware, policy=HostPolicy(host, port, allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        """A browser gets an HTML page that says what went wrong; `.json` paths and API clients get JSON."""
        wants_html = "text/html" in request.headers.get("accept", "")
        if request.url.path.endswith(".json") or not wants_html:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        html = env.get_template("error.html.j2").render(
            version=__version__,
            status=exc.status_code,
            reason=HTTPStatus(exc.status_code).phrase,
            detail=exc.detail,
            path=request.url.path,
        )
        return HTMLResponse(html, status_code=exc.status_code, headers=exc.headers)

    def page(name: str, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(version=__version__, story=explorer.story, x=explorer, **context)
        return HTMLResponse(html)

    def add_table_routes(table: Table) -> None:
        """The table's page (sorted, faceted, paged) and its `.json` and `.csv` downloads of the same."""
        what = f"{table.title}: ?sort=COLUMN (or -COLUMN), ?page=, ?limit=" + "".join(
            f", ?{f.key}=" for f in table.facets
        )
        spec = {"parameters": table_parameters(table)}

        @app.get(table.path, response_class=HTMLResponse, summary=what, name=table.name, openapi_extra=spec)
        def html(request: Request) -> HTMLResponse:
            return page(table.template, t=query(table, request.query_params))

        @app.get(
            table.path + ".json",
            summary=what + "; every row unless ?page= or ?limit=",
            name=table.name + "_json",
            openapi_extra=spec,
        )
        def as_json(request: Request) -> JSONResponse:
            result = query(table, request.query_params, paged_by_default=False)
            return JSONResponse(
                [table.record(r) for r in result.rows], headers=paging_headers(result, ".json")
            )

        @app.get(table.path + ".csv", summary=what + "; as CSV", name=table.name + "_csv", openapi_extra=spec)
        def as_csv(request: Request) -> Response:
            result = query(table, request.query_params, paged_by_default=False)
            headers = {
                **paging_headers(result, ".csv"),
                "Content-Disposition": f'attachment; filename="{table.name}.csv"',
            }
            return Response(
                table.csv(result.rows),
                media_type="text/csv; charset=utf-8",
                headers=headers,
            )

    def add_record_routes(kind: str, view: Any) -> None:
        """`/{kind}s/{id}`: one quote, figure or event, where it stands and the claim it is part of."""

        @app.get(f"/{kind}s/{{fact_id}}.json", summary=f"One {kind} and where it stands", name=kind + "_json")
        def record_json(fact_id: str) -> dict[str, Any]:
            fact, fields = view(fact_id)
            claim = explorer.claim_of.get(fact.id)
            return {kind: fact.to_dict(), "claim": claim.id if claim else None}

        @app.get(f"/{kind}s/{{fact_id}}", response_class=HTMLResponse, summary=f"One {kind}", name=kind)
        def record(fact_id: str) -> HTMLResponse:
            fact, fields = view(fact_id)
            return page("record.html.j2", kind=kind, fact=fact, fields=fields)

    @app.get("/", response_class=HTMLResponse, summary="Overview")
    def overview() -> HTMLResponse:
        return page("overview.html.j2", counts=counts(explorer.story), ov=explorer.book.overview())

    @app.get("/index.json", summary="Overview as JSON")
    def overview_json() -> dict[str, Any]:
        return {
            **explorer.overview(),
            "counts": counts(explorer.story),
            "outlets": sorted(set(explorer.outlet.values())),
        }

    for table in explorer.tables.values():
        add_table_routes(table)

    @app.get(
        "/entities/{entity_id}.json", summary="One actor: its quotes, figures, events, statements and ties"
    )
    def actor_json(entity_id: str) -> dict[str, Any]:
        v = explorer.actor_view(entity_id)
        return {
            "entity": {k: val for k, val in v["entity"].to_dict().items() if k != "mentions"},
            "mentions": len(v["entity"].mentions),
            "aliases": v["aliases"],
            "doubt": v["doubt"],
            "articles": [{"article": a.id, "mentions": n} for a, n in v["articles"]],
            **{k: [x.id for x in v[k]] for k in ("quotes", "figures", "events", "statements")},
            "ties": v["ties"],
        }

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, summary="One actor")
    def actor(entity_id: str) -> HTMLResponse:
        return page("actor.html.j2", **explorer.actor_view(entity_id))

    for kind, view in (
        ("quote", explorer.quote_view),
        ("figure", explorer.figure_view),
        ("event", explorer.event_view),
        ("statement", explorer.statement_view),
    ):
        add_record_routes(kind, view)

    @app.get("/claims/{claim_id}.json", summary="One claim and the sentence in each article that states it")
    def claim_json(claim_id: str) -> dict[str, Any]:
        return explorer.claim_view(claim_id)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, summary="One claim with its sentences")
    def claim(claim_id: str) -> HTMLResponse:
        return page("claim.html.j2", **explorer.claim_page(claim_id))

    @app.get("/articles/{article_id}.json", summary="One article with its text and what was removed")
    def article_json(article_id: str) -> dict[str, Any]:
        return explorer.article_view(article_id, None)["article"].to_dict()

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article, facts highlighted")
    def article(article_id: str, focus: str | None = None) -> HTMLResponse:
        return page("article.html.j2", **explorer.article_view(article_id, focus))

    @app.get("/quotes", response_class=HTMLResponse, summary="Quotes grouped by speaker")
    def quotes() -> HTMLResponse:
        return page("quotes.html.j2", groups=views.quotes_by_speaker(explorer.story, explorer.outlet))

    @app.get("/quotes.json", summary="Quotes as JSON")
    def quotes_json() -> list[dict[str, Any]]:
        return [q.to_dict() for q in explorer.story.quotes]

    @app.get("/timeline", response_class=HTMLResponse, summary="Dated events in order")
    def timeline() -> HTMLResponse:
        return page(
            "timeline.html.j2",
            events=timeline_events(explorer.story),
            chart=charts.timeline_chart(explorer.story),
        )

    @app.get("/timeline.json", summary="Dated events as JSON")
    def timeline_json() -> list[dict[str, Any]]:
        return [v.to_dict() for v in timeline_events(explorer.story)]

    @app.get("/figures", response_class=HTMLResponse, summary="Figure claims with every outlet's value")
    def figures() -> HTMLResponse:
        return page(
            "figures.html.j2",
            rows=views.figure_claims(explorer.story, explorer.outlet),
            figure_charts=charts.figure_charts(explorer.story),
        )

    @app.get("/figures.json", summary="Figure claims as JSON")
    def figures_json() -> list[dict[str, Any]]:
        rows = views.figure_claims(explorer.story, explorer.outlet)
        return [{"claim": r["claim"].to_dict(), "values": r["values"]} for r in rows]

    @app.get("/coverage", response_class=HTMLResponse, summary="Claims against the articles that state them")
    def coverage() -> HTMLResponse:
        return page(
            "coverage.html.j2",
            coverage=views.coverage(explorer.story, explorer.outlet),
            heatmap=charts.coverage_heatmap(explorer.story),
        )

    @app.get("/coverage.json", summary="Coverage matrix as JSON")
    def coverage_json() -> dict[str, Any]:
        c = views.coverage(explorer.story, explorer.outlet)
        return {
            "columns": c["columns"],
            "rows": [{"claim": r["claim"].id, "cells": r["cells"]} for r in c["rows"]],
        }

    @app.get("/graph", response_class=HTMLResponse, summary="The actor graph")
    def graph() -> HTMLResponse:
        return page("graph.html.j2", graph=views.graph_view(explorer.story))

    @app.get("/graph.json", summary="The actor graph as nodes and edges")
    def graph_json() -> dict[str, Any]:
        g = actor_graph(explorer.story)
        return {
            "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
            "edges": [{"a": a, "b": b, **d} for a, b, d in g.edges(data=True)],
        }

    @app.get("/search", response_class=HTMLResponse, summary="Search articles, quotes, entities and claims")
    def search(q: str = Query("", max_length=200)) -> HTMLResponse:
        return page("search.html.j2", q=q, hits=explorer.index.search(q) if q.strip() else [])

    @app.get("/search.json", summary="Search as JSON")
    def search_json(q: str = Query("", max_length=200)) -> JSONResponse:
        return JSONResponse(explorer.index.search(q) if q.strip() else [])

    def sql_request(request: Request) -> tuple[str, dict[str, str], int]:
        """The query, its named parameters and the row limit a request asks for, or a 400 saying why."""
        given = request.query_params
        for name in set(given):
            if len(given.getlist(name)) > 1:
                raise HTTPException(400, f"{name} is given {len(given.getlist(name))} times; give it once")
        raw_limit = given.get("limit", "")
        if raw_limit and (not raw_limit.isdigit() or not 1 <= int(raw_limit) <= sql.MAX_ROWS):
            raise HTTPException(
                400, f"limit must be a whole number from 1 to {sql.MAX_ROWS}, not {raw_limit!r}"
            )
        params = {k: v for k, v in given.items() if k not in sql.RESERVED}
        return given.get("q", ""), params, int(raw_limit) if raw_limit else sql.ROWS

    def run_sql(query: str, params: dict[str, str], limit: int) -> sql.SQLResult:
        try:
            return database.run(query, params, limit)
        except sql.Busy as exc:
            raise HTTPException(503, str(exc)) from None
        except sql.SQLError as exc:
            raise HTTPException(400, str(exc)) from None

    sql_what = "?q=one SELECT statement, ?limit= rows (at most 10,000), ?NAME= for each $NAME in the query"

    @app.get("/sql", response_class=HTMLResponse, summary="Read-only SQL over story.duckdb: " + sql_what)
    def sql_page(request: Request) -> HTMLResponse:
        query, params, limit = sql_request(request)
        names = sql.parameter_names(query)
        context: dict[str, Any] = {
            "q": "",
            "query": query or sql.EXAMPLE,
            "params": {n: params.get(n, "") for n in names},
            "limit": limit,
            "tables": database.tables(),
            "exists": database.exists,
            "time_limit": database.time_limit,
            "result": None,
            "error": None,
            "query_string": request.url.query,
        }
        status = 200
        if query.strip() and all(n in params for n in names):
            try:
                context["result"] = run_sql(query, params, limit)
            except HTTPException as exc:
                context["error"], status = exc.detail, exc.status_code
        html = env.get_template("sql.html.j2").render(
            version=__version__, story=explorer.story, x=explorer, cell=sql.cell_text, **context
        )
        return HTMLResponse(html, status_code=status)

    @app.get(
        "/sql.json",
        summary="The SQL page's result as JSON (columns, types, rows, truncated); without ?q=, the tables",
    )
    def sql_json(request: Request) -> dict[str, Any]:
        query, params, limit = sql_request(request)
        if not query and not params:
            # the empty form's twin: what there is to query
            tables = {name: dict(columns) for name, columns in database.tables()}
            return {"database": database.exists, "tables": tables, "example": sql.EXAMPLE}
        return run_sql(query, params, limit).to_dict()

    @app.get("/sql.csv", summary="The SQL page's result as CSV")
    def sql_csv(request: Request) -> Response:
        result = run_sql(*sql_request(request))
        headers = {"Content-Disposition": 'attachment; filename="query.csv"'}
        if result.truncated:
            headers["X-Truncated"] = f"more than {result.limit} rows; raise ?limit= to get more"
        return Response(result.csv(), media_type="text/csv; charset=utf-8", headers=headers)

    return app


def table_parameters(table: Table) -> list[dict[str, Any]]:
    """The query parameters a table takes, for the OpenAPI spec (the routes read them from the request)."""
    keys = [c.key for c in table.columns]

    def param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}

    def values(facet: Facet) -> dict[str, Any]:
        item: dict[str, Any] = {"type": "string"}
        if facet.choices is not None:
            item["enum"] = list(facet.choices)
        return {"type": "array", "items": item}

    return [
        *(
            param(f.key, f"only rows whose {f.label.lower()} is this; repeat for any of several", values(f))
            for f in table.facets
        ),
        param(
            "sort",
            "a column, or -column for descending",
            {"type": "string", "enum": keys + ["-" + k for k in keys]},
        ),
        param("limit", "rows a page", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
        param("page", "which page, from 1", {"type": "integer", "minimum": 1}),
    ]


def paging_headers(result: Any, suffix: str) -> dict[str, str]:
    """How many rows the query has on every page, and RFC 8288 links to the pages around this one."""
    links = [
        f'<{result.table.path + suffix + link[len(result.table.path) :]}>; rel="{rel}"'
        for rel, link in (("prev", result.previous), ("next", result.next))
        if link
    ]
    headers = {"X-Total-Count": str(result.total)}
    if links:
        headers["Link"] = ", ".join(links)
    return headers


def timeline_events(story: Story) -> list[Any]:
    return sorted(story.events, key=lambda v: (v.date or "9999", v.article, v.start))


def counts(story: Story) -> dict[str, int]:
    by_status: dict[str, int] = defaultdict(int)
    for c in story.claims:
        by_status[c.status] += 1
    return {
        "articles": len(story.articles),
        "entities": len(story.entities),
        "quotes": len(story.quotes),
        "figures": len(story.figures),
        "events": len(story.events),
        "statements": len(story.statements),
        "claims": len(story.claims),
        **{f"claims_{k}": v for k, v in sorted(by_status.items())},
    }


UNDATED = "undated"  # the facet value of a row without a date
CLAIM_KINDS = ("statement", "figure", "quote", "event")
# the claim statuses, most urgent first
STATUSES = tuple(sorted(CLAIM_STATUSES, key=lambda s: views.STATUS_ORDER.get(s, len(CLAIM_STATUSES))))
