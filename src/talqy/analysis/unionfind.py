"""A disjoint-set forest over item indexes, and grouping helpers built on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


class DisjointSet:
    """Union-find with path halving and union by size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def union_pairs(self, pairs: Iterable[tuple[int, int]] | np.ndarray) -> None:
        for a, b in pairs:
            self.union(int(a), int(b))

    def roots(self) -> np.ndarray:
        return np.array([self.find(i) for i in range(len(self.parent))], dtype=np.int64)


def group_labels(
    n: int, pairs: Iterable[tuple[int, int]] | np.ndarray, order: Sequence[float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of ``pairs`` over ``n`` items.

    Returns ``(labels, representatives)``: ``labels[i]`` is the group number of item ``i``
    (groups numbered by their representative's position), ``representatives[g]`` the item that
    stands for group ``g``: the smallest ``order`` value (e.g. submission time), ties broken by
    the item's index.
    """
    forest = DisjointSet(n)
    forest.union_pairs(pairs)
    roots = forest.roots()
    keys = np.arange(n, dtype=np.float64) if order is None else np.asarray(order, np.float64)
    rank = np.lexsort((np.arange(n), keys))  # items sorted by (order, index)
    best: dict[int, int] = {}
    for item in rank.tolist():
        best.setdefault(int(roots[item]), item)
    reps = np.array(sorted(best.values()), dtype=np.int64)
    number = {int(roots[r]): g for g, r in enumerate(reps.tolist())}
    labels = np.array([number[int(r)] for r in roots.tolist()], dtype=np.int64)
    return labels, reps
