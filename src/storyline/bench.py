"""`storyline bench`: speed and memory of each stage, side by side with a baseline in the same run.

Every measurement runs in a fresh child process, so peak memory (max RSS) is
that task's alone and model loading is timed apart from the work. Results
are reported as ratios to the baseline, which is what stays comparable
between machines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).parent / "samples" / "corpus"


@dataclass
class Measurement:
    task: str
    items: int
    seconds: float  # the work alone, after set-up
    setup_seconds: float
    max_rss_mb: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


# --- the tasks, run inside a child process ----------------------------------------------------


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]


def _articles(path: Path) -> list[Any]:
    from storyline.model import Article, content_id

    texts = _texts(path)
    return [Article(id=content_id("a", i, t), source=f"bench#{i}", text=t) for i, t in enumerate(texts)]


def _task_spacy(path: Path) -> tuple[Callable[[], int], None]:
    """Baseline: the full spaCy pipeline over the same texts, every component on, default batching."""
    from storyline.nlp import load_full

    texts = _texts(path)
    nlp = load_full()

    def work() -> int:
        return sum(1 for _ in nlp.pipe(texts))

    return work, None


def _task_extract(path: Path) -> tuple[Callable[[], int], None]:
    """storyline: one parse per article, then every extractor, one process."""
    from storyline import nlp
    from storyline.extract.parallel import extract_stream

    articles = _articles(path)
    nlp.load()

    def work() -> int:
        return sum(1 for _ in extract_stream(articles, jobs=1))

    return work, None


def _task_extract_pool(path: Path) -> tuple[Callable[[], int], None]:
    """storyline: the same, across a process pool over every core (worker start-up included)."""
    from storyline.config import default_jobs
    from storyline.extract.parallel import extract_stream

    articles = _articles(path)

    def work() -> int:
        return sum(1 for _ in extract_stream(articles, jobs=default_jobs()))

    return work, None


def _html_pages(path: Path) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in sorted(Path(path).rglob("*.htm*"))]


def _task_trafilatura(path: Path) -> tuple[Callable[[], int], None]:
    """Baseline: trafilatura alone, body and metadata, on the same pages."""
    import trafilatura

    pages = _html_pages(path)

    def work() -> int:
        for _, data in pages:
            trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True)
        return len(pages)

    return work, None


def _task_clean_html(path: Path) -> tuple[Callable[[], int], None]:
    """storyline: HTML cleaning (trafilatura, then line rules, date fallback, removal audit)."""
    from storyline.clean import clean_document
    from storyline.errors import InputError
    from storyline.model import RawDocument

    pages = _html_pages(path)

    def work() -> int:
        for source, data in pages:
            try:
                clean_document(RawDocument(source, data, "html"))
            except InputError:
                pass
        return len(pages)

    return work, None


def _task_analyze_html(path: Path) -> tuple[Callable[[], int], None]:
    """storyline: what `analyze` does to each page, on every core: clean (trafilatura, then line
    rules, date, removal audit), boilerplate across pages, one parse, every extractor."""
    from storyline.clean import clean_document, remove_boilerplate
    from storyline.config import Settings, default_jobs
    from storyline.errors import InputError
    from storyline.extract.parallel import extract_stream
    from storyline.model import RawDocument

    pages = _html_pages(path)

    def work() -> int:
        articles = []
        for source, data in pages:
            try:
                articles.append(clean_document(RawDocument(source, data, "html")))
            except InputError:
                pass
        articles = remove_boilerplate(articles, Settings().boilerplate_min_articles)
        _extra["articles"] = len(articles)
        _extra["chars"] = sum(len(a.text) for a in articles)
        for _ in extract_stream(articles, jobs=default_jobs()):
            pass
        return len(pages)

    return work, None


def _baseline_chunk(pages: list[bytes]) -> int:
    """In a baseline worker: trafilatura's text of each page, then spaCy over those texts."""
    import trafilatura

    from storyline.nlp import load_full

    texts = []
    for data in pages:
        found = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True)
        text = found.text if found is not None else None
        if text:
            texts.append(text)
    return sum(1 for _ in load_full().pipe(texts, batch_size=16))


def _load_full_model() -> None:
    from storyline.nlp import load_full

    load_full()


