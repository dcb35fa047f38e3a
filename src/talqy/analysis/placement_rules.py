"""Placing one newcomer next to what a systematization run found, by the run's own rules.

A run groups proposals with its steps; a proposal that arrives later is compared only with its
neighbourhood (the stored proposals nearest to it), and the same steps decide:

1. **copy** — the run's duplicate steps, in order: exact (:class:`ExactDeduplicator`), near
   (:class:`MinHashDeduplicator`), then meaning (:class:`SemanticDeduplicator`, when the run
   was small enough to use it) over the neighbours and the newcomer; the first step that pairs
   the newcomer with a neighbour decides, the most similar partner wins.
2. **position** — the run's position finder scores the newcomer's unit against the units
   (duplicate groups) of each candidate group; average linkage joins a cluster when the mean
   scaled distance stays below 1, so the newcomer joins the closest group under that limit.
3. **nothing** — a new group of its own.

A text without a letter (empty, emoji, punctuation) is noise, as in a full run: it never joins
anything. Pure computation on lists and arrays; the storage side lives in
:mod:`talqy.systematization.placement`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from talqy.analysis.dedup import (
    Deduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    as_pairs,
    has_words,
)
from talqy.analysis.position_evidence import UnitEvidence
from talqy.analysis.positions import AgglomerativePositionFinder, PositionFinder
from talqy.analysis.semantic_dedup import SemanticDeduplicator


@dataclass(frozen=True)
class Item:
    """One proposal as the rules see it (``links``: ``(article, source)``, best first)."""

    text: str
    language: str
    vector: np.ndarray
    links: tuple[tuple[str, str], ...] = ()
    stance: str = "unclear"


@dataclass(frozen=True)
class CopyMatch:
    rule: str  # exact | near | semantic
    row: int  # index into the neighbours
    similarity: float  # cosine of the two vectors


@dataclass(frozen=True)
class GroupMatch:
    group: int  # index into the candidate groups
    distance: float  # mean scaled distance to the group's units (below 1)
    row: int  # the group's member nearest by cosine (index into its members)
    similarity: float


def nearest(vectors: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``vectors`` most similar to ``query`` (best first) and their cosines."""
    if not len(vectors) or k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    cosines = np.asarray(vectors @ query, dtype=np.float32)
    k = min(k, len(cosines))
    top = np.argpartition(-cosines, k - 1)[:k]
    order = top[np.lexsort((top, -cosines[top]))]
    return order.astype(np.int64), cosines[order]


def copy_steps(semantic: bool, random_state: int = 0) -> list[tuple[str, Deduplicator]]:
    """The duplicate steps of a full run, in order, with the rule each one stands for."""
    steps: list[tuple[str, Deduplicator]] = [
        ("exact", ExactDeduplicator()),
        ("near", MinHashDeduplicator(random_state=random_state)),
    ]
    if semantic:
        steps.append(("semantic", SemanticDeduplicator()))
    return steps


def find_copy(
    new: Item, neighbours: Sequence[Item], steps: Sequence[tuple[str, Deduplicator]]
) -> CopyMatch | None:
    """The neighbour the newcomer is a copy or rewording of, by the first step that says so."""
    if not neighbours or not has_words(new.text):
        return None
    items = [*neighbours, new]
    texts = [i.text for i in items]
    languages = [i.language for i in items]
    vectors = np.stack([i.vector for i in items]).astype(np.float32)
    last = len(neighbours)
    for rule, step in steps:
        pairs = as_pairs(step.find_pairs(texts, embeddings=vectors, languages=languages))
        partners = [int(a) for a, b in pairs.tolist() if b == last and has_words(texts[a])]
        if partners:
            cosines = {p: float(vectors[p] @ vectors[last]) for p in partners}
            best = min(partners, key=lambda p: (-cosines[p], p))
            return CopyMatch(rule, best, cosines[best])
    return None


def find_group(
    new: Item,
    candidates: Sequence[Sequence[Sequence[Item]]],
    finder: PositionFinder,
) -> GroupMatch | None:
    """The candidate group the newcomer's ask belongs to, by the position finder's distance.

    ``candidates``: per group, its units (duplicate groups), each a list of member items.
    """
    if not isinstance(finder, AgglomerativePositionFinder) or not has_words(new.text):
        return None
    units: list[int] = []
    items: list[Item] = []
    owner: list[int] = []  # group per unit
    for g, group in enumerate(candidates):
        for unit in group:
            if not unit:
                continue
            owner.append(g)
            units += [len(owner) - 1] * len(unit)
            items += list(unit)
    if not items:
        return None
    units.append(len(owner))
    items.append(new)
    evidence = UnitEvidence.build(
        np.asarray(units, dtype=np.int64),
        [i.text for i in items],
        [i.language for i in items],
        np.stack([i.vector for i in items]).astype(np.float32),
        [list(i.links) for i in items],
        [i.stance for i in items],
    )
    row = finder.unit_distances(evidence)[-1, :-1]
    owners = np.asarray(owner)
    means = [(float(row[owners == g].mean()), g) for g in sorted(set(owner))]
    distance, best = min(means)
    if distance >= 1.0:
        return None
    members = [m for unit in candidates[best] for m in unit]
    cosines = [float(m.vector @ new.vector) for m in members]
    top = int(np.argmax(cosines))
    return GroupMatch(best, distance, top, cosines[top])


def nearest_theme(themes: Sequence[str | None], cosines: Sequence[float]) -> str | None:
    """The theme of the most similar neighbour that has one (every worded text has a theme in
    a full run); ``themes`` and ``cosines`` are per neighbour, best first."""
    for theme, _ in sorted(zip(themes, cosines, strict=True), key=lambda tc: -tc[1]):
        if theme is not None:
            return theme
    return None
