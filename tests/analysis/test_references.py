from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talqy.analysis.language import detect_language
from talqy.analysis.references import find_article_references, parse_article_field

CASES = [
    ("33-бап", "kk", [("33", None)]),
    ("Жобаның 33-бапқа өзгеріс енгізу", "kk", [("33", None)]),
    ("Конституцияның 33-бабы", "kk", [("33", None)]),
    ("33-бабының 2-тармағы алынып тасталсын", "kk", [("33", "2")]),
    ("83-1-бап", "kk", [("83-1", None)]),
    ("33-bap turaly", "kk", [("33", None)]),
    ("33-baby", "kk", [("33", None)]),
    ("33-babynyñ 2-tarmağy", "kk", [("33", "2")]),
    ("12, 14 және 16-баптарында", "kk", [("12", None), ("14", None), ("16", None)]),
    ("статья 33", "ru", [("33", None)]),
    ("ст. 33", "ru", [("33", None)]),
    ("изменить статью 83-1", "ru", [("83-1", None)]),
    ("в 33-й статье", "ru", [("33", None)]),
    ("пункт 2 статьи 33", "ru", [("33", "2")]),
    ("п. 2 ст. 33", "ru", [("33", "2")]),
    ("ст.33 п.2", "ru", [("33", "2")]),
    ("статьи 33, 34 и 35", "ru", [("33", None), ("34", None), ("35", None)]),
    ("Article 33", "en", [("33", None)]),
    ("Art. 33(2)", "en", [("33", "2")]),
    ("article 33, paragraph 2", "en", [("33", "2")]),
    ("paragraph 2 of Article 33", "en", [("33", "2")]),
    ("Articles 5 and 7", "en", [("5", None), ("7", None)]),
    ("от 2026-03-15 № 5", "ru", []),
    ("2-тармақ", "kk", []),
    ("Article 1995", "en", []),
]


@pytest.mark.parametrize(("text", "language", "expected"), CASES)
def test_references(text: str, language: str, expected: list[tuple[str, str | None]]) -> None:
    found = find_article_references(text, language)
    assert [(r.number, r.point) for r in found] == expected
    assert [(r.number, r.point) for r in find_article_references(text)] == expected


def test_point_of_article_is_not_an_article() -> None:
    refs = find_article_references("Конституцияның 33-бабының 2-тармағын өзгерту керек")
    assert len(refs) == 1
    assert refs[0].number == "33" and refs[0].point == "2"


def test_every_language_is_tried_the_given_one_first() -> None:
    assert [r.number for r in find_article_references("Article 5", "ru")] == ["5"]
    assert [r.number for r in find_article_references("stati 41", "en")] == ["41"]


def test_reference_set_recall() -> None:
    """The hand-written set of reference forms (ordinals, Latin-typed Russian) is found."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "fixtures" / "references.tsv"
    rows = [
        line.rstrip("\n").split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    found = 0
    for text, expected in rows:
        result = detect_language(text)
        refs = find_article_references(result.text, result.language)
        found += ",".join(r.number + (f".{r.point}" if r.point else "") for r in refs) == expected
    assert found / len(rows) >= 0.98


def test_spans_point_into_the_text() -> None:
    text = "Предлагаю изменить пункт 2 статьи 33 и статью 40."
    refs = find_article_references(text)
    assert [text[r.start : r.end] for r in refs] == ["пункт 2 статьи 33", "статью 40"]


WORDS = st.sampled_from(
    ["статья", "ст.", "п.", "пункт", "бап", "-бабы", "-тармағы", "Article", "Art.", "(", ")", ",",
     " ", "-", "-й", "baby", "paragraph", "of", "и", "and", "\n", "№"]
)  # fmt: skip
NUMBERS = st.integers(min_value=0, max_value=12000).map(str)


@given(st.lists(st.one_of(WORDS, NUMBERS, st.text(max_size=5)), max_size=30))
def test_never_crashes_and_spans_hold_the_number(parts: list[str]) -> None:
    text = "".join(parts)
    for ref in find_article_references(text):
        assert 0 <= ref.start < ref.end <= len(text)
        assert ref.number in text[ref.start : ref.end]
        assert ref.number[0].isdigit()
        if ref.point is not None:
            assert ref.point in text[ref.start : ref.end]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ст. 33", "33"),
        ("33", "33"),
        ("№ 33", "33"),
        ("Статья 83-1", "83-1"),
        ("33-бап", "33"),
        ("Art. 33(2)", "33"),
        ("статья 33 пункт 2", "33"),
        ("about the 7th", "7"),
        ("2026 жыл", None),
        ("1 and 2", None),
        ("", None),
        (None, None),
        ("   ", None),
        ("не знаю", None),
    ],
)
def test_parse_article_field(value: str | None, expected: str | None) -> None:
    assert parse_article_field(value) == expected


def test_parse_article_field_checks_known_numbers() -> None:
    assert parse_article_field("ст. 33", valid={"1", "33"}) == "33"
    assert parse_article_field("ст. 333", valid={"1", "33"}) is None


@given(st.text(max_size=60))
def test_parse_article_field_never_crashes(value: str) -> None:
    result = parse_article_field(value)
    assert result is None or result[0].isdigit()
