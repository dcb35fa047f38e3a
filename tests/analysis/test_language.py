from __future__ import annotations

from pathlib import Path

import pytest

from talqy.analysis.language import (
    LanguageDetector,
    LanguageResult,
    detect_language,
    detect_script,
)
from talqy.analysis.normalization import normalize_text
from talqy.analysis.transliteration import cyrillic_to_latin
from talqy.errors import InvalidInput

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "constitution"
KK = "Қазақстан Республикасы – демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (KK, "kk"),
        ("Республика Казахстан утверждает себя демократическим государством.", "ru"),
        ("I support the new wording of Article 9 on the state language.", "en"),
        ("Состав Қазақстан Халық Кеңесі формируется из числа граждан Республики.", "ru"),
        ("Мен бұл өзгеріске қарсымын", "kk"),
        ("Conveying Verbatim Copies.", "en"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text).language == language


@pytest.mark.parametrize("alphabet", ["2017", "2018", "2021", "informal"])
def test_latin_kazakh_is_kazakh_and_back_transliterated(alphabet: str) -> None:
    latin = cyrillic_to_latin(KK, alphabet)  # type: ignore[arg-type]
    result = detect_language(latin)
    assert result.language == "kk"
    assert result.script == "Latn"
    assert detect_script(result.text) == "Cyrl"
    if alphabet != "informal":
        assert result.text == normalize_text(KK)


@pytest.mark.parametrize(
    "text", ["Men bul zangha qarsymyn", "Jer halyqtiki, satuga bolmaidy!", "33-bapty qoldaimyn"]
)
def test_informal_latin_kazakh(text: str) -> None:
    assert detect_language(text).language == "kk"


@pytest.mark.parametrize("text", ["", "   ", "12345", "33", "?!", "ok", "2026-03-15", "№ 5"])
def test_short_and_digits_are_undetermined(text: str) -> None:
    assert detect_language(text).language == "und"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Қазақстан", "Cyrl"),
        ("Qazaqstan", "Latn"),
        ("Қазақстан Qazaqstan", "mixed"),
        ("12345 !?", "none"),
        ("Kонституция", "Cyrl"),  # Latin K inside a Cyrillic word
        ("Президент COVID кезінде шешім қабылдады", "Cyrl"),
    ],
)
def test_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_transform_returns_results_in_order_and_normalises() -> None:
    results = LanguageDetector().fit().transform(["  Мен  қолдаймын ", "I agree", "7"])
    assert [r.language for r in results] == ["kk", "en", "und"]
    assert results[0] == LanguageResult("kk", "Cyrl", "Мен қолдаймын")


def test_invalid_params_and_inputs() -> None:
    with pytest.raises(InvalidInput):
        LanguageDetector(min_letters=0).fit()
    with pytest.raises(InvalidInput):
        LanguageDetector().fit().transform("one string")
    with pytest.raises(InvalidInput):
        LanguageDetector().fit().transform([None])  # type: ignore[list-item]


def test_get_params_round_trip() -> None:
    detector = LanguageDetector(low_accuracy=True)
    assert LanguageDetector(**detector.get_params()).get_params() == detector.get_params()


def _sentences(lang: str, limit: int) -> list[str]:
    text = (DATA / f"{lang}-2026.md").read_text(encoding="utf-8").split("---", 2)[2]
    lines = [s.strip() for s in text.splitlines()]
    good = [s for s in lines if len(s) > 60 and not s.startswith(("<a", ">", "#", "*"))]
    return good[:limit]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_real_paragraphs(lang: str) -> None:
    texts = _sentences(lang, 120)
    results = LanguageDetector().fit().transform(texts)
    accuracy = sum(r.language == lang for r in results) / len(results)
    assert accuracy >= 0.99


def test_real_paragraphs_in_latin_script() -> None:
    texts = [cyrillic_to_latin(t, "informal") for t in _sentences("kk", 60)]
    results = LanguageDetector().fit().transform(texts)
    assert sum(r.language == "kk" for r in results) / len(results) >= 0.95


@pytest.mark.parametrize(
    "text", ["Nothing", "Kind, helpful, efficient staff.", "No comment", "Thank you", "Parking"]
)
def test_short_english_stays_english(text: str) -> None:
    result = detect_language(text)
    assert (result.language, result.text) == ("en", text)


@pytest.mark.parametrize(
    ("text", "cyrillic"),
    [
        ("Ya protiv etogo zakonoproekta", "Я против этого законопроекта"),
        ("Ya predlagayu izmenit statyu 5", "Я предлагаю изменит статю 5"),
        ("Ya podderzhivayu etot zakon.", "Я поддерживаю этот закон."),
    ],
)
def test_russian_in_latin_letters_is_russian(text: str, cyrillic: str) -> None:
    result = detect_language(text)
    assert (result.language, result.script, result.text) == ("ru", "Latn", cyrillic)


@pytest.mark.parametrize(
    ("text", "language", "script"),
    [
        ("", "und", "none"),
        ("👍👍", "und", "none"),
        ("+1", "und", "none"),
        ("!!!???", "und", "none"),
        ("против", "ru", "Cyrl"),
        ("Мен бұл заңға қарсымын, потому что ауылдағы балаларға қиын болады.", "kk", "Cyrl"),
        ("Iä, qoldaimyn.", "kk", "Latn"),
    ],
)
def test_bad_and_mixed_input(text: str, language: str, script: str) -> None:
    result = detect_language(text)
    assert (result.language, result.script) == (language, script)


def test_very_long_text_does_not_crash() -> None:
    text = "Бұл заң жобасын қолдаймын. " * 800
    assert detect_language(text).language == "kk"
