"""Claims as a reader checks them: each member's sentence, who and when, and where two members differ."""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.model import Claim, Disagreement, Event, Figure, Quote, Statement, Story
from storyline.report.confidence import doubts
from storyline.report.views import claims_in_order, outlet_names

Fact = Quote | Figure | Event | Statement
# (text, css class): "" plain, "fact" the member itself, "diff" what differs from the other side
Segment = tuple[str, str]

# Words, with numbers like 1,240 or 4.5 and names like O'Hara kept whole, so a diff marks whole values.
TOKEN = re.compile(r"\w+(?:[.,:/'’-]\w+)*")
# The words that make a sentence a denial or a hedge, marked when a word diff cannot show the difference.
CUE_WORDS = {
    "polarity": re.compile(
        r"\b(?:not|no|never|nobody|none|neither|nor|without|denie[sd]|deny|n['’]t)\b", re.I
    ),
    "framing": re.compile(
        r"\b(?:alleged(?:ly)?|reported(?:ly)?|accused|suspected|purported(?:ly)?|claimed|apparently|"
        r"according to|said|says|told)\b",
        re.I,
    ),
}
# A word diff that changes more than this share of a sentence marks everything, which shows nothing.
MAX_CHANGED = 0.5


@dataclass
class MemberView:
    """One member of a claim: the fact as written, its sentence, its outlet and who it is credited to."""

    id: str
    kind: str  # statement | figure | quote | event
    article: str
    outlet: str
    published: str | None
    date: str | None  # the date the member itself states, when it states one
    attributed: str | None
    flags: list[str]
    text: str
    segments: list[Segment]
    doubt: str | None = None  # why the tool is unsure of this member, when it is

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DisputeView:
    """One disagreement: the two members side by side, what differs marked in each."""

    claim: str
    statement: str
    status: str
    kind: str
    note: str
    sides: list[MemberView]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "sides": [s.to_dict() for s in self.sides]}


@dataclass
class DisputeGroup:
    """One claim's disagreements shown once: the two sides it splits into, or its pairs when it
    does not split in two."""

    claim: str
    statement: str
    status: str
    kinds: list[str]
    notes: list[str]
    columns: list[list[MemberView]] = field(default_factory=list)
    pairs: list[DisputeView] = field(default_factory=list)

    def side_label(self, column: list[MemberView]) -> str:
        """What one side has in common: who its members attribute the words to, when they agree."""
        who = {v.attributed for v in column}
        return f"attributed to {who.pop()}" if len(who) == 1 and None not in who else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "statement": self.statement,
            "status": self.status,
            "kinds": self.kinds,
            "notes": self.notes,
            "sides": [[v.to_dict() for v in col] for col in self.columns],
            "pairs": [p.to_dict() for p in self.pairs],
        }


def _two_sides(pairs: list[tuple[str, str]]) -> list[list[str]] | None:
    """Split the members joined by `pairs` into two sides with every pair across them, or None."""
    if not pairs:
        return None
    side: dict[str, int] = {}
    order: list[str] = []
    links: dict[str, list[str]] = {}
    for a, b in pairs:
        links.setdefault(a, []).append(b)
        links.setdefault(b, []).append(a)
        order += [m for m in (a, b) if m not in order]
    for start in order:
        if start in side:
            continue
        side[start] = 0
        queue = [start]
        while queue:
            m = queue.pop()
            for other in links[m]:
                if other not in side:
                    side[other] = 1 - side[m]
                    queue.append(other)
                elif side[other] == side[m]:
                    return None
    columns = [[m for m in order if side[m] == n] for n in (0, 1)]
    return columns if all(columns) else None


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@dataclass
class ClaimLine:
    """A claim in one line: what it says and which outlets say it."""

    id: str
    kind: str
    status: str
    statement: str
    outlets: list[str]
    note: str | None = None
    timeline: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Characters on either side of a span searched first for its sentence's bounds; the whole text only
