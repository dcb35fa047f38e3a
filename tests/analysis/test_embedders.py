from __future__ import annotations

import numpy as np
import pytest

from talqy.analysis.embedders import (
    E5Embedder,
    HashingEmbedder,
    center_by_group,
    get_embedder,
    l2_normalize,
)
from talqy.errors import InvalidInput


def test_hashing_shape_norm_and_determinism() -> None:
    emb = HashingEmbedder(dim=256)
    texts = ["Салықты төмендету керек", "салықты төмендету керек!", "Совсем другое", ""]
    a, b = emb.embed(texts), HashingEmbedder(dim=256).embed(texts)
    assert a.shape == (4, 256) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a[:3], axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, b)
    assert not a[3].any()  # empty text stays a zero row
    sims = a @ a.T
    assert sims[0, 1] > 0.99 > sims[0, 2]


def test_hashing_empty_input_and_bad_params() -> None:
    assert HashingEmbedder().embed([]).shape == (0, 512)
    with pytest.raises(InvalidInput):
        HashingEmbedder(ngram_range=(3, 2)).embed(["x"])
    with pytest.raises(InvalidInput):
        HashingEmbedder().embed("not a list")  # type: ignore[arg-type]


def test_registry() -> None:
    assert isinstance(get_embedder("hashing"), HashingEmbedder)
    assert isinstance(get_embedder("e5"), E5Embedder)
    with pytest.raises(InvalidInput) as info:
        get_embedder("word2vec")
    assert info.value.field == "embedder"


def test_version_changes_with_params() -> None:
    assert HashingEmbedder(dim=128).version != HashingEmbedder(dim=256).version
    assert HashingEmbedder().identity()["name"] == "hashing"


def test_center_by_group_removes_language_offset() -> None:
    rng = np.random.default_rng(0)
    topics = l2_normalize(rng.normal(size=(10, 16)))
    offset = np.zeros(16, dtype=np.float32)
    offset[0] = 3.0
    vectors = l2_normalize(np.vstack([topics, topics + offset]))
    raw = vectors[:10] @ vectors[10:].T
    fixed = center_by_group(vectors, ["kk"] * 10 + ["ru"] * 10, shrinkage=0.0)
    centred = fixed[:10] @ fixed[10:].T
    assert (centred.argmax(axis=1) == np.arange(10)).all()
    assert np.diag(centred).mean() > np.diag(raw).mean()


@pytest.mark.slow
def test_e5_translations_are_closer_than_unrelated() -> None:
    emb = get_embedder("e5")
    vecs = emb.embed(["Салықты төмендету керек", "Нужно снизить налоги", "Футбол - это спорт"])
    assert vecs.shape == (3, emb.dim) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    assert emb.embed([]).shape == (0, emb.dim)
