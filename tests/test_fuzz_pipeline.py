"""Property-based fuzzing of ingest, cleaning and extraction: hostile text never raises, spans index it.

CI runs a few examples per property. `scripts/fuzz.py` (or STORYLINE_FUZZ_EXAMPLES=N)
runs a longer campaign of the same properties.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storyline import nlp
from storyline.config import Settings
from storyline.extract import parallel
from storyline.extract.parallel import ExtractionFailed
from storyline.model import Article, ArticleAnnotations
from storyline.pipeline import RunSummary, clean_inputs
from storyline.progress import NullProgress

CAMPAIGN = os.environ.get("STORYLINE_FUZZ_EXAMPLES")


def fuzz(ci_examples: int) -> settings:
    """Few fixed examples in CI (the same every run); STORYLINE_FUZZ_EXAMPLES random ones in a campaign."""
    return settings(
        max_examples=int(CAMPAIGN) if CAMPAIGN else ci_examples,
        deadline=None,
        derandomize=not CAMPAIGN,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Characters that break naive text handling: controls, odd spaces and line
# breaks, zero-width and bidi marks, a BOM, combining marks, astral symbols.
ODD = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\r\n", "\t", "\u00a0",
    "\u2028", "\u2029", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u3000", "\u0301",
    "\ufffd", "\U0001f600", "\U0010ffff", "\n\n", "\n\n\n\n", " " * 40,
]  # fmt: skip
# News-shaped pieces, so the extractors have something to find and get wrong.
NEWSY = [
    "Tomas Brandt", "the council of Kell", "said", '"', "“", "”", "«", "'", "’", " said Anna Lind.",
    "March 3, 2026", "on Tuesday", "more than 1,200", "€4.5m", "42%", "-7", "1e309", "By Ilse Varga",
    "Published", ". ", "? ", "\n\n", "http://example.org/x", "@handle", "#tag",
]  # fmt: skip
MARKUP = [
    "<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "</h1>", "<script>", "</script>",
    "<style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<br/>",
    "<blockquote>", "<table><tr><td>", "<meta charset=\"utf-16\">", "<?xml version=\"1.0\"?>",
    "<!DOCTYPE html>", "<rss><channel><item><title>", "</title></item></channel></rss>", "<a href=\"",
]  # fmt: skip


# Found by fuzzing and fixed: JSON nested ~1,000 deep (once an "internal error", now a plain
# problem line) and a run of ~400 digits (once an OverflowError that lost the article's facts,
# now not read as a figure). No extraction failure is expected any more.
KNOWN_EXTRACTION: tuple[str, ...] = ()


def huge_line(unit: str, n: int) -> str:
    return unit * n


def pieces(extra: list[str], longest: int = 6_000) -> st.SearchStrategy[str]:
    part = st.one_of(
        st.text(max_size=40),
        st.sampled_from(ODD + NEWSY + extra),
        st.builds(
            huge_line, st.sampled_from(["x", "word ", "9", "—", "\u200b", "é"]), st.integers(100, longest)
        ),
    )
    return st.lists(part, max_size=30).map("".join)


def nested(open_: str, close: str) -> st.SearchStrategy[str]:
    return st.builds(lambda n, inner: open_ * n + inner + close * n, st.integers(1, 3000), pieces([]))


# Prose-like text (news words between odd characters), so cleaning keeps a body
# and the extractors find names, quotes, figures and dates to get wrong.
WORDS = "the a of council ferry storm residents voted million said told reporters Monday in".split()
PROSE = st.lists(st.sampled_from(NEWSY + ODD + WORDS), min_size=20, max_size=300).map(" ".join)
TEXTS = st.one_of(pieces([]), pieces(MARKUP), PROSE)
# Extraction costs more per character, so its examples are kept shorter.
ARTICLE_TEXTS = st.one_of(pieces([], longest=2_000), st.text(min_size=1), PROSE)
PARAGRAPHS = st.lists(PROSE, min_size=2, max_size=6).map("\n\n".join)
PAGE = (
    "<html><head><title>{0}</title></head><body><nav>Home</nav>"
    "<article><h1>{0}</h1><p>{1}</p></article></body></html>"
)
DOCUMENTS = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".html", ".xml", ".json", ".jsonl"]), TEXTS),
    st.tuples(st.sampled_from([".txt", ".md"]), PARAGRAPHS),
    st.tuples(
        st.just(".html"),
        st.builds(lambda t, b: PAGE.format(t, b.replace("\n\n", "</p><p>")), PROSE, PARAGRAPHS),
    ),
    st.tuples(
        st.just(".json"), st.builds(lambda t, b: json.dumps({"title": t, "text": b}), PROSE, PARAGRAPHS)
    ),
    st.tuples(
        st.just(".jsonl"),
        st.lists(PARAGRAPHS.map(lambda b: json.dumps({"text": b})), max_size=4).map("\n".join),
    ),
    st.tuples(st.just(".html"), nested("<div>", "</div>")),
    st.tuples(st.just(".html"), nested("<b><i>", "</i></b>")),
    st.tuples(st.just(".json"), nested("[", "]")),
    st.tuples(st.just(".json"), nested('{"text": ', "}")),
    st.tuples(st.just(".jsonl"), nested('{"a":', "}")),
    st.tuples(st.just(".xml"), nested("<item>", "</item>")),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "raw"])


def encoded(text: str, encoding: str, noise: bytes) -> bytes:
    if encoding == "raw":
        return noise + text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, "replace")


def check_spans(article: Article, ann: ArticleAnnotations) -> None:
    """Every span lies in the text; a fact's `text` is the text at its span (a quote's, drawn from it)."""
    text = article.text
    for section in fields(ann):
        if section.name == "article":
            continue
        for fact in getattr(ann, section.name):
            assert 0 <= fact.start <= fact.end <= len(text), fact
            quoted = getattr(fact, "text", None)
            at = text[fact.start : fact.end]
            if section.name == "quotes":
                # a quote split by its attribution joins its parts: each character comes from the span
                rest = iter(at)
                assert all(c in rest for c in quoted if not c.isspace()), (quoted, at)
            elif isinstance(quoted, str):
                assert at == quoted, (section.name, quoted, at)
            for f in fields(fact):
                value = getattr(fact, f.name)
                spans = [value] if f.name.endswith("_span") and value else []
                spans += value if f.name.endswith("_spans") else []
                assert all(0 <= a <= b <= len(text) for a, b in spans), (f.name, fact)


@fuzz(60)
@given(document=DOCUMENTS, encoding=ENCODINGS, noise=st.binary(max_size=64))
def test_any_file_is_read_and_cleaned_or_named_as_a_problem(
    document: tuple[str, str], encoding: str, noise: bytes
) -> None:
    suffix, text = document
    data = encoded(text, encoding, noise)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        summary = RunSummary()
        found = list(clean_inputs([str(path)], Settings(jobs=1), NullProgress(), summary))
    for problem in summary.problems:
        event(f"problem: {problem.kind}")  # counted in --hypothesis-show-statistics
        assert "internal error" not in problem.reason, problem
        assert problem.source.startswith(str(path)), problem
    for raw, article in found:
        event("read an article")
        assert isinstance(article.text, str) and article.text.strip()
        if suffix in (".txt", ".md", ".html"):
            assert raw.data == data  # kept exactly as read
        for span in article.embeds:
            assert 0 <= span.start <= span.end <= len(article.text)


@fuzz(25)
@given(text=ARTICLE_TEXTS)
def test_extraction_never_raises_and_spans_index_the_text(text: str) -> None:
    # Small piece sizes so short examples also take the long-text paths.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nlp, "PIECE_CHARS", 2_000)
        patch.setattr(parallel, "WHOLE_CHARS", 5_000)
        patch.setattr(parallel, "PIECE_CHARS", 1_500)
        article = Article(id="a-fuzz", source="fuzz.txt", text=text)
        [result] = parallel.extract_batch([article])
    if isinstance(result, ExtractionFailed):
        assert result.reason.startswith(KNOWN_EXTRACTION), result.reason
        event(f"known extraction failure: {result.reason[:60]}")
        return
    event("found facts" if result.mentions or result.figures or result.quotes else "found nothing")
    check_spans(article, result)


@fuzz(100)
@given(text=TEXTS, limit=st.integers(1, 500))
def test_pieces_for_the_parser_join_back_into_the_text(text: str, limit: int) -> None:
    parts = nlp.split_for_parse(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts) or text == ""
