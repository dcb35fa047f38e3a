"""The published constitution texts parse into the structure their README states."""

from __future__ import annotations

from pathlib import Path

from talqy.documents.model import Document
from talqy.documents.parser import parse_document


def test_kk_2026_has_96_articles_in_11_sections(kk2026: Document) -> None:
    assert kk2026.language == "kk"
    assert kk2026.numbers() == [str(n) for n in range(1, 97)]
    assert [s.number for s in kk2026.sections] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
    ]  # fmt: skip
    assert kk2026.sections[0].title == "Конституциялық құрылыс негіздері"
    assert kk2026.warnings == ()
    assert kk2026.title == "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ КОНСТИТУЦИЯСЫ"
    assert kk2026.notes[0].startswith("Ескерту. 01.07.2026")
    assert kk2026.preamble.startswith("Біз, біртұтас Қазақстан халқы,")


def test_ru_2026_has_96_articles(ru2026: Document) -> None:
    assert ru2026.language == "ru"
    assert ru2026.numbers() == [str(n) for n in range(1, 97)]
    assert len(ru2026.sections) == 11
    assert ru2026.article("1").section == "I"
    assert ru2026.article("96").section == "XI"


def test_kk_and_ru_2026_have_equal_point_structure(kk2026: Document, ru2026: Document) -> None:
    for kk, ru in zip(kk2026.articles, ru2026.articles, strict=True):
        assert kk.number == ru.number
        assert kk.section == ru.section
        assert [p.number for p in kk.points] == [p.number for p in ru.points], kk.number
        assert [len(p.subpoints) for p in kk.points] == [len(p.subpoints) for p in ru.points]


def test_kk_1995_has_102_articles_with_inserted_numbers(kk1995: Document) -> None:
    numbers = kk1995.numbers()
    assert len(numbers) == 102
    assert [n for n in numbers if "-" in n] == ["83-1", "94-1", "94-2"]
    assert numbers.index("83-1") == numbers.index("83") + 1
    assert kk1995.warnings == ()
    assert kk1995.sections[0].title == "ЖАЛПЫ ЕРЕЖЕЛЕР"
    assert kk1995.preamble.startswith("Біз, ортақ тарихи тағдыр")


def test_repealed_stub_is_an_article_with_only_a_note(kk1995: Document) -> None:
    stub = kk1995.article("84")
    assert stub.is_empty
    assert stub.points == ()
    assert stub.notes[0].startswith("Ескерту. 84-бап алынып тасталды")
    assert stub.original.startswith("### 84-бап")


def test_notes_never_leak_into_article_text(kk1995: Document, kk2026: Document) -> None:
    for doc in (kk1995, kk2026):
        for article in doc.articles:
            assert "Ескерт" not in article.text, article.number
            assert all(note.startswith("Ескерт") for note in article.notes), article.number


def test_pending_wording_stays_in_its_note(kk1995: Document) -> None:
    article = kk1995.article("4")
    assert [p.number for p in article.points] == ["1", "2", "3", "4"]
    assert "Конституциялық Кеңесінің" in article.points[0].text
    assert "Конституциялық Сотының" in article.notes[0]  # the italic new wording
    fifty = kk1995.article("50")
    assert [p.number for p in fifty.points] == ["1", "2", "3", "4", "5"]
    assert "Сенаттың он депутатын" in fifty.notes[0]  # indented, not italic


def test_sub_points_escaped_and_indented(kk1995: Document) -> None:
    point5 = kk1995.article("52").points[4]
    assert point5.number == "5"
    assert point5.subpoints[0].startswith("1) ол Қазақстаннан")
    fifty_four = kk1995.article("54")
    assert [len(p.subpoints) for p in fifty_four.points] == [7, 3]
    assert fifty_four.points[0].subpoints[0].startswith("1) республикалық бюджетті")


def test_lead_in_with_sub_points_is_an_unnumbered_point(kk2026: Document) -> None:
    president = kk2026.article("46")
    assert len(president.points) == 1
    lead = president.points[0]
    assert lead.number == ""
    assert lead.text == "Қазақстан Республикасының Президенті:"
    assert len(lead.subpoints) == 22
    # an indented continuation paragraph belongs to the sub-point above it
    assert "Вице-Президентті тағайындауға" in lead.subpoints[1]


def test_continuation_paragraphs_join_their_point(kk2026: Document, ru2026: Document) -> None:
    assert kk2026.article("2").points[5].text.endswith("Қазақстан Республикасына тиесілі.")
    assert "\n" in ru2026.article("84").points[2].text  # not indented in the Russian text


def test_homoglyphs_are_normalized_in_text_and_kept_in_original(kk2026: Document) -> None:
    article = kk2026.article("83")
    assert "мəртебесі" in article.original  # Latin schwa in the official text
    assert "мәртебесі" in article.text


def test_points_inside_notes_are_not_points(kk1995: Document) -> None:
    article = kk1995.article("72")
    assert [p.number for p in article.points] == ["1", "2"]
    assert len(article.notes) == 4


def test_bytes_and_path_give_the_same_document(data_dir: Path, ru2026: Document) -> None:
    raw = (data_dir / "ru-2026.md").read_bytes()
    assert parse_document(raw) == ru2026
    assert parse_document(raw.decode("utf-8")) == ru2026
