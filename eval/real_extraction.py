"""Scores storyline's quotes, speakers, figures and entity types on real ECB+ news articles labelled by hand.

Usage: python eval/real_extraction.py [--json PATH] [--details]
    [--split dev|dev_speakers|dev_figures|dev_fresh|heldout]

The labels (eval/real_extraction/{dev,heldout}.jsonl, conventions in
eval/real_extraction/CONVENTIONS.md) point into the texts of
../shared/data/ecbplus-train by article key and character offsets; the texts
themselves are never copied here. Without that folder the script says so and
exits cleanly. Each article is analysed on its own with `storyline.analyze`,
so no article's names can help another's. `dev` is what rules may be tuned
on; `heldout` is only measured. `dev_speakers` (dev topics too) labels only the
quotes and speakers of 41 more articles, so it scores quotes alone; `dev_figures`
(dev topics too) labels only the figures of 26 more, so it scores figures alone.
`dev_fresh` (dev topics, 20 more articles) labels figures and quotes but no entity
types, so it scores those two.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LABELS = HERE / "real_extraction"
DATA = HERE.parent.parent / "shared" / "data" / "ecbplus-train" / "gold.json"
SPLITS = ("dev", "dev_speakers", "dev_figures", "dev_fresh", "heldout")

sys.path.insert(0, str(HERE))
from extraction import norm, token_f1  # noqa: E402

# Spellings of one unit that a reader takes as the same unit.
UNIT_SPELLINGS = {
    "kilometre": "km",
    "kilometer": "km",
    "metre": "m",
    "meter": "m",
    "mile": "miles",
    "foot": "feet",
    "ft": "feet",
    "per cent": "percent",
    "%": "percent",
    "dollar": "USD",
    "$": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "mph": "miles per hour",
    "hr": "hours",
}


@dataclass
class Tally:
    """Counts behind one table: matches, and right/total for each named check."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)

    def check(self, name: str, right: bool) -> None:
        cell = self.checks.setdefault(name, [0, 0])
        cell[0] += right
        cell[1] += 1

    def row(self) -> dict[str, Any]:
        p = self.matched / self.system if self.system else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        out: dict[str, Any] = {
            "gold": self.gold,
            "system": self.system,
            "matched": self.matched,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        }
        for name, (right, total) in self.checks.items():
            out[name] = f"{right}/{total}" if total else "0/0"
            out[f"{name}_rate"] = round(right / total, 3) if total else None
        return out


def unit_key(unit: str | None) -> str:
    """A unit folded to compare: one spelling, singular, and for a counted noun its head word
    ("undersea cables" counts cables)."""
    u = (unit or "").strip()
    if " " in u and u.lower() not in UNIT_SPELLINGS and u.lower() != "miles per hour":
        u = u.split()[-1]
    u = UNIT_SPELLINGS.get(u.lower(), u)
    if u.isupper():
        return u
    u = u.lower()
    u = UNIT_SPELLINGS.get(u[:-1], u) if u.endswith("s") and len(u) > 3 else UNIT_SPELLINGS.get(u, u)
    return u[:-1] if u.endswith("s") and len(u) > 3 else u


# --- running storyline ---------------------------------------------------------------------------


def analyse(text: str) -> Any:
    """storyline's story for one article, analysed alone."""
    import storyline
    from storyline.config import Settings

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.jsonl"
        path.write_text(json.dumps({"text": text}) + "\n", "utf-8")
        return storyline.analyze([str(path)], settings=Settings(jobs=1))


def names_of(story: Any) -> dict[str, set[str]]:
    return {
        e.id: {norm(e.name)} | {norm(a) for a in e.aliases} | {norm(m.text) for m in e.mentions}
        for e in story.entities
    }


# --- scoring ---------------------------------------------------------------------------------------


def gold_quote_text(text: str, quote: dict[str, Any]) -> str:
    return " ".join(text[s:e] for s, e in quote["spans"])


