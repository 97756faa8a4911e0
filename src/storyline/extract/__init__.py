"""Extraction: one cleaned article and its parse in, the article's annotations out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.extract.entities import find_mentions
from storyline.extract.events import find_events, sentences
from storyline.extract.figures import find_figures
from storyline.extract.quotes import find_quotes
from storyline.extract.statements import find_statements
from storyline.model import Article, ArticleAnnotations

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_article(article: Article, doc: Doc) -> ArticleAnnotations:
    """Every extractor reads the same parse; spans they return index `article.text`."""
    mentions = find_mentions(article, doc)
    quotes = find_quotes(article, doc, mentions)
    figures = find_figures(article, doc, mentions)
    events = find_events(article, doc, mentions)
    statements = find_statements(article, sentences(doc), mentions, quotes, figures, events)
    return ArticleAnnotations(article.id, mentions, quotes, figures, events, statements)


__all__ = ["extract_article"]
