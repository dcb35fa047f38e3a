"""Reading files: encodings, delimiters, formats, and what cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from talqy.errors import ParseError
from talqy.tabular import readers
from talqy.tabular.readers import open_source, scan_source
from talqy.tabular.rows import SourceRow
from tests.intake.samples import csv_text

MIXED = "Ұсыныс: 33-бап / статья 33 / Article 33 — «Qazaqstan» ✓"


def read(path: Path) -> tuple[list[str] | None, list[SourceRow]]:
    info = scan_source(path)
    with open_source(path, info) as source:
        return source.header, list(source.rows)


def _rows() -> list[dict[str, str]]:
    return [{"id": "1", "text": MIXED}, {"id": "2", "text": 'Екінші\nжол, "тырнақша"'}]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "expected"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ";", "utf-8-sig"),
        ("utf-16", "\t", "utf-16"),
        ("utf-16-le", "\t", "utf-16-le"),
    ],
)
def test_encodings_and_delimiters(
    tmp_path: Path, encoding: str, delimiter: str, expected: str
) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(csv_text(_rows(), delimiter=delimiter).encode(encoding))
    assert scan_source(path).encoding == expected
    header, rows = read(path)
    assert header is not None and header[:2] == ["id", "text"]
    assert [row.values["text"] for row in rows] == [MIXED, 'Екінші\nжол, "тырнақша"']
    assert [row.number for row in rows] == [1, 2]


def test_cp1251(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes("id;text\n1;Предлагаю изменить статью 5\n".encode("cp1251"))
    assert scan_source(path).encoding == "cp1251"
    assert read(path)[1][0].values == {"id": "1", "text": "Предлагаю изменить статью 5"}


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert read(empty) == (None, [])
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,text\r\n", encoding="utf-8")
    assert read(header_only) == (["id", "text"], [])


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("id,text\n1,a\n\n,\n2,b\n", encoding="utf-8")
    assert [(row.number, row.values["id"]) for row in read(path)[1]] == [(1, "1"), (4, "2")]


def test_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Номер", "Текст", "Дата"])
    sheet.append([17, MIXED, "2026-02-11"])
    sheet.append([None, None, None])
    sheet.append([18.0, "екі", None])
    book.save(path)
    header, rows = read(path)
    assert header == ["Номер", "Текст", "Дата"]
    assert [(row.number, row.values["Номер"], row.values["Текст"]) for row in rows] == [
        (1, "17", MIXED),
        (3, "18", "екі"),
    ]


def test_jsonl_with_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"text": "a"}\n\nnot json\n[1, 2]\n{"text": "b", "id": 5}\n', encoding="utf-8")
    rows = read(path)[1]
    assert [row.number for row in rows] == [1, 3, 4, 5]
    assert rows[1].error is not None and rows[1].error.context["reason"] == "bad_json"
    assert rows[2].error is not None and rows[2].error.context["reason"] == "not_an_object"
    assert rows[3].values == {"text": "b", "id": 5}


def test_json_array_is_streamed_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "CHUNK", 7)
    items = [
        {"id": i, "text": f"мәтін {i} " + "ж" * (i % 13), "n": 12345678901234} for i in range(60)
    ]
    path = tmp_path / "p.json"
    path.write_text(" \n" + json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    rows = read(path)[1]
    assert [row.values for row in rows] == items
    assert [row.number for row in rows] == list(range(1, 61))


@pytest.mark.parametrize(
    "content",
    ["[", '[{"text": "a"} {"text": "b"}]', '[{"text": "a"},]', "[1, 2"],
)
def test_broken_json_arrays_raise_parse_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParseError):
        read(path)


def test_a_json_file_of_objects_is_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"text": "a"}\n{"text": 1', encoding="utf-8")
    rows = read(path)[1]
    assert rows[0].values == {"text": "a"}
    assert rows[1].error is not None and rows[1].number == 2


def test_an_empty_json_array(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("[ ]", encoding="utf-8")
    assert read(path) == (None, [])


def test_a_file_that_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ParseError):
        read(path)
