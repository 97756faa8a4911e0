"""Filling the entity fields of quotes, figures and events from the spans extraction pointed at."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import partial

from storyline.model import Article, ArticleAnnotations, Entity
from storyline.names import normalise


def fill_references(
    articles: list[Article], annotations: list[ArticleAnnotations], entities: list[Entity]
) -> None:
    """Speakers, subjects, and the entities of events and statements, from the mentions spans overlap."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    by_name: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for m in entity.mentions:
            spans[m.article].append((m.start, m.end, entity.id))
        for alias in entity.aliases:
            by_name[normalise(alias)].add(entity.id)
    text_of = {a.id: a.text for a in articles}
    for ann in annotations:
        here = _Spans(spans.get(ann.article, []))
        find = partial(_entity_for, here, by_name, text_of.get(ann.article, ""))
        for quote in ann.quotes:
            if quote.speaker_span is not None:
                quote.speaker = find(quote.speaker_span)
        for figure in ann.figures:
            if figure.subject_span is not None:
                figure.subject = find(figure.subject_span)
        for event in ann.events:
            found = [find(span) for span in event.entity_spans]
            event.entities = list(dict.fromkeys(e for e in found if e is not None))
        for statement in ann.statements:
            found = [find(span) for span in statement.entity_spans]
            statement.entities = list(dict.fromkeys(e for e in found if e is not None))
            if statement.attribution_span is not None:
                statement.attributed_to = find(statement.attribution_span)


class _Spans:
    """An article's mention spans sorted by start, so the mentions a span overlaps are found by bisection
    (a pass over every mention for every span made one book-length article cost mentions x spans)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        ordered = sorted((start, end, n, entity) for n, (start, end, entity) in enumerate(spans))
        self.starts = [start for start, _, _, _ in ordered]
        self.spans = ordered
        self.longest = max((end - start for start, end, _, _ in ordered), default=0)

    def at(self, span: tuple[int, int]) -> str | None:
        """The entity whose mention overlaps the span most; of equal overlaps, the one listed first."""
        lo = bisect_left(self.starts, span[0] - self.longest)
        hi = bisect_left(self.starts, span[1])
        best: tuple[int, int] | None = None
        found = None
        for start, end, n, entity_id in self.spans[lo:hi]:
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > 0 and (best is None or (overlap, -n) > best):
                best, found = (overlap, -n), entity_id
        return found


def _entity_for(spans: _Spans, by_name: dict[str, set[str]], text: str, span: tuple[int, int]) -> str | None:
    return spans.at(span) or _entity_named(by_name, text, span)


def _entity_named(by_name: dict[str, set[str]], text: str, span: tuple[int, int]) -> str | None:
    """A span no mention covers (a name the tagger missed) still names the one entity called that."""
    owners = by_name.get(normalise(text[span[0] : span[1]]), set())
    return next(iter(owners)) if len(owners) == 1 else None
