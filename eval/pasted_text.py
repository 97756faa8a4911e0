"""Score line-level boilerplate removal on web pages "saved as text": the whole page's visible text pasted.

    python eval/pasted_text.py [--split dev|heldout|all] [--json results.json] [--details]

Each real English article page of Readability's test suite (../shared/data, or
$STORYLINE_SHARED_DATA) is rendered to the text a reader gets by selecting the page and pasting it
(as a browser's innerText: a line break around every block, a blank line around a paragraph, menus,
headline, byline, captions, related links and footer included). Storyline cleans that text as a
`.txt` input with no hints. A line is body when its words appear in the page's gold body
(Readability's `expected.html`, with figures and captions taken out: storyline removes captions by
design); every other line is boilerplate. Scored per line: precision and recall of the removed lines
against the boilerplate lines, and the share of body lines kept; beside jusText given the same lines
as paragraphs (the baseline).

Each page is scored twice: the whole page pasted, and only the element around the article's
paragraphs (a reader who selects just the article, captions and in-article boxes included).
Pages are split by a hash of their name: `dev` (tuned on) and `heldout` (not tuned on; its failures
were read once, after tuning, which showed one code listing taken for a box of links). A second
held-out set, never tuned on: the English article pages of trafilatura's evaluation set, whose gold
is snippets the body must (or must not) contain, so only lines holding a snippet are scored. ECB+
article texts (one sentence per line, all body) are cleaned too, as a check on false removals in
plain articles. Without the shared data the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import justext
from lxml import etree
from lxml import html as lxml_html

from storyline.clean import clean_document
from storyline.clean.shape import fingerprint, normalize_space
from storyline.errors import InputError
from storyline.model import Hints, RawDocument

_HIDDEN_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select")
_BLOCK = frozenset(
    "address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td th thead tr ul "
    "caption html".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
_ARTICLE_PAGE = re.compile(
    r"""og:type["']?\s+content=["']?article|["']@type["']\s*:\s*["'](?:News|Reportage)Article""", re.I
)
_SHORT = 4  # a line of fewer words is body only when the gold holds it as a whole line


def data_dir() -> Path | None:
    configured = os.environ.get("STORYLINE_SHARED_DATA")
    path = Path(configured) if configured else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return path if path.is_dir() else None


