"""`storyline bench --stress`: the two inputs that once took the machine down, analysed end to end.

- **Look-alike reports**: a feed of templated district reports, each of 40 sentences
  like "Officials in district 14 said 312 homes were checked on day 3.", so every
  figure looks like every other one (300 reports hold 12,000 figures).
- **One huge text**: a single plain-text file of many paragraphs of made-up news
  prose (200 MB by default), read with `--max-mb` raised to let it in.

Both are made up here, from the generated corpus's name syllables, in a temporary
folder. Each is analysed by `storyline analyze` in a fresh process; its wall time,
processor time and peak memory (see `storyline.bench_corpus.scale.peak_rss_mb`)
are reported beside the target the run should meet.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyline.bench_corpus.vocabulary import WEEKDAYS, org_name, person_name, place_name

REPORTS = 300
SENTENCES = 40  # sentences in one look-alike report, each with one figure
HUGE_MB = 200
# What each run should stay under: seconds of wall time and MB of peak memory (largest process).
TARGETS: dict[str, dict[str, float]] = {
    "lookalike": {"seconds": 120, "peak_mb": 2000},
    "huge": {"peak_mb": 1000},
}
SAMPLE_S = 0.2  # how often the memory of the whole process tree is read


# --- the inputs ---------------------------------------------------------------------------------

_LOOKALIKE_SHAPES = (
    "Officials in district {d} said {n} homes were checked on day {day}.",
    "Officials in district {d} of {town} said {n} homes were checked on day {day}.",
    "In district {d}, officials said {n} homes were checked on day {day}.",
)


def lookalike_reports(reports: int = REPORTS, sentences: int = SENTENCES, seed: int = 5) -> Iterator[dict]:
    """Templated district reports, one record each: every sentence counts homes checked on some day."""
    rng = random.Random(seed)
    towns = [place_name(rng) for _ in range(max(4, reports // 10))]
    outlets = [f"{place_name(rng)} District Bulletin" for _ in range(12)]
    for r in range(reports):
        town = rng.choice(towns)
        first_day = rng.randint(1, 20)
        lines = [
            rng.choice(_LOOKALIKE_SHAPES).format(
                d=rng.randint(1, 80), town=town, n=rng.randint(12, 980), day=first_day + k % 7
            )
            for k in range(sentences)
        ]
        yield {
            "title": f"{town} inspection round {r + 1}",
            "outlet": outlets[r % len(outlets)],
            "published": f"2025-03-{1 + r % 28:02d}",
            "url": f"https://bulletin.example/{town.lower()}/{r + 1}",
            "text": "\n\n".join(" ".join(lines[k : k + 4]) for k in range(0, sentences, 4)),
        }


def write_lookalike(path: Path, reports: int = REPORTS, sentences: int = SENTENCES, seed: int = 5) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for record in lookalike_reports(reports, sentences, seed):
            f.write(json.dumps(record) + "\n")
    return path


_PROSE = (
    "The {org} said on {day} that {n} households in {town} had asked for help since the start of the month.",
    '{person}, who chairs the {org}, told reporters the figures were "{quote}".',
    "Residents of {town} gathered outside the town hall on {day} evening to hear the plans.",
    "According to the {org}, repairs on the {town} road will cost about {money} million dollars.",
    "{person} said the work in {town} would take {k} weeks if the weather held.",
    '"{quote}," {person} said after the meeting in {town}.',
    "Traffic through {town} was cut to one lane for {k} days while crews cleared the verge.",
    "The council in {town} approved {n} new school places by a vote of {k} to {j}.",
    "Shops along the {town} market square reported {pct} percent fewer visitors than last year.",
    "A spokesperson for the {org} declined to say when the report would be published.",
)
_QUOTES = (
    "we have never seen numbers like these", "nobody here is giving up",
    "the money has to come from somewhere", "this town deserves better answers",
    "we will open the books to anyone who asks", "it is too early to say what went wrong",
    "the crews worked through two nights",
)  # fmt: skip


def huge_paragraphs(seed: int = 3) -> Iterator[str]:
    """Endless paragraphs of made-up local news: towns, people, organisations, numbers and quotes."""
    rng = random.Random(seed)
    towns = [place_name(rng, taken=n) for n in range(400)]
    people = [person_name(rng) for _ in range(400)]
    orgs = [org_name(rng, rng.choice(towns)) for _ in range(200)]
    while True:
        sentences = [
            rng.choice(_PROSE).format(
                org=rng.choice(orgs),
                day=rng.choice(WEEKDAYS),
                n=f"{rng.randint(12, 9800):,}",
                town=rng.choice(towns),
                person=rng.choice(people),
                quote=rng.choice(_QUOTES).capitalize(),
                money=f"{rng.randint(11, 990) / 10:g}",
                k=rng.randint(2, 30),
                j=rng.randint(0, 9),
                pct=rng.randint(3, 60),
            )  # fmt: skip
            for _ in range(rng.randint(3, 6))
        ]
        yield " ".join(sentences)


def write_huge_text(path: Path, megabytes: float = HUGE_MB, seed: int = 3) -> Path:
    """One plain-text file of `megabytes` MB (MiB) of paragraphs, written a block at a time."""
    target = int(megabytes * 1024 * 1024)
    written = 0
    with path.open("w", encoding="utf-8") as f:
        block: list[str] = []
        for paragraph in huge_paragraphs(seed):
            block.append(paragraph + "\n\n")
            written += len(paragraph) + 2  # the prose is ASCII: characters are bytes
            if written >= target or len(block) >= 2000:
                f.write("".join(block))
                block = []
            if written >= target:
                break
    return path


# --- measuring one run ---------------------------------------------------------------------------


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants now, summed, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21])
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in members]
        members.update(children)
        frontier += children
    page = os.sysconf("SC_PAGE_SIZE")
    return sum(rss.get(p, 0) for p in members) * page / (1024 * 1024)


def child_main(result_path: str, args: list[str]) -> None:
    """In the fresh process: `storyline analyze ARGS`, then this process's peak memory and CPU time."""
    from storyline.bench_corpus.scale import cpu_seconds, peak_rss_mb
    from storyline.cli import app

    code = 0
    try:
        app(["analyze", *args], standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover - typer exits on a usage error
        code = int(exc.code or 0)
    Path(result_path).write_text(json.dumps({"exit": code, "cpu_seconds": cpu_seconds(), **peak_rss_mb()}))


def measure_analyze(args: list[str], timeout: float | None = None) -> dict[str, Any]:
    """`storyline analyze ARGS` in a fresh process: wall s, CPU s, peak MB of the largest process, of the
    tree (sampled), and whether it finished in `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="storyline-stress-result-") as tmp:
        result = Path(tmp) / "result.json"
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline.bench_stress", str(result), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # so a run stopped for its time goes with its workers
        )
        tree_peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                try:
                    tree_peak[0] = max(tree_peak[0], tree_rss_mb(proc.pid))
                except OSError:
                    pass
                done.wait(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, err = proc.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            _, err = proc.communicate()
            timed_out = True
        done.set()
        sampler.join()
        seconds = time.perf_counter() - started
        data = json.loads(result.read_text()) if result.exists() else {}
    if not timed_out and (proc.returncode != 0 or data.get("exit")):
        last = err.strip().splitlines()[-1] if err and err.strip() else "?"
        raise RuntimeError(f"storyline analyze {' '.join(args)} failed: {last}")
    return {
        "seconds": round(seconds, 1),
        "timed_out": timed_out,
        "cpu_seconds": round(data["cpu_seconds"], 1) if data else None,
        "max_rss_mb": round(data["max_rss_mb"], 1) if data else None,
        "worker_max_rss_mb": round(data["worker_max_rss_mb"], 1) if data else None,
        "tree_peak_mb": round(tree_peak[0], 1),
    }


# --- the benchmark -------------------------------------------------------------------------------


def run_stress(
    reports: int = REPORTS,
    megabytes: float = HUGE_MB,
    report: Callable[[str], None] = print,
    timeout: float | None = None,
    measure: Callable[..., dict[str, Any]] = measure_analyze,
) -> list[dict[str, Any]]:
    """Generate both inputs in a temporary folder and analyse each; a size of 0 skips that input."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-stress-") as tmp:
        folder = Path(tmp)
        if reports:
            path = write_lookalike(folder / f"lookalike-{reports}.jsonl", reports)
            report(f"analysing {reports:,} look-alike reports ({reports * SENTENCES:,} figures) …")
            m = measure([str(path), "-o", str(folder / "out-lookalike"), "-q"], timeout=timeout)
            rows.append(_row("lookalike", f"{reports:,} look-alike reports", reports * SENTENCES, m))
            path.unlink()
        if megabytes:
            path = write_huge_text(folder / "huge.txt", megabytes)
            size_mb = path.stat().st_size / (1024 * 1024)
            shown = f"{size_mb:,.0f}" if size_mb >= 10 else f"{size_mb:.2g}"
            report(f"analysing one text of {shown} MB …")
            args = [str(path), "--max-mb", f"{size_mb * 1.5 + 1:.0f}", "-o", str(folder / "out-huge"), "-q"]
            m = measure(args, timeout=timeout)
            rows.append(_row("huge", f"one text of {shown} MB", None, m))
    return rows


