"""The position step on small hand-made inputs: what joins, what never does."""

from __future__ import annotations

import numpy as np
import pytest

from talqy.analysis.positions import (
    AgglomerativePositionFinder,
    NoPositionFinder,
    campaign_units,
    make_position_finder,
)
from talqy.errors import InvalidInput

ASK = "Предлагаю сократить срок полномочий акимов районов до трёх лет и ввести прямые выборы."
OTHER = "Нужно закрепить право граждан на бесплатную юридическую помощь в каждом районе страны."


def test_campaign_groups_form_one_unit() -> None:
    units = campaign_units([0, 1, 2, 3, 0], [-1, 0, 0, -1, -1])
    assert units.tolist() == [0, 1, 1, 2, 0]


def test_wordings_of_one_ask_join_and_another_ask_stays_apart() -> None:
    texts = [ASK, f"Здравствуйте! {ASK} Спасибо!", f"По-моему, {ASK.lower()}", OTHER]
    finder = AgglomerativePositionFinder().fit(texts, groups=[0, 1, 2, 3], languages=["ru"] * 4)
    assert finder.labels_.tolist() == [0, 0, 0, 1]
    assert finder.sizes_.tolist() == [3, 1]


def test_members_of_a_duplicate_group_or_campaign_share_a_position() -> None:
    texts = [ASK, OTHER, ASK, OTHER + " Иванов"]
    labels = NoPositionFinder().fit_predict(
        texts, groups=[0, 1, 0, 2], languages=["ru"] * 4, campaigns=[-1, 0, -1, 0]
    )
    assert labels.tolist() == [0, 1, 0, 1]


@pytest.mark.parametrize(
    ("articles", "stances"),
    [
        ([[("5", "explicit")], [("7", "explicit")]], ["amend", "amend"]),
        ([[], []], ["support", "oppose"]),
    ],
    ids=["different-articles", "opposite-stances"],
)
def test_conflicting_evidence_keeps_identical_wordings_apart(
    articles: list[list[tuple[str, str]]], stances: list[str]
) -> None:
    texts = [ASK, f"{ASK} Спасибо."]
    labels = AgglomerativePositionFinder().fit_predict(
        texts, groups=[0, 1], languages=["ru", "ru"], articles=articles, stances=stances
    )
    assert labels.tolist() == [0, 1]


def test_translations_join_through_vectors_only_when_close() -> None:
    near = np.array([[1.0, 0.0, 0.0], [0.98, 0.2, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    texts = ["Мерзімді қысқарту керек.", "Сократить срок нужно.", "Protect privacy online."]
    finder = AgglomerativePositionFinder(cross_distance=0.7)
    labels = finder.fit_predict(texts, groups=[0, 1, 2], languages=["kk", "ru", "en"],
                                embeddings=near)  # fmt: skip
    assert labels[0] == labels[1] != labels[2]


def test_blocks_bound_the_work_and_texts_without_words_do_not_crash() -> None:
    texts = ["👍", "👍 ", "!!!", ASK, ASK + " !"]
    finder = AgglomerativePositionFinder(max_units=2).fit(
        texts, groups=[0, 1, 2, 3, 4], languages=["und", "und", "und", "ru", "ru"],
        blocks=[0, 0, 0, 1, 1],
    )  # fmt: skip
    assert len(set(finder.labels_.tolist())) == 4
    assert finder.labels_[3] == finder.labels_[4]


def test_inputs_of_different_lengths_are_refused() -> None:
    with pytest.raises(InvalidInput):
        AgglomerativePositionFinder().fit(["a", "b"], groups=[0], languages=["en", "en"])
    with pytest.raises(InvalidInput):
        make_position_finder("fancy", "e5")
