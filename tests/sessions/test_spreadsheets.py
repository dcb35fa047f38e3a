"""Sessions and foresight files use the shared import stack and the formula-safe writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from talqy.errors import ParseError
from talqy.sessions.spreadsheets import read_sheet, write_sheet
from talqy.tabular.limits import ReadLimits

ATTACK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_never_carry_a_formula(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    rows = [{"title_kk": ATTACK, "place": "ok\r@SUM(1)", "position": 3}]
    assert write_sheet(path, ["title_kk", "place", "position"], rows) == 1
    if suffix == ".xlsx":
        sheet = load_workbook(path).worksheets[0]
        cells = [cell for cell in sheet[2]]
        assert [cell.data_type for cell in cells[:2]] == ["s", "s"]
        assert cells[0].value == "'" + ATTACK
    else:
        text = path.read_bytes().decode("utf-8-sig")
        assert text.splitlines()[0] == '"title_kk","place","position"'
        assert "\r'@SUM(1)" in text and f"\"'{ATTACK[0]}" in text
    sheet_rows = list(read_sheet(path).rows())
    assert [(row.number, row.values["position"]) for row in sheet_rows] == [(2, "3")]


def test_any_encoding_the_stack_detects_and_strict_utf8(tmp_path: Path) -> None:
    legacy = tmp_path / "s.csv"
    legacy.write_bytes("external_id;kind\ns-1;комиссия\n".encode("cp1251"))
    assert [row.values for row in read_sheet(legacy).rows()] == [
        {"external_id": "s-1", "kind": "комиссия"}
    ]
    broken = tmp_path / "b.csv"
    broken.write_bytes(
        "external_id,kind\nс-1,комиссия\nс-2,\xff\n".encode().replace(b"\xc3\xbf", b"\xff")
    )
    with pytest.raises(ParseError, match="TALQY_IMPORT_ENCODING"):
        read_sheet(broken)
    assert len(list(read_sheet(broken, ReadLimits(encoding="cp1251")).rows())) == 2


def test_a_too_long_cell_rejects_its_row_by_number(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("external_id,kind\nx," + "k" * 2000 + "\ny,commission\n", encoding="utf-8")
    rows = list(read_sheet(path, ReadLimits(max_cell_chars=1024)).rows())
    assert [(row.number, row.error is not None) for row in rows] == [(2, True), (3, False)]
