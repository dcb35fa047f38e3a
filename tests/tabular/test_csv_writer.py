"""The one CSV writer: full quoting, CRLF, a formula never runs, a bare CR never starts a row."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from talqy.tabular.csv_writer import FORMULA_STARTS, csv_text, safe_cell


def test_layout() -> None:
    text = csv_text(["a", "b"], [["x", 1], [None, 2.5]])
    assert text == '"a","b"\r\n"x","1"\r\n"","2.5"\r\n'


def test_a_bare_cr_with_a_formula_after_it_stays_in_its_cell() -> None:
    attack = "ok\r=cmd|' /C calc'!A0"
    text = csv_text(["text"], [[attack], ["next"]])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["text"], ["ok\r'=cmd|' /C calc'!A0"], ["next"]]
    assert text.count("\r\n") == 3
    assert "\r=" not in text and "\n=" not in text


def test_formula_starts_after_line_breaks_are_guarded() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("a\n+1\r\n@x\r-2\n\tb") == "a\n'+1\r\n'@x\r'-2\n'\tb"
    assert safe_cell(-5) == -5 and safe_cell(True) == "true"


@given(st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=4), max_size=6))
def test_any_cells_round_trip_row_for_row(rows: list[list[str]]) -> None:
    text = csv_text(["c"], rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == len(rows) + 1
    for written, read in zip(rows, parsed[1:], strict=True):
        assert len(read) == len(written)
        for cell in read:
            assert not cell.startswith(FORMULA_STARTS)
            for line in cell.replace("\r", "\n").split("\n")[1:]:
                assert not line.startswith(FORMULA_STARTS[:4])
