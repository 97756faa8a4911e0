"""Runs the stages in order: ingest, clean, extract, resolve, cross-check, store, report."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.config import Settings
from storyline.errors import BadArgument, InputError, NothingToAnalyze, OutputFolderError
from storyline.model import Article, ArticleAnnotations, InputProblem, RawDocument, Story
from storyline.progress import NullProgress, Progress
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.extract.parallel import Result

PathLike = str | os.PathLike[str]
# What `analyze` reads: one path or URL, or a sequence of them.
Inputs = PathLike | Sequence[PathLike]
# The files `analyze` writes beside story.duckdb.
OUTPUTS = ("story.json", "report.html")


@dataclass
class RunSummary:
    """What happened to the inputs of one run, for the closing line a user reads."""

    read: int = 0
    already_stored: int = 0
    repeated: int = 0  # the same document given twice in this run
    problems: list[InputProblem] = field(default_factory=list)

    def skipped_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        return dict(sorted(counts.items()))


def clean_inputs(
    inputs: Sequence[str],
    settings: Settings,
    progress: Progress,
    summary: RunSummary,
    stored: Callable[[str], bool] | None = None,
) -> Iterator[tuple[RawDocument, Article | None]]:
    """Ingest and clean, one document at a time; a bad input becomes a problem and the stream goes on.

    A document whose article id `stored` knows comes with None in place of its article:
    an article id is made from the raw document alone, and a stored article is never
    replaced, so cleaning it again would change nothing.
    """
    from storyline.clean import clean_document
    from storyline.ingest import read_inputs

    task = progress.task("Reading inputs", total=None)
    for item in read_inputs(inputs, settings):
        task.advance()
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            progress.problem(item)
            continue
        if stored is not None and stored(item.id):
            yield item, None
            continue
        try:
            article = clean_document(item)
        except InputError as exc:
            problem = InputProblem(item.source, exc.reason, exc.kind)
            summary.problems.append(problem)
            progress.problem(problem)
            continue
        yield item, article
    task.done()


def analyze(
    inputs: Inputs,
    output_dir: PathLike | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
) -> Story:
    """Build the story model from `inputs` (files, folders, URLs, feeds, corpora).

    Each input is a `str` or an `os.PathLike` (a `pathlib.Path`); one alone or
    a sequence of them. With `output_dir`, also writes `story.json`,
    `report.html` and `story.duckdb` there. The store accumulates: articles
    stored by an earlier run into the same folder stay part of the story unless
    `fresh` is set, and nothing is stored twice. Raises NothingToAnalyze when
    no article could be read, and another StorylineError, naming the argument
    and the reason, for arguments that cannot work.
    """
    return run(inputs, output_dir, settings, progress, fresh)[0]


def run(
    inputs: Inputs,
    output_dir: PathLike | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
) -> tuple[Story, RunSummary]:
    """`analyze`, also returning what happened to each input."""
    given = input_list(inputs)
    settings = _checked_settings(settings) or Settings()
    progress = _checked_progress(progress) or NullProgress()
    summary = RunSummary()
    seen_this_run: set[str] = set()
    out = output_folder(output_dir)
    if out is not None and fresh:
        # Opening first takes the folder's lock, so --fresh cannot delete the
        # database from under another run that is still writing it.
        Store(out / "story.duckdb").close()
        Store.remove(out / "story.duckdb")
    store = Store(out / "story.duckdb" if out is not None else ":memory:")
    if settings.engine == "ray":
        from storyline.engines import ray_data

        documents = ray_data.clean_inputs(given, settings, progress, summary)
    else:
        # a document whose article is stored already is not cleaned again: the stored one is used
        documents = clean_inputs(given, settings, progress, summary, stored=store.has_article)
    try:
        for raw, article in documents:
            store.add_raw(raw, raw.id)
            if article is not None and store.add_article(article):
                summary.read += 1
                seen_this_run.add(article.id)
            elif raw.id in seen_this_run:
                summary.repeated += 1
            else:
                summary.already_stored += 1
        ids = store.article_ids()
        if not ids:
            raise NothingToAnalyze(_nothing_read_message(given, summary))
        key = story_key(ids, settings) if out is not None else None
        reused = stored_story(store, out, key) if key is not None else None
        if reused is None:
            articles = store.load_articles()
            story = build_story(articles, settings, progress, store, summary)
            # a story that left out an article whose extraction failed is made again next time
            complete = len(story.articles) == len(articles)
            story.problems = summary.problems
            store.save_story(story, key if complete else None)
            current = False
        else:
            progress.task("Cross-checking: nothing new, the stored story stands", total=None).done()
            story, on_disk = reused
            # story.json lists the problems of the run that wrote it; this run's may differ
            current = on_disk and story.problems == summary.problems
            story.problems = summary.problems
        store.save_problems(summary.problems)
        if out is not None and not current:
            # still holding the store's lock, so no other run writes these files meanwhile
            written = write_outputs(story, out, progress)
            for name, digest in written.items():
                store.set_meta(name, digest)
    finally:
        store.close()
        if settings.engine == "ray":
            ray_data.shutdown()
    return story, summary


def input_list(inputs: object) -> list[str]:
    """The inputs as strings; anything not a path or URL is named, with its place, in a BadArgument."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if isinstance(inputs, bytes | bytearray) or not isinstance(inputs, Iterable):
        reason = "not a path, URL or list of them; give a str, an os.PathLike, or a list of those"
        raise BadArgument("inputs", inputs, reason)
    given: list[str] = []
    for i, item in enumerate(inputs):
        if isinstance(item, str):
            given.append(item)
        elif isinstance(item, os.PathLike):
            given.append(os.fsdecode(os.fspath(item)))
        else:
            raise BadArgument(f"inputs[{i}]", item, "not a path or URL; give a str or an os.PathLike")
    if not given:
        raise BadArgument("inputs", inputs, "no input given; name at least one file, folder or URL")
    return given


