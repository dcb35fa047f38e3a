"""Positions: one ask about one provision, in every wording, language, copy and campaign.

A position sits between duplicate groups and themes. Its building blocks (*units*) are the
duplicate groups, with every group that belongs to one campaign joined into one unit, so a
campaign is always a marked part of one position. Units are then joined by average-linkage
agglomerative clustering on a distance that takes the strongest of two kinds of evidence:

- **wording** (same language): cosine distance of character n-gram TF-IDF vectors of the
  unit's texts, divided by ``lexical_distance``. Words shared by many asks (greetings,
  "I am a teacher", "thank you") weigh little; the words of the ask itself weigh much.
- **meaning** (any language): cosine distance of the unit's language-centred embedding (the
  mean of its members' vectors), divided by ``same_distance`` for units that share a language
  and by ``cross_distance`` otherwise.

The pair distance is the smaller of the two scaled distances, and units are joined while the
average distance between two clusters stays below 1. Purity comes first: a pair whose explicit
article references disagree (both name articles, none in common), or whose stances are
opposite (support against oppose), is pushed far apart (``conflict``), so average linkage never
joins two clusters through it; a unit without a single letter (emoji, punctuation) joins
nothing. Above ``max_units`` units the clustering runs per block (the ``blocks`` argument:
themes), a block too large per leading article, so time and memory stay bounded.

- :class:`AgglomerativePositionFinder` — the default described above.
- :class:`NoPositionFinder` — every unit (duplicate group or campaign) is its own position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from talqy.analysis.position_evidence import UnitEvidence
from talqy.analysis.unionfind import DisjointSet
from talqy.errors import InvalidInput


def campaign_units(
    groups: Sequence[int] | np.ndarray, campaigns: Sequence[int] | np.ndarray | None
) -> np.ndarray:
    """Unit number per item: duplicate groups, joined when they share a campaign."""
    group_ids = np.asarray(groups, dtype=np.int64)
    n_groups = int(group_ids.max()) + 1 if len(group_ids) else 0
    forest = DisjointSet(n_groups)
    if campaigns is not None:
        first: dict[int, int] = {}
        for g, c in zip(group_ids.tolist(), campaigns, strict=True):
            if c >= 0:
                forest.union(first.setdefault(int(c), g), g)
    roots = forest.roots()
    number: dict[int, int] = {}
    return np.array(
        [number.setdefault(int(roots[g]), len(number)) for g in group_ids.tolist()], dtype=np.int64
    )


@dataclass(frozen=True)
class Evidence:
    """What ``fit`` was given, per item: what the units are clustered on."""

    texts: list[str]
    languages: list[str]
    embeddings: np.ndarray | None
    articles: Sequence[Sequence[tuple[str, str]]] | None
    stances: Sequence[str] | None
    blocks: Sequence[int] | None


class PositionFinder(BaseEstimator):
    """Base step: subclasses implement :meth:`_cluster` over units."""

    def fit(
        self,
        texts: Sequence[str],
        *,
        groups: Sequence[int] | np.ndarray,
        languages: Sequence[str],
        embeddings: np.ndarray | None = None,
        campaigns: Sequence[int] | np.ndarray | None = None,
        articles: Sequence[Sequence[tuple[str, str]]] | None = None,
        stances: Sequence[str] | None = None,
        blocks: Sequence[int] | None = None,
    ) -> PositionFinder:
        """Positions for items: ``labels_`` (position per item), ``units_``, ``sizes_``.

        ``groups``: duplicate group per item; ``campaigns``: campaign per item (-1: none);
        ``articles``: per item, ``(number, source)`` links best first; ``stances`` per item;
        ``blocks``: an optional coarse grouping (e.g. theme) used only above ``max_units``.
        """
        n = len(texts)
        for name, values in (
            ("groups", groups),
            ("languages", languages),
            ("campaigns", campaigns),
            ("articles", articles),
            ("stances", stances),
            ("blocks", blocks),
            ("embeddings", embeddings),
        ):
            if values is not None and len(values) != n:
                raise InvalidInput(f"{name} and texts differ in length", field=name)
        self._validate()
        self.units_ = campaign_units(groups, campaigns)
        given = Evidence(list(texts), list(languages), embeddings, articles, stances, blocks)
        unit_labels = self._cluster(given)
        order: dict[int, int] = {}
        self.labels_ = np.array(
            [order.setdefault(int(unit_labels[u]), len(order)) for u in self.units_.tolist()],
            dtype=np.int64,
        )
        self.sizes_ = np.bincount(self.labels_, minlength=len(order))
        return self

    def fit_predict(self, texts: Sequence[str], **kwargs: Any) -> np.ndarray:
        return self.fit(texts, **kwargs).labels_

    def _validate(self) -> None:
        return None

    def _cluster(self, given: Evidence) -> np.ndarray:
        raise NotImplementedError


class NoPositionFinder(PositionFinder):
    """Every duplicate group (a whole campaign counting as one) is its own position."""

    def _cluster(self, given: Evidence) -> np.ndarray:
        return np.arange(int(self.units_.max()) + 1 if len(self.units_) else 0)


@dataclass(kw_only=True, eq=False, repr=False)
class AgglomerativePositionFinder(PositionFinder):
    """Average-linkage clustering of units on wording and meaning (module docstring).

    ``lexical_distance``: TF-IDF cosine distance that counts as "the same ask" within one
    language; ``same_distance`` / ``cross_distance``: the same for language-centred embedding
    cosine distance, within one language / across languages; ``conflict``: the scaled
    distance given to pairs with disagreeing explicit articles or opposite stances;
    ``max_units``: above this many units, cluster per block.
    """

    lexical_distance: float = 0.6
    same_distance: float = 0.3
    cross_distance: float = 0.7
    check_articles: bool = True
    check_stance: bool = True
    conflict: float = 4.0
    max_units: int = 3_000

    def _validate(self) -> None:
        for name in ("lexical_distance", "same_distance", "cross_distance"):
            if not 0 <= getattr(self, name) <= 2:
                raise InvalidInput(f"{name} must be in [0, 2]", field=name)
        if self.conflict <= 1:
            raise InvalidInput("conflict must be above 1", field="conflict")
        if not isinstance(self.max_units, int) or self.max_units < 2:
            raise InvalidInput("max_units must be an integer of at least 2", field="max_units")

    def _cluster(self, given: Evidence) -> np.ndarray:
        units = UnitEvidence.build(
            self.units_,
            given.texts,
            given.languages,
            given.embeddings,
            given.articles,
            given.stances,
        )
        labels = np.zeros(units.count, dtype=np.int64)
        offset = 0
        for block in self._blocks(units, given.blocks):
            found = self._cluster_block(units, block)
            labels[block] = found + offset
            offset += int(found.max()) + 1
        return labels

    def _blocks(self, units: UnitEvidence, blocks: Sequence[int] | None) -> list[np.ndarray]:
        """All units at once, or (above ``max_units``) per block, then per leading article,
        then in slices of at most ``max_units``."""
        everything = np.arange(units.count)
        if units.count <= self.max_units:
            return [everything]
        key = np.zeros(units.count, dtype=np.int64)
        if blocks is not None:
            votes = [Counter(int(blocks[i]) for i in members) for members in units.members]
            key = np.array([min(v, key=lambda b: (-v[b], b)) for v in votes], dtype=np.int64)
        out = []
        for value in np.unique(key):
            rows = everything[key == value]
            if len(rows) <= self.max_units:
                out.append(rows)
                continue
            leads = np.array([units.leads[r] for r in rows.tolist()], dtype=object)
            for lead in sorted(set(leads.tolist())):
                part = rows[leads == lead]
                out += [part[s : s + self.max_units] for s in range(0, len(part), self.max_units)]
        return out

    def _cluster_block(self, units: UnitEvidence, rows: np.ndarray) -> np.ndarray:
        if len(rows) < 2:
            return np.zeros(len(rows), dtype=np.int64)
        from sklearn.cluster import AgglomerativeClustering

        distance = self._distances(units, rows)
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0
        )
        return np.asarray(model.fit_predict(distance), dtype=np.int64)

    def unit_distances(self, units: UnitEvidence) -> np.ndarray:
        """Scaled distances between every pair of ``units`` as the clustering sees them (below
        1: the same ask); used to place a newcomer next to positions found earlier."""
        self._validate()
        return self._distances(units, np.arange(units.count))

    def _distances(self, units: UnitEvidence, rows: np.ndarray) -> np.ndarray:
        shared = units.shared_language(rows)
        f32 = np.float32
        lexical = (f32(1) - units.lexical_similarity(rows)) / f32(max(self.lexical_distance, 1e-9))
        scaled = np.where(shared, lexical, f32(np.inf))
        del lexical
        if units.vectors is not None:
            vec = units.vectors[rows]
            cosine = f32(1) - np.clip(vec @ vec.T, -1.0, 1.0)
            same, cross = f32(max(self.same_distance, 1e-9)), f32(max(self.cross_distance, 1e-9))
            cosine /= np.where(shared, same, cross)
            np.minimum(scaled, cosine, out=scaled)
            del cosine
        np.minimum(scaled, f32(self.conflict), out=scaled)
        if self.check_articles:
            scaled[units.article_conflicts(rows)] = self.conflict
        if self.check_stance:
            scaled[units.stance_conflicts(rows)] = self.conflict
        alone = units.wordless(rows)
        scaled[alone, :] = self.conflict
        scaled[:, alone] = self.conflict
        np.fill_diagonal(scaled, 0.0)
        return scaled.astype(np.float64)


# Scaled-distance limits per embedder (tuned on dev and generated data, see docs/positions.md).
DISTANCES: dict[str, dict[str, float]] = {
    "e5": {"lexical_distance": 0.6, "same_distance": 0.3, "cross_distance": 0.7},
    "static": {"lexical_distance": 0.6, "same_distance": 0.3, "cross_distance": 0.6},
    "hashing": {"lexical_distance": 0.6, "same_distance": 0.0, "cross_distance": 0.0},
}


def make_position_finder(name: str, embedder: str) -> PositionFinder:
    """The position step for ``name`` (``"auto"`` or ``"none"``), tuned for ``embedder``."""
    if name == "none":
        return NoPositionFinder()
    if name != "auto":
        raise InvalidInput(f"unknown position method {name!r}", field="positions")
    limits = DISTANCES.get(embedder, DISTANCES["hashing"])
    return AgglomerativePositionFinder(
        lexical_distance=limits["lexical_distance"],
        same_distance=limits["same_distance"],
        cross_distance=limits["cross_distance"],
    )
