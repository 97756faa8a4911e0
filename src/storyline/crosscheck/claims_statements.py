"""Aligning the statements of one story's articles into claims, at two levels.

- **Happenings** (claims of kind `event`): sentences of different outlets that
  report the same real event — "the quake struck at dawn" and "the quake killed
  five" both tell of the quake. Pairs found by nearest-neighbour search are
  scored by the pair model fitted on ECB+ event links; groups grow best pair
  first, and a join is refused when the two groups' mean embeddings are too far
  apart, so one loose pair cannot chain two happenings together.
- **Facts** (claims of kind `statement`): inside one happening, the sentences
  that say the same thing — most of their words in common, or the same figure,
  or the same predicate of the same subject. Only these are compared for
  disagreements: two sentences about one event that say different things do not
  contradict each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.crosscheck.claims import Context, make_claim
from storyline.crosscheck.statement_pairs import (
    LIGHT_VERBS,
    StatementSpace,
    candidate_pairs,
    inflected_in,
    pair_features,
    probability,
)
from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Claim, Statement

if TYPE_CHECKING:
    import numpy as np

# Fitted on ECB+ dev topics (eval/fit_alignment.py); topics divisible by 3 are held out.
JOIN_PROBABILITY = 0.7  # a pair this likely to report the same event may join two groups
# The mean embeddings of two groups must be at least this alike for them to join.
GROUP_COSINE = 0.45
MAX_MEMBERS = 40  # a happening larger than this is a topic, not one event
# Of the pairs across two groups, the share the pair model must find likely (LINKED_PROBABILITY) for
# the groups to join: a happening is not one sentence's neighbours chained to another's. Chosen on the
# ECB+ dev topics: dev link precision 0.802 -> 0.821 at recall 0.556 -> 0.544 (any probability from
# 0.3 to 0.6 gives the same); shares of 0.3 and 0.5 cost a fifth and a third of the recall.
LINKED_SHARE = 0.15
LINKED_PROBABILITY = 0.5
# Two sentences with one telling verb of one subject join at this cosine: a sentence and its denial
# ("was inspected", "had not been inspected since 2019") are less alike to the embeddings than
# two tellings of one fact. ECB+ dev scores are the same at 0.3 and 0.4; 0.4 is the more cautious.
TOLD_COSINE = 0.4
# One fact: most content words shared (TF-IDF cosine), or a shared specific figure with some words,
# or the same predicate of the same subject or object with some words.
FACT_WORDS = 0.3
FACT_WORDS_UNTOLD = 0.45  # when a light verb ("is", "has") says nothing of what the sentence tells
FACT_WORDS_WITH_FIGURE = 0.1
FACT_WORDS_WITH_PREDICATE = 0.15
FACT_LINKED_SHARE = 0.5  # of the pairs across two groups that must say the same thing for them to join
FACT_MAX_MEMBERS = 25
# Words of a readable claim sentence: the clearest member is one of moderate length.
CLEAR_WORDS = (8, 40)


def scored_pairs(space: StatementSpace, rows: Sequence[int]) -> list[tuple[float, int, int, float, float]]:
    """(probability, i, j, embedding cosine, TF-IDF cosine) of every candidate pair among `rows`."""
    return [
        (probability(pair_features(space, i, j, cos, tf)), i, j, cos, tf)
        for i, j, cos, tf in candidate_pairs(space, rows)
    ]


def group_statements(space: StatementSpace, pairs: list[tuple[float, int, int]]) -> list[list[int]]:
    """Groups of statement indexes, best pair first, refusing joins of groups that drifted apart.

    A join needs a likely pair and groups whose mean embeddings stay alike, so one
    loose pair cannot chain two different facts into one claim; a group stops
    growing at MAX_MEMBERS, past which it would be a topic rather than a fact.
    """

    uf = _pair_sets(pairs)
    likely: dict[int, set[int]] = {}  # each statement's candidates the pair model finds likely
    for p, i, j in pairs:
        if p >= LINKED_PROBABILITY:
            likely.setdefault(i, set()).add(j)
            likely.setdefault(j, set()).add(i)
    centre: dict[int, np.ndarray] = {}
    members: dict[int, list[int]] = {}
    for p, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p < JOIN_PROBABILITY:
            break
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        ci, cj = centre.get(ri, space.embeddings[i]), centre.get(rj, space.embeddings[j])
        gi, gj = members.get(ri, [i]), members.get(rj, [j])
        si, sj = len(gi), len(gj)
        if si + sj > MAX_MEMBERS:
            continue
        cosine = _cosine(ci, cj)
        if cosine < GROUP_COSINE and not (si == sj == 1 and cosine >= TOLD_COSINE and _told_of(space, i, j)):
            continue
        if _linked(likely, gi, gj) < LINKED_SHARE * si * sj:
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        centre[root] = (ci * si + cj * sj) / (si + sj)
        members[root] = gi + gj
    return [g for g in uf.groups() if len(g) > 1]


def _linked(likely: dict[int, set[int]], one: list[int], other: list[int]) -> int:
    """How many pairs across two groups the pair model finds likely (through each member's own
    candidates, so the cost follows the bounded candidate lists, not the product of the sizes)."""
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    large_set = set(large)
    return sum(len(likely.get(x, set()) & large_set) for x in small)


def _told_of(space: StatementSpace, i: int, j: int) -> bool:
    """One telling verb of one subject: "the dam was inspected", "the dam had not been inspected"."""
    a, b = space.statements[i], space.statements[j]
    telling = a.predicate is not None and a.predicate == b.predicate and a.predicate not in LIGHT_VERBS
    return telling and a.subject is not None and a.subject == b.subject


def _pair_sets(pairs: list[tuple[float, int, int]]) -> UnionFind:
    """Disjoint sets over the statements some pair names: the work follows one story's pairs, not
    every statement of the input once per story."""
    return UnionFind(sorted({i for _p, a, b in pairs for i in (a, b)}))


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def align_statements(ctx: Context, space: StatementSpace, rows: Sequence[int]) -> list[Claim]:
    """Event claims (one happening) and statement claims (one fact) for one story's statements."""
    pairs = scored_pairs(space, rows)
    claims = []
    happening_of: dict[int, int] = {}
    for n, group in enumerate(group_statements(space, [(p, i, j) for p, i, j, _c, _t in pairs])):
        happening_of.update((i, n) for i in group)
        if len({space.statements[i].article for i in group}) >= 2:
            claims.append(statement_claim(ctx, space, group, kind="event"))
    facts = [
        (p, i, j)
        for p, i, j, _cos, words in pairs
        if p >= JOIN_PROBABILITY
        and happening_of.get(i, -1) == happening_of.get(j, -2)
        and same_fact(space, i, j, words)
    ]
    for group in group_facts(space, facts):
        if len({space.statements[i].article for i in group}) >= 2:
            claims.append(statement_claim(ctx, space, group))
    return claims


