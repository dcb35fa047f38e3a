"""Two-level themes at every size: k-means micro-clusters joined by average linkage.

:class:`LinkageClusterer` is the default theme step. It works on the vectors as they are (no
UMAP: the static and e5 vectors are already compact), uses no numba, and is the same method
from a hundred items to hundreds of thousands:

1. **Micro-clusters.** k-means (k-means++ seeded by ``random_state``) with
   ``micro_clusters`` centres (``"auto"``: 4·√n, at least 300 and at most n / 2, so the mean
   micro-cluster grows as √n instead of n: 300 up to 5,625 items, 490 at 15,000, 1,265 at
   100,000) is fitted on a sample of at most ``sample_size`` items (all of
   them when fewer); every item is then assigned to its nearest centre, and the centres are
   recomputed as the normalised mean of their items.
2. **Fine themes.** Average-linkage clustering of the micro-centres on cosine distance, cut at
   ``fine_distance``.
3. **Top themes.** A tree (``top_linkage``) over the fine themes, cut at ``top_distance`` or,
   when that gives more, where ``max_themes`` themes of at least ``min_theme_size`` items
   appear; smaller clusters join the nearest of the ``max_themes`` largest. Every fine theme
   lies inside one top theme (``parents_``).
4. **Outliers, honestly.** An item is left without a theme (-1 in both levels) when its cosine
   to its fine theme's centre is below ``outlier_cosine``, and so is every item of a top theme
   smaller than ``min_theme_size``. At most ``max_outlier_share`` of the items are left out
   (the closest ones are kept).

Themes are numbered by size (largest first); ties and near-ties are broken by the first
member's position, and similarities are rounded to 6 decimals before any comparison, so the
same input and ``random_state`` give the same ids in any process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from talqy.analysis.embedders import l2_normalize
from talqy.analysis.themes import AgglomerativeClusterer, Clusterer, _check, renumber
from talqy.errors import InvalidInput

_BLOCK = 8192


def nearest(vectors: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of and (rounded) cosine to the nearest centre for every row, in blocks."""
    which = np.empty(len(vectors), dtype=np.int64)
    best = np.empty(len(vectors), dtype=np.float64)
    for start in range(0, len(vectors), _BLOCK):
        sims = np.round((vectors[start : start + _BLOCK] @ centres.T).astype(np.float64), 6)
        which[start : start + _BLOCK] = sims.argmax(axis=1)
        best[start : start + _BLOCK] = sims.max(axis=1)
    return which, best


