from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talqy.analysis.transliteration import cyrillic_to_latin, guess_alphabet, latin_to_cyrillic
from talqy.errors import InvalidInput

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "constitution"
SENTENCE = "Қазақстан Республикасы – демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет."


@pytest.mark.parametrize(
    ("alphabet", "latin"),
    [
        ("2021", "Qazaqstan Respublikasy – demokratiialyq, zaiyrly, qūqyqtyq jäne äleumettık memleket."),  # noqa: E501
        ("2018", "Qazaqstan Respýblıkasy – demokratııalyq, zaıyrly, quqyqtyq jáne áleýmettik memleket."),  # noqa: E501
        ("2017", "Qazaqstan Respy'bli'kasy – demokrati'i'alyq, zai'yrly, quqyqtyq ja'ne a'ley'mettik memleket."),  # noqa: E501
    ],
)  # fmt: skip
def test_official_alphabets_round_trip(alphabet: str, latin: str) -> None:
    assert cyrillic_to_latin(SENTENCE, alphabet) == latin  # type: ignore[arg-type]
    assert latin_to_cyrillic(latin) == SENTENCE


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Men bul zangha qarsymyn", "Мен бул заңға қарсымын"),
        ("Qazaqstannyng tuy men shekarasy", "Қазақстанның туы мен шекарасы"),
        ("shekara", "шекара"),
        ("zhana zan", "жана зан"),
        ("boiynsha", "бойынша"),
    ],
)
def test_informal_spellings(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


def test_guess_alphabet() -> None:
    assert guess_alphabet("Qazaqstan Respublikasy ūlttyq") == "2021"
    assert guess_alphabet("Respýblıkasy") == "2018"
    assert guess_alphabet("ja'ne") == "2017"
    assert guess_alphabet("zhane") == "informal"


def test_cyrillic_and_other_text_is_kept() -> None:
    assert latin_to_cyrillic("Статья 33, пункт 2.") == "Статья 33, пункт 2."
    assert cyrillic_to_latin("Article 33 — ok", "2021") == "Article 33 — ok"


def test_unknown_alphabet_is_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        cyrillic_to_latin("сөз", "1929")  # type: ignore[arg-type]


def test_round_trip_on_the_constitution_is_close() -> None:
    text = (DATA / "kk-2026.md").read_text(encoding="utf-8")[:40000]
    words = re.findall(r"[а-яәғқңөұүһі]{2,}", text.lower())
    for alphabet in ("2017", "2018", "2021"):
        back = [latin_to_cyrillic(cyrillic_to_latin(w, alphabet), alphabet) for w in words]  # type: ignore[arg-type]
        share = sum(b == w for b, w in zip(back, words, strict=True)) / len(words)
        assert share > 0.97, alphabet


@given(st.text(max_size=200))
def test_latin_to_cyrillic_never_crashes_and_keeps_digits(text: str) -> None:
    out = latin_to_cyrillic(text)
    assert re.findall(r"\d", out) == re.findall(
        r"\d", __import__("unicodedata").normalize("NFC", text)
    )


@given(st.text(alphabet="абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяӘҚ ,.-", max_size=80))
def test_cyrillic_to_latin_leaves_no_kazakh_cyrillic(text: str) -> None:
    for alphabet in ("2017", "2018", "2021", "informal"):
        out = cyrillic_to_latin(text, alphabet)  # type: ignore[arg-type]
        assert not re.search(r"[\u0400-\u04FF]", out)


def test_letters_whose_lower_case_is_longer_do_not_break_conversion() -> None:
    from talqy.analysis.transliteration import latin_to_cyrillic

    assert latin_to_cyrillic("İstanbul İİN") == latin_to_cyrillic("Istanbul IIN")
