"""Prints the README's quality and speed tables as Markdown from the JSON that `make eval` and
`storyline bench --json` wrote, so the figures in the docs are copied by a program, not by hand.

Usage: python eval/tables.py [--bench bench.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
EXTRA = ("speaker_right", "type_right", "qualifier_right", "unit_right", "date_right")


def fmt(value: object) -> str:
    return "" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def extraction_table(data: dict) -> str:
    lines = [
        "| corpus | section | P | R | F1 | speaker right | type right | qualifier right | unit right"
        " | date right |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for corpus, rows in data.items():
        for section, r in rows.items():
            cells = [fmt(r.get(k)) for k in ("precision", "recall", "f1", *EXTRA)]
            lines.append(f"| {corpus} | {section} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def html_table(data: dict) -> str:
    lines = ["| metric | N | storyline | trafilatura alone |", "| --- | --- | --- | --- |"]
    for r in data["rows"]:
        lines.append(f"| {r['metric']} | {r['n']} | {fmt(r['storyline'])} | {fmt(r['trafilatura'])} |")
    return "\n".join(lines)


def pasted_table(data: dict) -> str:
    lines = [
        "| set | system | pages | removal P | removal R | F1 | body kept |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in data.items():
        if "per_page" in r:
            system = "jusText" if name.endswith("jusText") else "storyline"
            cells = " | ".join(fmt(r[k]) for k in ("pages", "precision", "recall", "f1", "body_kept"))
            lines.append(f"| {name.removesuffix(' jusText')} | {system} | {cells} |")
    return "\n".join(lines)


def bench_table(rows: list) -> str:
    lines = [
        "| stage | n | storyline / s | baseline | baseline / s | speed ratio"
        " | peak MB storyline / baseline |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['benchmark']} | {r['items']} | {r['storyline_per_s']:.1f} | {r['baseline']} "
            f"| {r['baseline_per_s']:.1f} | {r['speed_ratio']:.2f} "
            f"| {r['storyline_max_rss_mb']:.0f} / {r['baseline_max_rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path)
    args = parser.parse_args()
    tables = (
        ("extraction.json", extraction_table),
        ("html_ingestion.json", html_table),
        ("pasted_text.json", pasted_table),
    )
    for name, render in tables:
        path = RESULTS / name
        if path.exists():
            print(f"<!-- {name} -->\n{render(json.loads(path.read_text('utf-8')))}\n")
    if args.bench:
        print(f"<!-- bench -->\n{bench_table(json.loads(args.bench.read_text('utf-8')))}\n")


if __name__ == "__main__":
    main()