def speaker_forms(quote: dict[str, Any], entities: list[dict[str, Any]]) -> set[str]:
    forms: set[str] = set()
    for name in [quote["speaker"], *quote.get("also_right", [])]:
        forms.add(norm(name))
        for actor in entities:
            if actor["name"] == name:
                forms |= {norm(a) for a in actor["aliases"]}
    return forms


def span_names(story: Any, quote: Any, forms: set[str]) -> bool:
    """Whether the words a quote's speaker span points at are one of the labelled speaker's forms,
    or end with the same word (a surname)."""
    if quote.speaker_span is None:
        return False
    words = norm(story.articles[0].text[quote.speaker_span[0] : quote.speaker_span[1]])
    return words in forms or bool(words) and any(f.split()[-1:] == words.split()[-1:] for f in forms if f)


def score_quotes(label: dict[str, Any], text: str, story: Any, tally: Tally, details: list[str]) -> None:
    names = names_of(story)
    found = [q for q in story.quotes if q.kind != "indirect"]
    tally.gold += len(label["quotes"])
    tally.system += len(found)
    used: set[int] = set()
    for quote in label["quotes"]:
        wanted = gold_quote_text(text, quote)
        best, best_f = None, 0.6
        for i, q in enumerate(found):
            f = token_f1(wanted, q.text)
            if i not in used and f >= best_f:
                best, best_f = i, f
        written = quote["speaker_written_as"]
        named = quote["speaker"] is not None
        if best is None:
            details.append(f"{label['doc']}: quote missed: {quote['starts_with']!r}")
            if named and written in ("pronoun", "descriptor"):
                tally.check(f"{written}_speaker_resolved", False)
            continue
        used.add(best)
        tally.matched += 1
        got = found[best]
        system_names = names.get(got.speaker, set()) if got.speaker else set()
        right = (
            (not system_names) if not named else bool(system_names & speaker_forms(quote, label["entities"]))
        )
        tally.check("speaker_right", right)
        if named:
            # the resolver's pointer alone, before entity resolution turns it into an entity: a miss
            # here is the quote code's, a miss only in speaker_right is the entities'
            tally.check("speaker_span_right", span_names(story, got, speaker_forms(quote, label["entities"])))
        if named and written in ("pronoun", "descriptor"):
            tally.check(f"{written}_speaker_resolved", right)
        if not right:
            said = sorted(system_names)[0] if system_names else None
            want = f"{quote['speaker']!r} ({written})"
            details.append(f"{label['doc']}: speaker of {quote['starts_with']!r}: want {want}, got {said!r}")
    for i, q in enumerate(found):
        if i not in used:
            details.append(f"{label['doc']}: quote not in the labels: {' '.join(q.text.split()[:6])!r}")


def same_place(g: dict[str, Any], f: Any, unchanged: bool) -> bool:
    """The labelled and the found figure are one: overlapping offsets where cleaning left the
    text as it was, else one's words inside the other's."""
    if unchanged:
        return f.start < g["end"] and g["start"] < f.end
    return g["text"] in f.text or f.text in g["text"]


def score_figures(label: dict[str, Any], text: str, story: Any, tally: Tally, details: list[str]) -> None:
    if label.get("figures_annotated") is False:
        return
    unchanged = story.articles[0].text == text
    found = sorted((f for f in story.figures if f.value is not None), key=lambda f: f.start)
    tally.gold += len(label["figures"])
    tally.system += len(found)
    used: set[str] = set()
    for g in sorted(label["figures"], key=lambda g: g["start"]):
        match = None
        for f in found:
            close = abs(f.value - g["value"]) <= 0.01 * max(abs(g["value"]), 1)
            if f.id not in used and close and same_place(g, f, unchanged):
                match = f
                break
        if match is None:
            details.append(f"{label['doc']}: figure missed: {g['text']!r} = {g['value']:g} {g['unit']}")
            continue
        used.add(match.id)
        tally.matched += 1
        unit_right = unit_key(match.unit) == unit_key(g["unit"])
        tally.check("unit_right", unit_right)
        tally.check("qualifier_right", match.qualifier == g["qualifier"])
        measure_right = token_f1(match.measure or "", g["measure"]) > 0
        tally.check("measure_shares_a_word", measure_right)
        if not measure_right:
            want = g["measure"]
            details.append(f"{label['doc']}: measure of {g['text']!r}: want {want!r}, got {match.measure!r}")
        if not unit_right:
            details.append(f"{label['doc']}: unit of {g['text']!r}: want {g['unit']!r}, got {match.unit!r}")
    for f in found:
        if f.id not in used:
            details.append(f"{label['doc']}: figure not in the labels: {f.text!r} = {f.value:g} {f.unit}")


