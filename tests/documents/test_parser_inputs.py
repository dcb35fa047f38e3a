"""Awkward inputs: encodings, formats, heading styles, broken numbering, junk."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.documents.parser import parse_document
from talqy.errors import InvalidInput, ParseError

RU = "## Раздел I Общие положения\n\n**Статья 1**\n\n1. Текст первого пункта.\n\n2. Второй пункт.\n"
KK = "## І бөлім Жалпы ережелер\n\n### 1-бап\n\n1. Қазақстан Республикасы.\n\n2. Екінші тармақ.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RU.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + RU.encode("utf-8"), "utf-8-sig"),
        (RU.encode("utf-16"), "utf-16"),
        (RU.encode("utf-16-be"), None),
        (RU.encode("cp1251"), "cp1251"),
        (KK.encode("kz1048"), "kz1048"),
        (KK.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings(data: bytes, encoding: str | None) -> None:
    if encoding is None:  # UTF-16 without a byte-order mark: no silent garbage either way
        try:
            doc = parse_document(data)
        except ParseError:
            return
        assert doc.article("1").points[0].text == "Текст первого пункта."
        return
    doc = parse_document(data)
    assert doc.numbers() == ["1"]
    assert len(doc.article("1").points) == 2
    assert doc.language == ("kk" if "бап" in doc.article("1").original else "ru")
    assert doc.sections[0].number == "I"


def test_cp1251_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(
        "Статья 1. Общие положения\n1. Первый пункт.\n2. Второй пункт.\n".encode("cp1251")
    )
    doc = parse_document(path)
    assert doc.article("1").title == "Общие положения"
    assert [p.text for p in doc.article("1").points] == ["Первый пункт.", "Второй пункт."]


@pytest.mark.parametrize("data", [b"", b"   \n\n", "".encode("utf-16")])
def test_empty_input_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_document(data, name="empty.md")


def test_binary_junk_is_a_parse_error() -> None:
    junk = bytes(range(256)) * 8 + os.urandom(512)
    with pytest.raises(ParseError) as info:
        parse_document(junk, name="junk.bin")
    assert info.value.path == "junk.bin"


def test_png_header_and_nuls_are_refused() -> None:
    with pytest.raises(ParseError):
        parse_document(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20)


def test_text_without_articles_names_the_file_and_what_was_expected() -> None:
    with pytest.raises(ParseError) as info:
        parse_document("Просто текст без статей.\n\nЕщё абзац.", name="letter.md")
    message = str(info.value)
    assert "letter.md" in message
    assert "Статья 1" in message


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read"):
        parse_document(tmp_path / "nope.md")


def test_unknown_language_and_format_are_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_document(RU, language="de")
    with pytest.raises(ParseError, match="unknown format"):
        parse_document(RU, fmt="odt")


def test_corrupt_docx_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip file")
    with pytest.raises(ParseError, match="DOCX"):
        parse_document(path)


def test_docx_built_with_python_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Закон о консультациях", level=1)
    document.add_paragraph("Преамбула закона.")
    document.add_heading("Глава 1. Общие положения", level=2)
    document.add_heading("Статья 1. Цель", level=3)
    document.add_paragraph("1. Первый пункт.")
    document.add_paragraph("1) подпункт;")
    document.add_paragraph("2) ещё подпункт.")
    document.add_paragraph("2. Второй пункт.")
    note = document.add_paragraph()
    note.add_run("Примечание. Редакционное примечание.").italic = True
    bold = document.add_paragraph()
    bold.add_run("Статья 2").bold = True
    document.add_paragraph("Текст второй статьи.")
    path = tmp_path / "draft.docx"
    document.save(path)
    doc = parse_document(path)
    assert doc.title == "Закон о консультациях"
    assert doc.preamble == "Преамбула закона."
    assert doc.sections[0].kind == "chapter"
    assert doc.sections[0].title == "Общие положения"
    first = doc.article("1")
    assert first.title == "Цель"
    assert first.section == "1"
    assert [p.number for p in first.points] == ["1", "2"]
    assert first.points[0].subpoints == ("1) подпункт;", "2) ещё подпункт.")
    assert first.notes == ("Примечание. Редакционное примечание.",)
    assert doc.article("2").text == "Текст второй статьи."
    assert parse_document(path.read_bytes()) == doc


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("**33-бап**", "33", None),
        ("### 83-1-бап", "83-1", None),
        ("33-бап. Азаматтардың құқығы", "33", "Азаматтардың құқығы"),
        ("**Статья 33**", "33", None),
        ("**Статья 94-2.** Переходные положения", "94-2", "Переходные положения"),
        ("## Статья 33. Право на собрание", "33", "Право на собрание"),
        ("Статья 33", "33", None),
        ("Article 33", "33", None),
        ("### Article 7 – Official languages", "7", "Official languages"),
        ("Article 12. Freedom of speech", "12", "Freedom of speech"),
        ("**Cтатья 5**", "5", None),  # Latin C: a homoglyph in the keyword
        ("**5-бaп**", "5", None),  # Latin a
    ],
)
def test_article_heading_styles(heading: str, number: str, title: str | None) -> None:
    doc = parse_document(f'<a id="st{number}"></a>\n\n{heading}\n\nText of the article.\n')
    assert doc.numbers() == [number]
    assert doc.articles[0].title == title


def test_sentence_starting_with_article_word_is_not_a_heading() -> None:
    doc = parse_document("Статья 1\n\nСтатья 5 настоящего закона применяется иначе.\n")
    assert doc.numbers() == ["1"]
    assert doc.article("1").text == "Статья 5 настоящего закона применяется иначе."


@pytest.mark.parametrize(
    ("heading", "number", "kind", "title"),
    [
        ("## І бөлім Конституциялық құрылыс", "I", "section", "Конституциялық құрылыс"),
        ("## XI бөлім", "XI", "section", None),
        ("## Раздел II. Права", "II", "section", "Права"),
        ("## Section 3 Government", "3", "section", "Government"),
        ("### Глава 4", "4", "chapter", None),
        ("### 2-тарау. Жалпы ережелер", "2", "chapter", "Жалпы ережелер"),
        ("Chapter IV", "IV", "chapter", None),
    ],
)
def test_section_heading_styles(heading: str, number: str, kind: str, title: str | None) -> None:
    doc = parse_document(f"{heading}\n\nArticle 1\n\nText.\n")
    assert doc.sections[0].number == number
    assert doc.sections[0].kind == kind
    assert doc.sections[0].title == title
    assert doc.article("1").section == number


def test_duplicates_and_gaps_are_warnings_with_lines() -> None:
    text = "Article 1\n\nOne.\n\nArticle 2\n\nTwo.\n\nArticle 2\n\nAgain.\n\nArticle 5\n\nFive.\n"
    doc = parse_document(text)
    assert doc.numbers() == ["1", "2", "2", "5"]
    messages = {w.line: w.message for w in doc.warnings}
    assert "duplicate article number 2" in messages[9]
    assert "articles 3-4 missing" in messages[13]


def test_out_of_order_numbering_is_a_warning() -> None:
    doc = parse_document("Article 2\n\nTwo.\n\nArticle 1\n\nOne.\n")
    assert [w.message for w in doc.warnings] == ["article 1 is out of order"]


@pytest.mark.parametrize(
    "note",
    [
        "Ескертпе. Түсініктеме.",
        "Ескерту: өзгерістер енгізілді.",
        "Примечание. См. постановление.",
        "Сноска. Внесены изменения.",
        "Footnote 1. See the ruling.",
        "> *Ескерту. 4-бапқа өзгеріс енгізілді.*",
        "*Note. Pending wording.*",
    ],
)
def test_notes_are_kept_apart(note: str) -> None:
    doc = parse_document(f"Article 1\n\n1. Main text.\n\n{note}\n\n2. Second point.\n")
    article = doc.article("1")
    assert article.text == "1. Main text.\n2. Second point."
    assert len(article.notes) == 1
    assert "*" not in article.notes[0] and not article.notes[0].startswith(">")


def test_plain_text_without_blank_lines() -> None:
    text = (
        "ЗАКОН\nСтатья 1. Цель\n1. Первый.\nпродолжение первого\n"
        "2. Второй:\n1) а;\n2) б.\nСтатья 2\nТекст.\n"
    )
    doc = parse_document(text.encode("utf-8"), fmt="text")
    first = doc.article("1")
    assert first.points[0].text == "Первый.\nпродолжение первого"
    assert first.points[1].subpoints == ("1) а;", "2) б.")
    assert doc.preamble == "ЗАКОН"


def test_mixed_scripts_and_language_detection() -> None:
    kk = "Article 1\n\nҚазақстан Республикасы - демократиялық мемлекет. Конституция."
    ru = "Article 1\n\nРеспублика Казахстан - демократическое государство."
    en = "Article 1\n\nThe Republic of Kazakhstan is a democratic state (Қазақстан)."
    kk_latin = "1-bap\n\nQazaqstan Respublikasy - demokratııalyq, zaıyrly memleket. Ädilettı."
    assert parse_document(kk).language == "kk"
    assert parse_document(ru).language == "ru"
    assert parse_document(en).language == "en"
    assert parse_document(kk_latin).language == "kk"
    assert parse_document(ru, language="kk").language == "kk"


def test_windows_line_endings_and_zero_width_characters() -> None:
    text = "**Статья 1**\r\n\r\n1. Пер\u200bвый пункт.\r\n\r\n2. Второй\u00a0пункт.\r\n"
    doc = parse_document(text)
    assert [p.text for p in doc.article("1").points] == ["Первый пункт.", "Второй пункт."]


def test_original_keeps_raw_text_and_line_numbers() -> None:
    text = "# Title\n\n**Статья 1**\n\n1. «Первый» пункт.\n\n**Статья 2**\n\nТекст.\n"
    doc = parse_document(text)
    first = doc.article("1")
    assert first.line == 3
    assert first.original == "**Статья 1**\n\n1. «Первый» пункт."
    assert first.text == '1. "Первый" пункт.'
    assert doc.article("2").line == 7


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_input_parses_or_raises_parse_error(data: bytes) -> None:
    for payload in (data, b"Article 1\n\n" + data):
        try:
            doc = parse_document(payload, name="fuzz")
        except ParseError:
            continue
        assert doc.articles


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("*#>\\ \n1.)-Статья бап<a>Ескерту:"), max_size=120))
def test_markup_soup_never_crashes(text: str) -> None:
    try:
        doc = parse_document("Статья 1\n\n" + text)
    except ParseError:
        return
    assert doc.numbers()[0] == "1"
