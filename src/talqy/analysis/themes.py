"""Themes: clustering of duplicate-group representatives.

Steps (all fit on an ``(n, dim)`` array of L2-normalised vectors and set ``labels_``, with -1
for "no theme"):

- :class:`HDBSCANClusterer` — UMAP to a few dimensions, then HDBSCAN (``fast-hdbscan``, leaf
  selection); themes whose centroids have cosine >= ``merge_cosine`` are joined (a leaf can
  split one dense group); then outliers are given to the nearest theme centroid when their
  cosine to it is at least ``reassign_cosine``, and, if more than ``max_outlier_share`` still
  have no theme, the closest remaining outliers are given to their nearest centroid until the
  share holds. With fewer than ``min_items_for_umap`` items it falls back to
  :class:`AgglomerativeClusterer` (no numba).
- :class:`KMeansClusterer` — TruncatedSVD (optional) and MiniBatchKMeans with an automatic
  number of themes; nothing is left without a theme.

The default theme step is :class:`~talqy.analysis.theme_tree.LinkageClusterer` (two levels, the
same method at every size); these remain as options. HDBSCAN's numba code is cached on disk
(:mod:`talqy.analysis.numba_cache`).
- :class:`AgglomerativeClusterer` — average-linkage cosine clustering with a distance cut.
- :class:`NoClusterer` — one theme for everything (a no-op step).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from talqy.analysis.embedders import l2_normalize
from talqy.errors import InvalidInput


def _check(vectors: np.ndarray) -> np.ndarray:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim != 2:
        raise InvalidInput("theme clustering needs an (n, dim) array", field="embeddings")
    return arr


def centroids(vectors: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalised mean vector of every theme; returns ``(theme_ids, centroid_matrix)``."""
    ids = np.unique(labels[labels >= 0])
    if len(ids) == 0:
        return ids, np.zeros((0, vectors.shape[1]), dtype=np.float32)
    cents = np.vstack([vectors[labels == t].mean(axis=0) for t in ids])
    return ids, l2_normalize(cents)


def reassign_outliers(
    vectors: np.ndarray, labels: np.ndarray, *, min_cosine: float, max_share: float
) -> np.ndarray:
    """Give outliers (-1) to their nearest theme centroid (see module docstring)."""
    labels = labels.copy()
    outliers = np.flatnonzero(labels < 0)
    ids, cents = centroids(vectors, labels)
    if len(outliers) == 0 or len(ids) == 0:
        return labels
    sims = l2_normalize(vectors[outliers]) @ cents.T
    nearest, best = ids[sims.argmax(axis=1)], sims.max(axis=1)
    take = best >= min_cosine
    allowed = math.floor(max_share * len(labels))
    left = int((~take).sum())
    if left > allowed:
        extra = np.flatnonzero(~take)[np.argsort(-best[~take])][: left - allowed]
        take[extra] = True
    labels[outliers[take]] = nearest[take]
    return labels


def merge_close_themes(vectors: np.ndarray, labels: np.ndarray, min_cosine: float) -> np.ndarray:
    """Join themes whose centroids have cosine >= ``min_cosine`` (leaf selection can split one
    dense group into several leaves); -1 kept."""
    from talqy.analysis.unionfind import group_labels

    ids, cents = centroids(vectors, labels)
    if len(ids) < 2:
        return labels
    close = np.argwhere(np.triu(cents @ cents.T, k=1) >= min_cosine)
    joined, _ = group_labels(len(ids), close)
    mapping = dict(zip(ids.tolist(), joined.tolist(), strict=True))
    return np.array([mapping.get(int(x), -1) for x in labels], dtype=np.int64)


def renumber(labels: np.ndarray) -> np.ndarray:
    """Themes numbered 0.. by size (largest first, ties by first member); -1 kept."""
    ids, counts = np.unique(labels[labels >= 0], return_counts=True)
    first = {int(t): int(np.flatnonzero(labels == t)[0]) for t in ids}
    order = sorted(ids.tolist(), key=lambda t: (-counts[ids.tolist().index(t)], first[t]))
    mapping = {t: n for n, t in enumerate(order)}
    return np.array([mapping.get(int(x), -1) for x in labels], dtype=np.int64)


class Clusterer(BaseEstimator):
    """Base: ``fit(vectors)`` sets ``labels_``; ``fit_predict`` returns them."""

    def fit(self, vectors: np.ndarray, y: Any = None) -> Clusterer:
        raise NotImplementedError

    def fit_predict(self, vectors: np.ndarray, y: Any = None) -> np.ndarray:
        return self.fit(vectors).labels_