def split_of(name: str) -> str:
    """dev or heldout, from a hash of the page's name, so the split never depends on file order."""
    return "dev" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def page_text(root: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The page's visible text as a browser copies it (innerText): a line break around every block,
    a blank line around a paragraph, a tab between table cells."""
    pieces: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = _tag(el)
        if not tag or tag in _HIDDEN_TAGS or tag in skip or _hidden(el):
            return
        breaks = "\n\n" if tag == "p" else "\n" if tag in _BLOCK else "\t" if tag in ("td", "th") else ""
        pieces.append(breaks)
        if el.text:
            pieces.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        pieces.append(breaks)

    walk(root)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", "".join(pieces).replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def visible_lines(text: str) -> list[str]:
    """The lines of a pasted page that hold text."""
    lines = (normalize_space(line) for line in text.split("\n"))
    return [line for line in lines if any(ch.isalnum() for ch in line)]


def _tokens(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


@dataclass
class Page:
    name: str
    view: str  # page (the whole page pasted) | article (the element around the article's paragraphs)
    text: str  # the page as pasted text
    lines: list[str]  # its lines that hold text
    body: list[bool | None]  # per line: does the gold body hold it (None: the gold does not say)


def label_lines(lines: list[str], gold_lines: list[str]) -> list[bool | None]:
    gold_text = _tokens(" ".join(gold_lines))
    whole = {fingerprint(g) for g in gold_lines}
    labels: list[bool | None] = []
    for line in lines:
        words = _tokens(line)
        if len(words.split()) < _SHORT:
            labels.append(fingerprint(line) in whole)
        else:
            labels.append(words in gold_text)
    return labels


def _parse(data: bytes) -> etree._Element | None:
    try:
        return lxml_html.fromstring(data.decode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError):
        return None


def readability_pages(root: Path) -> list[Page]:
    """The English pages of Readability's suite that declare themselves articles (og:type article or
    schema.org NewsArticle: news and blog posts, not encyclopedias or manuals), with 150 words of gold."""
    import gzip

    pages = []
    for case in sorted((root / "readability-test-pages" / "pages").iterdir()):
        source, expected = case / "source.html.gz", case / "expected.html"
        meta_path = case / "expected-metadata.json"
        if not (source.exists() and expected.exists() and meta_path.exists()):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not str(meta.get("lang") or "").casefold().startswith("en"):
            continue
        data = gzip.decompress(source.read_bytes())
        if not _ARTICLE_PAGE.search(data.decode("utf-8", errors="replace")):
            continue
        gold_tree, page_tree = _parse(expected.read_bytes()), _parse(data)
        if gold_tree is None or page_tree is None:
            continue
        gold = visible_lines(page_text(gold_tree, skip=("figure", "figcaption")))
        if sum(len(g.split()) for g in gold) < 150 or "lorem ipsum" in " ".join(gold).casefold():
            continue
        region = article_region(page_tree, gold)
        for view, element in (("page", page_tree), ("article", region)):
            if element is not None:
                text = page_text(element)
                lines = visible_lines(text)
                pages.append(Page(case.name, view, text, lines, label_lines(lines, gold)))
    return pages


_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?en\b", re.I)


def snippet_pages(root: Path) -> list[Page]:
    """The English article pages of trafilatura's set, labelled by its snippets: a line holding a snippet
    the body must contain is body, one holding a snippet it must not contain is boilerplate, the rest
    unlabelled. Never tuned on: a second held-out set."""
    import gzip

    base = root / "trafilatura-eval"
    gold = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(gold.items()):
        path = next(
            (p for sub in ("eval", "cache") if (p := base / "html" / sub / f"{item['file']}.gz").exists()),
            None,
        )
        if path is None:
            continue
        data = gzip.decompress(path.read_bytes())
        html_text = data.decode("utf-8", errors="replace")
        if not (_LANG.search(html_text) and _ARTICLE_PAGE.search(html_text)):
            continue
        tree = _parse(data)
        if tree is None:
            continue
        text = page_text(tree)
        lines = visible_lines(text)
        inside = [_tokens(s) for s in item.get("with") or [] if len(s.split()) >= 2]
        outside = [_tokens(s) for s in item.get("without") or [] if len(s.split()) >= 2]
        labels: list[bool | None] = []
        for line in lines:
            words = _tokens(line)
            label = (
                True
                if any(s in words for s in inside)
                else False
                if any(s in words for s in outside)
                else None
            )
            labels.append(label)
        if any(label is False for label in labels) and any(labels):
            pages.append(Page(url, "page", text, lines, labels))
    return pages


def article_region(tree: etree._Element, gold: list[str]) -> etree._Element | None:
    """The smallest element holding every paragraph of the gold body: what a reader selects when
    copying only the article (its captions, boxes and links inside it come along)."""
    gold_text = _tokens(" ".join(gold))
    anchors = [
        el
        for el in tree.iter("p")
        if len(el.text_content().split()) >= 8 and _tokens(el.text_content()) in gold_text
    ]
    if len(anchors) < 2:
        return None
    paths = [list(a.iterancestors())[::-1] for a in anchors]
    common = None
    for level in zip(*paths, strict=False):
        if any(node is not level[0] for node in level):
            break
        common = level[0]
    return None if common is None or _tag(common) in ("html", "body") else common


def kept_lines(text: str, lines: list[str], name: str) -> tuple[list[bool], dict[str, Any]]:
    """Per line, whether storyline's cleaning kept it; and what the article's metadata came out as."""
    try:
        article = clean_document(RawDocument(f"{name}.txt", text.encode("utf-8"), "text", Hints()))
    except InputError:
        return [False] * len(lines), {}
    kept = Counter(fingerprint(p) for p in article.text.split("\n\n"))
    paragraphs = [fingerprint(p) for p in article.text.split("\n\n")]
    out = []
    for line in lines:
        key = fingerprint(line)
        if kept[key] > 0:
            kept[key] -= 1
            out.append(True)
        elif len(key.split()) >= _SHORT and any(key in p for p in paragraphs):
            out.append(True)  # a line joined with the next into one paragraph
        else:
            # a line the cleaning shortened (a date label taken off its front) is still kept
            out.append(any(len(p) >= 0.5 * len(key) and p in key for p in paragraphs if p))
    meta = {"title": article.title, "published": article.published, "removed": len(article.removed)}
    return out, meta


def justext_kept(text: str, lines: list[str], name: str) -> tuple[list[bool], dict[str, Any]]:
    """The baseline: jusText's verdict on each line, the lines given to it as paragraphs."""
    del text, name
    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"))
    verdicts: dict[str, list[bool]] = {}
    for paragraph in paragraphs:
        verdicts.setdefault(fingerprint(paragraph.text), []).append(not paragraph.is_boilerplate)
    out = []
    for line in lines:
        queue = verdicts.get(fingerprint(line))
        out.append(queue.pop(0) if queue else False)
    return out, {}


