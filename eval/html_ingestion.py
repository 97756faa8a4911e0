"""Score storyline's HTML cleaning against trafilatura alone on the shared real-page sets, side by side.

    python eval/html_ingestion.py [--limit N] [--split dev|heldout|all] [--json results.json]

The pages live outside the repository (`../shared/data`, or $STORYLINE_SHARED_DATA) and are read at run
time only; without them the script says so and exits 0.

Pages are split by a hash of their name: two in three are `dev` (the cleaning rules are tuned on them),
one in three `heldout` (read to report, never to tune on). Every row is given for each part.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import trafilatura
from lxml import html as lxml_html

from storyline.clean import clean_document
from storyline.errors import InputError
from storyline.model import Hints, RawDocument

SYSTEMS = ("storyline", "trafilatura", "trafilatura-nocomments")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.I)


def data_dir() -> Path | None:
    configured = os.environ.get("STORYLINE_SHARED_DATA")
    path = Path(configured) if configured else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return path if path.is_dir() else None


@dataclass
class Task:
    dataset: str  # trafilatura | readability | htmldate
    key: str
    path: Path
    url: str | None
    gold: dict[str, Any] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return page_split(self.key)


def page_split(name: str) -> str:
    """dev or heldout, from a hash of the page's name (its URL or case folder), never from file order."""
    return "heldout" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 3 == 0 else "dev"


def _gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as f:
        return f.read()


def _find(base: Path, name: str) -> Path | None:
    for sub in ("eval", "cache"):
        candidate = base / "html" / sub / f"{name}.gz"
        if candidate.exists():
            return candidate
    return None


def _sample(items: list[Task], limit: int | None) -> list[Task]:
    items.sort(key=lambda t: t.key)
    if limit is None or len(items) <= limit:
        return items
    return sorted(random.Random(0).sample(items, limit), key=lambda t: t.key)


def trafilatura_tasks(root: Path, limit: int | None) -> list[Task]:
    base = root / "trafilatura-eval"
    gold = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    tasks = []
    for url, item in gold.items():
        path = _find(base, item["file"])
        if path:
            tasks.append(Task("trafilatura", url, path, url, item))
    return _sample(tasks, limit)


def readability_tasks(root: Path, limit: int | None) -> list[Task]:
    tasks = []
    for case in sorted((root / "readability-test-pages" / "pages").iterdir()):
        source = case / "source.html.gz"
        if not source.exists():
            continue
        meta_path = case / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        expected = case / "expected.html"
        # the reviewed body is a UTF-8 fragment with no charset of its own: given bytes, lxml would read
        # it as Latin-1 and every accented word would miss
        body = (
            lxml_html.fromstring(expected.read_text(encoding="utf-8")).text_content()
            if expected.exists()
            else ""
        )
        tasks.append(Task("readability", case.name, source, None, {**meta, "body": body}))
    return _sample(tasks, limit)


def htmldate_tasks(root: Path, limit: int | None) -> list[Task]:
    base = root / "htmldate-eval"
    gold = json.loads((base / "eval_default.json").read_text(encoding="utf-8"))
    tasks = []
    for url, item in gold.items():
        path = _find(base, item["file"])
        if path:
            tasks.append(Task("htmldate", url, path, url, item))
    return _sample(tasks, limit)


def run_storyline(data: bytes, task: Task) -> dict[str, Any]:
    raw = RawDocument(str(task.path), data, "html", Hints(url=task.url))
    try:
        article = clean_document(raw)
    except InputError:
        return {"text": "", "title": None, "authors": [], "date": None}
    removed = [f"{r.reason}/{r.rule}: {r.text}" for r in article.removed]
    return {
        "text": article.text,
        "title": article.title,
        "authors": article.authors,
        "date": article.published,
        "removed": removed,
    }


