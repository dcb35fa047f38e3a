from __future__ import annotations

import numpy as np
import pytest

from talqy.analysis.label_text import (
    MAX_LABEL_CHARS,
    content_words,
    has_name,
    label_sentences,
    shorten,
    strip_signature,
)
from talqy.analysis.labels import label_groups, label_themes

SIGNED = [
    ("Предлагаю сократить срок рассмотрения жалоб. С уважением, Иванов Пётр", "Иванов"),
    ("33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет. — Асқаров Ерлан", "Асқаров"),
    ("Complaints must be answered within ten days. Regards, John Smith", "Smith"),
    ("Complaints must be answered within ten days.\nBalzhan Gabdullina, Kostanay", "Balzhan"),
    ("Жалобы рассматривать за десять дней. Құрметпен, Серік Әлиұлы", "Серік"),
]


@pytest.mark.parametrize(("text", "name"), SIGNED)
def test_signatures_and_names_never_reach_labels(text: str, name: str) -> None:
    assert name not in strip_signature(text)
    assert all(name not in s for s in label_sentences(text, "ru"))
    assert name.casefold() not in content_words(text, "ru")
    label = label_groups([text, text + " "], ["ru", "ru"], [0, 0])[0]
    assert all(name not in v for v in label.label.values())
    assert all(name.casefold() not in k for k in label.keywords)


@pytest.mark.parametrize(
    "text",
    [
        "Пишите на ivanov@mail.kz по вопросам статьи.",
        "Мой телефон +7 701 123 45 67, звоните насчёт закона.",
        "ИИН 900101300125 прилагаю к предложению по статье.",
        "Подробнее на https://example.org о поправке к закону.",
    ],
)
def test_contact_data_is_never_a_label(text: str) -> None:
    assert label_sentences(text, "ru") == []


def test_names_in_the_middle_of_a_sentence() -> None:
    assert has_name("Я, Петров Иван Сергеевич, поддерживаю поправку")
    assert not has_name("Предлагаю изменить статью 33 и сократить срок")
    assert not has_name("Article 12 should protect privacy online")


def test_stop_words_are_not_keywords() -> None:
    words = content_words("I don't think but you know this is about the tax rate.", "en")
    assert "don" not in words and "but" not in words and "you" not in words
    assert "tax" in words and "rate" in words
    assert "это" not in content_words("Это это это налог", "ru")


def test_shorten_keeps_the_limit_at_a_boundary() -> None:
    long = "Предлагаю " + ", ".join(["сократить срок рассмотрения жалоб граждан"] * 8) + "."
    short = shorten(long)
    assert len(short) <= MAX_LABEL_CHARS and short.endswith("…")
    assert shorten("Коротко и ясно.") == "Коротко и ясно."


def test_labels_are_sentences_in_each_language_flagged_when_borrowed() -> None:
    texts = [
        "Салық мөлшерлемесін төмендету керек, шағын бизнес қиналады.",
        "Салық мөлшерлемесін азайту қажет, шағын бизнеске ауыр.",
        "Нужно снизить налоговую ставку для малого бизнеса.",
        "Экологиялық бақылауды күшейту керек, орман кесу тоқтатылсын.",
        "Орман кесуге тыйым салу қажет, экология нашар.",
    ]
    langs = ["kk", "kk", "ru", "kk", "kk"]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(5, 8)).astype(np.float32)
    out = label_groups(texts, langs, [0, 0, 0, 1, 1], vectors)
    assert [g.group for g in out] == [0, 1]
    tax, forest = out
    assert tax.label["kk"] in texts[:2] and tax.label["ru"] == texts[2]
    assert tax.source == {"kk": "kk", "ru": "ru", "en": "kk"}
    assert tax.cross_lingual == {"kk": False, "ru": False, "en": True}
    assert forest.label["ru"] == forest.label["en"] == forest.label["kk"]
    assert forest.source["ru"] == "kk"
    assert "салық" in " ".join(tax.keywords_by_language["kk"])
    assert label_themes(texts, langs, np.array([0, 0, 0, 1, 1]), vectors)[1].label == forest.label


def test_short_answers_still_get_a_label_and_outliers_none() -> None:
    out = label_groups(["Nothing", "nothing.", "x"], ["en", "en", "en"], [0, 0, -1])
    assert len(out) == 1 and out[0].label["en"].lower().startswith("nothing")


def test_labels_are_deterministic() -> None:
    texts = [f"Предлагаю изменить срок номер {i} для жалоб граждан." for i in range(30)]
    groups = [i % 3 for i in range(30)]
    vectors = np.random.default_rng(1).normal(size=(30, 16)).astype(np.float32)
    first = label_groups(texts, ["ru"] * 30, groups, vectors)
    assert first == label_groups(texts, ["ru"] * 30, groups, vectors.copy())


def test_group_in_no_known_language_still_gets_a_label() -> None:
    vectors = np.eye(3, dtype=np.float32)
    out = label_groups(
        ["Салық", "+1", "Салық азайту керек"], ["und", "und", "kk"], [0, 0, 1], vectors
    )
    assert out[0].label["kk"] == "Салық" and out[0].source["kk"] == "und"
    assert out[1].source == {"kk": "kk", "ru": "kk", "en": "kk"}