def same_fact(space: StatementSpace, i: int, j: int, words: float) -> bool:
    """Whether two statements of one happening say the same thing, not merely tell of the same event."""
    a, b = space.statements[i], space.statements[j]
    verbs = _predicates_agree(a, b)
    if verbs is False:
        return False  # "Reyne said the repairs would cost…" and "Reyne visited the village" share a name only
    if words >= (FACT_WORDS if verbs else FACT_WORDS_UNTOLD):
        return True
    shared = {v for v in space.values[i] & space.values[j] if v >= 10 or v != int(v)}
    if shared and words >= FACT_WORDS_WITH_FIGURE:
        return True
    telling = a.predicate is not None and a.predicate == b.predicate and a.predicate not in LIGHT_VERBS
    same_subject = a.subject is not None and a.subject == b.subject
    agents = same_subject or (a.object is not None and a.object == b.object)
    return telling and agents and words >= FACT_WORDS_WITH_PREDICATE


def _predicates_agree(a: Statement, b: Statement) -> bool | None:
    """True for the same telling verb or one's verb written in the other, False for two different ones,
    None when a verb is too light to tell anything ("is", "has"): then the words alone decide."""
    verbs = [s.predicate for s in (a, b)]
    if verbs[0] == verbs[1] and verbs[0] is not None and verbs[0] not in LIGHT_VERBS:
        return True
    if any(v is None or v in LIGHT_VERBS or not v.isalpha() for v in verbs):
        return None
    return any(_written_in(one.predicate or "", other.text) for one, other in ((a, b), (b, a)))


def _written_in(verb: str, text: str) -> bool:
    """The verb, inflected, among the text's words ("check" in "checked into"), if its stem has 3 letters."""
    stem_length = len(verb) - verb.endswith("e")
    return stem_length >= 3 and inflected_in(verb, text.lower().split())


def group_facts(space: StatementSpace, pairs: list[tuple[float, int, int]]) -> list[list[int]]:
    """Groups of statements that say one thing, best pair first.

    Two groups join only when at least half of the pairs across them say the same
    thing, so one sentence that shares a name with two others cannot chain
    different facts about that person into one claim.
    """
    linked = {(i, j) for _p, i, j in pairs} | {(j, i) for _p, i, j in pairs}
    uf = _pair_sets(pairs)
    members: dict[int, list[int]] = {}
    for _p, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        gi, gj = members.get(ri, [i]), members.get(rj, [j])
        if len(gi) + len(gj) > FACT_MAX_MEMBERS:
            continue
        across = sum((x, y) in linked for x in gi for y in gj)
        if across < FACT_LINKED_SHARE * len(gi) * len(gj):
            continue
        uf.union(ri, rj)
        members[uf.find(ri)] = gi + gj
    return [g for g in uf.groups() if len(g) > 1]


def statement_claim(ctx: Context, space: StatementSpace, group: list[int], kind: str = "statement") -> Claim:
    """A claim of `kind` over some statements, read as its clearest member."""
    members = [space.statements[i] for i in group]
    articles = [s.article for s in members]
    status = "corroborated" if len(ctx.sources_of(articles)) >= 2 else "single_source"
    text = clearest(space, group)
    return make_claim(kind, text, [s.id for s in members], articles, status, None)


def clearest(space: StatementSpace, group: list[int]) -> str:
    """The member closest to the group's meaning, preferring plain, moderately long sentences."""
    import numpy as np

    centre = space.embeddings[group].mean(axis=0)

    def score(i: int) -> tuple[int, float]:
        s: Statement = space.statements[i]
        n = len(s.text.split())
        plain = CLEAR_WORDS[0] <= n <= CLEAR_WORDS[1] and not s.hedged and s.text[-1:] in ".!\"”'’"
        return int(plain), float(np.dot(space.embeddings[i], centre))

    best = max(group, key=score)
    return " ".join(space.statements[best].text.split())
