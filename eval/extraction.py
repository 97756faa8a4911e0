"""Scores storyline's extraction against hand-annotated corpora, beside two baselines in the same run.

Usage: python eval/extraction.py [--json PATH] [CORPUS_DIR ...]

Each CORPUS_DIR holds an `annotations.json` (format in docs/annotations.md) and
the documents it names. Without arguments, the bundled sample corpus and the
held-out set are scored. Baselines: spaCy's NER with no resolution (one entity
per distinct surface form) and textacy's `direct_quotations`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT / "src" / "storyline" / "samples", ROOT / "eval" / "heldout"]

WORD = re.compile(r"[\w']+")


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return " ".join(WORD.findall(text.lower()))


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


@dataclass
class Score:
    """Counts behind one row of the table."""

    system: int = 0
    gold: int = 0
    matched: int = 0
    extra: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def precision(self) -> float:
        if "precision_hits" in self.extra:  # entities: precision counts clusters, not actors
            hits, total = self.extra["precision_hits"]
            return hits / total if total else 0.0
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def ratio(self, name: str) -> float | None:
        right, total = self.extra[name]
        return right / total if total else None

    def row(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "system": self.system,
            "gold": self.gold,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }
        for name in self.extra:
            if name == "precision_hits":
                continue
            value = self.ratio(name)
            d[name] = None if value is None else round(value, 3)
        return d


# --- reading the corpus -----------------------------------------------------------------------


def load_corpus(folder: Path) -> tuple[dict[str, Any], Any]:
    """The annotation and storyline's story for the documents it names."""
    import storyline
    from storyline.config import Settings

    gold = json.loads((folder / "annotations.json").read_text("utf-8"))
    tops = sorted({key.split("/")[0].split("#")[0] for key in gold["articles"]})
    inputs = [str(folder / top) for top in tops]
    story = storyline.analyze(inputs, settings=Settings(jobs=1))
    return gold, story


def key_of(source: str, folder: Path) -> str:
    path, _, fragment = source.partition("#")
    try:
        rel = Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        rel = path
    return f"{rel}#{fragment}" if fragment else rel


# --- entities -----------------------------------------------------------------------------------


def score_entities(gold: dict[str, Any], clusters: list[tuple[str, set[str]]]) -> Score:
    """clusters: (type, set of normalised surface forms) per system entity."""
    score = Score(system=len(clusters), gold=len(gold["entities"]))
    claimants: dict[str, set[int]] = defaultdict(set)
    for i, actor in enumerate(gold["entities"]):
        for alias in [actor["name"], *actor.get("aliases", [])]:
            claimants[norm(alias)].add(i)
    # an alias two actors share ("Brandt") says nothing about which one a cluster is
    alias_owner = {alias: next(iter(ids)) for alias, ids in claimants.items() if len(ids) == 1}
    holders: dict[int, list[int]] = defaultdict(list)
    for ci, (_, forms) in enumerate(clusters):
        owners = Counter(alias_owner[f] for f in sorted(forms) if f in alias_owner)
        if owners:
            best = max(owners.values())
            holders[min(i for i, n in owners.items() if n == best)].append(ci)
    # precision: system entities that name some gold actor; recall: actors held by exactly one entity
    score.extra["precision_hits"] = [
        sum(1 for _, forms in clusters if any(f in claimants for f in forms)),
        len(clusters),
    ]
    one = type_right = 0
    for i, actor in enumerate(gold["entities"]):
        held = holders.get(i, [])
        if len(held) == 1:
            one += 1
            type_right += clusters[held[0]][0] == actor["type"]
    score.matched = one
    score.extra["type_right"] = [type_right, one]
    score.extra["actors_found"] = [sum(1 for i in range(len(gold["entities"])) if holders.get(i)), score.gold]
    return score


def system_clusters(story: Any) -> list[tuple[str, set[str]]]:
    return [
        (e.type, {norm(m.text) for m in e.mentions} | {norm(a) for a in e.aliases}) for e in story.entities
    ]


def baseline_clusters(story: Any) -> list[tuple[str, set[str]]]:
    from storyline import nlp

    label_map = {"LOC": "GPE", "WORK_OF_ART": "WORK"}
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in nlp.parse(a.text for a in story.articles):
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            seen[ent.text][label_map.get(ent.label_, ent.label_)] += 1
    return [(labels.most_common(1)[0][0], {norm(text)}) for text, labels in seen.items()]


# --- quotes ---------------------------------------------------------------------------------------


def speaker_right(gold_speaker: str | None, system_names: set[str], gold: dict[str, Any]) -> bool:
    if gold_speaker is None:
        return not system_names
    forms = {norm(gold_speaker)}
    for actor in gold["entities"]:
        if actor["name"] == gold_speaker:
            forms |= {norm(a) for a in actor.get("aliases", [])}
    return any(n in forms for n in system_names)


def score_quotes(gold: dict[str, Any], found: dict[str, list[tuple[str, set[str]]]]) -> Score:
    """found: per document key, (quote text, normalised speaker names) of each system quote."""
    score = Score()
    for key, ann in gold["articles"].items():
        wanted = [q for q in ann.get("quotes", []) if q.get("kind", "direct") != "indirect"]
        got = found.get(key, [])
        score.gold += len(wanted)
        score.system += len(got)
        used: set[int] = set()
        for q in wanted:
            best, best_f = None, 0.6
            for i, (text, _) in enumerate(got):
                f = token_f1(q["text"], text)
                if i not in used and f >= best_f:
                    best, best_f = i, f
            if best is None:
                continue
            used.add(best)
            score.matched += 1
            right = speaker_right(q.get("speaker"), got[best][1], gold)
            score.extra["speaker_right"][0] += right
            score.extra["speaker_right"][1] += 1
    return score


