from __future__ import annotations

import pytest

from talqy.analysis.russian_latin import russian_latin_to_cyrillic, score_latin_russian


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Ya protiv etogo zakonoproekta", "Я против этого законопроекта"),
        ("Zhurnal, shchuka, tsena, khorosho", "Журнал, щука, цена, хорошо"),
        ("novyy zakon, sinyaya kniga", "новый закон, синяя книга"),
        ("stati 41", "стати 41"),
    ],
)
def test_back_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert russian_latin_to_cyrillic(latin) == cyrillic


def test_russian_cues_never_count_english_words() -> None:
    assert score_latin_russian("Ya predlagayu izmenit statyu 5") >= 3
    assert score_latin_russian("Nothing to add, kind staff", frozenset({"to"})) == 0
    assert score_latin_russian("") == 0
