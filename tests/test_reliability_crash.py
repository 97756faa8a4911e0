"""Crash safety: kill -9 a run at random points, run again, and get the store and outputs of a clean run.

STORYLINE_KILL_RUNS sets how many kills (3 by default, to keep CI short);
STORYLINE_KILL_SEED replays the delays of a failing run.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from storyline import nlp
from storyline.config import Settings
from storyline.pipeline import run

CORPUS = Path(__file__).resolve().parents[1] / "src" / "storyline" / "samples" / "corpus"
KILLS = int(os.environ.get("STORYLINE_KILL_RUNS", "3"))
SEED = int(os.environ.get("STORYLINE_KILL_SEED", str(random.randrange(1_000_000))))
TABLES = ("raw", "inputs", "articles", "annotations", "story", "problems")


def store_state(folder: Path) -> dict[str, Any]:
    """What a clean store holds, in a form two runs can be compared by; checks the bytes on the way."""
    with duckdb.connect(str(folder / "story.duckdb"), read_only=True) as con:
        state: dict[str, Any] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        for sha, data in con.execute("SELECT sha256, data FROM raw").fetchall():
            assert hashlib.sha256(bytes(data)).hexdigest() == sha, "raw bytes do not match their hash"
        state["articles_distinct"] = con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0]
        state["inputs_rows"] = sorted(con.execute("SELECT source, sha256, article FROM inputs").fetchall())
        state["story_rows"] = sorted(con.execute("SELECT section, id, record FROM story").fetchall())
    return state


def kill_after(out: Path, delay: float) -> str:
    """Start `storyline analyze` on the corpus and kill -9 it `delay` seconds after it opens its store."""
    command = [sys.executable, "-m", "storyline.cli", "analyze", str(CORPUS), "-o", str(out), "-q", "-j", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Start the clock when the run has opened its store: before that it only imports modules.
        deadline = time.monotonic() + 60
        while not (out / "story.duckdb").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            proc.wait(timeout=delay)
            return "finished before the kill"
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            return "killed"
    finally:
        proc.kill()
        proc.wait()


def test_kill_9_at_random_points_then_rerun_gives_an_uninterrupted_runs_output(tmp_path: Path) -> None:
    nlp.load()  # so the reference's time below is the run's, not the model's loading
    started = time.monotonic()
    run([str(CORPUS)], tmp_path / "reference", Settings(jobs=1))
    reference_s = time.monotonic() - started
    reference = store_state(tmp_path / "reference")
    expected = {name: (tmp_path / "reference" / name).read_bytes() for name in ("story.json", "report.html")}
    assert reference["articles"] == reference["articles_distinct"] > 0

    # Spread the kills over the run: one in each slice of its expected length
    # (a fresh process also loads the language model, about a second more).
    rng = random.Random(SEED)
    span = reference_s + 1.5
    delays = [rng.uniform(k * span / KILLS, (k + 1) * span / KILLS) for k in range(KILLS)]
    outcomes = []
    for k, delay in enumerate(delays):
        out = tmp_path / f"killed-{k}"
        outcomes.append(kill_after(out, delay))
        where = f"kill {k} at {delay:.2f}s ({outcomes[-1]}; STORYLINE_KILL_SEED={SEED})"
        run([str(CORPUS)], out, Settings(jobs=1))
        assert store_state(out) == reference, where
        for name, data in expected.items():
            assert (out / name).read_bytes() == data, f"{name} differs after {where}"
        assert sorted(p.name for p in out.iterdir()) == ["report.html", "story.duckdb", "story.json"], where
    assert "killed" in outcomes, f"every run ended before its kill: {delays} (STORYLINE_KILL_SEED={SEED})"