def score_entities(label: dict[str, Any], story: Any, tally: Tally, details: list[str]) -> None:
    holders: list[tuple[str, set[str], str]] = [
        (e.type, {norm(m.text) for m in e.mentions} | {norm(e.name)}, e.name) for e in story.entities
    ]
    tally.gold += len(label["entities"])
    for actor in label["entities"]:
        forms = {norm(actor["name"])} | {norm(a) for a in actor["aliases"]}
        held = [(t, name) for t, seen, name in holders if seen & forms]
        if not held:
            details.append(f"{label['doc']}: entity missed: {actor['name']!r} ({actor['type']})")
            continue
        tally.matched += 1
        # right only when every entity holding one of the actor's names has its type: an ORG
        # "Smith" beside the PERSON "Smith" counts against the actor
        right = all(t == actor["type"] for t, _ in held)
        tally.check("type_right", right)
        if not right:
            got = ", ".join(f"{name} {t}" for t, name in held)
            details.append(f"{label['doc']}: type of {actor['name']!r}: want {actor['type']}, got {got}")


def evaluate(split: str, texts: dict[str, str], details: list[str]) -> dict[str, dict[str, Any]]:
    quotes, figures, entities = Tally(), Tally(), Tally()
    labels = [
        json.loads(line) for line in (LABELS / f"{split}.jsonl").read_text("utf-8").splitlines() if line
    ]
    for label in labels:
        text = texts[label["key"]]
        story = analyse(text)
        if label.get("figures_only"):
            score_figures(label, text, story, figures, details)
            continue
        score_quotes(label, text, story, quotes, details)
        if label.get("quotes_only"):
            continue
        score_figures(label, text, story, figures, details)
        if label.get("fresh"):
            continue  # speakers are listed, entity types are not labelled
        score_entities(label, story, entities, details)
    written = Counter(q["speaker_written_as"] for label in labels for q in label["quotes"] if q["speaker"])
    return {
        "articles": {"count": len(labels), "named speakers by how the text gives them": dict(written)},
        "quotes": quotes.row(),
        "figures": figures.row(),
        "entities": entities.row(),
    }


def print_split(split: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n== real news, {split} ({rows['articles']['count']} ECB+ articles) ==")
    for name in ("quotes", "figures", "entities"):
        r = rows[name]
        if not r["gold"]:
            continue  # a split that labels quotes only
        checks = "  ".join(f"{k} {v}" for k, v in r.items() if "/" in str(v))
        if name == "entities":
            print(f"{name:9} found {r['matched']}/{r['gold']}  {checks}")
        else:
            print(f"{name:9} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  {checks}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--split", choices=SPLITS, action="append", help="only this split (repeatable)")
    parser.add_argument(
        "--details", action="store_true", help="list every miss and every wrong speaker, unit, type"
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"real extraction set skipped: {DATA} is not here (the texts are not shipped with storyline)")
        return 0
    gold = json.loads(DATA.read_text("utf-8"))
    texts = {key: article["text"] for key, article in gold["articles"].items()}
    results = {}
    for split in args.split or SPLITS:
        details: list[str] = []
        results[split] = evaluate(split, texts, details)
        print_split(split, results[split])
        if args.details:
            print("\n".join(f"  {line}" for line in details))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
