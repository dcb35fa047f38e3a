from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from talqy.analysis.embedders import get_embedder
from talqy.analysis.static_embedder import StaticEmbedder, load_static_model, segment
from talqy.errors import ConfigError, InvalidInput

PIECES = ["▁", "▁жер", "▁же", "р", "а", "▁land", "▁жерге", "▁тіл", "▁язык"]
SCORES = [-3.0, -6.0, -7.0, -5.0, -4.0, -6.5, -9.0, -6.0, -6.0]


@pytest.fixture
def tiny(tmp_path: Path) -> StaticEmbedder:
    rng = np.random.default_rng(0)
    path = tmp_path / "tiny.npz"
    np.savez(
        path,
        vectors=rng.normal(size=(len(PIECES), 8)).astype(np.float16),
        pieces=np.array(PIECES),
        scores=np.array(SCORES, dtype=np.float32),
    )
    return StaticEmbedder(path=str(path), cache_size=4)


def names(ids: list[int]) -> list[str]:
    return [PIECES[i] for i in ids]


def test_viterbi_prefers_the_likeliest_segmentation(tiny: StaticEmbedder) -> None:
    model = tiny.model()
    assert names(segment("жер", model)) == ["▁жер"]
    assert names(segment("жерге", model)) == ["▁жерге"]
    assert names(segment("жера", model)) == ["▁жер", "а"]
    assert names(segment("жерx", model)) == ["▁жер"]  # unknown letters are dropped
    assert segment("xyz", model) == [0]  # only the word-start marker is known


def test_vectors_are_normalised_case_insensitive_and_batch_independent(
    tiny: StaticEmbedder,
) -> None:
    texts = ["Жер, жер!", "ЖЕР ЖЕР", "land тіл", "", "???", "язык жерге"]
    out = tiny.embed(texts)
    assert out.shape == (6, 8) and out.dtype == np.float32
    norms = np.linalg.norm(out, axis=1)
    assert np.allclose(norms[[0, 1, 2, 5]], 1.0, atol=1e-5)
    assert np.allclose(out[0], out[1])
    assert not out[3].any() and not out[4].any()
    for i, text in enumerate(texts):
        assert np.allclose(tiny.embed([text])[0], out[i], atol=1e-6)
    assert tiny.embed([]).shape == (0, 8)


def test_params_version_and_pickling(tiny: StaticEmbedder) -> None:
    tiny.embed(["жер тіл язык land а"])
    params = tiny.identity() | tiny.get_params()
    assert params["name"] == "static" and params["dim"] == 8
    assert params["version"].startswith("e5-static-9x8-")
    clone = pickle.loads(pickle.dumps(tiny))
    assert "_words" not in clone.__dict__
    assert np.allclose(clone.embed(["жер"]), tiny.embed(["жер"]))


def test_invalid_parameters_and_files(tiny: StaticEmbedder, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        StaticEmbedder(path=tiny.path, cache_size=0).embed(["жер"])
    with pytest.raises(InvalidInput):
        tiny.embed(["жер"], kind="other")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        tiny.embed("жер")
    with pytest.raises(ConfigError):
        load_static_model(tmp_path / "missing.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(ConfigError):
        load_static_model(tmp_path / "bad.npz")


def test_packaged_model_sees_across_languages() -> None:
    embedder = get_embedder("static")
    assert isinstance(embedder, StaticEmbedder)
    assert embedder.dim == 256
    kk, ru, en, other = embedder.embed(
        [
            "Мемлекеттік тіл – қазақ тілі. Орыс тілі ресми түрде қолданылады.",
            "Государственный язык – казахский. Русский язык употребляется официально.",
            "The state language is Kazakh. Russian is used officially.",
            "Суд присяжных рассматривает уголовные дела о тяжких преступлениях.",
        ]
    )
    assert kk @ ru > kk @ other
    assert en @ ru > en @ other
    assert embedder.embed(["жер"]).shape == (1, 256)
