"""Running extraction over many articles: one parse each, batched, across a pool of processes."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from itertools import accumulate
from typing import Any

from storyline.model import Article, ArticleAnnotations, Span

# Articles per task sent to a worker: large enough for nlp.pipe to batch well,
# small enough that memory stays flat and progress moves.
CHUNK = 16
# Below this many articles, starting worker processes costs more than it saves.
MIN_FOR_POOL = 48
# Articles up to this length are extracted whole; longer ones (a book pasted
# as one article) in pieces of about PIECE_CHARS, cut at paragraph breaks. Real
# news articles stay far below it, so their results do not depend on it.
WHOLE_CHARS = 50_000
PIECE_CHARS = 10_000
# How often a worker checks that the process that started it is still alive.
PARENT_POLL_S = 0.5


@dataclass
class ExtractionFailed:
    """One article extraction could not finish, and why; the rest of the run goes on without it."""

    article: str
    reason: str


Result = ArticleAnnotations | ExtractionFailed


def extract_batch(articles: Sequence[Article]) -> list[Result]:
    """Parse the articles in one `nlp.pipe` batch and run every extractor on each parse.

    A failure belongs to the one article that caused it: the others in the
    batch still get their annotations. A very long article is extracted in
    pieces (see `extract_in_pieces`).
    """
    try:
        short = [i for i, a in enumerate(articles) if len(a.text) <= WHOLE_CHARS]
        results = dict(zip(short, _extract_together([articles[i] for i in short]), strict=True))
    except Exception:  # noqa: BLE001 - something odd in the batch: take the articles one at a time
        results = {}
    return [results[i] if i in results else _guarded(a, _extract_alone) for i, a in enumerate(articles)]


def _extract_together(articles: Sequence[Article]) -> list[Result]:
    from storyline import nlp
    from storyline.extract import extract_article

    results: list[Result] = []
    try:
        docs = nlp.parse((a.text for a in articles), batch_size=CHUNK)
        for article, doc in zip(articles, docs, strict=True):
            results.append(_guarded(article, lambda a, d=doc: extract_article(a, d)))
    except Exception:  # noqa: BLE001 - the batch parse broke: parse the rest one at a time
        results += [_guarded(a, _extract_alone) for a in articles[len(results) :]]
    return results


def _extract_alone(article: Article) -> ArticleAnnotations:
    from storyline import nlp
    from storyline.extract import extract_article

    if len(article.text) > WHOLE_CHARS:
        return extract_in_pieces(article)
    return extract_article(article, nlp.parse_one(article.text))


def _guarded(article: Article, extract: Callable[[Article], ArticleAnnotations]) -> Result:
    try:
        return extract(article)
    except Exception as exc:  # noqa: BLE001 - one odd article must never stop a run
        return ExtractionFailed(str(getattr(article, "id", "?")), f"{type(exc).__name__}: {exc}"[:300])


def extract_in_pieces(article: Article) -> ArticleAnnotations:
    """Extract a long article piece by piece, cut at paragraph breaks, with spans shifted back.

    Extraction time grows faster than the length of a text, so a book-sized
    "article" in one piece would hold a worker for hours; in pieces it costs
    what the same text as separate articles would.
    """
    from storyline import nlp
    from storyline.extract import extract_article

    texts = nlp.split_for_parse(article.text, PIECE_CHARS)
    starts = list(accumulate((len(t) for t in texts), initial=0))
    pieces = [_piece(article, k, starts[k], text) for k, text in enumerate(texts)]
    whole = ArticleAnnotations(article.id)
    docs = nlp.parse((p.text for p in pieces), batch_size=CHUNK)
    for piece, start, doc in zip(pieces, starts[:-1], docs, strict=True):
        found = extract_article(piece, doc)
        for section in fields(ArticleAnnotations):
            if section.name != "article":
                facts = getattr(found, section.name)
                getattr(whole, section.name).extend(_shifted(f, start, article.id) for f in facts)
    return whole


def _piece(article: Article, k: int, start: int, text: str) -> Article:
    # Each piece has an id of its own, so fact ids (made from the article id and
    # offsets in the piece) stay unique across pieces and consistent within one.
    end = start + len(text)
    embeds = [
        Span(max(e.start, start) - start, min(e.end, end) - start, e.kind)
        for e in article.embeds
        if e.start < end and start < e.end
    ]
    return replace(article, id=f"{article.id}.{k}", text=text, embeds=embeds)


def _shifted(fact: Any, offset: int, article_id: str) -> Any:
    """`fact` with every offset field moved by `offset` and its article set back to the whole one."""
    for f in fields(fact):
        value = getattr(fact, f.name)
        if f.name == "article":
            value = article_id
        elif f.name in ("start", "end") and isinstance(value, int):
            value += offset
        elif f.name.endswith("_span") and value is not None:
            value = (value[0] + offset, value[1] + offset)
        elif f.name.endswith("_spans"):
            value = [(a + offset, b + offset) for a, b in value]
        setattr(fact, f.name, value)
    return fact


def _start_worker(parent: int) -> None:
    """Pool initializer: watch the parent, then load the pipeline before the first task arrives."""
    from storyline import nlp

    watch_parent(parent)
    nlp.load()


def watch_parent(parent: int, poll_s: float = PARENT_POLL_S) -> None:
    """Exit this process when `parent` is gone (after kill -9 nobody else would stop it).

    Polling the parent id works on every platform: once the parent dies, the
    system hands this process to another parent and `os.getppid()` changes.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(1)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def extract_stream(articles: Sequence[Article], jobs: int = 1) -> Iterator[Result]:
    """Results in the order of `articles`, keeping at most a few chunks in flight per worker."""
    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    if jobs <= 1 or len(articles) < MIN_FOR_POOL:
        for chunk in chunks:
            yield from extract_batch(chunk)
        return
    # spawn, not fork: the parent may run threads (progress bars) that a fork would copy mid-lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        window: deque[tuple[Future[list[Result]] | None, Sequence[Article]]] = deque()
        for chunk in chunks:
            window.append((_submit(pool, chunk), chunk))
            if len(window) >= 2 * jobs:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _submit(pool: ProcessPoolExecutor, chunk: Sequence[Article]) -> Future[list[Result]] | None:
    try:
        return pool.submit(extract_batch, chunk)
    except Exception:  # noqa: BLE001 - a broken pool: the chunk is done here instead
        return None


def _collect(future: Future[list[Result]] | None, chunk: Sequence[Article]) -> list[Result]:
    # A worker that died (killed, out of memory) takes its chunk with it; redo
    # the chunk here, where each article's failure is caught on its own.
    if future is not None:
        try:
            return future.result()
        except Exception:  # noqa: BLE001
            pass
    return extract_batch(chunk)
