"""Aligning the statements of one story's articles into claims: sentences that say the same thing.

Pairs found by nearest-neighbour search are scored by the fitted pair model;
groups grow best pair first, and a join is refused when the two groups' mean
embeddings are too far apart, so one loose pair cannot chain two different
facts into one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.crosscheck.claims import Context, make_claim
from storyline.crosscheck.statement_pairs import StatementSpace, candidate_pairs, pair_features, probability
from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Claim, Statement

if TYPE_CHECKING:
    import numpy as np

# Fitted on ECB+ dev topics (eval/fit_alignment.py); topics divisible by 3 are held out.
JOIN_PROBABILITY = 0.7  # a pair this likely to report the same thing may join two groups
# The mean embeddings of two groups must be at least this alike for them to join.
GROUP_COSINE = 0.45
MAX_MEMBERS = 40  # a claim larger than this is a topic, not one fact
# Words of a readable claim sentence: the clearest member is one of moderate length.
CLEAR_WORDS = (8, 40)


def scored_pairs(space: StatementSpace, rows: Sequence[int]) -> list[tuple[float, int, int]]:
    """(probability, i, j) of every candidate pair among `rows` (indexes into the space)."""
    return [
        (probability(pair_features(space, i, j, cos, tf)), i, j)
        for i, j, cos, tf in candidate_pairs(space, rows)
    ]


def group_statements(space: StatementSpace, pairs: list[tuple[float, int, int]]) -> list[list[int]]:
    """Groups of statement indexes, best pair first, refusing joins of groups that drifted apart.

    A join needs a likely pair and groups whose mean embeddings stay alike, so one
    loose pair cannot chain two different facts into one claim; a group stops
    growing at MAX_MEMBERS, past which it would be a topic rather than a fact.
    """

    uf = UnionFind(len(space.statements))
    centre: dict[int, np.ndarray] = {}
    size: dict[int, int] = {}
    for p, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p < JOIN_PROBABILITY:
            break
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        ci, cj = centre.get(ri, space.embeddings[i]), centre.get(rj, space.embeddings[j])
        si, sj = size.get(ri, 1), size.get(rj, 1)
        if si + sj > MAX_MEMBERS or _cosine(ci, cj) < GROUP_COSINE:
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        centre[root] = (ci * si + cj * sj) / (si + sj)
        size[root] = si + sj
    return [g for g in uf.groups() if len(g) > 1]


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def align_statements(ctx: Context, space: StatementSpace, rows: Sequence[int]) -> list[Claim]:
    """Statement claims for one story: groups that span at least two articles."""
    claims = []
    for group in group_statements(space, scored_pairs(space, rows)):
        members = [space.statements[i] for i in group]
        if len({s.article for s in members}) < 2:
            continue
        claims.append(statement_claim(ctx, space, group))
    return claims


def statement_claim(ctx: Context, space: StatementSpace, group: list[int]) -> Claim:
    members = [space.statements[i] for i in group]
    articles = [s.article for s in members]
    status = "corroborated" if len(ctx.sources_of(articles)) >= 2 else "single_source"
    text = clearest(space, group)
    return make_claim("statement", text, [s.id for s in members], articles, status, None)


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
