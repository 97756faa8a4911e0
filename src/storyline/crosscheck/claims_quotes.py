"""Aligning the same words reported by several articles into quote claims, and spotting misattribution."""

from __future__ import annotations

from difflib import SequenceMatcher

from storyline.crosscheck.claims import (
    STOPWORDS,
    Context,
    content_stems,
    jaccard,
    make_claim,
    truncate,
    words,
)
from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Claim, Disagreement, Quote

# A quote shorter than this may be a stock phrase ("a difficult day"): it matches another
# only when both are identical and credited to the same speaker.
MIN_SHARED_TOKENS = 4
# Two people may well use the same short phrase; a misattribution is claimed only for longer words.
MIN_CONFLICT_TOKENS = 6
# Share of the shorter quote's words found, in order, in the longer one.
MIN_COVERAGE = 0.85
# Share of their words two quotes of one speaker have in common to be one quote reworded.
REWORDED = 0.5
# Or this share of their content words, at least MIN_CONTENT of them: the same words in another
# order and grammar ("we will not be stopped by a judge", "no judge will stop us").
REWORDED_CONTENT = 0.75
MIN_CONTENT = 3
# Quotes sharing a run of words are compared pair by pair up to this many; past it, each meets its
# nearest neighbours only, so look-alike reports cost a bounded number of comparisons per quote.
EXACT_BLOCK = 150
NEIGHBOURS = 12
# Members of one claim searched pairwise for words credited to two people (a feed whose every report
# quotes one line makes a claim of thousands): a claim that large is already a pile of look-alikes.
MAX_COMPARED = 200


