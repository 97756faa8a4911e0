"""Fits the statement pair model (crosscheck/alignment_model.json) on ECB+ dev topics.

Candidate pairs are found as storyline finds them, inside each gold story of a
dev topic; a pair is labelled by the gold (both sentences annotated: linked or
not), and a logistic regression over the pair evidence is fitted. Held-out
topics (divisible by 3) are never read here.

Usage: python eval/fit_alignment.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

import ecbplus
from storyline.crosscheck.statement_pairs import (
    FEATURES,
    MODEL_FILE,
    build_space,
    candidate_pairs,
    pair_features,
)


def labelled_pairs() -> tuple[list[list[float]], list[int]]:
    story = ecbplus.prepared_story()
    topic = ecbplus.topic_of(story)
    stories = ecbplus.gold_story_of(story)
    statements = [s for s in story.statements if topic.get(s.article) in ecbplus.DEV]
    space = build_space(statements, story.figures)
    locate = ecbplus.sentence_locator(story)
    where = [locate(s.article, s.start, s.end) for s in statements]
    g = ecbplus.gold()
    annotated = {(k, i) for k, v in g["articles"].items() for i, s in enumerate(v["sentences"]) if s[3]}
    linked = {frozenset([(p[0], p[1]), (p[2], p[3])]) for p in g["link_pairs"]}
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_story[stories[s.article]].append(i)
    features, labels = [], []
    for rows in by_story.values():
        for i, j, cosine, overlap in candidate_pairs(space, rows):
            a, b = where[i], where[j]
            if a is None or b is None or a not in annotated or b not in annotated or a == b:
                continue
            features.append(pair_features(space, i, j, cosine, overlap))
            labels.append(int(frozenset([a, b]) in linked))
    return features, labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {MODEL_FILE.name}")
    args = parser.parse_args()
    if not ecbplus.available():
        print(f"skipped: {ecbplus.DATA} not found", file=sys.stderr)
        return 0
    from sklearn.linear_model import LogisticRegression

    features, labels = labelled_pairs()
    model = LogisticRegression(max_iter=2000).fit(features, labels)
    fitted = {
        "features": list(FEATURES),
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "fitted_on": "ECB+ topics 1-35 not divisible by 3 (eval/fit_alignment.py)",
        "pairs": len(labels),
        "positive": int(sum(labels)),
    }
    print(json.dumps(fitted, indent=1))
    if args.write:
        MODEL_FILE.write_text(json.dumps(fitted, indent=1) + "\n", "utf-8")
        print(f"written to {MODEL_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
