"""The ECB+ data in ../shared/data/ecbplus-train as the cross-check evaluations use it.

The articles are analysed once into a cache folder (extraction is reused on
later runs; the folder is named after the cleaning code, since a store keeps
articles as first cleaned); the story is then taken just before cross-checking,
so the evaluations can run the cross-check stage, fit its pair model, or run
baselines on the same articles. Topics are split for tuning: those divisible
by 3 are held out, never used to fit or choose anything.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from storyline.model import Story

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "ecbplus-train"


def _cleaning_fingerprint() -> str:
    """A hash of the cleaning code: a store keeps the articles as they were cleaned when first read,
    so a cache made by other cleaning code is not reused."""
    import hashlib

    package = HERE.parent / "src" / "storyline" / "clean"
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


CACHE = HERE / "results" / f"ecbplus-cache-{_cleaning_fingerprint()}"
TOPICS = {str(t) for t in range(1, 36)}
HELD_OUT = {t for t in TOPICS if int(t) % 3 == 0}
DEV = TOPICS - HELD_OUT


def available() -> bool:
    return (DATA / "articles.jsonl").is_file() and (DATA / "gold.json").is_file()


@lru_cache(maxsize=1)
def scorer() -> ModuleType:
    """The data's own scorer, imported from beside the data (it is not ours to copy)."""
    spec = importlib.util.spec_from_file_location("score_crosscheck", DATA / "score_crosscheck.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(DATA / "score_crosscheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def gold() -> dict[str, Any]:
    return json.loads((DATA / "gold.json").read_text("utf-8"))


def gold_for(topics: set[str]) -> dict[str, Any]:
    """The gold restricted to some topics (articles and links)."""
    g = gold()
    articles = {k: v for k, v in g["articles"].items() if v["topic"] in topics}
    out = dict(g)
    out["articles"] = articles
    for name in ("link_pairs", "link_pairs_all_sentences"):
        out[name] = [p for p in g[name] if p[0] in articles and p[2] in articles]
    return out


def prepared_story() -> Story:
    """The ECB+ articles analysed, entities resolved, nothing cross-checked yet."""
    from storyline.config import Settings
    from storyline.pipeline import RunSummary, clean_inputs, prepare_story
    from storyline.progress import NullProgress
    from storyline.store import Store

    for stale in CACHE.parent.glob("ecbplus-cache*"):
        if stale != CACHE and stale.is_dir():
            shutil.rmtree(stale)  # made by other cleaning code: its articles would be read as they were
    CACHE.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    print(f"extracting {DATA / 'articles.jsonl'} into {CACHE} (cached after the first run)", file=sys.stderr)
    with Store(CACHE / "story.duckdb") as store:
        for raw, article in clean_inputs(
            [str(DATA / "articles.jsonl")], settings, NullProgress(), RunSummary()
        ):
            store.add_raw(raw, article.id)
            store.add_article(article)
        return prepare_story(store.load_articles(), settings, NullProgress(), store)


def gold_key(source: str) -> str:
    return str(scorer().gold_key(source))


def topic_of(story: Story) -> dict[str, str]:
    """Article id -> its ECB+ topic."""
    articles = gold()["articles"]
    return {
        a.id: articles[gold_key(a.source)]["topic"] for a in story.articles if gold_key(a.source) in articles
    }


def gold_story_of(story: Story) -> dict[str, str]:
    articles = gold()["articles"]
    return {
        a.id: articles[gold_key(a.source)]["story"] for a in story.articles if gold_key(a.source) in articles
    }


def sentence_locator(story: Story) -> Any:
    """A function (article id, start, end) -> (gold key, sentence index) or None, as the scorer maps spans."""
    sc = scorer()
    articles = gold()["articles"]
    keys = {a.id: gold_key(a.source) for a in story.articles if gold_key(a.source) in articles}
    blocks = {a.id: sc.align(a.text, articles[keys[a.id]]["text"]) for a in story.articles if a.id in keys}

    def locate(article_id: str, start: int, end: int) -> tuple[str, int] | None:
        if article_id not in blocks:
            return None
        key = keys[article_id]
        ranges = sc.map_span(blocks[article_id], start, max(end, start + 1))
        index = sc.sentence_of(ranges, articles[key]["sentences"])
        return (key, index) if index is not None else None

    return locate


def score(document: dict[str, Any], topics: set[str]) -> dict[str, Any]:
    """The data's scorer on a story.json-shaped document, for some topics only."""
    result = scorer().score(document, gold_for(topics))
    keep = ("story_bcubed_precision", "story_bcubed_recall", "story_bcubed_f1")
    keep += ("link_precision", "link_recall", "link_f1", "link_scored_links", "articles_matched")
    return {k: result[k] for k in keep if k in result}
