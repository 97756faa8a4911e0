"""Disjoint sets for every stage that groups things (entities, claims, copies): networkx's, over 0..n-1."""

from __future__ import annotations

from collections.abc import Iterable

from networkx.utils import UnionFind as _NetworkxUnionFind


class UnionFind(_NetworkxUnionFind):
    """networkx's union-find over the integers 0..n-1 (or over the given integers only), with `find`
    and the groups in a stable order."""

    def __init__(self, elements: int | Iterable[int]) -> None:
        super().__init__(range(elements) if isinstance(elements, int) else elements)

    def find(self, i: int) -> int:
        return self[i]

    def groups(self) -> list[list[int]]:
        """Every set as a sorted list, the sets ordered by their smallest member."""
        return sorted(sorted(s) for s in self.to_sets())
