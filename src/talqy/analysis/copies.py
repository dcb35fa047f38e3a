"""Embed less: exact and near copies share their representative's vector.

Copies are found without vectors: the same :func:`fold_for_hash` key (exact), and, for
embedders slow enough that it pays (``NEAR_COPIES_FOR``), MinHash-LSH near copies. Only one
text per copy group is embedded; every member gets that vector. A near copy differs from its
representative by a greeting, a signature or a typo, which the duplicate step joins anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from talqy.analysis.dedup import (
    Deduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    UnionDeduplicator,
)

NEAR_COPIES_FOR = frozenset({"e5"})


def copy_groups(
    texts: Sequence[str], *, near: bool, random_state: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``(labels, representatives)`` of exact (and, with ``near``, near) copy groups."""
    steps: list[Deduplicator] = [ExactDeduplicator()]
    if near:
        steps.append(MinHashDeduplicator(random_state=random_state))
    found = UnionDeduplicator(steps=steps).fit(list(texts))
    return found.labels_, found.representatives_


def embed_once(
    embed: Callable[[list[str]], np.ndarray],
    texts: Sequence[str],
    *,
    near: bool,
    random_state: int = 0,
) -> tuple[np.ndarray, int]:
    """One vector per text, embedding one text per copy group; returns (vectors, embedded)."""
    if not len(texts):
        return embed([]), 0
    labels, reps = copy_groups(texts, near=near, random_state=random_state)
    vectors = np.asarray(embed([texts[int(r)] for r in reps]), dtype=np.float32)
    return vectors[labels], len(reps)