def same_words(a: list[str], b: list[str]) -> bool:
    """True when one quote is the other, or an excerpt of it, give or take a word."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_SHARED_TOKENS:
        return False
    if f" {' '.join(short)} " in f" {' '.join(long)} ":
        return True
    if len(set(short) & set(long)) < MIN_COVERAGE * len(set(short)):
        return False
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= MIN_COVERAGE * len(short)


def _reworded(a: Quote, ta: list[str], b: Quote, tb: list[str]) -> bool:
    """One speaker's words given two ways ("the worst flood in memory", "the worst flood in a decade",
    or the same content words recast): one quote, whose members the disagreement check then compares
    for wording."""
    if a.speaker is None or a.speaker != b.speaker or min(len(ta), len(tb)) < MIN_CONFLICT_TOKENS:
        return False
    sa, sb = set(ta), set(tb)
    return len(sa & sb) >= REWORDED * len(sa | sb) or recast(ta, tb)


def recast(ta: list[str], tb: list[str]) -> bool:
    """The same content words in another order and grammar."""
    ca, cb = content_stems(" ".join(ta)), content_stems(" ".join(tb))
    return min(len(ca), len(cb)) >= MIN_CONTENT and jaccard(ca, cb) >= REWORDED_CONTENT


def _short_match(a: Quote, ta: list[str], b: Quote, tb: list[str]) -> bool:
    """Very short quotes match only when they are identical and credited to the same known speaker."""
    return bool(ta) and ta == tb and a.speaker is not None and a.speaker == b.speaker


def candidate_pairs(tokens: list[list[str]], speakers: list[str | None]) -> set[tuple[int, int]]:
    """Pairs of quotes sharing a run of three words (or identical when shorter): all that can match.

    A run more than EXACT_BLOCK quotes share (a feed whose every report quotes one line)
    pairs each quote only with its NEIGHBOURS nearest in order of words and speaker,
    where identical quotes sit together and join one another in a chain.
    """
    index: dict[tuple[str, ...], list[int]] = {}
    for i, t in enumerate(tokens):
        for key in {tuple(t[k : k + 3]) for k in range(len(t) - 2)} or {tuple(t)}:
            index.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) <= EXACT_BLOCK:
            pairs.update((i, j) for n, i in enumerate(ids) for j in ids[n + 1 :])
            continue
        ranked = sorted(ids, key=lambda i: (tokens[i], speakers[i] or "", i))
        for place, i in enumerate(ranked):
            pairs.update((min(i, j), max(i, j)) for j in ranked[place + 1 : place + 1 + NEIGHBOURS])
    return pairs


def quote_groups(quotes: list[Quote]) -> list[list[int]]:
    """Indexes of `quotes` grouped by the words they share (an excerpt joins its full version)."""
    tokens = [words(q.text) for q in quotes]
    uf = UnionFind(len(quotes))
    for i, j in sorted(candidate_pairs(tokens, [q.speaker for q in quotes])):
        a, b = quotes[i], quotes[j]
        if _stock_phrase_of_two(a, tokens[i], b, tokens[j]):
            continue
        ta, tb = tokens[i], tokens[j]
        if same_words(ta, tb) or _short_match(a, ta, b, tb) or _reworded(a, ta, b, tb):
            uf.union(i, j)
    return uf.groups()


def _stock_phrase_of_two(a: Quote, ta: list[str], b: Quote, tb: list[str]) -> bool:
    """A few words two known people both said are a shared phrase, not one quote."""
    speakers_differ = a.speaker is not None and b.speaker is not None and a.speaker != b.speaker
    return speakers_differ and min(len(ta), len(tb)) < MIN_CONFLICT_TOKENS


def align_quotes(ctx: Context, quotes: list[Quote]) -> list[Claim]:
    """One claim per set of words, however many articles carry it and however much of it they quote."""
    quotes = sorted(quotes, key=lambda q: (ctx.order.get(q.article, 0), q.start, q.id))
    return [_claim(ctx, [quotes[i] for i in g]) for g in quote_groups(quotes)]


def _speakers(ctx: Context, group: list[Quote]) -> dict[str, str]:
    """Each known speaker id -> the id it stands for, a name folded into a longer form of itself."""
    names: dict[str, str] = {}
    for q in group:
        if q.speaker and q.speaker not in names:
            names[q.speaker] = ctx.entity_name(q.speaker) or q.speaker_text or q.speaker
    canonical: dict[str, str] = {}
    for sid, name in sorted(names.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        kept = [c for c in dict.fromkeys(canonical.values()) if _same_person(name, names[c])]
        canonical[sid] = kept[0] if kept else sid
    return canonical


def _same_person(short: str, long: str) -> bool:
    """ "Ortega" and "Maria Ortega": resolution may have left two ids for one person."""
    s, t = set(words(short)), set(words(long))
    return bool(s) and s <= t


def _claim(ctx: Context, group: list[Quote]) -> Claim:
    articles = [q.article for q in group]
    longest = max(group, key=lambda q: (len(q.text), -ctx.order.get(q.article, 0)))
    compared = group[:MAX_COMPARED]
    canonical = _speakers(ctx, compared)
    words_said = f"“{truncate(longest.text)}”"
    clash = _credited_apart(ctx, compared, canonical)
    if clash:
        names = " and ".join(_speaker_label(ctx, q) for q in clash)
        statement = f"{words_said} attributed to {names} {ctx.outlets_phrase(articles)}"
        note = "the same words are attributed to different speakers: " + "; ".join(
            f"{_speaker_label(ctx, q)} in {ctx.label(q.article)}" for q in clash
        )
        claim = make_claim("quote", statement, [q.id for q in group], articles, "conflicting", note)
        first, second = clash
        claim.disagreements.append(Disagreement("attribution", first.id, second.id, note))
        return claim
    credited = (
        longest if longest.speaker or longest.speaker_text else next((q for q in group if q.speaker), None)
    )
    who = f"{_speaker_label(ctx, credited)}: " if credited else ""
    statement = f"{who}{words_said} {ctx.outlets_phrase(articles)}"
    status = "corroborated" if len(ctx.sources_of(articles)) >= 2 else "single_source"
    return make_claim("quote", statement, [q.id for q in group], articles, status, None)


def _credited_apart(
    ctx: Context, group: list[Quote], canonical: dict[str, str]
) -> tuple[Quote, Quote] | None:
    """Two quotes from independent sources crediting the words to different people, if any."""
    credited = [q for q in group if named_speaker(ctx, q) and len(words(q.text)) >= MIN_CONFLICT_TOKENS]
    for i, a in enumerate(credited):
        for b in credited[i + 1 :]:
            apart = ctx.source.get(a.article, a.article) != ctx.source.get(b.article, b.article)
            if apart and canonical[a.speaker or ""] != canonical[b.speaker or ""] and not voice_of(ctx, a, b):
                # the two must give the same words themselves, not only through a third quote that
                # holds both ("a sad time for the family" and "… a sad day for the …")
                if same_words(words(a.text), words(b.text)):
                    return a, b
    return None


def named_speaker(ctx: Context, q: Quote) -> bool:
    """The article names the speaker at the quote ("manager A.J. Smith said"), where "he said" or
    "the company said" leaves it to resolution, whose guess is no ground to accuse an outlet of
    misattributing the words."""
    name = ctx.entity_name(q.speaker) if q.speaker else None
    if not name or not q.speaker_text:
        return False
    return bool(set(words(name)) & set(words(q.speaker_text)) - STOPWORDS)


def _speaker_label(ctx: Context, q: Quote) -> str:
    return ctx.entity_name(q.speaker) or q.speaker_text or "an unnamed speaker"


def voice_of(ctx: Context, a: Quote, b: Quote) -> bool:
    """One speaker is a person and the other an organisation: a spokesman and the company he speaks
    for, an owner and his club, are two ways of crediting one statement, not a misattribution."""
    kinds = {ctx.entity_type(a.speaker or ""), ctx.entity_type(b.speaker or "")}
    return "PERSON" in kinds and len(kinds) == 2