def _task_trafilatura_spacy(path: Path) -> tuple[Callable[[], int], None]:
    """Baseline: trafilatura, then bare spaCy `nlp.pipe` with every component, on the same pages,
    over as many processes as storyline's pool (each loads the model, counted in the time)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from storyline.config import default_jobs
    from storyline.extract.parallel import CHUNK

    pages = [data for _, data in _html_pages(path)]
    chunks = [pages[i : i + CHUNK] for i in range(0, len(pages), CHUNK)]

    def work() -> int:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(default_jobs(), mp_context=context, initializer=_load_full_model) as pool:
            _extra["articles"] = sum(pool.map(_baseline_chunk, chunks))
        return len(pages)

    return work, None


def _task_lookalike(path: Path) -> tuple[Callable[[], int], None]:
    """storyline analyze, end to end, on templated look-alike reports (every figure counts the same thing)."""
    from storyline.config import Settings
    from storyline.crosscheck.claims_figures import candidate_pairs, read_figure
    from storyline.pipeline import run

    def work() -> int:
        with tempfile.TemporaryDirectory(prefix="storyline-bench-out-") as out:
            story, _ = run([str(path)], out, Settings())
        # all figures taken as one story: an upper bound on the pairs alignment scores
        _extra["figures"] = len(story.figures)
        _extra["figure_pairs_scored"] = len(candidate_pairs([read_figure(f, set()) for f in story.figures]))
        return len(story.articles)

    return work, None


def _generated(task: Callable[[Path, dict[str, Any]], Callable[[], int]]) -> Callable[[Path], Any]:
    """A task of `storyline.bench_corpus.scale`, which reports its extras into `_extra`."""
    return lambda path: (task(path, _extra), None)


def _scale_tasks() -> dict[str, Callable[[Path], tuple[Callable[[], int], None]]]:
    from storyline.bench_corpus import scale

    return {
        "analyze-generated": _generated(scale.task_analyze),
        "extract-story": _generated(scale.task_extract_story),
        "crosscheck-story": _generated(scale.task_crosscheck),
    }


TASKS: dict[str, Callable[[Path], tuple[Callable[[], int], None]]] = {
    "spacy": _task_spacy,
    "extract": _task_extract,
    "extract-pool": _task_extract_pool,
    "trafilatura": _task_trafilatura,
    "clean-html": _task_clean_html,
    "analyze-html": _task_analyze_html,
    "trafilatura-spacy": _task_trafilatura_spacy,
    "lookalike": _task_lookalike,
}
_extra: dict[str, Any] = {}  # what a task reports beyond its count of items


def child_main(task: str, path: str) -> None:
    import resource

    started = time.perf_counter()
    work, _ = {**TASKS, **_scale_tasks()}[task](Path(path))
    ready = time.perf_counter()
    cpu_before = _cpu_seconds()
    items = work()
    done = time.perf_counter()
    cpu = _cpu_seconds() - cpu_before

    # the larger of this process and its largest worker: a pool's workers hold their own models
    rss_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    result = {
        "items": items,
        "setup": ready - started,
        "seconds": done - ready,
        "max_rss_mb": rss_kb / 1024,
        "cpu_seconds": cpu,
        **_extra,
    }
    print(json.dumps(result))


def _cpu_seconds() -> float:
    """Processor time of this process and of its workers that have ended (user and system)."""
    import resource

    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


# --- the parent: corpus, children, table --------------------------------------------------------


def measure(task: str, path: Path | str, timeout: float | None = None) -> Measurement | None:
    """Run one task in a fresh process; None when it ran past `timeout` seconds (and was stopped)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.bench", task, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so a task stopped for its time goes with its workers
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        return None
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark task {task} failed: {err.strip().splitlines()[-1] if err else '?'}")
    data = json.loads(out.strip().splitlines()[-1])
    known = ("items", "seconds", "setup", "max_rss_mb")
    extra = {k: v for k, v in data.items() if k not in known}
    return Measurement(task, data["items"], data["seconds"], data["setup"], data["max_rss_mb"], extra)


def _measured(task: str, path: Path) -> Measurement:
    m = measure(task, path)
    assert m is not None  # no time limit was given
    return m


def run_scale_bench(
    sizes: list[int],
    story_sizes: list[int],
    report: Callable[[str], None] = print,
    seed: int = 7,
    timeout: float | None = None,
) -> dict[str, Any]:
    """`storyline bench --generate`: the pipeline's time and memory on generated corpora of each size,
    cross-check time as one story grows, and how much of the generated truth each run recovered."""
    from storyline.bench_corpus.scale import run_scale

    return run_scale(sizes, story_sizes, measure, report, seed, timeout)


def bench_corpus(folder: Path, articles: int) -> Path:
    """The sample corpus's cleaned texts, repeated with a distinct first line until there are enough."""
    from storyline.clean import clean_document
    from storyline.config import Settings
    from storyline.ingest import read_inputs
    from storyline.model import RawDocument

    texts = []
    for item in read_inputs([str(SAMPLES)], Settings()):
        if isinstance(item, RawDocument):
            texts.append(clean_document(item).text)
    path = folder / "texts.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(articles):
            text = f"Copy {i} of a sample article.\n\n{texts[i % len(texts)]}"
            f.write(json.dumps({"text": text}) + "\n")
    return path


