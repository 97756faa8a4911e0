"""Each claim and quote as a reader meets it: a sentence one of its members' articles wrote, not a
built phrase (see `crosscheck.claim_text`), and a quote's parts kept apart."""

from __future__ import annotations

import dataclasses
import difflib
import re

from storyline.crosscheck.claim_text import Sources, headline
from storyline.model import Quote, Story

__all__ = ["headline", "quote_parts", "readable"]

_WORD = re.compile(r"\w+")


def quote_parts(text: str, quote: Quote) -> str:
    """A quote's words with its parts kept apart: where the article's words between the quote's
    start and end are not the quote's ("we had,\" said Reyne. \"The spillway"), an ellipsis stands."""
    if not 0 <= quote.start < quote.end <= len(text):
        return quote.text
    span = text[quote.start : quote.end]
    said = [m.group().casefold() for m in _WORD.finditer(quote.text)]
    tokens = list(_WORD.finditer(span))
    matcher = difflib.SequenceMatcher(None, said, [t.group().casefold() for t in tokens], autojunk=False)
    blocks = [(j, j + n) for _, j, n in matcher.get_matching_blocks() if n]
    if len(blocks) < 2 or sum(b - a for a, b in blocks) < len(said):
        return quote.text  # one part, or words the span does not hold in order: shown as extracted
    parts = []
    for i, (a, b) in enumerate(blocks):
        lo = 0 if i == 0 else tokens[a].start()
        hi = len(span) if i == len(blocks) - 1 else tokens[b - 1].end()
        parts.append(span[lo:hi].strip(" \n\"“”'‘’,"))
    return " … ".join(parts)


def readable(story: Story) -> Story:
    """The story as a reader should see it: each claim's statement a sentence from one of its
    members, each quote's parts kept apart; what a claim links to and counts is unchanged."""
    sources = Sources(story)
    claims = [dataclasses.replace(c, statement=headline(sources, c)) for c in story.claims]
    texts = sources.texts
    quotes = [
        dataclasses.replace(q, text=quote_parts(texts[q.article], q)) if q.article in texts else q
        for q in story.quotes
    ]
    return dataclasses.replace(story, claims=claims, quotes=quotes)
