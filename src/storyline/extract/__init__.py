"""Extraction: one cleaned article and its parse in, the article's annotations out."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from storyline.extract.entities import find_mentions
from storyline.extract.events import find_events, sentences
from storyline.extract.figures import find_figures
from storyline.extract.quotes import find_quotes
from storyline.extract.statements import find_statements
from storyline.model import Article, ArticleAnnotations, Event, Figure, Quote, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc

R = TypeVar("R", Quote, Figure, Event, Statement)


def extract_article(article: Article, doc: Doc) -> ArticleAnnotations:
    """Every extractor reads the same parse; spans they return index `article.text`."""
    mentions = find_mentions(article, doc)
    quotes = find_quotes(article, doc, mentions)
    figures = find_figures(article, doc, mentions)
    events = find_events(article, doc, mentions)
    statements = find_statements(article, sentences(doc), mentions, quotes, figures, events)
    return ArticleAnnotations(
        article.id, mentions, _once(quotes), _once(figures), _once(events), _once(statements)
    )


def _once(records: list[R]) -> list[R]:
    """Each fact once: ids are made from the article and the offsets, so a repeated id is one fact
    two rules found, and the store keeps one record an id."""
    seen: set[str] = set()
    return [r for r in records if not (r.id in seen or seen.add(r.id))]


__all__ = ["extract_article"]
