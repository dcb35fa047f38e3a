from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from talqy.analysis.embedders import l2_normalize
from talqy.analysis.theme_tree import LinkageClusterer
from talqy.errors import InvalidInput


def nested_blobs(
    seed: int, top: int = 4, fine: int = 3, per: int = 15, dim: int = 32
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``top`` well-separated regions, each holding ``fine`` tighter blobs."""
    rng = np.random.default_rng(seed)
    regions = l2_normalize(rng.normal(size=(top, dim)))
    rows, top_truth, fine_truth = [], [], []
    for t in range(top):
        for f in range(fine):
            centre = l2_normalize(regions[t] + rng.normal(size=(1, dim)) * 0.06)[0]
            rows.append(centre + rng.normal(size=(per, dim)) * 0.03)
            top_truth += [t] * per
            fine_truth += [t * fine + f] * per
    return l2_normalize(np.vstack(rows)), np.array(top_truth), np.array(fine_truth)


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = {(int(x), int(y)) for x, y in zip(a, b, strict=True)}
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def test_two_levels_recover_nested_blobs() -> None:
    x, top, fine = nested_blobs(0)
    model = LinkageClusterer(micro_clusters=24, fine_distance=0.05, top_distance=0.5).fit(x)
    assert (model.labels_ >= 0).all()
    assert same_partition(model.labels_, top)
    assert same_partition(model.fine_labels_, fine)
    assert [int(model.parents_[f]) for f in model.fine_labels_] == model.labels_.tolist()


def test_far_items_are_outliers_within_the_share() -> None:
    x, _, _ = nested_blobs(1)
    rng = np.random.default_rng(9)
    noise = l2_normalize(rng.normal(size=(12, x.shape[1])))
    data = np.vstack([x, noise])
    labels = LinkageClusterer(micro_clusters=30, random_state=0).fit_predict(data)
    assert (labels[len(x) :] < 0).mean() >= 0.75
    assert (labels[: len(x)] >= 0).mean() >= 0.95
    capped = LinkageClusterer(micro_clusters=30, max_outlier_share=0.02).fit_predict(data)
    assert (capped < 0).sum() <= int(0.02 * len(data))


def test_at_most_max_themes_and_sample_assignment() -> None:
    x, _, _ = nested_blobs(2, top=6, fine=2, per=40)
    model = LinkageClusterer(max_themes=4, sample_size=100, random_state=3).fit(x)
    assert len(set(model.labels_[model.labels_ >= 0].tolist())) <= 4
    assert len(model.labels_) == len(x)


def test_small_inputs_and_bad_parameters() -> None:
    x, _, _ = nested_blobs(3, top=2, fine=1, per=3)
    small = LinkageClusterer().fit(x)
    assert small.labels_.tolist() == small.fine_labels_.tolist()
    assert LinkageClusterer().fit(x[:0]).labels_.tolist() == []
    for bad in ({"max_outlier_share": 2.0}, {"micro_clusters": 1}, {"max_themes": 0}):
        with pytest.raises(InvalidInput):
            LinkageClusterer(**bad).fit(x)  # type: ignore[arg-type]


def test_same_seed_same_ids_in_another_process(tmp_path: object) -> None:
    x, _, _ = nested_blobs(4, top=5, fine=3, per=20)
    here = LinkageClusterer(random_state=7).fit(x)
    path = f"{tmp_path}/x.npy"
    np.save(path, x)
    code = (
        "import sys, numpy as np; from talqy.analysis.theme_tree import LinkageClusterer;"
        f"m = LinkageClusterer(random_state=7).fit(np.load({path!r}));"
        "print(m.labels_.tolist()); print(m.fine_labels_.tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [str(here.labels_.tolist()), str(here.fine_labels_.tolist())]


def test_estimator_contract() -> None:
    import inspect
    import json

    from talqy.analysis.pipeline import describe

    step = LinkageClusterer()
    params = set(inspect.signature(LinkageClusterer.__init__).parameters) - {"self"}
    assert set(step.get_params(deep=False)) == params and "random_state" in params
    assert [k for k in vars(step) if k.endswith("_")] == []
    json.dumps(describe(step))
    with pytest.raises(InvalidInput):
        LinkageClusterer(top_linkage="single").fit(np.eye(20, dtype=np.float32))


def test_never_more_than_max_themes_even_on_scattered_data() -> None:
    scattered = l2_normalize(np.random.default_rng(5).normal(size=(300, 16)))
    model = LinkageClusterer(max_themes=6, random_state=1).fit(scattered)
    assert len(set(model.labels_[model.labels_ >= 0].tolist())) <= 6
    assert (model.labels_ < 0).mean() <= 0.15


def test_auto_micro_clusters_grow_as_the_root_of_the_items() -> None:
    """300 micro-clusters up to 5,625 items (n / 2 below 600), then 4·√n: the mean
    micro-cluster grows as √n, not n, when duplicates no longer thin the input."""
    step = LinkageClusterer()
    assert [step._k(n) for n in (10, 100, 700, 5_625, 15_000, 100_000)] == [
        8, 50, 300, 300, 490, 1265,
    ]  # fmt: skip
