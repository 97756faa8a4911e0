"""One huge text: its pieces are bounded, its names are looked up without a pass over the whole text,
and what comes out is what the text says."""

from __future__ import annotations

import random

from storyline.clean import boilerplate
from storyline.crosscheck import claim_text
from storyline.crosscheck import entities as resolution
from storyline.crosscheck._references import _Spans
from storyline.crosscheck.entities import resolve_entities
from storyline.extract import parallel
from storyline.model import Article, ArticleAnnotations, Mention, Span
from storyline.report import claims as report_claims


def _book(paragraphs: int) -> tuple[Article, ArticleAnnotations]:
    """One long article where two people share a surname, each named in full, then by surname alone."""
    parts, mentions, at = [], [], 0
    for k in range(paragraphs):
        full = "Marta Oyelaran" if k % 2 else "Felix Oyelaran"
        sentence = f"{full} spoke first. Later Oyelaran said the mill would stay open. "
        for name in (full, "Oyelaran"):
            start = at + sentence.index(name, 1 if name == "Oyelaran" else 0)
            mentions.append(Mention("book", start, start + len(name), name, "PERSON"))
        parts.append(sentence)
        at += len(sentence)
    return Article(id="book", source="book.txt", text="".join(parts)), ArticleAnnotations("book", mentions)


def test_in_a_book_length_article_each_bare_surname_goes_to_the_full_name_just_before_it() -> None:
    article, annotations = _book(4000)
    found = {e.name: e for e in resolve_entities([article], [annotations])}
    assert set(found) == {"Marta Oyelaran", "Felix Oyelaran"}
    assert len(found["Marta Oyelaran"].mentions) == len(found["Felix Oyelaran"].mentions) == 4000
    for e in found.values():  # every bare surname sits just after its own person's full name
        starts = [m.start for m in e.mentions]
        assert all(b - a < 40 for a, b in zip(starts[::2], starts[1::2], strict=True))


def test_the_nearest_name_by_bisection_is_the_one_a_full_pass_finds() -> None:
    rng = random.Random(5)
    mentions = sorted({rng.randint(0, 5000) for _ in range(600)})
    items = [
        resolution._Item(0, Mention("a", s, s + 3, "Abc"), "abc", resolution.Evidence(), False)
        for s in mentions
    ]
    corpus = resolution._Corpus([Article(id="a", source="a", text="x" * 6000)], items)
    places = resolution._Places(corpus)
    keys = ["p", "q", "r"]
    filed: dict[str, list[int]] = {k: [] for k in keys}
    for n in range(len(items)):
        if rng.random() < 0.5:
            key = rng.choice(keys)
            places.add(key, n)
            filed[key].append(n)

    def full_pass(n: int, candidates: list[int], after: bool) -> int | None:
        at = items[n].mention.start
        before = [c for c in candidates if items[c].mention.start < at]
        if before:
            return max(before, key=lambda c: items[c].mention.start)
        later = [c for c in candidates if items[c].mention.start > at] if after else []
        return min(later, key=lambda c: items[c].mention.start) if later else None

    for n in range(len(items)):
        for chosen in (["p"], ["q", "r"], keys):
            candidates = sorted(c for k in chosen for c in filed[k])
            for after in (True, False):
                assert places.nearest(chosen, n, after) == full_pass(n, candidates, after)


def _long_text(paragraphs: int) -> str:
    towns = ("Port Anselm", "Kell", "Varna", "Ostrova")
    return "".join(
        f"On March {i % 27 + 1}, 2026 the council of {towns[i % 4]} voted to spend {1000 + i} euros on "
        f'pier {i}, said Tomas Brandt. "We need pier {i} open by summer," said Mayor Anna Lind.\n\n'
        for i in range(paragraphs)
    )


