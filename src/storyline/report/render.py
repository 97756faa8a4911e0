"""Turning a Story into the report's view model and rendering it with Jinja2 (autoescaped)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from storyline import __version__
from storyline.model import Article, Story
from storyline.report import charts, views
from storyline.report.claims import ClaimBook
from storyline.report.headlines import readable
from storyline.report.limits import LIMITS, cut, printed

TEMPLATES = Path(__file__).parent / "templates"


# Marks nest by layer: a statement (a whole sentence) outside an event sentence outside a quote or figure.
LAYERS = {"statement": 0, "focus-sentence": 0, "event": 1}
INNER = 2


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # quote | figure | post | focus (inner); event; statement | focus-sentence (outermost)
    ref: str  # the id of the fact, used as the element id

    @property
    def layer(self) -> int:
        return LAYERS.get(self.kind, INNER)


@dataclass
class ClaimRef:
    """The claim a highlighted fact belongs to, and where its page is."""

    id: str
    status: str
    statement: str
    outlets: int
    href: str

    @property
    def label(self) -> str:
        """What a sentence's marker says: whether outlets dispute it, or how many state it."""
        if self.status == "conflicting":
            return "disputed"
        if self.status == "updated":
            return "updated"
        return "only here" if self.outlets < 2 else f"{self.outlets} outlets"

    @property
    def rank(self) -> tuple[int, int]:
        """Disputes first, then revisions, then the most widely stated."""
        return ({"conflicting": 0, "updated": 1}.get(self.status, 2), -self.outlets)

    @property
    def title(self) -> str:
        return f"{self.status.replace('_', ' ')} claim: {self.statement}"


def claim_refs(story: Story, href: Callable[[str], str]) -> dict[str, ClaimRef]:
    """Each fact's claim (the first one, conflicts first, when a fact is in several), linked by `href`."""
    outlets = {a.id: a.outlet or a.id for a in story.articles}
    refs: dict[str, ClaimRef] = {}
    for c in views.claims_in_order(story.claims):
        ref = ClaimRef(c.id, c.status, c.statement, len({outlets.get(a, a) for a in c.articles}), href(c.id))
        for m in c.members:
            refs.setdefault(m, ref)
    return refs


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def article_marks(story: Story, article: Article) -> list[Mark]:
    return marks_by_article(story, [article])[article.id]


def marks_by_article(story: Story, articles: list[Article]) -> dict[str, list[Mark]]:
    """Each article's marks (quotes, figures, events, statements, then posts), in one pass over the facts."""
    marks: dict[str, list[Mark]] = {a.id: [] for a in articles}
    for kind, records in (
        ("quote", story.quotes),
        ("figure", story.figures),
        ("event", story.events),
        ("statement", story.statements),
    ):
        for r in records:
            if r.article in marks:
                marks[r.article].append(Mark(r.start, r.end, kind, r.id))
    for a in articles:
        marks[a.id] += [Mark(s.start, s.end, "post", f"{a.id}-post-{s.start}") for s in a.embeds]
    return marks


def _non_overlapping(marks: list[Mark]) -> list[Mark]:
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < m.end and (not chosen or m.start >= chosen[-1].end):
            chosen.append(m)
    return chosen


def _covering(marks: list[Mark], starts: list[int], pos: int) -> Mark | None:
    """The mark of one layer (sorted, not overlapping; `starts` its starts) that covers `pos`."""
    n = bisect_right(starts, pos) - 1
    return marks[n] if n >= 0 and pos < marks[n].end else None