def mean_centres(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Normalised mean vector of each label 0..k-1 (float64 sums, fixed order)."""
    sums = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, vectors.astype(np.float64))
    return l2_normalize(sums)


@dataclass(kw_only=True, eq=False, repr=False)
class LinkageClusterer(Clusterer):
    """k-means micro-clusters, average linkage into fine and top themes (module docstring).

    After ``fit``: ``labels_`` (top theme per item, -1 none), ``fine_labels_`` (fine theme per
    item, -1 none) and ``parents_`` (top theme of every fine theme).
    """

    micro_clusters: int | str = "auto"
    sample_size: int = 20_000
    fine_distance: float = 0.5
    top_distance: float = 0.7
    max_themes: int = 30
    top_linkage: str = "average"
    min_theme_size: int = 5
    outlier_cosine: float = 0.35
    max_outlier_share: float = 0.15
    min_items: int = 15
    random_state: int = 0

    def _validate(self) -> None:
        if not 0 <= self.max_outlier_share <= 1:
            raise InvalidInput("max_outlier_share must be in [0, 1]", field="max_outlier_share")
        if self.top_linkage not in ("average", "ward", "complete", "weighted"):
            raise InvalidInput(
                "top_linkage must be average, ward, complete or weighted", field="themes"
            )
        if self.max_themes < 1 or self.sample_size < 2:
            raise InvalidInput("max_themes and sample_size must be positive", field="themes")
        if self.micro_clusters != "auto" and (
            not isinstance(self.micro_clusters, int) or self.micro_clusters < 2
        ):
            raise InvalidInput("micro_clusters must be 'auto' or an integer >= 2", field="themes")

    def _k(self, n: int) -> int:
        """``"auto"``: 4·√n micro-clusters, at least 300 (and at most n / 2, at least 8)."""
        if self.micro_clusters == "auto":
            return int(min(max(300, round(4 * math.sqrt(n))), max(8, n // 2)))
        return int(self.micro_clusters)

    def fit(self, vectors: np.ndarray, y: Any = None) -> LinkageClusterer:
        self._validate()
        arr = l2_normalize(_check(vectors))
        if len(arr) < self.min_items:
            small = AgglomerativeClusterer().fit_predict(arr) if len(arr) else np.zeros(0)
            self.labels_ = self.fine_labels_ = np.asarray(small, dtype=np.int64)
            self.parents_ = np.arange(int(self.labels_.max(initial=-1)) + 1, dtype=np.int64)
            return self
        micro, centres = self._micro(arr)
        fine_of_micro, top_of_fine = self._tree(centres, np.bincount(micro).astype(np.float64))
        fine = fine_of_micro[micro]
        top = top_of_fine[fine]
        keep = self._inliers(arr, fine, top)
        fine = np.where(keep, fine, -1)
        top = np.where(keep, top, -1)
        self.labels_ = renumber(top)
        self.fine_labels_ = renumber(fine)
        parents = {}
        for f, t in zip(self.fine_labels_.tolist(), self.labels_.tolist(), strict=True):
            if f >= 0:
                parents[f] = t
        self.parents_ = np.array([parents[f] for f in range(len(parents))], dtype=np.int64)
        return self

    def _micro(self, arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits

        rng = np.random.default_rng(self.random_state)
        n = len(arr)
        sample = np.sort(rng.choice(n, size=min(self.sample_size, n), replace=False))
        k = min(self._k(n), len(sample))
        with threadpool_limits(limits=1):  # the same sums in any process, and no oversubscription
            model = KMeans(n_clusters=k, n_init=1, max_iter=50, random_state=self.random_state).fit(
                arr[sample]
            )
        micro, _ = nearest(arr, l2_normalize(model.cluster_centers_))
        used, micro = np.unique(micro, return_inverse=True)
        return micro.astype(np.int64), mean_centres(arr, micro, len(used))

    def _tree(self, centres: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Fine theme of every micro-cluster, and top theme of every fine theme."""
        if len(centres) < 2:
            zero = np.zeros(len(centres), dtype=np.int64)
            return zero, zero
        from scipy.cluster.hierarchy import fcluster, linkage

        tree = linkage(centres.astype(np.float64), method="average", metric="cosine")
        fine = fcluster(tree, t=self.fine_distance, criterion="distance") - 1
        fine_sizes = np.bincount(fine, weights=sizes).astype(np.int64)
        fine_centres = mean_centres(centres * sizes[:, None], fine, int(fine.max()) + 1)
        return fine.astype(np.int64), self._top(fine_centres, fine_sizes)

    def _top(self, centres: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """Top theme of every fine theme: the tree over fine themes cut at ``top_distance``, or,
        when that gives more than ``max_themes`` themes of at least ``min_theme_size`` items,
        cut into the fewest clusters that hold ``max_themes`` such themes (the small rest
        become outliers)."""
        if len(centres) < 2:
            return np.zeros(len(centres), dtype=np.int64)
        from scipy.cluster.hierarchy import fcluster, linkage

        ward = self.top_linkage == "ward"
        tree = linkage(
            centres.astype(np.float64),
            method=self.top_linkage,
            metric="euclidean" if ward else "cosine",
        )

        def real(labels: np.ndarray) -> int:
            return int((np.bincount(labels, weights=sizes) >= self.min_theme_size).sum())

        top = fcluster(tree, t=self.top_distance, criterion="distance")
        if ward or real(top) > self.max_themes:
            for t in range(self.max_themes, len(centres) + 1):
                top = fcluster(tree, t=t, criterion="maxclust")
                if real(top) >= self.max_themes:
                    break
        return self._fold_small(centres, sizes, (top - 1).astype(np.int64))

    def _fold_small(self, centres: np.ndarray, sizes: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Keep the ``max_themes`` largest top themes; every other one joins the kept theme
        whose centre is nearest (so there are never more than ``max_themes``)."""
        weight = np.bincount(top, weights=sizes)
        order = sorted(range(len(weight)), key=lambda t: (-weight[t], t))
        kept = np.array(order[: self.max_themes], dtype=np.int64)
        if len(kept) == len(weight):
            return top
        top_centres = mean_centres(centres * sizes[:, None], top, len(weight))
        nearest_kept, _ = nearest(top_centres.astype(np.float32), top_centres[kept])
        mapping = kept[nearest_kept]
        mapping[kept] = kept
        return mapping[top]

    def _inliers(self, arr: np.ndarray, fine: np.ndarray, top: np.ndarray) -> np.ndarray:
        centres = mean_centres(arr, fine, int(fine.max()) + 1)
        cosine = np.round(np.einsum("ij,ij->i", arr, centres[fine].astype(np.float32)), 6)
        sizes = np.bincount(top)
        keep = (cosine >= self.outlier_cosine) & (sizes[top] >= self.min_theme_size)
        allowed = math.floor(self.max_outlier_share * len(arr))
        dropped = np.flatnonzero(~keep)
        if len(dropped) > allowed:
            order = np.lexsort((dropped, -cosine[dropped]))
            keep[dropped[order[: len(dropped) - allowed]]] = True
        return keep
