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

    pieces = list(split_article(article))
    whole = ArticleAnnotations(article.id)
    docs = nlp.parse((p.text for p, _ in pieces), batch_size=CHUNK)
    for (piece, start), doc in zip(pieces, docs, strict=True):
        add_piece(whole, extract_article(piece, doc), start)
    return whole


def split_article(article: Article) -> Iterator[tuple[Article, int]]:
    """A long article's pieces of at most PIECE_CHARS, cut at paragraph breaks, each with its offset."""
    from storyline import nlp

    texts = nlp.split_for_parse(article.text, PIECE_CHARS)
    starts = accumulate((len(t) for t in texts), initial=0)  # one more than the pieces: the total
    for k, (text, start) in enumerate(zip(texts, starts, strict=False)):
        yield _piece(article, k, start, text), start


def add_piece(whole: ArticleAnnotations, found: ArticleAnnotations, start: int) -> None:
    """A piece's annotations added to its article's, every span moved by the piece's offset."""
    for section in fields(ArticleAnnotations):
        if section.name != "article":
            facts = getattr(found, section.name)
            getattr(whole, section.name).extend(_shifted(f, start, whole.article) for f in facts)


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
    """Results in the order of `articles`, keeping at most a few chunks in flight per worker.

    With a pool, a long article goes out as its pieces, so every worker takes a share
    of one book-length text, and only the pieces in flight are held here besides it.
    """
    if jobs <= 1 or work_units(articles) < MIN_FOR_POOL:
        for i in range(0, len(articles), CHUNK):
            yield from extract_batch(articles[i : i + CHUNK])
        return
    # spawn, not fork: the parent may run threads (progress bars) that a fork would copy mid-lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        yield from _joined(_pooled(pool, _chunks(_units(articles)), jobs))


def work_units(articles: Sequence[Article]) -> int:
    """What extraction will send out: one unit per article, or per piece of a long one (about)."""
    return sum(1 + len(a.text) // PIECE_CHARS if _long(a) else 1 for a in articles)


def _long(article: Article) -> bool:
    """Whether an article goes out in pieces (anything odd goes whole, to fail on its own there)."""
    return isinstance(article.text, str) and len(article.text) > WHOLE_CHARS


# A unit of work: an article, or a piece of one (its article, the piece, its offset, whether it is the last).
_Unit = tuple[Article, Article, int, bool]


def _units(articles: Sequence[Article]) -> Iterator[_Unit]:
    for article in articles:
        if not _long(article):
            yield article, article, 0, True
            continue
        previous: tuple[Article, int] | None = None
        for piece in split_article(article):  # one piece ahead, to know which is the last
            if previous is not None:
                yield article, *previous, False
            previous = piece
        if previous is not None:
            yield article, *previous, True


def _chunks(units: Iterator[_Unit]) -> Iterator[list[_Unit]]:
    chunk: list[_Unit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pooled(
    pool: ProcessPoolExecutor, chunks: Iterator[list[_Unit]], jobs: int
) -> Iterator[tuple[_Unit, Result]]:
    window: deque[tuple[Future[list[Result]] | None, list[_Unit]]] = deque()
    for chunk in chunks:
        window.append((_submit(pool, [piece for _, piece, _, _ in chunk]), chunk))
        if len(window) >= 2 * jobs:
            yield from _paired(*window.popleft())
    while window:
        yield from _paired(*window.popleft())


def _paired(future: Future[list[Result]] | None, chunk: list[_Unit]) -> Iterator[tuple[_Unit, Result]]:
    yield from zip(chunk, _collect(future, [piece for _, piece, _, _ in chunk]), strict=True)


def _joined(results: Iterator[tuple[_Unit, Result]]) -> Iterator[Result]:
    """Each article's result once its last piece is in; a failed piece fails its whole article."""
    whole: ArticleAnnotations | ExtractionFailed | None = None
    for (article, piece, start, last), result in results:
        if piece is article:
            yield result
            continue
        if whole is None:
            whole = ArticleAnnotations(article.id)
        if isinstance(result, ExtractionFailed):
            whole = (
                whole if isinstance(whole, ExtractionFailed) else ExtractionFailed(article.id, result.reason)
            )
        elif isinstance(whole, ArticleAnnotations):
            add_piece(whole, result, start)
        if last:
            yield whole
            whole = None


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
