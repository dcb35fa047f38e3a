"""Embed less: copies share one vector; draft vectors are kept per draft version and model."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from talqy.analysis.copies import embed_once
from talqy.analysis.embedders import EmbedKind, HashingEmbedder
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.vector_cache import PassageCache


class CountingEmbedder(HashingEmbedder):
    """The real hashing embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        self.seen.extend(texts)
        return super().embed(texts, kind=kind, batch_size=batch_size)


ARTICLES = [
    ArticleText("1", "kk", "1. Қазақстан Республикасы демократиялық мемлекет.\n2. Адам ең қымбат."),
    ArticleText("2", "kk", "Мемлекеттік тіл – қазақ тілі."),
]


def test_exact_and_near_copies_are_embedded_once() -> None:
    model = CountingEmbedder()
    base = "Предлагаю изменить статью 5: сократить срок рассмотрения обращений до десяти дней."
    typo = base.replace("десяти", "десети")
    texts = [base, base.upper(), f"{base}!", typo, "Другое предложение о статье 7."]
    vectors, embedded = embed_once(lambda t: model.embed(t), texts, near=True)
    assert embedded == len(model.seen) == 2
    assert np.allclose(vectors[0], vectors[3]) and not np.allclose(vectors[0], vectors[4])
    exact_only, count = embed_once(lambda t: model.embed(t), texts, near=False)
    assert count == 3 and np.allclose(exact_only[0], exact_only[1])


def test_draft_vectors_are_read_back_for_the_same_draft_and_model(tmp_path: Path) -> None:
    model = CountingEmbedder()
    first = ArticleLinker(embedder=PassageCache(model, tmp_path)).fit(ARTICLES)
    computed = len(model.seen)
    assert computed > 0 and len(list(tmp_path.glob("*.npy"))) == 1
    second = ArticleLinker(embedder=PassageCache(model, tmp_path)).fit(ARTICLES)
    assert len(model.seen) == computed
    assert np.array_equal(first.vectors_, second.vectors_)
    changed = [ARTICLES[0], ArticleText("2", "kk", "Мемлекеттік тіл – қазақ тілі. Жаңа сөйлем.")]
    ArticleLinker(embedder=PassageCache(model, tmp_path)).fit(changed)
    assert len(model.seen) > computed and len(list(tmp_path.glob("*.npy"))) == 2


def test_queries_pass_through_and_an_unwritable_folder_only_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    model = CountingEmbedder()
    cache = PassageCache(model, blocked / "vectors")
    with caplog.at_level(logging.WARNING, logger="talqy.analysis.vector_cache"):
        got = cache.embed(["бір", "екі"], kind="passage")
        cache.embed(["бір", "екі"], kind="passage")
    assert got.shape == (2, model.dim)
    assert sum("not cached" in r.message for r in caplog.records) == 1
    assert np.array_equal(cache.embed(["үш"]), model.embed(["үш"]))