def highlight(
    text: str,
    marks: list[Mark],
    opened: set[str] | None = None,
    claims: dict[str, ClaimRef] | None = None,
) -> list[Markup]:
    """The article's paragraphs as escaped HTML, facts marked in place.

    Statements and event sentences are the outer layers and quotes/figures the
    inner one; a mark cut by a paragraph or sentence edge is closed and
    reopened, its id kept on the first piece. Every piece of article text goes
    through `escape`. `opened`, when given, collects the ids that got an element,
    so links can avoid ids that an overlapping mark pushed out. With `claims`,
    a quote or figure is itself a link to its claim and a sentence ends with a
    small link that says whether its claim is disputed; both carry the claim's status.
    """
    claims = claims or {}
    layers = [_non_overlapping([m for m in marks if m.layer == n]) for n in (INNER, 1, 0)]
    opened = set() if opened is None else opened
    # an event and a statement often end at one sentence end: it gets one marker, the most telling
    flags: dict[int, ClaimRef] = {}
    for m in (m for layer in layers[1:] for m in layer):
        ref = claims.get(m.ref)
        if ref is not None and (m.end not in flags or ref.rank < flags[m.end].rank):
            flags[m.end] = ref
    # every mark edge once, in order, so each paragraph takes its own with two binary searches
    edges = sorted({c for layer in layers for m in layer for c in (m.start, m.end)})
    layer_starts = [[m.start for m in layer] for layer in layers]
    paragraphs: list[Markup] = []
    pos = 0
    for block in text.split("\n\n"):
        start, end = pos, pos + len(block)
        pos = end + 2
        inside = edges[bisect_right(edges, start) : bisect_left(edges, end)]
        cuts = [start, *inside, end] if start < end else [start]
        html = Markup("")
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = escape(text[a:b])
            for m in (
                _covering(layer, starts, a) for layer, starts in zip(layers, layer_starts, strict=True)
            ):
                if m is None:
                    continue
                ref = claims.get(m.ref)
                if m.layer == INNER:
                    if ref is not None:
                        piece = Markup('<a class="fact" href="{}" title="{}">{}</a>').format(
                            ref.href, ref.title, piece
                        )
                    piece = _tag(m, opened, ref) + piece + Markup("</mark>")
                else:
                    flag = flags.pop(b, None) if b == m.end else None
                    if flag is not None:
                        piece += Markup(' <a class="claim-flag {}" href="{}" title="{}">{}</a>').format(
                            flag.status, flag.href, flag.title, flag.label
                        )
                    piece = _tag(m, opened, ref) + piece + Markup("</span>")
            html += piece
        paragraphs.append(html)
    return paragraphs


def _tag(m: Mark, opened: set[str], ref: ClaimRef | None = None) -> Markup:
    name = "mark" if m.layer == INNER else "span"
    cls = m.kind if ref is None or ref.status not in ("conflicting", "updated") else f"{m.kind} {ref.status}"
    if m.ref in opened:
        return Markup('<{} class="{}">').format(name, cls)
    opened.add(m.ref)
    return Markup('<{} class="{}" id="{}">').format(name, cls, m.ref)


class FactIndex:
    """Each article's quotes, figures, events and statements, so one article's marks are made when
    it is reached instead of a mark for every fact of the story at once."""

    def __init__(self, story: Story) -> None:
        self.facts: dict[str, tuple[list[Any], ...]] = {a.id: ([], [], [], []) for a in story.articles}
        for n, records in enumerate((story.quotes, story.figures, story.events, story.statements)):
            for r in records:
                if r.article in self.facts:
                    self.facts[r.article][n].append(r)

    def marks(self, article: Article) -> list[Mark]:
        """The same marks, in the same order, as `marks_by_article` gives the article."""
        found = [
            Mark(r.start, r.end, kind, r.id)
            for kind, records in zip(FACT_KINDS, self.facts[article.id], strict=True)
            for r in records
        ]
        return found + [Mark(s.start, s.end, "post", f"{article.id}-post-{s.start}") for s in article.embeds]


FACT_KINDS = ("quote", "figure", "event", "statement")


def anchored(text: str, marks: list[Mark]) -> set[str]:
    """The ids `highlight` gives an element to, without making the HTML: each mark kept in its
    layer that overlaps a paragraph with text in it."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        if block:
            blocks.append((pos, pos + len(block)))
        pos += len(block) + 2
    ends = [end for _, end in blocks]
    ids = set()
    for n in (INNER, 1, 0):
        for m in _non_overlapping([m for m in marks if m.layer == n]):
            i = bisect_right(ends, m.start)
            if i < len(blocks) and blocks[i][0] < m.end:
                ids.add(m.ref)
    return ids


@dataclass
class ArticleView:
    """One article of the report; its paragraphs are highlighted when the template reaches them,
    so the page's largest part is made and written one article at a time."""

    a: Article
    index: FactIndex
    claims: dict[str, ClaimRef]

    @property
    def words(self) -> int:
        return len(self.a.text.split())

    @property
    def paragraphs(self) -> list[Markup]:
        return highlight(self.a.text, self.index.marks(self.a), set(), self.claims)


