"""The Ray Data engine: cleaning and extraction as `map_batches` on a Ray cluster, the rest as locally.

Reading stays storyline's own ingest, on the driver. Each window of raw
documents is cleaned by a pool of actors and comes back to the driver, which
stores it and removes boilerplate across articles as the local engine does;
then the articles to extract go to a second pool of actors, each of which
loads the spaCy pipeline once and runs storyline's own `extract_batch` on its
batches. Story grouping, cross-checking and writing stay on the driver, so
`story.json` is the one the local engine writes.

Documents and results travel as pickles in a binary Arrow column next to
their position, so nothing depends on Arrow understanding storyline's types
or on Ray keeping the order of rows. `ray` is imported only here.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from storyline.errors import InputError, StorylineError
from storyline.model import Article, InputProblem, RawDocument

if TYPE_CHECKING:
    from storyline.config import Settings
    from storyline.extract.parallel import Result
    from storyline.pipeline import RunSummary
    from storyline.progress import Progress

# Raw documents read before a window is sent to be cleaned: the driver holds at
# most this many at once, however large the corpus.
CLEAN_WINDOW = 2000
CLEAN_BATCH = 32
# Articles handed to one extraction actor at a time (as the local engine's chunks).
EXTRACT_BATCH = 16

# Whether this process started the Ray instance it uses, and so must stop it.
_started = False


class RayEngineError(StorylineError):
    """The Ray engine cannot run: Ray is not installed, or the cluster cannot be reached."""


def connect(settings: Settings) -> Any:
    """The `ray` module, connected: to `settings.ray_address`, or to a local instance started here.

    A Ray instance this process already uses (a caller's own `ray.init`) is
    used as it is and left running.
    """
    global _started
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayEngineError(
            "the Ray engine needs Ray: pip install 'storyline[scale]' (or the local engine, the default)"
        ) from None
    if not ray.is_initialized():
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        try:
            if settings.ray_address:
                ray.init(address=settings.ray_address, **options)
            else:
                # address=local: a fresh instance, even where RAY_ADDRESS names another
                ray.init(address="local", num_cpus=settings.jobs, **options)
        except Exception as exc:  # noqa: BLE001 - connection refused, bad address, version mismatch
            where = settings.ray_address or "a local Ray instance"
            hint = ""
            if settings.ray_address and not os.environ.get("RAY_AUTH_MODE"):
                hint = (
                    "; a cluster started with `ray start` checks a token: set RAY_AUTH_MODE=token here, "
                    "with the cluster's token in ~/.ray/auth_token or RAY_AUTH_TOKEN"
                )
            reason = f"cannot start or reach {where}: {type(exc).__name__}: {exc}{hint}"
            raise RayEngineError(reason) from None
        _started = True
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # storyline's own progress bars say how far it is
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # not a line per dataset run
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "progress bars disabled"
    return ray


def shutdown() -> None:
    """Stop the Ray instance `connect` started (a caller's own stays up)."""
    global _started
    if _started:
        import ray

        ray.shutdown()
        _started = False


def pool_size(ray: Any, settings: Settings, batches: int) -> int:
    """Actors for a stage: one per CPU of the cluster (at most `--jobs` on a local instance),
    never more than there are batches to give them."""
    cpus = int(ray.cluster_resources().get("CPU", 1))
    size = cpus if settings.ray_address else min(cpus, settings.jobs)
    return max(1, min(size, batches))


class Cleaner:
    """A clean actor: `clean_document` on each raw document; an unusable one becomes its problem."""

    def __init__(self) -> None:
        import storyline.clean  # noqa: F401 - import (trafilatura and all) once per actor

    def __call__(self, batch: Any) -> Any:
        from storyline.clean import clean_document

        def clean(raw: RawDocument) -> Article | InputProblem:
            try:
                return clean_document(raw)
            except InputError as exc:
                return InputProblem(raw.source, exc.reason, exc.kind)

        return _mapped(batch, clean)


class Extractor:
    """An extraction actor: loads the spaCy pipeline once, then runs `extract_batch` on each batch."""

    def __init__(self) -> None:
        from storyline import nlp

        nlp.load()

    def __call__(self, batch: Any) -> Any:
        from storyline.extract.parallel import extract_batch

        items = [pickle.loads(b) for b in batch.column("blob").to_pylist()]
        return _table(batch.column("i").to_pylist(), extract_batch(items))


def _mapped(batch: Any, one: Callable[[Any], Any]) -> Any:
    items = [pickle.loads(b) for b in batch.column("blob").to_pylist()]
    return _table(batch.column("i").to_pylist(), [one(x) for x in items])


def _table(positions: list[int], values: Sequence[Any]) -> Any:
    import pyarrow as pa

    blobs = [pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for v in values]
    return pa.table({"i": pa.array(positions, pa.int64()), "blob": pa.array(blobs, pa.large_binary())})


def run_stage(
    settings: Settings, items: Sequence[Any], actor: type, batch: int, spread: bool = False
) -> Iterator[Any]:
    """`actor` applied to every item on the cluster, as `map_batches` with an actor pool; the
    results in the order of `items`, each yielded as soon as those before it are back.

    With `spread`, batches are made smaller where that lets every actor of the
    pool have one (few items, much work each)."""
    if not items:
        return
    ray = connect(settings)
    if spread:
        batch = max(1, min(batch, math.ceil(len(items) / pool_size(ray, settings, len(items)))))
    size = pool_size(ray, settings, math.ceil(len(items) / batch))
    rows = [{"i": i, "blob": pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)} for i, x in enumerate(items)]
    dataset = ray.data.from_items(rows, override_num_blocks=math.ceil(len(items) / batch)).map_batches(
        actor,
        batch_size=batch,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=size),
        num_cpus=1,
    )
    waiting: dict[int, Any] = {}
    following = 0
    try:
        for table in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            for i, blob in zip(table.column("i").to_pylist(), table.column("blob").to_pylist(), strict=True):
                waiting[i] = pickle.loads(blob)
            while following in waiting:
                yield waiting.pop(following)
                following += 1
    except ray.exceptions.RayError as exc:  # an actor that kept dying, a lost node, an unimportable storyline
        # the message is a remote traceback; its "SomeError: what" lines say what went wrong
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        lines = [line for line in lines if re.match(r"\w+(Error|Exception): ", line)] or lines or [""]
        reason = lines[-1][:300]
        raise RayEngineError(
            f"the {actor.__name__} actors failed on Ray: {type(exc).__name__}: {reason}"
        ) from exc
    if following != len(items):
        raise RayEngineError(f"Ray returned {following} of {len(items)} results")