def test_a_long_article_is_cut_into_pieces_no_longer_than_the_limit_that_join_back(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "PIECE_CHARS", 1_200)
    article = Article(id="long", source="long.txt", text=_long_text(60))
    pieces = list(parallel.split_article(article))
    assert len(pieces) > 5
    assert max(len(p.text) for p, _ in pieces) <= 1_200
    assert "".join(p.text for p, _ in pieces) == article.text
    assert all(article.text[start : start + len(p.text)] == p.text for p, start in pieces)


def test_the_pool_shares_out_one_long_article_and_gives_what_one_process_gives(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "WHOLE_CHARS", 3_000)
    monkeypatch.setattr(parallel, "PIECE_CHARS", 1_200)
    monkeypatch.setattr(parallel, "MIN_FOR_POOL", 4)
    monkeypatch.setattr(parallel, "CHUNK", 3)  # the long article's pieces go out in several chunks
    short = [
        Article(id=f"s{k}", source=f"s{k}.txt", text=_long_text(2).replace("pier", f"dock {k}"))
        for k in (1, 2)
    ]
    long = Article(id="long", source="long.txt", text=_long_text(40))
    alone = [
        *parallel.extract_batch(short[:1]),
        parallel.extract_in_pieces(long),
        *parallel.extract_batch(short[1:]),
    ]
    pooled = list(parallel.extract_stream([short[0], long, short[1]], jobs=2))
    assert [r.article for r in pooled] == ["s1", "long", "s2"]
    assert pooled == alone
    assert len(pooled[1].quotes) == 40 and all(q.article == "long" for q in pooled[1].quotes)
    assert all(long.text[q.start : q.end] == q.text for q in pooled[1].quotes)


def test_a_failed_piece_fails_its_whole_article_and_only_that_one() -> None:
    long = Article(id="long", source="long.txt", text="x")
    pieces = [(long, Article(id=f"long.{k}", source="long.txt", text="x"), 10 * k, k == 2) for k in range(3)]
    other = Article(id="other", source="o.txt", text="x")
    results = [
        ArticleAnnotations("long.0"),
        parallel.ExtractionFailed("long.1", "ValueError: odd"),
        ArticleAnnotations("long.2"),
        ArticleAnnotations("other"),
    ]
    joined = list(parallel._joined(iter(zip([*pieces, (other, other, 0, True)], results, strict=True))))
    assert joined == [parallel.ExtractionFailed("long", "ValueError: odd"), ArticleAnnotations("other")]


def test_the_mention_a_span_overlaps_most_is_found_by_bisection_as_by_a_full_pass() -> None:
    rng = random.Random(8)
    spans = []
    for n in range(400):
        start = rng.randint(0, 3000)
        spans.append((start, start + rng.randint(1, 30), f"e{n % 37}"))

    def full_pass(span: tuple[int, int]) -> str | None:  # the definition: most overlap, first listed
        best, best_overlap = None, 0
        for start, end, entity_id in spans:
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > best_overlap:
                best, best_overlap = entity_id, overlap
        return best

    index = _Spans(spans)
    for _ in range(3000):
        a = rng.randint(0, 3100)
        span = (a, a + rng.randint(1, 40))
        assert index.at(span) == full_pass(span)
    assert _Spans([]).at((0, 5)) is None


