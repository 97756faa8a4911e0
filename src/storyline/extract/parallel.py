"""Running extraction over many articles: one parse each, batched, across a pool of processes."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from storyline.model import Article, ArticleAnnotations

# Articles per task sent to a worker: large enough for nlp.pipe to batch well,
# small enough that memory stays flat and progress moves.
CHUNK = 16
# Below this many articles, starting worker processes costs more than it saves.
MIN_FOR_POOL = 48


def extract_batch(articles: Sequence[Article]) -> list[ArticleAnnotations]:
    """Parse the articles in one `nlp.pipe` batch and run every extractor on each parse."""
    from storyline import nlp
    from storyline.extract import extract_article

    docs = nlp.parse((a.text for a in articles), batch_size=CHUNK)
    return [extract_article(a, doc) for a, doc in zip(articles, docs, strict=True)]


def _warm_worker() -> None:
    from storyline import nlp

    nlp.load()


def extract_stream(articles: Sequence[Article], jobs: int = 1) -> Iterator[ArticleAnnotations]:
    """Annotations in the order of `articles`, keeping at most a few chunks in flight per worker."""
    if jobs <= 1 or len(articles) < MIN_FOR_POOL:
        for start in range(0, len(articles), CHUNK):
            yield from extract_batch(articles[start : start + CHUNK])
        return
    # spawn, not fork: the parent may run threads (progress bars) that a fork would copy mid-lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_worker) as pool:
        window: deque[Future[list[ArticleAnnotations]]] = deque()
        chunks = (articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK))
        for chunk in chunks:
            window.append(pool.submit(extract_batch, chunk))
            if len(window) >= 2 * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