def score_pages(pages: list[Page], system: Any = None) -> dict[str, Any]:
    """Line-level figures over the pages; a line whose label is None (the gold says nothing) is skipped."""
    tp = fp = fn = body_kept = body_total = 0
    per_page = []
    for page in pages:
        kept, meta = (system or kept_lines)(page.text, page.lines, page.name)
        rows = [(line, b, k) for line, b, k in zip(page.lines, page.body, kept, strict=True) if b is not None]
        page_tp = sum(1 for _, b, k in rows if not b and not k)
        fp += sum(1 for _, b, k in rows if b and not k)
        fn += sum(1 for _, b, k in rows if not b and k)
        tp += page_tp
        body_total += sum(1 for _, b, _ in rows if b)
        body_kept += sum(1 for _, b, k in rows if b and k)
        per_page.append(
            {
                "page": page.name,
                "lines": len(page.lines),
                "boilerplate": sum(1 for _, b, _ in rows if not b),
                "removed_right": page_tp,
                "body_removed": [line for line, b, k in rows if b and not k],
                "boilerplate_kept": [line for line, b, k in rows if not b and k],
                **meta,
            }
        )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pages": len(pages),
        "lines": sum(len(p.lines) for p in pages),
        "boilerplate_lines": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "body_kept": round(body_kept / body_total, 4) if body_total else None,
        "per_page": per_page,
    }


def ecbplus_false_removals(root: Path) -> dict[str, Any]:
    """Lines removed from ECB+ article texts, which hold body sentences only (the first may be a title)."""
    path = root / "ecbplus-train" / "articles.jsonl"
    if not path.exists():
        return {}
    lines_total = removed_total = 0
    rules: Counter[str] = Counter()
    for number, record in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = json.loads(record)["text"]
        lines = [line for line in text.split("\n\n") if any(ch.isalnum() for ch in line)]
        try:
            article = clean_document(RawDocument(f"ecb#L{number}", text.encode("utf-8"), "text", Hints()))
        except InputError:
            removed_total += len(lines) - 1
            lines_total += len(lines) - 1
            continue
        # the first line is often the headline, which cleaning rightly takes as the title
        first = fingerprint(lines[0]) if lines else ""
        later = [r for r in article.removed if fingerprint(r.text) != first]
        later = [r for r in later if r.rule != "repeated-paragraph"]  # ECB+ texts repeat their lead
        lines_total += max(0, len(lines) - 1)
        removed_total += len(later)
        rules.update(r.rule or r.reason for r in later)
    return {
        "articles_lines": lines_total,
        "removed": removed_total,
        "removed_share": round(removed_total / lines_total, 4) if lines_total else None,
        "by_rule": dict(rules.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--json", type=Path, help="also write the figures (and per-page results) here")
    parser.add_argument("--details", action="store_true", help="print the lines each page gets wrong")
    args = parser.parse_args(argv)
    root = data_dir()
    if root is None:
        print("pasted_text: ../shared/data not found (set STORYLINE_SHARED_DATA); skipped")
        return 0
    pages = readability_pages(root)
    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    results: dict[str, Any] = {}
    print("| split | text | system | pages | lines | boilerplate | removal P | removal R | F1 | body kept |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for split in splits:
        for view in ("page", "article"):
            chosen = [p for p in pages if split_of(p.name) == split and p.view == view]
            results[f"{split} {view}"] = scored = score_pages(chosen)
            results[f"{split} {view} jusText"] = baseline = score_pages(chosen, justext_kept)
            for label, row in (("storyline", scored), ("jusText", baseline)):
                counts = f"{row['pages']} | {row['lines']} | {row['boilerplate_lines']}"
                figures = " | ".join(f"{row[k]:.3f}" for k in ("precision", "recall", "f1", "body_kept"))
                print(f"| {split} | {view} | {label} | {counts} | {figures} |")
        if args.details:
            for row in scored["per_page"]:
                print(f"\n## {row['page']} ({split}, {view})")
                for line in row["body_removed"]:
                    print(f"  BODY REMOVED: {line[:110]}")
                for line in row["boilerplate_kept"]:
                    print(f"  KEPT: {line[:110]}")
    if args.split in ("heldout", "all"):
        snippets = snippet_pages(root)
        results["snippets"] = scored = score_pages(snippets)
        results["snippets jusText"] = baseline = score_pages(snippets, justext_kept)
        for label, row in (("storyline", scored), ("jusText", baseline)):
            counts = f"{row['pages']} | {row['lines']} | {row['boilerplate_lines']}"
            figures = " | ".join(f"{row[k]:.3f}" for k in ("precision", "recall", "f1", "body_kept"))
            print(f"| heldout (trafilatura snippets) | page | {label} | {counts} | {figures} |")
    ecb = ecbplus_false_removals(root)
    if ecb:
        results["ecbplus_false_removals"] = ecb
        print(
            f"\nECB+ texts (body only): {ecb['removed']} of {ecb['articles_lines']} lines after the first "
            f"removed ({ecb['removed_share']:.3%}); by rule: {ecb['by_rule']}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