def test_posts_and_moved_spans_found_by_bisection_match_a_full_pass() -> None:
    rng = random.Random(11)
    posts = []
    for _ in range(60):
        a = rng.randint(0, 5000)
        posts.append(Span(a, a + rng.randint(0, 300)))
    index = boilerplate._Posts(posts)
    for _ in range(2000):
        a = rng.randint(0, 5400)
        b = a + rng.randint(0, 200)
        assert index.overlap(a, b) == any(p.start < b and a < p.end for p in posts)
    moves, old, new = [], 0, 0
    for _ in range(80):  # kept paragraphs: apart and in order, some dropped between them
        length = rng.randint(0, 90)
        if rng.random() < 0.7:
            moves.append((old, old + length, new))
            new += length + 2
        old += length + 2

    def full_pass(
        spans: list[Span],
    ) -> list[Span]:  # the definition: first holder of the start, last of the end
        out = []
        for span in spans:
            new_start = new_end = None
            for old_start, old_end, new_begin in moves:
                if old_start <= span.start <= old_end and new_start is None:
                    new_start = new_begin + span.start - old_start
                if old_start <= span.end <= old_end:
                    new_end = new_begin + span.end - old_start
            if new_start is not None and new_end is not None:
                out.append(Span(new_start, new_end, span.kind))
        return out

    spans = [Span(a, a + rng.randint(0, 400)) for a in (rng.randint(0, old) for _ in range(500))]
    assert boilerplate._shift(spans, moves) == full_pass(spans)
    assert len(full_pass(spans)) > 50


def test_a_long_texts_key_made_a_window_at_a_time_is_the_key_of_the_whole(monkeypatch) -> None:
    rng = random.Random(13)
    pieces = ["Word", "word", "—", "...", " ", "\n\n", "Straße", "“quoted”", "-", "e\u0301t\u00e9", "\t", "!"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(400)]
    texts += ["— — — " + "plain words here " * 5 + " . . . — — —", "... !!! —", ""]
    whole = [boilerplate._text_key(t) for t in texts]  # every one under the window: the exact key
    assert whole == [boilerplate._key(t) or 0 for t in texts]
    monkeypatch.setattr(boilerplate, "WINDOW", 7)
    assert [boilerplate._text_key(t) for t in texts] == whole
    assert len(set(whole)) > 300


def test_a_facts_sentence_found_looking_back_a_little_is_the_one_a_full_scan_finds(monkeypatch) -> None:
    rng = random.Random(17)
    bits = ["word", " ", " ", ". ", '." ', "?", "!”", "\n", "x.y", '"', "’ ", "…"]
    text = "".join(rng.choice(bits) for _ in range(3000))

    def full_scan(start: int) -> int:  # the definition: the last break anywhere before `start`
        return max(
            text.rfind("\n", 0, start), *(m.end() for m in claim_text._END.finditer(text, 0, start)), -1
        )

    expected = [claim_text._sentence(text, s, s + 3) for s in range(0, len(text) - 3, 7)]
    assert all(claim_text._last_break(text, s) == full_scan(s) for s in range(0, len(text), 7))
    monkeypatch.setattr(claim_text, "BACK", 6)  # most searches now start in the window
    assert all(claim_text._last_break(text, s) == full_scan(s) for s in range(0, len(text), 7))
    assert [claim_text._sentence(text, s, s + 3) for s in range(0, len(text) - 3, 7)] == expected


def test_a_spans_sentence_in_the_report_found_nearby_is_the_one_a_full_scan_finds(monkeypatch) -> None:
    rng = random.Random(19)
    bits = ["word", " ", " ", ". ", "? ", "! ", "\n\n", "\n", "x.y", "end.", "?"]
    text = "".join(rng.choice(bits) for _ in range(2500))

    def full_scan(start: int, end: int) -> tuple[int, int]:  # the definition, reading the whole text
        left = max(text.rfind("\n\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
        left = 0 if left < 0 else left + 2
        if end > start and text[end - 1] in ".?!" and text[end : end + 1] in ("", " ", "\n"):
            return left, end
        ends = [i + 1 for i in (text.find(p, end) for p in (". ", "? ", "! ")) if i != -1]
        ends += [i for i in (text.find("\n\n", end),) if i != -1]
        return left, min(ends) if ends else len(text)

    spans = [(s, s + rng.randint(0, 12)) for s in range(0, len(text) - 12, 5)]
    monkeypatch.setattr(report_claims, "NEAR", 4)  # most bounds now found in the window, some past it
    assert [report_claims.sentence_span(text, a, b) for a, b in spans] == [full_scan(a, b) for a, b in spans]
