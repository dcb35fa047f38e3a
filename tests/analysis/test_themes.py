from __future__ import annotations

import numpy as np
import pytest

from talqy.analysis.embedders import l2_normalize
from talqy.analysis.themes import (
    AgglomerativeClusterer,
    HDBSCANClusterer,
    KMeansClusterer,
    NoClusterer,
    merge_close_themes,
    reassign_outliers,
)
from talqy.errors import InvalidInput


def blobs(seed: int, per: int = 20, k: int = 4, dim: int = 24) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = l2_normalize(rng.normal(size=(k, dim)))
    truth = np.repeat(np.arange(k), per)
    return l2_normalize(centres[truth] + rng.normal(size=(k * per, dim)) * 0.05), truth


def agree(a: np.ndarray, b: np.ndarray) -> bool:
    return all(len(set(a[b == t].tolist())) == 1 for t in set(b.tolist())) and len(
        set(a.tolist())
    ) == len(set(b.tolist()))


def test_kmeans_finds_blobs_reproducibly() -> None:
    x, truth = blobs(0)
    labels = KMeansClusterer(n_themes=4, random_state=3).fit_predict(x)
    assert agree(labels, truth)
    assert labels.tolist() == KMeansClusterer(n_themes=4, random_state=3).fit_predict(x).tolist()
    with pytest.raises(InvalidInput):
        KMeansClusterer(n_themes=0).fit(x)


def test_agglomerative_small_input_and_noop() -> None:
    x, truth = blobs(1, per=3)
    assert agree(AgglomerativeClusterer(distance_threshold=0.5).fit_predict(x), truth)
    assert AgglomerativeClusterer().fit_predict(x[:1]).tolist() == [0]
    assert NoClusterer().fit_predict(x).tolist() == [0] * len(x)


def test_hdbscan_falls_back_below_min_items_without_umap() -> None:
    x, truth = blobs(2, per=3)
    small = AgglomerativeClusterer(distance_threshold=0.3)
    assert agree(HDBSCANClusterer(fallback=small).fit_predict(x), truth)


def test_reassign_outliers_respects_share() -> None:
    x, _ = blobs(3, per=10)
    labels = np.where(np.arange(40) % 2 == 0, np.repeat(np.arange(4), 10), -1)
    out = reassign_outliers(x, labels, min_cosine=1.1, max_share=0.15)
    assert (out < 0).sum() == 6  # floor(0.15 * 40)
    assert (out[labels >= 0] == labels[labels >= 0]).all()
    assert (reassign_outliers(x, labels, min_cosine=-1.0, max_share=0.15) >= 0).all()


@pytest.mark.slow
def test_hdbscan_with_umap_on_blobs() -> None:
    x, truth = blobs(4, per=25)
    labels = HDBSCANClusterer(random_state=0).fit_predict(x)
    assert (labels < 0).mean() <= 0.15
    assert agree(labels, truth)


def test_merge_close_themes_joins_split_blobs_only() -> None:
    x, truth = blobs(5, per=10)
    split = np.where(np.arange(40) % 2 == 0, truth, truth + 4)  # every blob cut in two
    split[0] = -1
    merged = merge_close_themes(x, split, 0.95)
    assert merged[0] == -1
    assert agree(merged[1:], truth[1:])
    assert len(set(merge_close_themes(x, split, 1.01).tolist())) == 9  # nothing joined
