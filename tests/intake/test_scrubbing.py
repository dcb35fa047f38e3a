"""The one scrubber: IINs in any spelling, phones, look-alike e-mails and names never survive."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.intake.names import find_names
from talqy.intake.redaction import find_personal_data, redact, strip_iins
from talqy.intake.spelling import ascii_digits, fold
from tests.intake.samples import make_iin

IIN = "900101300126"
SEPARATORS = (
    "", " ", ".", "/", "_", "-", "\u2009", "\u202f", "\u200b", "\u2060", "\u00ad", "\n", "\r\n",
    "\u00a0", ". ", " / ", "\u2011", "\ufeff",
)  # fmt: skip
DIGIT_ZEROS = (0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x1D7CE)  # ASCII, full-width, Arabic-Indic…
FILLER = st.text(
    alphabet=st.characters(
        blacklist_categories=("Nd", "Cs"), blacklist_characters="\u200b\u2060\u00ad\ufeff"
    ),
    max_size=30,
)


def spell(iin: str, rng: random.Random) -> str:
    """The IIN with a random digit script per digit and a random separator between digits."""
    pieces = []
    for index, digit in enumerate(iin):
        pieces.append(chr(rng.choice(DIGIT_ZEROS) + int(digit)))
        if index < 11:
            pieces.append(rng.choice(SEPARATORS))
    return "".join(pieces)


def digits_of(text: str) -> str:
    return re.sub(r"[^0-9]", "", ascii_digits(text))


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), before=FILLER, after=FILLER, language=st.sampled_from(
    ["kk", "ru", "en", None]
))  # fmt: skip
def test_a_planted_iin_in_any_spelling_never_survives(
    seed: int, before: str, after: str, language: str | None
) -> None:
    rng = random.Random(seed)
    iin = make_iin(rng)
    text = f"{before} {spell(iin, rng)} {after}"
    for scrubbed in (redact(text, language), strip_iins(text, language)):
        assert iin not in digits_of(scrubbed), (text, scrubbed)


@pytest.mark.parametrize(
    "spelled",
    [
        "9001.0130.0126", "900101/300126", "9001_0130_0126", "900101\u2009300126",
        "90\u200b01\u200b01\u200b30\u200b01\u200b26", "9001\n0130\n0126",
        "９００１０１３００１２６", "٩٠٠١٠١٣٠٠١٢٦", "۹۰۰۱۰۱۳۰۰۱۲۶", "9 0 0 1 0 1 3 0 0 1 2 6",
    ],
)  # fmt: skip
def test_iin_spellings(spelled: str) -> None:
    assert redact(f"ЖСН: {spelled}.", "kk") == "ЖСН: [ЖСН]."


@pytest.mark.parametrize(
    "phone",
    ["7771234567", "+7.701.555.44.33", "+7 (727) 2 50-50-50", "8 701 555 44 33", "+77015554433",
     "８７０１５５５４４３３"],
)  # fmt: skip
def test_phones(phone: str) -> None:
    assert redact(f"Звоните: {phone}, спасибо", "ru") == "Звоните: [телефон], спасибо"


@pytest.mark.parametrize(
    "email", ["ivan＠mail.ru", "name%40host.kz", "a.b@c.kz", "ivan&#64;mail.ru", "x﹫y.kz"]
)
def test_look_alike_emails(email: str) -> None:
    assert redact(f"Пишите {email} сегодня", "en") == "Пишите [email] сегодня"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Мерзімді қысқарту керек.\n— Жұмабекова Аружан", "Мерзімді қысқарту керек.\n— [аты-жөні]"),
        ("Менің атым Ерлан, 33-бапты өзгертіңіз.", "Менің атым [аты-жөні], 33-бапты өзгертіңіз."),
        ("Меня зовут Арман Ким. Против статьи 5.", "Меня зовут [аты-жөні]. Против статьи 5."),
        ("My name is John Smith and I object.", "My name is [аты-жөні] and I object."),
        ("Иванов Иван Иванович предлагает изменить.", "[аты-жөні] предлагает изменить."),
        ("Құрметпен, Серікбаев Д.", "Құрметпен, [аты-жөні]"),
        ("С уважением,\nПетрова А.Б.", "С уважением,\n[аты-жөні]"),
        ("Aruzhan Zhumabekova proposes a change.", "[аты-жөні] proposes a change."),
    ],
)
def test_names_in_display_text(text: str, expected: str) -> None:
    assert redact(text, "kk") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Қазақстан Республикасының Конституциясы, 33-бап.",
        "Предлагаю изменить статью 5 Закона о языках.",
        "Article 12 (3) of the Constitution should protect privacy.",
        "— Закон нужно изменить, срок сократить.",
        "Азамат ретінде талап етемін: мерзімді қысқарту.",
        "Республика Казахстан, Российская Федерация, Киев.",
    ],
)
def test_ordinary_text_keeps_its_words(text: str) -> None:
    assert find_names(text) == []
    assert redact(text) == text


def test_folding_maps_back_to_the_original() -> None:
    text = "a ９\u200b０ b%40c"
    folded = fold(text)
    assert folded.text == "a 90 b@c"
    assert folded.original_span(2, 4) == (2, 5)
    assert folded.original_span(6, 7) == (7, 10)


def test_spans_refer_to_the_original_text() -> None:
    text = "x ９００１０１３００１２６ y"
    (span,) = find_personal_data(text)
    assert text[span.start : span.end] == "９００１０１３００１２６"
    assert unicodedata.normalize("NFKC", text[span.start : span.end]) == IIN


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("Ааәб ИиванНов.—\n-@+7(0)123456789ЖСНMy nameisJohn")),
        max_size=80,
    ),
    language=st.sampled_from(["kk", "ru", "en"]),
)
def test_scrubbing_twice_changes_nothing_more(text: str, language: str) -> None:
    once = redact(text, language)
    assert redact(once, language) == once