def _row(name: str, label: str, figures: int | None, m: dict[str, Any]) -> dict[str, Any]:
    target = TARGETS[name]
    peak = None if m.get("max_rss_mb") is None else max(m["max_rss_mb"], m["worker_max_rss_mb"])
    met = not m["timed_out"] and peak is not None and peak < target["peak_mb"]
    if "seconds" in target:
        met = met and m["seconds"] < target["seconds"]
    return {"input": name, "label": label, "figures": figures, **m, "target": target, "target_met": met}


def table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of text for `storyline bench --stress`."""
    columns = ["input", "wall s (target)", "CPU s", "peak MB largest process (target)", "peak MB tree", "met"]
    lines = []
    for r in rows:
        t = r["target"]
        wall = "timed out" if r["timed_out"] else f"{r['seconds']:.0f}"
        wall += f" (< {t['seconds']:.0f})" if "seconds" in t else ""
        peak = "-" if r["max_rss_mb"] is None else f"{max(r['max_rss_mb'], r['worker_max_rss_mb']):.0f}"
        lines.append(
            [
                r["label"],
                wall,
                "-" if r["cpu_seconds"] is None else f"{r['cpu_seconds']:.0f}",
                f"{peak} (< {t['peak_mb']:.0f})",
                f"{r['tree_peak_mb']:.0f}",
                "yes" if r["target_met"] else "no",
            ]
        )
    return columns, lines


if __name__ == "__main__":
    child_main(sys.argv[1], sys.argv[2:])
