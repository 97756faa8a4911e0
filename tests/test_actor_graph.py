"""The actor graph: who is named with whom, the same on every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
from storyline.graph import actor_graph
from storyline.model import Article, Entity, Mention, Story

text = "Ana Reis met Bo Lind and Cy Moss in Kell.\\n\\nBo Lind, Cy Moss and Di Vale spoke in Kell."
article = Article(id="a-1", source="one.txt", text=text)
entities = []
for name in ("Ana Reis", "Bo Lind", "Cy Moss", "Di Vale", "Kell"):
    e = Entity("e-" + name.split()[0].lower(), name, "GPE" if name == "Kell" else "PERSON", [name])
    at = text.find(name)
    while at >= 0:
        e.mentions.append(Mention("a-1", at, at + len(name), name))
        at = text.find(name, at + 1)
    entities.append(e)
graph = actor_graph(Story(articles=[article], entities=entities))
print([(a, b, d["cooccurrences"]) for a, b, d in graph.edges(data=True)])
"""


def test_the_ties_come_in_the_same_order_whatever_the_hash_seed() -> None:
    """The report draws ties in the graph's order; a set's order changed with PYTHONHASHSEED, so
    one input gave a different page on each run."""
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=Path(__file__).parent
        )
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout)
    assert outputs[0] and outputs.count(outputs[0]) == 3, outputs
