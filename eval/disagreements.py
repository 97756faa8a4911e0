"""Disagreement finding on hand-labelled ECB+ sentence pairs (eval/disagreements/ecbplus_pairs.jsonl).

Each labelled pair (agree, conflict of a kind, update, unrelated) is looked up
among storyline's statements, and the two statements are compared the way a
claim's members are. Precision and recall per disagreement kind, and over all
kinds, on the dev split (rules were written while reading it) and the heldout
split (never used to write or tune rules), beside a baseline in the same run:
"any two different numbers in two aligned sentences conflict".

Usage: python eval/disagreements.py [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import ecbplus
from storyline.crosscheck.claims import build_context
from storyline.crosscheck.disagreements import compare_statements
from storyline.model import DISAGREEMENT_KINDS

PAIRS = Path(__file__).resolve().parent / "disagreements" / "ecbplus_pairs.jsonl"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def predictions() -> list[dict]:
    story = ecbplus.prepared_story()
    ctx = build_context(story)
    locate = ecbplus.sentence_locator(story)
    at: dict[tuple[str, int], object] = {}
    for s in story.statements:
        where = locate(s.article, s.start, s.end)
        if where is not None:
            at.setdefault(where, s)
    figures = {f.id: f for f in story.figures}
    quotes = {q.id: q for q in story.quotes}
    sentences = ecbplus.gold()["articles"]
    out = []
    for line in PAIRS.read_text("utf-8").splitlines():
        pair = json.loads(line)
        a, b = at.get(tuple(pair["a"])), at.get(tuple(pair["b"]))
        found = compare_statements(ctx, a, b, figures, quotes) if a is not None and b is not None else None
        texts = []
        for key, index in (pair["a"], pair["b"]):
            start, end = sentences[key]["sentences"][index][:2]
            texts.append(sentences[key]["text"][start:end])
        numbers = [set(NUMBER.findall(t)) for t in texts]
        baseline = "figure" if numbers[0] and numbers[1] and numbers[0] != numbers[1] else None
        out.append({**pair, "predicted": found.kind if found else None, "baseline": baseline})
    return out


def scores(rows: list[dict], field: str) -> dict:
    def gold(r: dict) -> str | None:
        return r["kind"] if r["label"] == "conflict" else ("update" if r["label"] == "update" else None)

    table = {}
    for kind in (*DISAGREEMENT_KINDS, "update", "all"):
        if kind == "all":
            predicted = [r for r in rows if r[field] in DISAGREEMENT_KINDS]
            relevant = [r for r in rows if gold(r) in DISAGREEMENT_KINDS]
        else:
            predicted = [r for r in rows if r[field] == kind]
            relevant = [r for r in rows if gold(r) == kind]
        right = sum(1 for r in predicted if gold(r) == r[field])
        table[kind] = {
            "precision": round(right / len(predicted), 3) if predicted else None,
            "recall": round(right / len(relevant), 3) if relevant else None,
            "predicted": len(predicted),
            "gold": len(relevant),
            "right": right,
        }
    wrong_on_agree = sum(
        1 for r in rows if r["label"] in ("agree", "unrelated") and r[field] in DISAGREEMENT_KINDS
    )
    table["false_conflicts_on_agree_or_unrelated"] = wrong_on_agree
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not ecbplus.available():
        print(f"skipped: {ecbplus.DATA} not found", file=sys.stderr)
        return 0
    rows = predictions()
    result = {}
    for split in ("dev", "heldout"):
        part = [r for r in rows if r["split"] == split]
        result[split] = {
            "pairs": len(part),
            "storyline": scores(part, "predicted"),
            "baseline": scores(part, "baseline"),
        }
    for split, data in result.items():
        print(f"\n{split} ({data['pairs']} pairs; dev was read while writing the rules, heldout was not)")
        print(f"{'kind':<12} {'storyline P':>11} {'R':>6} {'n':>4} | {'baseline P':>10} {'R':>6} {'n':>4}")
        for kind in (*DISAGREEMENT_KINDS, "update", "all"):
            s, b = data["storyline"][kind], data["baseline"][kind]
            cell = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
            print(
                f"{kind:<12} {cell(s['precision']):>11} {cell(s['recall']):>6} {s['gold']:>4} | "
                f"{cell(b['precision']):>10} {cell(b['recall']):>6} {b['gold']:>4}"
            )
        print(
            "false conflicts on agree/unrelated pairs:",
            data["storyline"]["false_conflicts_on_agree_or_unrelated"],
            "(baseline",
            data["baseline"]["false_conflicts_on_agree_or_unrelated"],
            ")",
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