# when they hold none (a text without one "?" was read to both ends for every span: a book-length
# article cost spans x its length).
NEAR = 2000


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (bounded by paragraph breaks and sentence ends) that holds [start, end)."""
    for lo in (max(0, start - NEAR), 0):
        left = max(text.rfind("\n\n", lo, start), *(text.rfind(p, lo, start) for p in (". ", "? ", "! ")))
        if left >= 0 or lo == 0:
            break
    left = 0 if left < 0 else left + 2
    if end > start and text[end - 1] in ".?!" and text[end : end + 1] in ("", " ", "\n"):
        return left, end
    for hi in (end + NEAR, len(text)):
        ends = [i + 1 for i in (text.find(p, end, hi) for p in (". ", "? ", "! ")) if i != -1]
        ends += [i for i in (text.find("\n\n", end, hi),) if i != -1]
        if ends or hi >= len(text):
            break
    return left, min(ends) if ends else len(text)


def segments(text: str, lo: int, hi: int, ranges: list[tuple[int, int]], cls: str) -> list[Segment]:
    """text[lo:hi] cut into plain and marked pieces; `ranges` are absolute offsets, clipped to the window."""
    out: list[Segment] = []
    pos = lo
    for a, b in sorted((max(a, lo), min(b, hi)) for a, b in ranges):
        if a >= b or a < pos:
            continue
        if a > pos:
            out.append((text[pos:a], ""))
        out.append((text[a:b], cls))
        pos = b
    if pos < hi:
        out.append((text[pos:hi], ""))
    return out


def _split(
    fact: tuple[int, int], diff: list[tuple[int, int]], lo: int, hi: int
) -> list[tuple[int, int, str]]:
    """text[lo:hi] cut at every bound of the fact and of the differing ranges: (start, end, class),
    "diff" where words differ, "fact" elsewhere inside the fact, "" outside it."""
    bounds = sorted({lo, hi, *(min(max(x, lo), hi) for r in (fact, *diff) for x in r)})
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if any(a <= start and end <= b for a, b in diff):
            out.append((start, end, "diff"))
        elif fact[0] <= start and end <= fact[1]:
            out.append((start, end, "fact"))
        else:
            out.append((start, end, ""))
    return out


def differing(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """The word ranges of `a` and of `b` that the other lacks, or None when they share too little to say."""
    ta = [(m.start(), m.end(), m.group().casefold()) for m in TOKEN.finditer(a)]
    tb = [(m.start(), m.end(), m.group().casefold()) for m in TOKEN.finditer(b)]
    if not ta or not tb:
        return None
    matcher = difflib.SequenceMatcher(None, [t[2] for t in ta], [t[2] for t in tb], autojunk=False)
    ra: list[tuple[int, int]] = []
    rb: list[tuple[int, int]] = []
    changed_a = changed_b = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            ra.append((ta[i1][0], ta[i2 - 1][1]))
            changed_a += i2 - i1
        if j2 > j1:
            rb.append((tb[j1][0], tb[j2 - 1][1]))
            changed_b += j2 - j1
    if not (ra or rb) or changed_a > MAX_CHANGED * len(ta) or changed_b > MAX_CHANGED * len(tb):
        return None
    return ra, rb


class ClaimBook:
    """The lookups every claim view needs, built once per story."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.facts: dict[str, Fact] = {
            x.id: x for x in [*story.quotes, *story.figures, *story.events, *story.statements]
        }
        self.articles = {a.id: a for a in story.articles}
        self.names = {e.id: e.name for e in story.entities}
        self.outlet = outlet_names(story)
        self.claims = {c.id: c for c in story.claims}
        self.copies = {a.id for a in story.articles if a.duplicate_of}
        self.doubts = doubts(story)

    def window(self, fact: Fact) -> tuple[int, int]:
        """Where the member's sentence is: statements and events are sentences already."""
        if isinstance(fact, Statement | Event):
            return fact.start, fact.end
        return sentence_span(self.articles[fact.article].text, fact.start, fact.end)

    def member(self, member_id: str) -> MemberView | None:
        fact = self.facts.get(member_id)
        article = self.articles.get(fact.article) if fact is not None else None
        if fact is None or article is None:
            return None
        lo, hi = self.window(fact)
        kind, date, attributed, flags = "event", None, None, []
        if isinstance(fact, Quote):
            kind, attributed = "quote", self.names.get(fact.speaker or "") or fact.speaker_text
        elif isinstance(fact, Figure):
            kind, attributed = "figure", self.names.get(fact.subject or "")
        elif isinstance(fact, Statement):
            kind, date = "statement", ", ".join(fact.dates) or None
            attributed = self.names.get(fact.attributed_to or "") or fact.attributed_text
            flags = [f for f, on in (("negated", fact.negated), ("hedged", fact.hedged)) if on]
        elif isinstance(fact, Event):
            date = fact.date
        return MemberView(
            id=fact.id,
            kind=kind,
            article=article.id,
            outlet=self.outlet[article.id],
            published=article.published,
            date=date,
            attributed=attributed,
            flags=flags,
            text=article.text[fact.start : fact.end],
            segments=segments(article.text, lo, hi, [(fact.start, fact.end)], "fact"),
            doubt=self.doubts.get(fact.id),
        )

    def members(self, claim: Claim) -> list[MemberView]:
        """Every member that can be found, oldest article first."""
        views = [v for v in (self.member(m) for m in claim.members) if v is not None]
        return sorted(views, key=lambda v: (v.published or "9999", v.outlet, v.id))

    def outlets(self, claim: Claim) -> list[str]:
        return sorted({self.outlet[a] for a in claim.articles if a in self.outlet})

    def _fallback_ranges(self, fact: Fact, kind: str) -> list[tuple[int, int]]:
        """What to mark when the two sentences are worded too differently for a word diff."""
        if not isinstance(fact, Statement):
            return [(fact.start, fact.end)]
        if kind in CUE_WORDS:
            sentence = self.articles[fact.article].text[fact.start : fact.end]
            return [
                (fact.start + m.start(), fact.start + m.end()) for m in CUE_WORDS[kind].finditer(sentence)
            ]
        if kind == "figure":
            return [(f.start, f.end) for f in self.story.figures if f.id in fact.figures]
        if kind == "date":
            text = self.articles[fact.article].text
            spans = []
            for v in self.story.events:
                if v.article == fact.article and v.start < fact.end and fact.start < v.end and v.date_text:
                    at = text.find(v.date_text, fact.start, fact.end)
                    if at != -1:
                        spans.append((at, at + len(v.date_text)))
            return spans
        return []

    def _diff_ranges(self, d: Disagreement) -> list[list[tuple[int, int]]] | None:
        """For each side of a disagreement, the absolute ranges that differ from the other side."""
        pair = [self.facts.get(d.a), self.facts.get(d.b)]
        if None in pair or any(f.article not in self.articles for f in pair):  # type: ignore[union-attr]
            return None
        windows = [self.window(f) for f in pair]  # type: ignore[arg-type]
        texts = [self.articles[f.article].text for f in pair]  # type: ignore[union-attr]
        diff = differing(*(t[lo:hi] for t, (lo, hi) in zip(texts, windows, strict=True)))
        ranges = []
        for i, fact in enumerate(pair):
            lo = windows[i][0]
            if diff is not None:
                ranges.append([(lo + a, lo + b) for a, b in diff[i]])
            else:
                ranges.append(self._fallback_ranges(fact, d.kind))  # type: ignore[arg-type]
        return ranges

    def _marked(self, member_id: str, ranges: list[tuple[int, int]]) -> MemberView | None:
        view = self.member(member_id)
        if view is None:
            return None
        fact = self.facts[member_id]
        lo, hi = self.window(fact)
        text = self.articles[fact.article].text
        # the words that differ, and around them a figure, quote or event still marked as the fact
        # (a statement is its whole sentence: only what differs is marked in it)
        diff = _merged(ranges)
        own = (lo, lo) if isinstance(fact, Statement) else (fact.start, fact.end)
        view.segments = [(text[start:end], marked) for start, end, marked in _split(own, diff, lo, hi)]
        return view

    def dispute(self, claim: Claim, d: Disagreement) -> DisputeView | None:
        """The two members of a disagreement side by side, the differing words marked where possible."""
        ranges = self._diff_ranges(d)
        if ranges is None:
            return None
        views = [self._marked(m, r) for m, r in zip((d.a, d.b), ranges, strict=True)]
        if None in views:
            return None
        sides = [v for v in views if v is not None]
        return DisputeView(claim.id, claim.statement, claim.status, d.kind, d.note, sides)

    def disputes(self, claim: Claim) -> list[DisputeView]:
        """The recorded disagreements; a conflict recorded only as a note shows one member per article."""
        found = [v for v in (self.dispute(claim, d) for d in claim.disagreements) if v is not None]
        if found or claim.status != "conflicting":
            return found
        seen: dict[str, MemberView] = {}
        for view in self.members(claim):
            seen.setdefault(view.article, view)
        if len(seen) < 2:
            return []
        return [
            DisputeView(
                claim.id, claim.statement, claim.status, claim.kind, claim.note or "", list(seen.values())
            )
        ]

    def dispute_group(self, claim: Claim) -> DisputeGroup | None:
        """A claim's disagreements shown once: its members split into the two sides they take.

        The pairs are two-coloured (each pair joins the two sides); a member shown once carries
        every word that differs from any member on the other side. When the pairs do not split
        in two (three different figures, say), or a conflict was recorded only as a note, the
        members are split by who they are attributed to, or else shown one per article.
        """
        pairs = [d for d in claim.disagreements if self._diff_ranges(d) is not None]
        notes = list(dict.fromkeys(d.note for d in pairs if d.note)) or ([claim.note] if claim.note else [])
        kinds = list(dict.fromkeys(d.kind for d in pairs)) or [claim.kind]
        group = DisputeGroup(claim.id, claim.statement, claim.status, kinds, notes)
        sides = _two_sides([(d.a, d.b) for d in pairs])
        if sides is not None:
            ranges: dict[str, list[tuple[int, int]]] = {}
            for d in pairs:
                for member, r in zip((d.a, d.b), self._diff_ranges(d) or [], strict=True):
                    ranges.setdefault(member, []).extend(r)
            for side in sides:
                views = [v for v in (self._marked(m, ranges.get(m, [])) for m in side) if v is not None]
                group.columns.append(sorted(views, key=lambda v: (v.published or "9999", v.outlet, v.id)))
            group.columns.sort(key=lambda col: (col[0].published or "9999") if col else "9999")
            return group
        if pairs:
            group.pairs = [v for v in (self.dispute(claim, d) for d in pairs) if v is not None]
            return group
        if claim.status != "conflicting":
            return None
        seen: dict[str, MemberView] = {}
        for view in self.members(claim):
            seen.setdefault(view.article, view)
        if len(seen) < 2:
            return None
        by_who: dict[str, list[MemberView]] = {}
        for view in seen.values():
            by_who.setdefault(view.attributed or "", []).append(view)
        if len(by_who) == 2 and "" not in by_who:
            group.columns = list(by_who.values())
        else:
            members = list(seen.values())
            group.pairs = [DisputeView(claim.id, claim.statement, claim.status, claim.kind, "", members)]
        return group

    def timeline(self, claim: Claim) -> list[dict[str, Any]]:
        """An updated claim's values in time order, each with its outlet and date."""
        entries = claim.timeline or [
            {"value": v.text, "date": v.published, "member": v.id, "article": v.article}
            for v in self.members(claim)
        ]
        rows = []
        for e in entries:
            member = e.get("member")
            fact = self.facts.get(member or "")
            article = e.get("article") or (fact.article if fact is not None else None)
            date = e.get("date") or (self.articles[article].published if article in self.articles else None)
            rows.append(
                {
                    "value": "" if e.get("value") is None else str(e["value"]),
                    "date": date,
                    "outlet": self.outlet.get(article or "", "unknown outlet"),
                    "article": article if article in self.articles else None,
                    "member": member if fact is not None else None,
                }
            )
        return sorted(rows, key=lambda r: r["date"] or "9999")

    def line(self, claim: Claim) -> ClaimLine:
        timeline = self.timeline(claim) if claim.status == "updated" else []
        return ClaimLine(
            claim.id, claim.kind, claim.status, claim.statement, self.outlets(claim), claim.note, timeline
        )

    def page(self, claim: Claim) -> dict[str, Any]:
        """Everything a claim page shows: the claim, its disagreements, its timeline, every member."""
        return {
            "claim": claim,
            "outlets": self.outlets(claim),
            "disputes": self.disputes(claim),
            "group": self.dispute_group(claim),
            "timeline": self.timeline(claim) if claim.status == "updated" else [],
            "members": self.members(claim),
        }

    def overview(self, limit: int = 8) -> dict[str, Any]:
        """For an editor: where outlets disagree, what changed, what is corroborated, what one says."""
        ordered = claims_in_order(self.story.claims)
        # one clash recorded by two claims (a fact claim and the dated event claim of the same two
        # sentences) is shown once, with the claim listed first
        shown: set[tuple[str, frozenset[tuple[str, str]]]] = set()
        disputed = []
        for c in ordered:
            keys = {(d.kind, frozenset((v.article, v.text) for v in d.sides)) for d in self.disputes(c)}
            if keys and not keys <= shown:
                disputed.append(c)
            shown |= keys
        disputes = [d for c in disputed for d in self.disputes(c)]
        groups = [g for g in (self.dispute_group(c) for c in disputed) if g is not None]

        def independent(c: Claim) -> int:
            return len([a for a in c.articles if a not in self.copies])

        kinds_first = {"statement": 0, "event": 1, "figure": 2, "quote": 3}
        corroborated = _once(
            sorted(
                (c for c in ordered if c.status == "corroborated"),
                key=lambda c: (-independent(c), kinds_first.get(c.kind, 4), c.statement),
            )
        )
        single = _once(
            sorted(
                (c for c in ordered if c.status == "single_source"),
                key=lambda c: (kinds_first.get(c.kind, 4), c.statement),
            )
        )
        return {
            "disputes": disputes,
            "groups": groups,
            "updated": [self.line(c) for c in ordered if c.status == "updated"],
            "corroborated": [self.line(c) for c in corroborated[:limit]],
            "corroborated_more": max(0, len(corroborated) - limit),
            "single": [self.line(c) for c in single[:limit]],
            "single_more": max(0, len(single) - limit),
        }


def _once(claims: list[Claim]) -> list[Claim]:
    """The first claim of each sentence: one sentence is often a fact, a happening and a figure's
    claim at once, and a list that reads the same line three times tells an editor nothing new."""
    seen: set[str] = set()
    out = []
    for c in claims:
        if c.statement not in seen:
            seen.add(c.statement)
            out.append(c)
    return out
