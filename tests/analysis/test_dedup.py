from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.analysis.dedup import (
    ExactDeduplicator,
    MinHashDeduplicator,
    NoDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.embedders import l2_normalize
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.errors import InvalidInput

BASE = [
    "Мемлекеттік тілді дамыту үшін қосымша қаржы бөлу керек",
    "Предлагаю сократить срок полномочий депутатов до четырёх лет",
    "Article 12 should protect privacy online and offline",
    "Жер шетелдіктерге сатылмауы тиіс және бұл Конституцияда жазылсын",
    "Нужно закрепить право на чистую окружающую среду",
]


def partition(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist())}


def test_exact_groups_case_and_punctuation() -> None:
    texts = [BASE[0], BASE[0].upper() + "!!", BASE[1], "  " + BASE[0] + "."]
    model = ExactDeduplicator().fit(texts)
    assert partition(model.labels_) == {frozenset({0, 1, 3}), frozenset({2})}
    assert model.representatives_.tolist() == [0, 2]
    assert model.sizes_.tolist() == [3, 1]


def test_representative_is_the_earliest() -> None:
    texts = [BASE[0], BASE[0], BASE[0]]
    model = ExactDeduplicator().fit(texts, order=[5.0, 1.0, 3.0])
    assert model.representatives_.tolist() == [1]


def test_near_duplicates_with_small_edits() -> None:
    texts = [*BASE, BASE[1].replace("четырёх", "четырех") + " !", BASE[3].replace("тиіс", "тиiс")]
    labels = MinHashDeduplicator().fit_predict(texts)
    assert labels[5] == labels[1] and labels[6] == labels[3]
    assert len(set(labels.tolist())) == len(BASE)


def test_near_keeps_different_numbers_apart() -> None:
    texts = ["Статья 33 пункт 1 должна быть изменена", "Статья 34 пункт 2 должна быть изменена"]
    labels = MinHashDeduplicator(min_ratio=0.97).fit_predict(texts)
    assert labels[0] != labels[1]


def synthetic(rng: np.random.Generator, n: int) -> tuple[np.ndarray, list[str], list[str]]:
    """kk/ru "translations": same topic vector plus a language offset and noise."""
    topics = l2_normalize(rng.normal(size=(n, 32)))
    kk_offset, ru_offset = rng.normal(size=32) * 0.15, rng.normal(size=32) * 0.15
    kk = topics + kk_offset + rng.normal(size=(n, 32)) * 0.1
    ru = topics + ru_offset + rng.normal(size=(n, 32)) * 0.1
    vectors = l2_normalize(np.vstack([kk, ru]))
    return vectors, ["kk"] * n + ["ru"] * n, ["text"] * (2 * n)


def test_semantic_pairs_translations_by_mutual_best_match() -> None:
    vectors, langs, texts = synthetic(np.random.default_rng(1), 30)
    labels = SemanticDeduplicator().fit_predict(texts, embeddings=vectors, languages=langs)
    assert all(labels[i] == labels[i + 30] for i in range(30))
    assert len(set(labels.tolist())) == 30


def test_semantic_leaves_unpartnered_items_alone() -> None:
    vectors, langs, texts = synthetic(np.random.default_rng(2), 30)
    keep = list(range(30)) + list(range(30, 50))  # 20 pairs + 10 kk alone
    labels = SemanticDeduplicator().fit_predict(
        [texts[i] for i in keep], embeddings=vectors[keep], languages=[langs[i] for i in keep]
    )
    sizes = np.bincount(labels)
    assert (sizes == 2).sum() == 20 and (sizes == 1).sum() == 10


def test_semantic_number_guard() -> None:
    vectors = l2_normalize(np.array([[1.0, 0.1], [1.0, 0.12], [0.0, 1.0], [0.1, 1.0]]))
    texts = ["статья 5", "article 6", "x", "y"]
    labels = SemanticDeduplicator(center=False, cross_cosine=0.0).fit_predict(
        texts, embeddings=vectors, languages=["ru", "en", "ru", "en"]
    )
    assert labels[0] != labels[1] and labels[2] == labels[3]


def test_semantic_needs_embeddings() -> None:
    with pytest.raises(InvalidInput):
        SemanticDeduplicator().fit(["a", "b"])
    with pytest.raises(InvalidInput):
        ExactDeduplicator().fit(["a", "b"], embeddings=np.zeros((3, 2)))


def test_no_dedup_and_union() -> None:
    texts = [BASE[0], BASE[0], BASE[1]]
    assert NoDeduplicator().fit_predict(texts).tolist() == [0, 1, 2]
    union = UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator()])
    assert partition(union.fit_predict(texts)) == {frozenset({0, 1}), frozenset({2})}
    assert union.get_params()["steps"][0].__class__ is ExactDeduplicator


variants = st.lists(
    st.tuples(st.sampled_from(range(len(BASE))), st.sampled_from(["", "!", " ", ".", "X"])),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(items=variants, seed=st.integers(0, 2**16))
def test_dedup_is_order_independent_and_idempotent(items: list[tuple[int, str]], seed: int) -> None:
    texts = [BASE[i] + tail if tail != "X" else BASE[i].upper() for i, tail in items]
    steps = UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator()])
    labels = steps.fit_predict(texts)
    assert len(labels) == len(texts)  # nobody dropped
    perm = np.random.default_rng(seed).permutation(len(texts))
    shuffled = steps.fit_predict([texts[i] for i in perm])
    back = {frozenset(int(perm[j]) for j in group) for group in partition(shuffled)}
    assert back == partition(labels)
    model = steps.fit(texts)
    replaced = [texts[int(model.representatives_[g])] for g in model.labels_]
    assert partition(steps.fit_predict(replaced)) == partition(labels)
    again = steps.fit_predict([texts[int(r)] for r in model.representatives_])
    assert len(set(again.tolist())) == len(model.representatives_)
