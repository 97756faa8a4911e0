"""Disjoint sets for every stage that groups things (entities, claims, copies): networkx's, over 0..n-1."""

from __future__ import annotations

from networkx.utils import UnionFind as _NetworkxUnionFind


class UnionFind(_NetworkxUnionFind):
    """networkx's union-find over the integers 0..n-1, with `find` and the groups in a stable order."""

    def __init__(self, n: int) -> None:
        super().__init__(range(n))

    def find(self, i: int) -> int:
        return self[i]

    def groups(self) -> list[list[int]]:
        """Every set as a sorted list, the sets ordered by their smallest member."""
        return sorted(sorted(s) for s in self.to_sets())
