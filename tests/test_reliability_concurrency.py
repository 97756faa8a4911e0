"""Two runs into one folder, and a killed main process: one plain line, and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline
from storyline.cli import app as cli_app
from storyline.errors import FolderInUse

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "The ferry between Port Anselm and the island of Kell resumed on Tuesday after a storm "
    "closed the crossing for three days, the operator said.\n\n"
    '"We are glad to have our passengers back," said Tomas Brandt, the director.\n'
)


@pytest.fixture
def held_folder(tmp_path: Path) -> Iterator[Path]:
    """An output folder whose database another process holds open, as a running `analyze` does."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.read()",
            str(out / "story.duckdb"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    try:
        yield out
    finally:
        holder.kill()
        holder.wait()


def test_a_second_run_into_a_folder_in_use_says_so_in_one_line(held_folder: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    result = CliRunner().invoke(cli_app, ["analyze", str(good), "-o", str(held_folder), "-q", "-j", "1"])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "Traceback" not in output and "IOException" not in output
    assert output.startswith(f"error: {held_folder}: the folder is in use by another run (PID ")
    assert len(result.output.strip().splitlines()) <= 3  # one line, wrapped at most twice at 80 columns


def test_fresh_does_not_delete_a_database_in_use(held_folder: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    with pytest.raises(FolderInUse, match="in use by another run"):
        storyline.analyze([good], held_folder, fresh=True)
    assert (held_folder / "story.duckdb").is_file()


WORKER_PARENT = textwrap.dedent(
    """
    import sys, time
    from storyline.extract import parallel
    from storyline.model import Article

    parallel.MIN_FOR_POOL = 0
    articles = [Article(id=f"a-{i}", source="x", text="Anna Lind spoke in Kell.") for i in range(40)]
    stream = parallel.extract_stream(articles, jobs=2)
    next(stream)  # the pool is up, its workers loaded
    print("ready", flush=True)
    time.sleep(120)
    """
)


def children(pid: int) -> list[int]:
    """Worker processes of `pid`, read from /proc (the pool's spawned interpreters)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_workers_exit_when_the_main_process_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", WORKER_PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
        workers = children(parent.pid)
        assert len(workers) == 2
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
    finally:
        parent.kill()
        for w in children(parent.pid):
            os.kill(w, signal.SIGKILL)
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == [], "workers outlived their killed parent"