def view_model(story: Story, limits: dict[str, int] = LIMITS) -> dict[str, Any]:
    """What the template reads; the articles' bodies and the claims' pages are made as they are
    written, and each long list is cut at its limit with the count left out in `more`."""
    story = readable(story)
    articles = sorted(story.articles, key=lambda a: (a.published or "", a.outlet or "", a.id))
    outlets = sorted({a.outlet for a in articles if a.outlet})
    dates = sorted(a.published for a in articles if a.published)
    names = {e.id: e.name for e in story.entities}
    outlet_of = views.outlet_names(story)
    removed = Counter(r.reason for a in articles for r in a.removed)
    profiles = {p["article"]: p for p in story.profiles}
    book = ClaimBook(story)
    overview = book.overview()
    overview["groups"], overview["groups_more"] = cut(overview["groups"], limits["disputes"])
    overview["updated"], overview["updated_more"] = cut(overview["updated"], limits["updated"])
    more: dict[str, int] = {}
    shown_articles, more["articles"] = printed(articles, overview, limits["articles"])
    shown_claims, more["claims"] = cut(views.claims_in_order(story.claims), limits["claims"])
    article_ids = {a.id for a in shown_articles}
    claim_ids = {c.id for c in shown_claims}

    def article_link(article_id: str | None) -> str:
        """Where an article is in the page; past the limit, the line that says where it is instead."""
        if article_id in article_ids:
            return f"#{article_id}"
        return "#articles-more" if more["articles"] else "#articles"

    def claim_link(claim_id: str) -> str:
        if claim_id in claim_ids:
            return f"#{claim_id}"
        return "#claims-more" if more["claims"] else "#claims"

    refs = claim_refs(story, claim_link)
    index = FactIndex(story)
    # the facts an overlapping mark pushed out of their article's text: a link to one goes to its article
    pushed_out: set[str] = set()
    for a in shown_articles:
        marks = index.marks(a)
        kept = anchored(a.text, marks)
        pushed_out.update(m.ref for m in marks if m.ref not in kept and m.kind != "post")

    def to(fact_id: str | None, article_id: str | None = None) -> str:
        """A link to a fact in its article; to the article when an overlapping mark took its place."""
        fact = book.facts.get(fact_id or "")
        if fact is not None and fact.article in article_ids and fact_id not in pushed_out:
            return f"#{fact_id}"
        return article_link(article_id or (fact.article if fact is not None else None))

    actors, more["actors"] = cut(views.actor_rows(story), limits["actors"])
    events = sorted(story.events, key=lambda v: (v.date or "9999", v.article, v.start))
    event_rows, more["events"] = cut(events, limits["events"])
    figure_rows, more["figures"] = cut(story.figures, limits["figures"])
    figure_claims, more["figure_claims"] = cut(views.figure_claims(story, outlet_of), limits["figure_claims"])
    figure_charts, more["figure_charts"] = cut(charts.figure_charts(story), limits["figure_charts"])
    speakers, more["speakers"] = cut(views.quotes_by_speaker(story, outlet_of), limits["speakers"])
    problems, more["problems"] = cut(story.problems, limits["problems"])
    return {
        "version": __version__,
        "story": story,
        "profiles": profiles,
        "overview": overview,
        "claim_pages": (book.page(c) for c in shown_claims),
        "to": to,
        "fact_link": to,
        "claim_link": claim_link,
        "article_link": article_link,
        "graph": views.graph_view(story),
        "actors": actors,
        "timeline_chart": charts.timeline_chart(story, limit=limits["event_dots"]),
        "figure_charts": figure_charts,
        "heatmap": charts.coverage_heatmap(story, outlets_limit=limits["coverage_columns"]),
        "doubt": book.doubts.get,
        "figure_claims": figure_claims,
        "speakers": speakers,
        "coverage": views.coverage(story, outlet_of, columns_limit=limits["coverage_columns"]),
        "claim_counts": Counter(c.status for c in story.claims),
        "statuses": [s for s in views.STATUS_ORDER],
        "articles": [ArticleView(a, index, refs) for a in articles],
        "shown_articles": [ArticleView(a, index, refs) for a in shown_articles],
        "outlets": outlets,
        "date_range": (dates[0], dates[-1]) if dates else None,
        "names": names,
        "outlet_of": outlet_of,
        "removed_counts": removed.most_common(),
        "entities": story.entities,
        "quotes": story.quotes,
        "figures": story.figures,
        "figure_rows": figure_rows,
        "statements": story.statements,
        "events": events,
        "event_rows": event_rows,
        "claims": story.claims,
        "problems": problems,
        "limits": limits,
        "more": more,
    }


def render_report(story: Story) -> str:
    return "".join(report_pieces(story))


def report_pieces(story: Story) -> Iterator[str]:
    """The report's HTML as the template makes it, piece by piece, so a large story's page can be
    written without ever being held whole."""
    return _environment().get_template("report.html.j2").generate(**view_model(story))
