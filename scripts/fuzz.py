"""Runs the fuzz and kill -9 properties far longer than CI does, and prints what they found.

Usage: python scripts/fuzz.py [--examples N] [--kills K] [--seed S]

The properties are those of tests/test_fuzz_pipeline.py (ingest, cleaning,
extraction, parser pieces) and tests/test_reliability_crash.py (kill -9 and
rerun). CI runs them with a few fixed examples; here each property gets N
random examples and the crash test K kills. A failure is shrunk by Hypothesis
to a small example and printed; failing examples are kept in .hypothesis/ so a
later run tries them first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per fuzz property")
    parser.add_argument("--kills", type=int, default=20, help="kill -9 points in the crash test (0: skip it)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the kill delays")
    args = parser.parse_args()
    env = dict(os.environ, STORYLINE_FUZZ_EXAMPLES=str(args.examples), STORYLINE_KILL_RUNS=str(args.kills))
    if args.seed is not None:
        env["STORYLINE_KILL_SEED"] = str(args.seed)
    tests = ["tests/test_fuzz_pipeline.py"] + (["tests/test_reliability_crash.py"] if args.kills else [])
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--hypothesis-show-statistics"]
    started = time.monotonic()
    result = subprocess.run([*command, *tests], cwd=ROOT, env=env, check=False)
    minutes = (time.monotonic() - started) / 60
    verdict = "nothing found" if result.returncode == 0 else "found failures (above)"
    done = f"{args.examples} examples per property, {args.kills} kills, {minutes:.1f} min"
    print(f"\nfuzz campaign: {done}: {verdict}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
