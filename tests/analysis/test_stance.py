from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import pytest

from talqy.analysis.embedders import Embedder
from talqy.analysis.stance import StanceClassifier, classify_by_cues, find_stance_cues
from talqy.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "language", "stance"),
    [
        ("Мемлекеттік тіл туралы норманы толық қолдаймын.", "kk", "support"),
        ("Полностью поддерживаю эту статью", "ru", "support"),
        ("I support this article", "en", "support"),
        ("Мен бұл өзгеріске қарсымын", "kk", "oppose"),
        ("Я против", "ru", "oppose"),
        ("We oppose the new wording", "en", "oppose"),
        ("Бұл баптың жаңа редакциясын қолдамаймын.", "kk", "oppose"),
        ("Не поддерживаю новую редакцию", "ru", "oppose"),
        ("I do not support it", "en", "oppose"),
        ("Бұл тармақты алып тастау керек", "kk", "oppose"),
        ("Пункт 3 исключить", "ru", "oppose"),
        ("Бапты толықтыру керек", "kk", "amend"),
        ("Предлагаю дополнить статью пунктом 4", "ru", "amend"),
        ("Replace the word law with constitutional law", "en", "amend"),
        ("Когда будет референдум?", "ru", "unclear"),
    ],
)
def test_cues(text: str, language: str, stance: str) -> None:
    assert StanceClassifier().fit().predict([text], [language]) == [stance]


def test_negated_support_is_one_oppose_cue() -> None:
    cues = find_stance_cues("Не поддерживаю", "ru")
    assert [label for label, _, _ in cues] == ["oppose"]


def test_opposition_wins_over_an_amendment_verb() -> None:
    assert classify_by_cues("I disagree with extending the term", "en") == "oppose"
    assert classify_by_cues("Поддерживаю, но предлагаю дополнить", "ru") == "amend"


def test_without_language_all_lexicons_are_tried() -> None:
    predicted = StanceClassifier().predict(["қолдаймын", "против", "I agree"])
    assert predicted == ["support", "oppose", "support"]


class KeywordEmbedder(Embedder):
    """Axis 0: approval words, axis 1: question words, axis 2: everything else."""

    name: ClassVar[str] = "keywords"
    dim = 3

    def embed(self, texts: Sequence[str], *, kind: Any = "query", batch_size: int = 64) -> Any:
        out = np.full((len(texts), 3), 0.05, dtype=np.float32)
        for row, text in enumerate(texts):
            low = text.lower()
            out[row, 0] += sum(w in low for w in ("нравится", "like", "ұнайды", "support"))
            out[row, 1] += sum(w in low for w in ("?", "question", "вопрос", "сұра"))
            out[row, 2] += 0.2
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_prototypes_decide_texts_without_cues() -> None:
    model = StanceClassifier(KeywordEmbedder()).fit(
        ["Мне очень нравится", "I like it"], ["support", "support"]
    )
    assert model.predict(["Мне нравится эта статья", "Что это значит?"], ["ru", "ru"]) == [
        "support",
        "unclear",
    ]


def test_prototypes_only_and_precomputed_embeddings() -> None:
    model = StanceClassifier(KeywordEmbedder(), use_cues=False).fit()
    vectors = KeywordEmbedder().embed(["like"], kind="query")
    assert model.predict(["поддерживаю"], ["ru"], embeddings=vectors) == ["support"]


def test_invalid_fit() -> None:
    with pytest.raises(InvalidInput):
        StanceClassifier().fit(["a"], [])
    with pytest.raises(InvalidInput):
        StanceClassifier().fit(["a"], ["maybe"])
    with pytest.raises(InvalidInput):
        StanceClassifier(use_cues=False).fit()
    with pytest.raises(InvalidInput):
        StanceClassifier().fit().predict(["a", "b"], ["ru"])


def test_get_params() -> None:
    params = StanceClassifier(KeywordEmbedder(), min_margin=0.1).get_params()
    assert params["min_margin"] == 0.1 and params["embedder"]["name"] == "keywords"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Addiction services in our town are underfunded.", "unclear"),
        ("Я не против этой поправки", "support"),
        ("I do not oppose this amendment", "support"),
        ("Қарсы емеспін.", "support"),
        ("Возражений нет.", "support"),
        ("Мен бұл заңға қарсымын, потому что это несправедливо", "oppose"),
        ("Yes, absolutely ban them.", "support"),
        ("Yes, smoking is harmful and children must be protected against it.", "support"),
        ("No.", "oppose"),
        ("Nothing", "unclear"),
        ("Nothing to add.", "unclear"),
        ("Yes, but give shops a year to adapt.", "amend"),
        ("", "unclear"),
        ("👍", "unclear"),
        ("+1", "unclear"),
        ("против", "oppose"),
    ],
)
def test_whole_words_negation_answers_and_mixed_text(text: str, stance: str) -> None:
    assert StanceClassifier().fit().predict([text]) == [stance]


def test_cues_of_every_language_are_used_whatever_the_language() -> None:
    assert classify_by_cues("Мен бұл заңға қарсымын, потому что…", "ru") == "oppose"


def test_long_text_does_not_crash() -> None:
    assert StanceClassifier().fit().predict(["слово " * 4000]) == ["unclear"]