def run_trafilatura(data: bytes, task: Task) -> tuple[dict[str, Any], dict[str, Any]]:
    """trafilatura with its default settings; its text output appends comments to the body."""
    doc = trafilatura.bare_extraction(data, url=task.url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        empty = {"text": "", "title": None, "authors": [], "date": None}
        return empty, dict(empty)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    meta = {"title": doc.title, "authors": authors, "date": doc.date}
    body = doc.text or ""
    with_comments = f"{body}\n{doc.comments}" if doc.comments else body
    return {"text": with_comments, **meta}, {"text": body, **meta}


def evaluate(task: Task) -> dict[str, Any]:
    logging.disable(logging.CRITICAL)
    data = _gz(task.path)
    lang = _LANG.search(data[:20000])
    out: dict[str, Any] = {"dataset": task.dataset, "key": task.key, "split": task.split, "gold": task.gold}
    out["lang"] = lang.group(1).decode().casefold() if lang else None
    out["storyline"] = run_storyline(data, task)
    out["trafilatura"], out["trafilatura-nocomments"] = run_trafilatura(data, task)
    return out


# ---- scoring ----


def _norm(text: str | list[str] | None) -> str:
    if isinstance(text, list):
        text = " ".join(text)
    return " ".join((text or "").split())


def _norm_key(text: str | None) -> str:
    return _norm(text).casefold().strip(" .:-–—|\"'“”")


def snippet_scores(result: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int, int]:
    """(with found, with total, without absent, without total) for one page."""
    text = _norm(result["text"])
    present = [_norm(s) in text for s in gold.get("with", []) if _norm(s)]
    absent = [_norm(s) not in text for s in gold.get("without", []) if _norm(s)]
    return sum(present), len(present), sum(absent), len(absent)


def token_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    from collections import Counter

    p = Counter(t.casefold() for t in _TOKEN.findall(predicted))
    e = Counter(t.casefold() for t in _TOKEN.findall(expected))
    overlap = sum((p & e).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(e.values()) if e else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def author_match(predicted: list[str], gold: str | list[str], loose: bool) -> bool:
    gold = "; ".join(gold) if isinstance(gold, list) else gold
    names = [_norm_key(a) for a in predicted if _norm_key(a)]
    target = _norm_key(gold)
    if not names:
        return False
    if loose:  # Readability's byline is a free line ("By A and B, Staff"), so names must appear in it
        return all(n in target for n in names)
    gold_names = {_norm_key(g) for g in re.split(r"\s*[;,]\s*|\s+and\s+", gold) if _norm_key(g)}
    return set(names) == gold_names or "; ".join(names) == target


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _rate(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 4) if hits else None


def score(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (split, metric, N, one value per system): the dev part's rows, then the held-out part's."""
    rows: list[dict[str, Any]] = []
    for split in ("dev", "heldout"):
        part = [r for r in results if r.get("split", page_split(r["key"])) == split]
        for row in _score_part(part):
            rows.append({"split": split, **row, "metric": f"{_SPLIT_LABEL[split]}: {row['metric']}"})
    return rows


_SPLIT_LABEL = {"dev": "dev (fitted)", "heldout": "held out"}


def _score_part(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(metric: str, n: int, values: dict[str, float | None]) -> None:
        rows.append({"metric": metric, "n": n, **{s: values.get(s) for s in SYSTEMS}})

    traf = [r for r in results if r["dataset"] == "trafilatura"]
    for label, subset in (
        ("trafilatura-eval", traf),
        ("trafilatura-eval (en)", [r for r in traf if r["lang"] == "en"]),
    ):
        if not subset:
            continue
        sums = {s: [0, 0, 0, 0] for s in SYSTEMS}
        for r in subset:
            for s in SYSTEMS:
                sums[s] = [a + b for a, b in zip(sums[s], snippet_scores(r[s], r["gold"]), strict=True)]
        rec = {s: v[0] / v[1] if v[1] else 0.0 for s, v in sums.items()}
        prec = {s: v[2] / v[3] if v[3] else 0.0 for s, v in sums.items()}
        add(f"{label} body recall", len(subset), {s: round(rec[s], 4) for s in SYSTEMS})
        add(f"{label} body precision", len(subset), {s: round(prec[s], 4) for s in SYSTEMS})
        add(f"{label} body F1", len(subset), {s: round(_f1(prec[s], rec[s]), 4) for s in SYSTEMS})
    _metadata_rows(traf, "trafilatura-eval", add, loose=False)

    read = [r for r in results if r["dataset"] == "readability"]
    # Readability's suite includes synthetic lorem-ipsum pages that repeat paragraphs on purpose;
    # storyline removes verbatim repeats, so they are also scored apart from the real pages
    real = [r for r in read if "lorem ipsum" not in r["gold"].get("body", "").casefold()]
    for label, subset in (("readability", read), ("readability (real pages)", real)):
        if not subset:
            continue
        for i, name in enumerate(("precision", "recall", "F1")):
            values = {}
            for s in SYSTEMS:
                scores = [token_prf(r[s]["text"], r["gold"].get("body", ""))[i] for r in subset]
                values[s] = round(sum(scores) / len(scores), 4)
            add(f"{label} body token {name} (mean)", len(subset), values)
    if read:
        renamed = [
            {
                **r,
                "gold": {
                    "title": r["gold"].get("title"),
                    "author": r["gold"].get("byline"),
                    "date": (r["gold"].get("publishedTime") or "")[:10],
                },
            }
            for r in read
        ]
        _metadata_rows(renamed, "readability", add, loose=True)

    dates = [r for r in results if r["dataset"] == "htmldate"]
    if dates:
        add(
            "htmldate-eval date accuracy",
            len(dates),
            {s: _rate([r[s]["date"] == r["gold"]["date"] for r in dates]) for s in SYSTEMS},
        )
    return rows


def _metadata_rows(results: list[dict[str, Any]], label: str, add: Any, loose: bool) -> None:
    titled = [r for r in results if r["gold"].get("title")]
    if titled:
        add(
            f"{label} title exact",
            len(titled),
            {
                s: _rate([_norm_key(r[s]["title"]) == _norm_key(r["gold"]["title"]) for r in titled])
                for s in SYSTEMS
            },
        )
    authored = [r for r in results if r["gold"].get("author")]
    if authored:
        add(
            f"{label} author match",
            len(authored),
            {
                s: _rate([author_match(r[s]["authors"], r["gold"]["author"], loose) for r in authored])
                for s in SYSTEMS
            },
        )
    if authored and not loose:
        # of the pages where a system names authors, the share where it names the right ones
        claimed = {s: [r for r in results if r[s]["authors"]] for s in SYSTEMS}
        add(
            f"{label} author precision",
            max(len(v) for v in claimed.values()),
            {
                s: _rate(
                    [
                        bool(r["gold"].get("author"))
                        and author_match(r[s]["authors"], r["gold"]["author"], loose)
                        for r in claimed[s]
                    ]
                )
                for s in SYSTEMS
            },
        )
    dated = [r for r in results if r["gold"].get("date")]
    if dated:
        add(
            f"{label} date accuracy",
            len(dated),
            {s: _rate([r[s]["date"] == r["gold"]["date"] for r in dated]) for s in SYSTEMS},
        )


def table(rows: list[dict[str, Any]]) -> str:
    width = max(len(r["metric"]) for r in rows)
    head = f"{'metric':<{width}}  {'N':>4}  " + "  ".join(f"{s:>22}" for s in SYSTEMS)
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = "  ".join(f"{'' if r[s] is None else format(r[s], '.3f'):>22}" for s in SYSTEMS)
        lines.append(f"{r['metric']:<{width}}  {r['n']:>4}  {cells}")
    return "\n".join(lines)


def _tasks(root: Path, limit: int | None, split: str, datasets: set[str]) -> Iterator[Task]:
    for name, read in (
        ("trafilatura", trafilatura_tasks),
        ("readability", readability_tasks),
        ("htmldate", htmldate_tasks),
    ):
        if name in datasets:
            yield from (t for t in read(root, limit) if split in ("all", t.split))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="pages per data set (0: all); default 400")
    parser.add_argument("--json", type=Path, help="also write the rows (and per-page results) here")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pages", action="store_true", help="include per-page results in the JSON")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument(
        "--sets", default="trafilatura,readability,htmldate", help="comma-separated data sets to run"
    )
    args = parser.parse_args(argv)
    root = data_dir()
    if root is None:
        print("html_ingestion: no shared data (../shared/data or $STORYLINE_SHARED_DATA); skipping.")
        return 0
    tasks = list(_tasks(root, args.limit or None, args.split, set(args.sets.split(","))))
    started = time.time()
    with Pool(args.jobs) as pool:
        results = list(pool.imap_unordered(evaluate, tasks, chunksize=4))
    rows = score(results)
    print(table(rows))
    print(f"\n{len(results)} pages in {time.time() - started:.0f}s")
    if args.json:
        payload: dict[str, Any] = {"rows": rows, "limit": args.limit}
        if args.pages:
            payload["pages"] = results
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
