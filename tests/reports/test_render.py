"""Every format in every language: renders, is deterministic, leaks nothing personal."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talqy.reports import build_report, export_report
from talqy.reports.opendata import zip_time
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database, open_database
from talqy.tabular.csv_writer import FORMULA_STARTS, safe_cell
from tests.reports.dataset import (
    EMAIL,
    IIN,
    IIN_HASH,
    NAME,
    PHONE,
    RECEIPT_PREFIX,
    SECRET_WORD,
    SLUG,
    seed,
)

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("kk", "ru", "en")
TEXT_FORMATS = ("html", "json", "csv", "zip")
PERSONAL = (NAME, PHONE, EMAIL, IIN, IIN_HASH, RECEIPT_PREFIX, SECRET_WORD, "+77012345678")
HEADINGS = {"kk": "Жүйелеу кестесі", "ru": "Таблица систематизации", "en": "Systematization table"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("reports") / "report.db"
    db = open_database(f"sqlite:///{path}")
    seed(db)
    create_consultation(db, slug="empty", title="Бос талқылау")
    try:
        yield db
    finally:
        db.engine.dispose()


def _texts(fmt: str, content: bytes) -> list[str]:
    """Everything readable in an output: the text itself or every archive entry."""
    if fmt == "zip":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [archive.read(name).decode("utf-8") for name in archive.namelist()]
    return [content.decode("utf-8")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_render_and_are_byte_identical_twice(
    seeded: Database, fmt: str, language: str
) -> None:
    first = export_report(seeded, consultation=SLUG, fmt=fmt, language=language)
    again = export_report(seeded, consultation=SLUG, fmt=fmt, language=language)
    assert first.content == again.content
    texts = _texts(fmt, first.content)
    if fmt == "html":
        assert texts[0].startswith("<!doctype html>") and HEADINGS[language] in texts[0]
        assert "<svg" in texts[0] and 'src="http' not in texts[0] and "<link" not in texts[0]
    if fmt == "json":
        assert json.loads(texts[0])["language"] == language
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(texts[0])))
        assert rows[0][:3] == ["group", "article", "theme"] and len(rows) == 5


def test_kazakh_page_has_no_english_headings(seeded: Database) -> None:
    html = export_report(seeded, consultation=SLUG, fmt="html", language="kk").content.decode()
    for english in ("Where the proposals came from", "Themes", "Decisions", "Method", "Share"):
        assert f">{english}<" not in html
    assert "Ұсыныстар қайдан келді" in html


def test_open_data_archive_holds_every_table_and_a_readme(seeded: Database) -> None:
    content = export_report(seeded, consultation=SLUG, fmt="zip", language="en").content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = [info.filename for info in archive.infolist()]
        stamps = {info.date_time for info in archive.infolist()}
        readme = archive.read(f"{SLUG}/README.md").decode()
        proposals = list(
            csv.DictReader(io.StringIO(archive.read(f"{SLUG}/proposals.csv").decode()))
        )
        themes = json.loads(archive.read(f"{SLUG}/themes.json"))
    assert [n.split("/", 1)[1] for n in names] == [
        "README.md",
        "report.json",
        "systematization.csv",
        "systematization.json",
        "proposals.csv",
        "proposals.json",
        "themes.csv",
        "themes.json",
    ]
    assert stamps == {(2026, 3, 1, 12, 24, 0)}
    assert list(proposals[0]) == [
        "id",
        "channel",
        "region",
        "day",
        "language",
        "article",
        "group",
        "theme",
        "text_display",
    ]
    assert len(proposals) == 12 and proposals[2]["text_display"].startswith("'=")
    for column in proposals[0]:
        assert f"`{column}`" in readme
    assert "## Қазақша" in readme and "## Русский" in readme and "## English" in readme
    assert [t["key"] for t in themes] == ["t1", "t2"]


def test_no_output_holds_personal_data(seeded: Database) -> None:
    outputs: list[str] = []
    for language in LANGUAGES:
        for fmt in TEXT_FORMATS:
            content = export_report(seeded, consultation=SLUG, fmt=fmt, language=language).content
            outputs += _texts(fmt, content)
    pdf = export_report(seeded, consultation=SLUG, fmt="pdf", language="kk").content
    if Path("/usr/bin/pdftotext").exists():
        done = subprocess.run(
            ["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        )
        outputs.append(done.stdout.decode("utf-8"))
        assert "Жүйелеу кестесі" in outputs[-1]
    for text in outputs:
        for secret in PERSONAL:
            assert secret not in text
    for secret in PERSONAL:
        assert secret.encode() not in pdf


def test_csv_cells_cannot_start_a_formula(seeded: Database) -> None:
    csv_text = export_report(seeded, consultation=SLUG, fmt="csv", language="kk").content.decode()
    archive = export_report(seeded, consultation=SLUG, fmt="zip", language="kk").content
    tables = [csv_text]
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        tables += [opened.read(n).decode() for n in opened.namelist() if n.endswith(".csv")]
    cells = [cell for table in tables for row in csv.reader(io.StringIO(table)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'-Статья 4: сроки." in cells and "'@Статья 4 сроки" in cells


@given(st.text())
def test_safe_cell_never_starts_with_a_formula_character(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str) and not cell.startswith(FORMULA_STARTS)
    # Only guard quotes are added: at the start and right after a line break.
    assert cell.replace("'", "") == text.replace("'", "")
    assert not re.search(r"[\r\n][=+\-@\t\r]", cell)


def test_zip_time_without_data_is_1980() -> None:
    assert zip_time(None) == (1980, 1, 1, 0, 0, 0)


def test_pdf_has_pages_and_embeds_a_kazakh_font(seeded: Database) -> None:
    pdf = export_report(seeded, consultation=SLUG, fmt="pdf", language="kk").content
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        pages = [line for line in info.stdout.decode().splitlines() if line.startswith("Pages:")]
        assert int(pages[0].split()[1]) >= 2
        fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
        names = [line.split()[0] for line in fonts.stdout.decode().splitlines()[2:]]
        assert names and all("DejaVu" in name or "Noto" in name for name in names), names
    if Path("/usr/bin/pdftoppm").exists():
        out = REPO / "test-output"
        out.mkdir(exist_ok=True)
        source = out / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(out / "report-page1"),
            ],
            check=True,
        )
        png = out / "report-page1.png"
        assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_pdf_renders_in_every_language(seeded: Database, language: str) -> None:
    pdf = export_report(seeded, consultation=SLUG, fmt="pdf", language=language).content
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "zip", "pdf"])
def test_empty_consultation_renders_every_format(seeded: Database, fmt: str) -> None:
    made = export_report(seeded, consultation="empty", fmt=fmt, language="kk")
    assert made.content
    if fmt == "json":
        assert json.loads(made.content)["intake"]["total"] == 0
    if fmt == "zip":
        with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_report_rebuilt_from_the_database_is_identical(seeded: Database) -> None:
    one = build_report(seeded, consultation=SLUG, language="kk").to_dict()
    two = build_report(seeded, consultation=SLUG, language="kk").to_dict()
    assert one == two


def test_pdf_is_tagged_for_screen_readers(seeded: Database) -> None:
    import pypdf

    pdf = export_report(seeded, consultation=SLUG, fmt="pdf", language="kk").content
    catalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("kk")
    roles: set[str] = set()
    pending = [catalog["/StructTreeRoot"].get_object()]
    while pending and len(roles) < 50:
        node = pending.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            pending.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                roles.add(str(node["/S"]))
            if "/K" in node:
                pending.append(node["/K"])
    assert {"/H1", "/Table", "/P"} <= roles, roles