class NoClusterer(Clusterer):
    def fit(self, vectors: np.ndarray, y: Any = None) -> NoClusterer:
        self.labels_ = np.zeros(len(_check(vectors)), dtype=np.int64)
        return self


@dataclass(kw_only=True, eq=False, repr=False)
class AgglomerativeClusterer(Clusterer):
    """Average-linkage clustering on cosine distance, cut at ``distance_threshold``."""

    distance_threshold: float = 0.6

    def fit(self, vectors: np.ndarray, y: Any = None) -> AgglomerativeClusterer:
        arr = _check(vectors)
        if len(arr) < 2:
            self.labels_ = np.zeros(len(arr), dtype=np.int64)
            return self
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=self.distance_threshold,
        )
        self.labels_ = renumber(model.fit_predict(l2_normalize(arr) + 1e-9))
        return self


@dataclass(kw_only=True, eq=False, repr=False)
class KMeansClusterer(Clusterer):
    """TruncatedSVD + MiniBatchKMeans; ``n_themes="auto"`` picks ``sqrt(n / 2)`` clamped."""

    n_themes: int | str = "auto"
    max_themes: int = 60
    n_components: int | None = 64
    random_state: int = 0

    def _k(self, n: int) -> int:
        if self.n_themes == "auto":
            return int(min(self.max_themes, max(2, round(math.sqrt(n / 2)))))
        if not isinstance(self.n_themes, int) or self.n_themes < 1:
            raise InvalidInput("n_themes must be 'auto' or a positive integer", field="n_themes")
        return self.n_themes

    def fit(self, vectors: np.ndarray, y: Any = None) -> KMeansClusterer:
        arr = _check(vectors)
        k = min(self._k(len(arr)), len(arr))
        if k <= 1:
            self.labels_ = np.zeros(len(arr), dtype=np.int64)
            return self
        from sklearn.cluster import MiniBatchKMeans
        from sklearn.decomposition import TruncatedSVD

        if self.n_components and arr.shape[1] > self.n_components < len(arr):
            svd = TruncatedSVD(n_components=self.n_components, random_state=self.random_state)
            arr = svd.fit_transform(arr).astype(np.float32)
        model = MiniBatchKMeans(
            n_clusters=k, random_state=self.random_state, n_init=3, batch_size=4096
        )
        self.labels_ = renumber(model.fit_predict(l2_normalize(arr)))
        return self


@dataclass(kw_only=True, eq=False, repr=False)
class HDBSCANClusterer(Clusterer):
    """UMAP + HDBSCAN with outlier reassignment (see the module docstring)."""

    n_neighbors: int = 15
    n_components: int = 5
    min_cluster_size: int | None = None
    cluster_selection_method: str = "leaf"
    reassign_cosine: float = 0.3
    merge_cosine: float | None = 0.95
    max_outlier_share: float = 0.15
    min_items_for_umap: int = 15
    fallback: Clusterer | None = None
    random_state: int = 0

    def fit(self, vectors: np.ndarray, y: Any = None) -> HDBSCANClusterer:
        arr = l2_normalize(_check(vectors))
        if not 0 <= self.max_outlier_share <= 1:
            raise InvalidInput("max_outlier_share must be in [0, 1]", field="max_outlier_share")
        if len(arr) < max(self.min_items_for_umap, self.n_components + 2):
            small = self.fallback or AgglomerativeClusterer()
            self.labels_ = small.fit_predict(arr)
            return self
        reduced = self._reduce(arr)
        from fast_hdbscan import HDBSCAN  # numba cache folder set by _reduce

        size = self.min_cluster_size or max(4, round(math.sqrt(len(arr)) / 5))
        method = self.cluster_selection_method
        raw = HDBSCAN(min_cluster_size=size, cluster_selection_method=method).fit_predict(reduced)
        if (raw < 0).all():
            raw = np.zeros(len(arr), dtype=np.int64)
        if self.merge_cosine is not None:
            raw = merge_close_themes(arr, raw, self.merge_cosine)
        labels = reassign_outliers(
            arr, raw, min_cosine=self.reassign_cosine, max_share=self.max_outlier_share
        )
        self.labels_ = renumber(labels)
        return self

    def _reduce(self, arr: np.ndarray) -> np.ndarray:
        from talqy.analysis.numba_cache import ensure_numba_cache

        ensure_numba_cache()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImportWarning)  # "Tensorflow not installed"
            from umap import UMAP

        model = UMAP(
            n_neighbors=min(self.n_neighbors, len(arr) - 1),
            n_components=self.n_components,
            metric="cosine",
            min_dist=0.0,
            random_state=self.random_state,
            n_jobs=1,
        )
        return np.asarray(model.fit_transform(arr), dtype=np.float32)
