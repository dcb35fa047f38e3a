"""Hostile import files are refused early and clearly, with small generated files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from talqy.errors import ParseError
from talqy.tabular.limits import ReadLimits
from talqy.tabular.readers import open_source, scan_source

SMALL = ReadLimits(
    max_line_chars=1024, max_cell_chars=1024, max_columns=16, max_xlsx_bytes=1 << 20,
    max_shared_chars=1 << 16,
)  # fmt: skip
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def xlsx(path: Path, rows: str, *, shared: list[str] | None = None, extra: str = "") -> Path:
    """A minimal workbook whose first sheet holds ``rows`` (``<row>`` elements)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook {NS} {RELS_NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        )
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            book.writestr("xl/sharedStrings.xml", f"<sst {NS}>{items}</sst>")
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData>'
            f"{extra}</worksheet>",
        )
    return path


def read(path: Path, limits: ReadLimits = SMALL, fmt: str | None = None) -> list[object]:
    info = scan_source(path, limits.encoding)
    with open_source(path, info, fmt, limits) as source:
        return [(row.number, row.values, row.error and row.error.context["reason"])
                for row in source.rows]  # fmt: skip


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_declared_dimension_of_the_whole_sheet_costs_nothing(tmp_path: Path) -> None:
    rows = (
        f'<row r="1">{cell("A1", "id")}{cell("B1", "text")}</row>'
        f'<row r="2">{cell("A2", "1")}{cell("B2", "Бір")}</row>'
        f'<row r="3">{cell("XFD3", "far")}</row>'
        f'<row r="1048576">{cell("A1048576", "2")}{cell("B1048576", "Екі")}</row>'
    )
    path = xlsx(tmp_path / "dim.xlsx", rows)
    assert path.stat().st_size < 2000
    assert read(path) == [
        (1, {"id": "1", "text": "Бір"}, None),
        (2, {}, "too_many_columns"),
        (1048575, {"id": "2", "text": "Екі"}, None),
    ]


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    padding = "<!--" + " " * (3 << 20) + "-->"
    path = xlsx(tmp_path / "bomb.xlsx", f'<row r="1">{cell("A1", "text")}</row>', extra=padding)
    assert path.stat().st_size < 20_000
    with pytest.raises(ParseError, match="TALQY_IMPORT_MAX_XLSX_BYTES"):
        read(path)


def test_a_huge_shared_string_is_dropped_and_its_row_rejected(tmp_path: Path) -> None:
    rows = (
        f'<row r="1">{cell("A1", "text")}</row>'
        '<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>'
    )
    path = xlsx(tmp_path / "s.xlsx", rows, shared=["x" * 5000, "ok"])
    assert read(path) == [(1, {}, "cell_too_long"), (2, {"text": "ok"}, None)]
    huge = xlsx(tmp_path / "h.xlsx", rows, shared=["y" * 70_000])
    with pytest.raises(ParseError, match="TALQY_IMPORT_MAX_SHARED_CHARS"):
        read(huge)


def test_a_huge_inline_cell_is_rejected_with_its_row(tmp_path: Path) -> None:
    rows = f'<row r="1">{cell("A1", "text")}</row><row r="2">{cell("A2", "z" * 5000)}</row>'
    assert read(xlsx(tmp_path / "i.xlsx", rows)) == [(1, {}, "cell_too_long")]


def test_long_lines_are_refused_with_their_number(tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    header.write_text("text," + "x" * 5000 + "\nok\n", encoding="utf-8")
    with pytest.raises(ParseError, match="line 1 is longer") as caught:
        read(header)
    assert caught.value.context["line"] == 1
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"text": "a"}\n{"text": "' + "b" * 5000 + '"}\n', encoding="utf-8")
    with pytest.raises(ParseError, match="TALQY_IMPORT_MAX_LINE_CHARS") as caught:
        read(lines)
    assert caught.value.context["line"] == 2


def test_cells_and_columns_are_capped_per_row(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("text\nok\n" + "y" * 1000 + "\n" + ",".join("z" * 20) + "\n", encoding="utf-8")
    limits = ReadLimits(max_line_chars=2048, max_cell_chars=1024, max_columns=16)
    assert [r[2] for r in read(path, limits)] == [None, None, "too_many_columns"]
    path.write_text('text\n"' + ("w" * 900 + "\n") * 2 + '"\nok\n', encoding="utf-8")
    assert [r[2] for r in read(path, limits)] == ["cell_too_long", None]


def test_a_big_json_element_is_read_once_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"text": "' + "q" * 300_000 + '"}, {"text": "b"}]', encoding="utf-8")
    roomy = ReadLimits(max_line_chars=1 << 20, max_cell_chars=1 << 20)
    assert [len(str(r[1])) for r in read(path, roomy)] == [300_012, 13]
    with pytest.raises(ParseError, match="JSON element is longer"):
        read(path, ReadLimits(max_line_chars=100_000, max_cell_chars=1 << 20))


def test_one_bad_byte_in_a_utf8_file_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("text\nҚазақстан\nекі \xff үш\n".encode().replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(ParseError, match="TALQY_IMPORT_ENCODING") as caught:
        read(path)
    assert caught.value.context["line"] == 3
    given = ReadLimits(encoding="cp1251")
    assert len(read(path, given)) == 2
    legacy = tmp_path / "w.csv"
    legacy.write_bytes("text\nПредлагаю изменить\n".encode("cp1251"))
    assert read(legacy) == [(1, {"text": "Предлагаю изменить"}, None)]


def test_values_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    from datetime import date, datetime, time

    from openpyxl import Workbook, load_workbook

    from talqy.tabular.xlsx import cell_text

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b", "c", "d", "e", "f", "g"])
    sheet.append([1.5, 42, datetime(2026, 2, 11, 10, 30), date(2026, 3, 1), True, "=1+1", -7])
    sheet.append([1e20, "0012", time(12, 30), None, False, "текст", 3.0])
    path = tmp_path / "v.xlsx"
    book.save(path)
    ours = [list(values.values()) for _n, values, _e in read(path, ReadLimits())]
    theirs = load_workbook(path, read_only=True, data_only=True)
    rows = theirs.worksheets[0].iter_rows(values_only=True)
    expected = [[cell_text(v) for v in row] for row in rows]
    theirs.close()
    assert ours == expected[1:]
