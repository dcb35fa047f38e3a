"""Drafts as PDF (a text layer made with WeasyPrint from the real texts) and amendment debris."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from talqy.cli import draft
from talqy.documents.amendments import is_amendment_debris, split_amendment_remark
from talqy.documents.model import Document
from talqy.documents.parser import parse_document
from talqy.errors import ParseError

SECTION_WORD = {"ru": "Раздел {}", "kk": "{} бөлім"}
ARTICLE_WORD = {"ru": "Статья {}", "kk": "{}-бап"}
root = typer.Typer()
root.add_typer(draft.app, name="draft")


def _pdf(doc: Document, *, limit: int | None = None) -> bytes:
    """The document typeset as a PDF: section titles on their heading line, as officially."""
    import weasyprint

    parts = [f"<h1>{html.escape(doc.title or '')}</h1>"]
    parts += [f"<p>{html.escape(note)}</p>" for note in doc.notes]
    parts += [f"<p>{html.escape(line)}</p>" for line in doc.preamble.split("\n") if line]
    section = None
    for article in doc.articles[:limit]:
        if article.section != section:
            section = article.section
            title = doc.section(section).title if section else ""
            heading = SECTION_WORD[doc.language].format(section)
            parts.append(f"<h2>{html.escape(heading)} {html.escape(title or '')}</h2>")
        parts.append(f"<h3>{ARTICLE_WORD[doc.language].format(article.number)}</h3>")
        parts += [f"<p>{html.escape(line)}</p>" for line in article.text.split("\n")]
        parts += [f"<p><i>{html.escape(note)}</i></p>" for note in article.notes]
    page = f"<html lang='{doc.language}'><body>{''.join(parts)}</body></html>"
    return bytes(weasyprint.HTML(string=page).write_pdf())


@pytest.fixture(scope="module")
def ru_pdf(ru2026: Document) -> bytes:
    return _pdf(ru2026)


def test_russian_pdf_parses_like_the_markdown(ru2026: Document, ru_pdf: bytes) -> None:
    parsed = parse_document(ru_pdf, name="ru-2026.pdf")
    assert parsed.language == "ru"
    assert parsed.numbers() == ru2026.numbers()
    assert [(s.number, s.title) for s in parsed.sections] == [
        (s.number, s.title) for s in ru2026.sections
    ]
    assert [a.section for a in parsed.articles] == [a.section for a in ru2026.articles]
    assert [a.text for a in parsed.articles] == [a.text for a in ru2026.articles]
    assert [a.points for a in parsed.articles] == [a.points for a in ru2026.articles]
    assert parsed.warnings == ()


def test_kazakh_pdf_parses_like_the_markdown(kk2026: Document, tmp_path: Path) -> None:
    path = tmp_path / "kk.pdf"
    path.write_bytes(_pdf(kk2026, limit=40))
    parsed = parse_document(path)
    assert parsed.language == "kk"
    expected = kk2026.articles[:40]
    assert [(a.number, a.section, a.text) for a in parsed.articles] == [
        (a.number, a.section, a.text) for a in expected
    ]


def test_cli_parses_a_pdf(ru_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "draft.pdf"
    path.write_bytes(ru_pdf)
    result = CliRunner().invoke(root, ["draft", "parse", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 96
    assert data["articles"][0]["section"] == "I"


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    import weasyprint

    path = tmp_path / "scan.pdf"
    path.write_bytes(weasyprint.HTML(string="<html><body><div></div></body></html>").write_pdf())
    result = CliRunner().invoke(root, ["draft", "parse", str(path)])
    assert result.exit_code == 1
    assert "without a text layer" in result.stderr
    assert "encoding" not in result.stderr
    with pytest.raises(ParseError, match="not a readable PDF"):
        parse_document(b"%PDF-1.7\n garbage", name="broken.pdf")


def _with_debris(doc: Document, numbers: list[str]) -> str:
    """Plain text of real articles with each article's amendment note wrapped into debris."""
    lines = []
    for number in numbers:
        article = doc.article(number)
        lines.append(f"Статья {number}")
        lines += article.text.split("\n")
        lines += [
            f"Сноска. Статья {number} с изменениями, внесенными законами РК от 21.05.2007 № 254",
            "(вводится в действие со дня официального опубликования); от 02.02.2011 № 403-IV",
            "; от 27.12.2024",
            "№ 8-НП.",
            "(изменен Законом РК от 10.03.2017 № 51-VI)",
        ]
    return "\n".join(lines)


def test_amendment_debris_stays_with_the_notes(ru2026: Document) -> None:
    numbers = ["1", "2", "33", "94"]
    head = "Раздел VIII Местное государственное управление и самоуправление"
    text = head + "\n" + _with_debris(ru2026, numbers)
    parsed = parse_document(text, fmt="text")
    assert [s.title for s in parsed.sections] == [head.split(" ", 2)[2]]
    for number in numbers:
        article = parsed.article(number)
        assert article.section == "VIII"
        assert article.text == ru2026.article(number).text
        assert "№" not in article.text and "27.12.2024" not in article.text
        assert len(article.notes) == 2
        assert article.notes[0].endswith("403-IV\n; от 27.12.2024\n№ 8-НП.")
        assert article.notes[1] == "(изменен Законом РК от 10.03.2017 № 51-VI)"


def test_kazakh_section_heading_sharing_its_line(kk2026: Document) -> None:
    body = kk2026.article("3").text
    text = f"VIII бөлім Жергілікті мемлекеттік басқару\n3-бап\n{body}\nҚР 2024.27.12. № 8-НП"
    parsed = parse_document(text, fmt="text")
    assert parsed.sections[0].number == "VIII"
    assert parsed.sections[0].title == "Жергілікті мемлекеттік басқару"
    assert parsed.article("3").text == body
    assert parsed.article("3").notes == ("ҚР 2024.27.12. № 8-НП",)


@pytest.mark.parametrize(
    ("text", "debris"),
    [
        ("№ 8-НП", True),
        ("; от 27.12.2024", True),
        ("2. Граждане от 18 лет имеют право избирать.", False),
        ("3) 2024 жылғы 1 қаңтардан бастап", False),
        ("Статья 5 от 1995 года", False),
    ],
)
def test_debris_recogniser(text: str, debris: bool) -> None:
    assert is_amendment_debris(text) is debris


def test_trailing_remark_is_split_but_other_brackets_stay() -> None:
    body, remark = split_amendment_remark("1. Текст. (дополнен Законом РК от 02.02.2011 № 403-IV)")
    assert (body, remark) == ("1. Текст.", "(дополнен Законом РК от 02.02.2011 № 403-IV)")
    kept = "6. Национальная валюта (денежная единица) – теңге."
    assert split_amendment_remark(kept) == (kept, None)
