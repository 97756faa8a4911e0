"""The scale curve: `storyline analyze` on generated corpora of growing size; cross-checking growing stories.

Each size runs in a fresh child process (see `storyline.bench.measure`), so its
time and peak memory are its own; the truth of the generated corpus is scored
after the peak memory is read, so scoring never counts as the pipeline's.
"""

from __future__ import annotations

import pickle
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.bench_corpus.generate import truth_file, write_corpus
from storyline.bench_corpus.truth import read_truth, score

STORY_SIZES = (10, 100, 1000)
# The articles extracted once for the cross-check curve sit here, beside their corpus.
EXTRACTED = "extracted.pickle"


def peak_rss_mb() -> dict[str, float]:
    """Largest resident size of this process, and of the largest of its finished workers, in MB."""
    return {
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def cpu_seconds() -> float:
    """Processor time of this process and its finished workers: what the work cost on a shared machine."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def task_analyze(path: Path, extra: dict[str, Any]) -> Callable[[], int]:
    """`storyline analyze CORPUS -o DIR` in this process, on a fresh folder; then the score on its truth."""
    from storyline.config import Settings
    from storyline.pipeline import run

    def work() -> int:
        with tempfile.TemporaryDirectory(prefix="storyline-bench-scale-") as out:
            started, cpu = time.perf_counter(), cpu_seconds()
            story, _ = run([str(path)], out, Settings())
            extra["seconds_exact"] = time.perf_counter() - started
            extra["cpu_seconds"] = cpu_seconds() - cpu
            extra.update(peak_rss_mb())
            extra["report_mb"] = (Path(out) / "report.html").stat().st_size / 1e6
            extra["truth"] = score(story, read_truth(truth_file(path)))
        return len(story.articles)

    return work


def task_extract_story(path: Path, extra: dict[str, Any]) -> Callable[[], int]:
    """Clean and extract a one-story corpus once, for the cross-check runs at each story size."""
    from storyline.config import Settings
    from storyline.extract.parallel import ExtractionFailed, extract_stream
    from storyline.pipeline import RunSummary, clean_inputs
    from storyline.progress import NullProgress

    def work() -> int:
        settings = Settings()
        articles = [a for _, a in clean_inputs([str(path)], settings, NullProgress(), RunSummary())]
        pairs = [
            (a, r)
            for a, r in zip(articles, extract_stream(articles, jobs=settings.jobs), strict=True)
            if not isinstance(r, ExtractionFailed)
        ]
        with (path.parent / EXTRACTED).open("wb") as f:
            pickle.dump(pairs, f)
        return len(pairs)

    return work


def task_crosscheck(path: Path, extra: dict[str, Any]) -> Callable[[], int]:
    """Entity resolution, story grouping, claim alignment and source profiles on the first N articles.

    `path` is `extracted.pickle:N`.
    """
    from storyline.crosscheck import crosscheck_stories, profile_sources
    from storyline.model import Story
    from storyline.pipeline import resolved_story

    name, _, count = str(path).rpartition(":")
    with Path(name).open("rb") as f:
        pairs = pickle.load(f)[: int(count)]

    def story_of(chosen: list[Any]) -> tuple[Story, float]:
        articles = [a for a, _ in chosen]
        annotations = [r for _, r in chosen]
        started = time.perf_counter()
        story = resolved_story(articles, annotations)
        return story, time.perf_counter() - started

    # once on two articles first, untimed: the sentence embeddings load on first use
    crosscheck_stories(story_of(pairs[:2])[0])

    def work() -> int:
        story, resolving = story_of(pairs)
        resolved = time.perf_counter()
        groups = crosscheck_stories(story)
        story.profiles = [p.to_dict() for p in profile_sources(story, groups).values()]
        extra["resolve_seconds"] = resolving
        extra["crosscheck_seconds"] = time.perf_counter() - resolved
        extra["figures"] = len(story.figures)
        extra["claims"] = len(story.claims)
        extra["stories_found"] = len(groups)
        return len(story.articles)

    return work


def parse_sizes(text: str, minimum: int = 1) -> list[int]:
    """'1000,10k,100000' -> [1000, 10000, 100000]; each at least `minimum`."""
    sizes = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        scale = 1000 if part.lower().endswith("k") else 1
        digits = part[:-1] if scale > 1 else part
        if not digits.replace("_", "").isdigit() or int(digits) * scale < minimum:
            raise ValueError(f"not a number of articles: {part!r}; give counts like 1000,10k,100000")
        sizes.append(int(digits) * scale)
    return sizes


Measure = Callable[..., Any]


def run_scale(
    sizes: list[int],
    story_sizes: list[int],
    measure: Measure,
    report: Callable[[str], None] = print,
    seed: int = 7,
    timeout: float | None = None,
) -> dict[str, Any]:
    """The curve over `sizes` and the cross-check curve over `story_sizes`, each point in its own process."""
    curve: list[dict[str, Any]] = []
    crosscheck: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-gen-") as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"generated-{size}.jsonl"
            started = time.perf_counter()
            write_corpus(corpus, size, seed)
            generated = time.perf_counter() - started
            report(f"analysing {size:,} generated articles …")
            curve.append(_curve_row(size, generated, measure("analyze-generated", corpus, timeout=timeout)))
            corpus.unlink()
        if story_sizes:
            folder = Path(tmp) / "one-story"
            folder.mkdir()
            corpus, _ = write_corpus(
                folder / "story.jsonl", max(story_sizes), seed, per_story=max(story_sizes)
            )
            report(f"extracting one story of {max(story_sizes):,} articles …")
            if measure("extract-story", corpus, timeout=timeout) is None:
                return {
                    "curve": curve,
                    "crosscheck": [{"articles_in_story": n, "timed_out": True} for n in story_sizes],
                }
            for size in story_sizes:
                report(f"cross-checking {size:,} articles of one story …")
                m = measure("crosscheck-story", f"{folder / EXTRACTED}:{size}", timeout=timeout)
                crosscheck.append(_crosscheck_row(size, m))
    return {"curve": curve, "crosscheck": crosscheck}


def _curve_row(size: int, generated: float, m: Any) -> dict[str, Any]:
    if m is None:
        return {"articles": size, "timed_out": True}
    truth = m.extra.get("truth", {})
    return {
        "articles": size,
        "articles_analysed": m.items,
        "generate_seconds": round(generated, 1),
        "seconds": round(m.extra.get("seconds_exact", m.seconds), 1),
        "seconds_per_article": round(m.extra.get("seconds_exact", m.seconds) / max(1, m.items), 4),
        "cpu_seconds_per_article": round(m.extra.get("cpu_seconds", 0.0) / max(1, m.items), 4),
        "max_rss_mb": round(m.extra.get("max_rss_mb", m.max_rss_mb), 1),
        "worker_max_rss_mb": round(m.extra.get("worker_max_rss_mb", 0.0), 1),
        "report_mb": None if "report_mb" not in m.extra else round(m.extra["report_mb"], 1),
        "stories": truth.get("stories"),
        "grouping_bcubed": truth.get("grouping"),
        "figures": truth.get("figures"),
        "quotes": truth.get("quotes"),
    }


def _crosscheck_row(size: int, m: Any) -> dict[str, Any]:
    if m is None:
        return {"articles_in_story": size, "timed_out": True}
    return {
        "articles_in_story": m.items,
        "resolve_seconds": round(m.extra["resolve_seconds"], 2),
        "crosscheck_seconds": round(m.extra["crosscheck_seconds"], 2),
        "crosscheck_ms_per_article": round(1000 * m.extra["crosscheck_seconds"] / max(1, m.items), 1),
        "figures": m.extra["figures"],
        "claims": m.extra["claims"],
        "stories_found": m.extra["stories_found"],
        "max_rss_mb": round(m.max_rss_mb, 1),
    }


def tables(result: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, column names, rows of text) for each table `storyline bench --generate` prints."""
    curve = []
    for r in result["curve"]:
        if r.get("timed_out"):
            curve.append([f"{r['articles']:,}", "timed out", *[""] * 6])
            continue
        g, f, q = r["grouping_bcubed"] or {}, r["figures"] or {}, r["quotes"] or {}
        curve.append(
            [
                f"{r['articles']:,}",
                f"{r['seconds']:.0f}",
                f"{r['seconds_per_article']:.3f} ({r.get('cpu_seconds_per_article', 0):.3f})",
                f"{r['max_rss_mb']:.0f} / {r['worker_max_rss_mb']:.0f}",
                "-" if r.get("report_mb") is None else f"{r['report_mb']:.1f}",
                f"{g.get('f1', 0):.3f} ({g.get('precision', 0):.2f} / {g.get('recall', 0):.2f})",
                _share(f.get("shared_as_one_claim")),
                _share(q.get("shared_as_one_claim")),
            ]
        )
    cross = [
        [f"{r['articles_in_story']:,}", "timed out", "", "", "", ""]
        if r.get("timed_out")
        else [
            f"{r['articles_in_story']:,}",
            f"{r['crosscheck_seconds']:.2f}",
            f"{r['crosscheck_ms_per_article']:.1f}",
            f"{r['resolve_seconds']:.2f}",
            f"{r['figures']:,} / {r['claims']:,}",
            f"{r['max_rss_mb']:.0f}",
        ]
        for r in result["crosscheck"]
    ]
    return [
        (
            "storyline analyze on generated corpora",
            ["articles", "seconds", "s / article (CPU)", "peak MB main / worker", "report.html MB",
             "stories F1 (P / R)", "shared figures as one claim", "shared quotes as one claim"],
            curve,
        ),
        (
            "cross-checking one story as it grows",
            ["articles in story", "cross-check s", "ms / article", "entity resolution s", "figures / claims",
             "peak MB"],
            cross,
        ),
    ]  # fmt: skip


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"