def system_quotes(story: Any, folder: Path) -> dict[str, list[tuple[str, set[str]]]]:
    names = {e.id: {norm(e.name)} | {norm(a) for a in e.aliases} for e in story.entities}
    out: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    source = {a.id: a.source for a in story.articles}
    for q in story.quotes:
        speaker = names.get(q.speaker, set()) if q.speaker else set()
        out[key_of(source[q.article], folder)].append((q.text, speaker))
    return out


def textacy_quotes(story: Any, folder: Path) -> dict[str, list[tuple[str, set[str]]]]:
    from textacy.extract.triples import direct_quotations

    from storyline.nlp import load_full

    full = load_full()  # textacy matches cue verbs by lemma, so it needs the lemmatizer
    out: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for article, doc in zip(story.articles, full.pipe(a.text for a in story.articles), strict=True):
        key = key_of(article.source, folder)
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # textacy fails on some inputs; the baseline then finds nothing there
            triples = []
        for t in triples:
            content = t.content.text.strip("\"'\u201c\u201d\u2018\u2019 ")
            speaker = {norm(" ".join(tok.text for tok in t.speaker))} if t.speaker else set()
            out[key].append((content, speaker))
    return out


# --- figures --------------------------------------------------------------------------------------


def unit_norm(unit: str | None) -> str:
    u = (unit or "").lower().strip()
    return u[:-1] if u.endswith("s") and len(u) > 3 else u


def score_figures(gold: dict[str, Any], story: Any, folder: Path) -> Score:
    score = Score()
    by_key: dict[str, list[Any]] = defaultdict(list)
    text_of = {a.id: a.text for a in story.articles}
    for f in story.figures:
        by_key[key_of(next(a.source for a in story.articles if a.id == f.article), folder)].append(f)
    for key, ann in gold["articles"].items():
        wanted = ann.get("figures", [])
        got = by_key.get(key, [])
        score.gold += len(wanted)
        score.system += len(got)
        used: set[str] = set()
        for g in wanted:
            match = None
            for f in got:
                if f.id in used or f.value is None:
                    continue
                close = abs(f.value - g["value"]) <= 0.01 * max(abs(g["value"]), 1)
                overlap = (
                    g["text"] in f.text
                    or f.text in g["text"]
                    or g["text"] in text_of[f.article][max(0, f.start - 40) : f.end + 40]
                )
                if close and overlap:
                    match = f
                    break
            if match is None:
                continue
            used.add(match.id)
            score.matched += 1
            score.extra["qualifier_right"][0] += match.qualifier == g.get("qualifier", "exact")
            score.extra["qualifier_right"][1] += 1
            score.extra["unit_right"][0] += unit_norm(match.unit) == unit_norm(g.get("unit"))
            score.extra["unit_right"][1] += 1
    return score


# --- events ---------------------------------------------------------------------------------------


def score_events(gold: dict[str, Any], story: Any, folder: Path) -> Score:
    score = Score()
    source = {a.id: a.source for a in story.articles}
    text_of = {a.id: a.text for a in story.articles}
    by_key: dict[str, list[Any]] = defaultdict(list)
    for v in story.events:
        by_key[key_of(source[v.article], folder)].append(v)
    for key, ann in gold["articles"].items():
        wanted = ann.get("events", [])
        got = by_key.get(key, [])
        score.gold += len(wanted)
        score.system += len(got)
        for g in wanted:
            snippet = norm(g["contains"])
            hits = [v for v in got if snippet in norm(text_of[v.article][v.start : v.end])]
            if not hits:
                continue
            score.matched += 1
            right = any(v.date == g.get("date") for v in hits)
            score.extra["date_right"][0] += right
            score.extra["date_right"][1] += 1
    return score


# --- running --------------------------------------------------------------------------------------


def evaluate(folder: Path) -> dict[str, dict[str, Any]]:
    gold, story = load_corpus(folder)
    rows = {
        "entities": score_entities(gold, system_clusters(story)).row(),
        "entities (baseline: spaCy NER, no resolution)": score_entities(gold, baseline_clusters(story)).row(),
        "quotes": score_quotes(gold, system_quotes(story, folder)).row(),
        "quotes (baseline: textacy direct_quotations)": score_quotes(
            gold, textacy_quotes(story, folder)
        ).row(),
        "figures": score_figures(gold, story, folder).row(),
        "events": score_events(gold, story, folder).row(),
    }
    return rows


def print_table(name: str, rows: dict[str, dict[str, Any]]) -> None:
    cols = ["precision", "recall", "f1"]
    extras = sorted({k for r in rows.values() for k in r if k not in cols + ["system", "gold", "matched"]})
    head = f"{'':50} {'P':>6} {'R':>6} {'F1':>6}  " + "  ".join(f"{e:>20}" for e in extras)
    print(f"\n== {name} ==\n{head}")
    for label, r in rows.items():
        cells = "  ".join(f"{'' if r.get(e) is None else format(r[e], '.3f'):>20}" for e in extras)
        print(f"{label:50} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  {cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    corpora = args.corpora or [c for c in DEFAULT_CORPORA if (c / "annotations.json").exists()]
    results = {}
    for folder in corpora:
        rows = evaluate(folder)
        results[folder.name] = rows
        print_table(f"{folder.name} ({folder})", rows)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