def output_folder(output_dir: object) -> Path | None:
    """The output folder, created if needed; one that cannot hold the outputs is an OutputFolderError."""
    if output_dir is None:
        return None
    if not isinstance(output_dir, str | os.PathLike):
        raise BadArgument("output_dir", output_dir, "not a folder path; give a str or an os.PathLike")
    if not os.fspath(output_dir):  # Path("") would quietly mean the current folder
        raise BadArgument("output_dir", output_dir, 'empty; give a folder path ("." for the current folder)')
    out = Path(os.fsdecode(os.fspath(output_dir)))
    if out.exists() and not out.is_dir():
        raise OutputFolderError(
            str(out), "the output folder is a file; give a folder, or a path that does not exist"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(str(out), f"cannot create the output folder: {exc.strerror or exc}") from None
    return out


def _checked_settings(settings: object) -> Settings | None:
    if settings is not None and not isinstance(settings, Settings):
        raise BadArgument("settings", settings, "not a Settings; pass storyline.Settings(...) or None")
    return settings


def _checked_progress(progress: object) -> Progress | None:
    if progress is not None and not all(callable(getattr(progress, m, None)) for m in ("task", "problem")):
        raise BadArgument(
            "progress", progress, "has no task() and problem() methods; pass a Progress or None"
        )
    return progress  # type: ignore[return-value]


def _nothing_read_message(inputs: Sequence[str], summary: RunSummary) -> str:
    if summary.problems:
        shown = "; ".join(str(p) for p in summary.problems[:3])
        more = f"; and {len(summary.problems) - 3} more" if len(summary.problems) > 3 else ""
        count = len(summary.problems)
        what = f"none of the {count} inputs could be read" if count > 1 else "the one input could not be read"
        return f"{what}: {shown}{more}"
    return f"no document found in {', '.join(inputs)}"


def build_story(
    articles: list[Article],
    settings: Settings,
    progress: Progress,
    store: Store | None = None,
    summary: RunSummary | None = None,
) -> Story:
    """Everything after cleaning: boilerplate, extraction, resolution and cross-checking."""
    from storyline.crosscheck import crosscheck_stories, profile_sources

    story = prepare_story(articles, settings, progress, store, summary)
    task = progress.task("Cross-checking", total=None)
    # the stories an earlier run into this store made stay as they were; new articles are placed
    previous = store.story_numbers() if store is not None and not settings.regroup else {}
    groups = crosscheck_stories(story, previous)
    story.profiles = [p.to_dict() for p in profile_sources(story, groups).values()]
    task.done()
    return story


def prepare_story(
    articles: list[Article],
    settings: Settings,
    progress: Progress,
    store: Store | None = None,
    summary: RunSummary | None = None,
) -> Story:
    """Boilerplate, extraction and entity resolution: the story as cross-checking receives it.

    An article whose extraction fails is left out of the story and reported as
    a problem, like an input that could not be read; the others go on.
    """
    from storyline.clean import remove_boilerplate
    from storyline.extract.parallel import ExtractionFailed

    articles.sort(key=lambda a: (a.published or "9999", a.source, a.id))
    articles = remove_boilerplate(articles, settings.boilerplate_min_articles)
    annotations: list[ArticleAnnotations] = []
    failed: set[str] = set()
    for article, result in zip(articles, extract_all(articles, settings, progress, store), strict=True):
        if isinstance(result, ExtractionFailed):
            failed.add(article.id)
            problem = extraction_problem(article, result.reason)
            progress.problem(problem)
            if summary is not None:
                summary.problems.append(problem)
        else:
            annotations.append(result)
    articles = [a for a in articles if a.id not in failed]
    if not articles:
        raise NothingToAnalyze("no article could be extracted; the problems above say why")
    return resolved_story(articles, annotations)


def resolved_story(articles: list[Article], annotations: list[ArticleAnnotations]) -> Story:
    """The story of extracted articles, their entities resolved: what cross-checking receives."""
    from storyline.crosscheck import resolve_entities

    return Story(
        articles=articles,
        entities=resolve_entities(articles, annotations),
        quotes=[q for a in annotations for q in a.quotes],
        figures=[f for a in annotations for f in a.figures],
        events=[v for a in annotations for v in a.events],
        statements=[x for a in annotations for x in a.statements],
    )


def extraction_problem(article: Article, reason: str) -> InputProblem:
    """The problem line for an article whose extraction failed; it stays stored, outside the story."""
    title = f" ({article.title})" if article.title else ""
    reason = f"could not extract facts from article {article.id}{title}, left out of the story: {reason}"
    return InputProblem(article.source, reason, "extraction_failed")


def extract_all(
    articles: list[Article], settings: Settings, progress: Progress, store: Store | None = None
) -> Iterator[Result]:
    """Annotations (or the reason there are none) for every article, in order, reusing the store's."""
    from storyline.extract.parallel import ExtractionFailed, extract_stream

    cached = store.load_annotations(articles) if store is not None else {}
    todo = [a for a in articles if a.id not in cached]
    task = progress.task("Extracting", total=len(articles))
    task.advance(len(articles) - len(todo))
    fresh: dict[str, Result] = {}
    if settings.engine == "ray":
        from storyline.engines import ray_data

        results = ray_data.extract_stream(todo, settings)
    else:
        results = extract_stream(todo, jobs=settings.jobs)
    for article, result in zip(todo, results, strict=True):
        fresh[article.id] = result
        # a failure is not cached: the next run tries again, perhaps with fixed code
        if store is not None and not isinstance(result, ExtractionFailed):
            store.save_annotations(article, result)
        task.advance()
    task.done()
    for a in articles:
        yield cached.get(a.id) or fresh[a.id]


def write_outputs(story: Story, out: Path, progress: Progress) -> dict[str, str]:
    """story.json and report.html, each replaced whole, so a killed run never leaves half a file.

    Returns the SHA-256 of each file as written, by file name.
    """
    from storyline.report import write_report

    task = progress.task("Writing report", total=None)
    for name in OUTPUTS:  # a run killed mid-write leaves its temporary file behind
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    try:
        _replace(out / OUTPUTS[0], lambda tmp: _write_chunks(tmp, story.json_chunks()))
        _replace(out / OUTPUTS[1], lambda tmp: write_report(story, tmp))
        written = {name: _sha256(out / name) for name in OUTPUTS}
    except OSError as exc:
        raise OutputFolderError(str(out), f"cannot write the outputs: {exc.strerror or exc}") from None
    task.done()
    return written


def _write_chunks(path: Path, chunks: Iterable[str]) -> None:
    """Text written as it is made: story.json of a large story is never held whole in memory."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.writelines(chunks)


def story_key(article_ids: Iterable[str], settings: Settings) -> str:
    """What a story is made from: the stored articles, the code, and the settings that shape it.

    A stored article never changes under its id, and everything after cleaning is a function
    of the articles and the code (extraction results are cached by the same rule), so the
    same key gives the same story. A run that places no new article keeps every earlier
    story as it was, so reusing the story an earlier run made from these articles is what
    making it again would give.
    """
    from storyline.store import code_version

    h = hashlib.sha256(f"{code_version()}\0{settings.regroup}\0{settings.boilerplate_min_articles}".encode())
    for article_id in sorted(article_ids):
        h.update(b"\0" + article_id.encode())
    return h.hexdigest()


def stored_story(store: Store, out: Path | None, key: str) -> tuple[Story, bool] | None:
    """The story stored under `key` (None when the store holds none made from the same input),
    and whether story.json and report.html in `out` are still the files written from it.

    Read from that story.json when it is (one parse of one file), else from the store.
    """
    if store.meta("story_key") != key:
        return None
    if out is not None and _as_written(store, out):
        try:
            return Story.from_dict(json.loads((out / OUTPUTS[0]).read_bytes())), True
        except (OSError, ValueError):
            pass
    return store.load_story(), False


def _as_written(store: Store, out: Path) -> bool:
    """Whether every output file in `out` is the one the stored story was written to."""
    for name in OUTPUTS:
        recorded = store.meta(name)
        if recorded is None or _sha256(out / name) != recorded:
            return False
    return True


def _sha256(path: Path) -> str | None:
    """The file's SHA-256, read a block at a time: report.html of a large story is hundreds of MB."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
