"""Filling the entity fields of quotes, figures and events from the spans extraction pointed at."""

from __future__ import annotations

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
        find = partial(_entity_for, spans.get(ann.article, []), by_name, text_of.get(ann.article, ""))
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


def _entity_for(
    spans: list[tuple[int, int, str]], by_name: dict[str, set[str]], text: str, span: tuple[int, int]
) -> str | None:
    return _entity_at(spans, span) or _entity_named(by_name, text, span)


def _entity_at(spans: list[tuple[int, int, str]], span: tuple[int, int]) -> str | None:
    """The entity whose mention overlaps the span most."""
    best, best_overlap = None, 0
    for start, end, entity_id in spans:
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap > best_overlap:
            best, best_overlap = entity_id, overlap
    return best


def _entity_named(by_name: dict[str, set[str]], text: str, span: tuple[int, int]) -> str | None:
    """A span no mention covers (a name the tagger missed) still names the one entity called that."""
    owners = by_name.get(normalise(text[span[0] : span[1]]), set())
    return next(iter(owners)) if len(owners) == 1 else None
