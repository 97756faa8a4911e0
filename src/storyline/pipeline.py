"""Runs the stages in order: ingest, clean, extract, resolve, cross-check, store, report."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputError, NothingToAnalyze
from storyline.model import Article, ArticleAnnotations, InputProblem, RawDocument, Story
from storyline.progress import NullProgress, Progress
from storyline.store import Store


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
    inputs: Sequence[str], settings: Settings, progress: Progress, summary: RunSummary
) -> Iterator[tuple[RawDocument, Article]]:
    """Ingest and clean, one document at a time; a bad input becomes a problem and the stream goes on."""
    from storyline.clean import clean_document
    from storyline.ingest import read_inputs

    task = progress.task("Reading inputs", total=None)
    for item in read_inputs(inputs, settings):
        task.advance()
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            progress.problem(item)
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
    inputs: Sequence[str] | str,
    output_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
) -> Story:
    """Build the story model from `inputs` (files, folders, URLs, feeds, corpora).

    With `output_dir`, also writes `story.json`, `report.html` and `story.duckdb`
    there. The store accumulates: articles stored by an earlier run into the
    same folder stay part of the story unless `fresh` is set, and nothing is
    stored twice. Raises NothingToAnalyze when no article could be read.
    """
    return run(inputs, output_dir, settings, progress, fresh)[0]


def run(
    inputs: Sequence[str] | str,
    output_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
) -> tuple[Story, RunSummary]:
    """`analyze`, also returning what happened to each input."""
    if isinstance(inputs, str):
        inputs = [inputs]
    settings = settings or Settings()
    progress = progress or NullProgress()
    summary = RunSummary()
    seen_this_run: set[str] = set()
    out = Path(output_dir) if output_dir is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        if fresh:
            Store.remove(out / "story.duckdb")
    store = Store(out / "story.duckdb" if out is not None else ":memory:")
    try:
        for raw, article in clean_inputs(inputs, settings, progress, summary):
            store.add_raw(raw, article.id)
            if store.add_article(article):
                summary.read += 1
                seen_this_run.add(article.id)
            elif article.id in seen_this_run:
                summary.repeated += 1
            else:
                summary.already_stored += 1
        articles = store.load_articles()
        if not articles:
            raise NothingToAnalyze(_nothing_read_message(inputs, summary))
        story = build_story(articles, settings, progress, store)
        story.problems = summary.problems
        store.save_story(story)
        store.save_problems(summary.problems)
    finally:
        store.close()
    if out is not None:
        write_outputs(story, out, progress)
    return story, summary


def _nothing_read_message(inputs: Sequence[str], summary: RunSummary) -> str:
    if summary.problems:
        return f"none of the {len(summary.problems)} inputs could be read"
    return f"no document found in {', '.join(inputs)}"


def build_story(
    articles: list[Article], settings: Settings, progress: Progress, store: Store | None = None
) -> Story:
    """Everything after cleaning: boilerplate, extraction, resolution and cross-checking."""
    from storyline.clean import remove_boilerplate
    from storyline.crosscheck import crosscheck, profile_sources, resolve_entities

    articles.sort(key=lambda a: (a.published or "9999", a.source, a.id))
    articles = remove_boilerplate(articles, settings.boilerplate_min_articles)
    annotations = list(extract_all(articles, settings, progress, store))
    entities = resolve_entities(articles, annotations)
    story = Story(
        articles=articles,
        entities=entities,
        quotes=[q for a in annotations for q in a.quotes],
        figures=[f for a in annotations for f in a.figures],
        events=[v for a in annotations for v in a.events],
        statements=[x for a in annotations for x in a.statements],
    )
    task = progress.task("Cross-checking", total=None)
    story = crosscheck(story)
    story.profiles = [p.to_dict() for p in profile_sources(story).values()]
    task.done()
    return story


def extract_all(
    articles: list[Article], settings: Settings, progress: Progress, store: Store | None = None
) -> Iterator[ArticleAnnotations]:
    """Annotations for every article, in order, reusing what the store already holds."""
    from storyline.extract.parallel import extract_stream

    cached = store.load_annotations(articles) if store is not None else {}
    todo = [a for a in articles if a.id not in cached]
    task = progress.task("Extracting", total=len(articles))
    task.advance(len(articles) - len(todo))
    fresh: dict[str, ArticleAnnotations] = {}
    for article, ann in zip(todo, extract_stream(todo, jobs=settings.jobs), strict=True):
        fresh[ann.article] = ann
        if store is not None:
            store.save_annotations(article, ann)
        task.advance()
    task.done()
    for a in articles:
        yield cached.get(a.id) or fresh[a.id]


def write_outputs(story: Story, out: Path, progress: Progress) -> None:
    from storyline.report import write_report

    task = progress.task("Writing report", total=None)
    (out / "story.json").write_text(json.dumps(story.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    write_report(story, out / "report.html")
    task.done()