def lookalike_corpus(folder: Path, reports: int, sentences: int = 40, seed: int = 11) -> Path:
    """Templated reports, like a feed of district results: every sentence counts homes checked.

    Each report has `sentences` sentences that differ only in their numbers, so every
    figure looks like every other one; this is the input that made alignment quadratic.
    """
    import random

    rng = random.Random(seed)
    path = folder / f"lookalike-{reports}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in range(reports):
            first_day = rng.randint(1, 20)
            lines = [
                f"Officials in district {rng.randint(1, 60)} said {rng.randint(20, 900)} homes "
                f"were checked on day {first_day + n % 7}."
                for n in range(sentences)
            ]
            text = "\n\n".join(" ".join(lines[n : n + 4]) for n in range(0, sentences, 4))
            record = {
                "text": text,
                "title": f"District inspection report {r + 1}",
                "outlet": f"Outlet {r % 12}",
                "published": f"2024-05-{1 + r % 28:02d}",
                "url": f"https://reports.example/{r}",
            }
            f.write(json.dumps(record) + "\n")
    return path


def html_folder() -> Path:
    """Real pages from ../shared/data when present, else the sample corpus's own HTML."""
    shared = Path(
        os.environ.get("STORYLINE_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
    )
    pages = shared / "readability-test-pages" / "pages"
    if pages.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix="storyline-bench-html-"))
        import gzip

        for case in sorted(pages.iterdir())[:60]:
            source = case / "source.html.gz"
            if source.exists():
                (tmp / f"{case.name}.html").write_bytes(gzip.decompress(source.read_bytes()))
        return tmp
    return SAMPLES


PAIRS = [
    ("parse+extract, 1 proc", "extract", "spaCy pipe", "spacy", "texts"),
    ("parse+extract, pool", "extract-pool", "spaCy pipe", "spacy", "texts"),
    ("HTML cleaning", "clean-html", "trafilatura", "trafilatura", "html"),
    (
        "clean+parse+extract, pool",
        "analyze-html",
        "trafilatura + spaCy pipe, pool",
        "trafilatura-spacy",
        "html",
    ),
]
# Look-alike reports: analysed end to end at LOOKALIKE reports beside a quarter as many, so the
# ratio of reports per second says whether the cost grows faster than the input (1.0: linear).
LOOKALIKE = 100


def run_bench(
    articles: int = 120, report: Callable[[str], None] = print, lookalike: int = LOOKALIKE
) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        texts = bench_corpus(Path(tmp), articles)
        corpora = {"texts": texts, "html": html_folder()}
        cache: dict[str, Measurement] = {}
        for label, ours, base_label, base, corpus in PAIRS:
            path = corpora[corpus]
            for task in (base, ours):
                if task not in cache:
                    report(f"running {task} …")
                    cache[task] = _measured(task, path)
            rows.append(_row(label, cache[ours], base_label, cache[base]))
        if lookalike:
            small, large = (lookalike_corpus(Path(tmp), n) for n in (max(1, lookalike // 4), lookalike))
            report(f"running lookalike on {lookalike // 4} and {lookalike} reports …")
            b, m = _measured("lookalike", small), _measured("lookalike", large)
            row = _row(f"look-alike reports, {m.items}", m, f"the same, {b.items}", b)
            row.update({f"storyline_{k}": v for k, v in m.extra.items()})
            row.update({f"baseline_{k}": v for k, v in b.extra.items()})
            rows.append(row)
    return rows


def _row(label: str, m: Measurement, base_label: str, b: Measurement) -> dict[str, Any]:
    return {
        "benchmark": label,
        "items": m.items,
        "storyline_per_s": round(m.per_second, 2),
        "baseline": base_label,
        "baseline_per_s": round(b.per_second, 2),
        "speed_ratio": round(m.per_second / b.per_second, 3),
        "storyline_max_rss_mb": round(m.max_rss_mb, 1),
        "baseline_max_rss_mb": round(b.max_rss_mb, 1),
        # processor time (workers included): what the work cost, when other jobs stretch wall time
        "storyline_cpu_s": round(m.extra.get("cpu_seconds", 0.0), 2),
        "baseline_cpu_s": round(b.extra.get("cpu_seconds", 0.0), 2),
        "cpu_ratio": round(b.extra.get("cpu_seconds", 0.0) / m.extra["cpu_seconds"], 3)
        if m.extra.get("cpu_seconds")
        else None,
    }


if __name__ == "__main__":
    child_main(sys.argv[1], sys.argv[2])
