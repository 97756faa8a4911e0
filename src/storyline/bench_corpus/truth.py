"""Scoring a run on a generated corpus against its truth: story grouping; shared numbers and quotes as claims.

Articles are matched to their truth by the line they came from (`corpus.jsonl#L12`);
a stated number or quote is matched to what extraction found by where its words
sit in the cleaned text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

from storyline.model import Story

_LINE = re.compile(r"#L(\d+)$")


def read_truth(path: Path) -> dict[int, dict[str, Any]]:
    """Line number (from 1, as sources name them) -> that article's truth."""
    with Path(path).open(encoding="utf-8") as f:
        return {n: json.loads(line) for n, line in enumerate(f, 1)}


def bcubed_f1(predicted: Mapping[Any, Hashable], gold: Mapping[Any, Hashable]) -> dict[str, float]:
    """BCubed precision, recall and F1 of a clustering of items against the true one (items in both)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_pred: dict[Hashable, set[Any]] = defaultdict(set)
    by_gold: dict[Hashable, set[Any]] = defaultdict(set)
    for i in items:
        by_pred[predicted[i]].add(i)
        by_gold[gold[i]].add(i)
    # the overlap of an item's two clusters is the same for every item in that pair of clusters
    overlap: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for i in items:
        overlap[predicted[i], gold[i]] += 1
    precision = recall = 0.0
    for (p, g), shared in overlap.items():
        precision += shared * shared / len(by_pred[p])
        recall += shared * shared / len(by_gold[g])
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _line(source: str) -> int | None:
    found = _LINE.search(source)
    return int(found.group(1)) if found else None


def _spans_at(text: str, phrase: str, spans: list[tuple[int, int, str]]) -> str | None:
    """The id of the found span that overlaps where `phrase` sits in `text`, if any."""
    # a whole number, not the "32" inside "56,322"; sentence case may capitalise "more than"
    found = re.search(rf"(?<![\w.,]){re.escape(phrase)}(?!\w|[.,]\d)", text, re.IGNORECASE)
    if found is None:
        return None
    at, end = found.span()
    return next((ident for start, stop, ident in spans if start < end and at < stop), None)


def score(story: Story, truth: Mapping[int, dict[str, Any]]) -> dict[str, Any]:
    """How well a run recovered the generated stories, numbers and quotes."""
    texts = {a.id: a.text for a in story.articles}
    line_of = {a.id: _line(a.source) for a in story.articles}
    groups = {p["article"]: p["story"] for p in story.profiles}
    predicted = {a: groups.get(a, f"alone:{a}") for a, n in line_of.items() if n in truth}
    gold = {a: truth[n]["story"] for a, n in line_of.items() if n in truth}
    claim_of: dict[str, str] = {}
    for claim in story.claims:
        for member in claim.members:
            claim_of[member] = claim.id
    spans: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for f in story.figures:
        spans[f.article, "figures"].append((f.start, f.end, f.id))
    for q in story.quotes:
        spans[q.article, "quotes"].append((q.start, q.end, q.id))
    result: dict[str, Any] = {"articles": len(gold), "stories": len(set(gold.values()))}
    result["grouping"] = bcubed_f1(predicted, gold)
    for what in ("figures", "quotes"):
        found: dict[str, list[str | None]] = defaultdict(list)
        for article, n in line_of.items():
            if n not in truth:
                continue
            for fact in truth[n][what]:
                found[fact["key"]].append(_spans_at(texts[article], fact["text"], spans[article, what]))
        result[what] = _claim_figures(found, claim_of)
    return result


def _claim_figures(found: Mapping[str, list[str | None]], claim_of: Mapping[str, str]) -> dict[str, Any]:
    """Extraction recall, and how many facts stated by two or more articles came out as one claim."""
    mentions = sum(len(ids) for ids in found.values())
    extracted = sum(1 for ids in found.values() for i in ids if i is not None)
    shared = [ids for ids in found.values() if len(ids) >= 2]
    whole = sum(
        1
        for ids in shared
        if None not in ids
        and len({claim_of.get(i) for i in ids} - {None}) == 1
        and all(i in claim_of for i in ids)
    )
    # the other way round: claims whose members come from more than one fact
    fact_of = {i: key for key, ids in found.items() for i in ids if i is not None}
    facts_in_claim: dict[str, set[str]] = defaultdict(set)
    for member, key in fact_of.items():
        if member in claim_of:
            facts_in_claim[claim_of[member]].add(key)
    mixed = sum(1 for keys in facts_in_claim.values() if len(keys) > 1)
    return {
        "stated": mentions,
        "extracted": round(extracted / mentions, 4) if mentions else None,
        "shared": len(shared),
        "shared_as_one_claim": round(whole / len(shared), 4) if shared else None,
        "claims": len(facts_in_claim),
        "claims_mixing_facts": mixed,
    }