def clean_inputs(
    inputs: Sequence[str], settings: Settings, progress: Progress, summary: RunSummary
) -> Iterator[tuple[RawDocument, Article]]:
    """As `pipeline.clean_inputs`, with cleaning on the cluster: the same articles and problems in
    the same order."""
    from storyline.ingest import read_inputs

    task = progress.task("Reading inputs", total=None)
    window: list[RawDocument | InputProblem] = []
    for item in read_inputs(inputs, settings):
        task.advance()
        window.append(item)
        if len(window) >= CLEAN_WINDOW:
            yield from _cleaned(window, settings, progress, summary)
            window = []
    yield from _cleaned(window, settings, progress, summary)
    task.done()


def _cleaned(
    window: list[RawDocument | InputProblem], settings: Settings, progress: Progress, summary: RunSummary
) -> Iterator[tuple[RawDocument, Article]]:
    raws = [x for x in window if not isinstance(x, InputProblem)]
    cleaned = run_stage(settings, raws, Cleaner, CLEAN_BATCH)
    for item in window:
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            progress.problem(item)
            continue
        result = next(cleaned)
        if isinstance(result, InputProblem):
            summary.problems.append(result)
            progress.problem(result)
            continue
        yield item, result


def extract_stream(articles: Sequence[Article], settings: Settings) -> Iterator[Result]:
    """As `extract.parallel.extract_stream`, on the cluster: results in the order of `articles`."""
    return run_stage(settings, articles, Extractor, EXTRACT_BATCH, spread=True)
