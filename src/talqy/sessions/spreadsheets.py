"""Reading and writing the CSV / XLSX files of sessions and foresight imports and exports.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
Rejected rows go to ``<input>.rejects.csv`` next to the input, with their row number, the
field at fault, the reason and the original values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from talqy.errors import InvalidInput, NotFound, ParseError

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Sheet:
    columns: list[str]
    rows: list[tuple[int, dict[str, object]]]  # (row number, values by column)


@dataclass(frozen=True)
class Reject:
    row: int
    field: str
    error: str
    values: Mapping[str, object]


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("the file must be .csv or .xlsx", field="file", value=path.name)
    return suffix


def read_sheet(path: Path) -> Sheet:
    """The header and the non-blank rows of a CSV file or of an XLSX file's first sheet."""
    suffix = _check_suffix(path)
    if not path.is_file():
        raise NotFound(f"no such file: {path}", field="file")
    records = _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)
    if not records:
        raise ParseError("the file is empty", path=str(path))
    columns = [str(c if c is not None else "").strip().lower() for c in records[0]]
    if not any(columns):
        raise ParseError("the first row must name the columns", path=str(path), line=1)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = {col: _clean(v) for col, v in zip(columns, record, strict=False) if col}
        if any(str(v).strip() for v in values.values()):
            rows.append((number, values))
    return Sheet(columns=[c for c in columns if c], rows=rows)


def _clean(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def _read_csv(path: Path) -> list[Sequence[object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError("the file is not UTF-8 text", path=str(path), position=exc.start) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ParseError(f"unreadable CSV: {exc}", path=str(path)) from None


def _read_xlsx(path: Path) -> list[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ParseError(f"unreadable XLSX: {type(exc).__name__}", path=str(path)) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def write_sheet(path: Path, columns: list[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write ``rows`` as CSV or XLSX (by suffix); returns the number of rows written."""
    suffix = _check_suffix(path)
    table = [[row.get(column, "") for column in columns] for row in rows]
    cells = [[("" if v is None else v) for v in record] for record in table]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(cells)
        return len(cells)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(columns)
    for record in cells:
        sheet.append([v if isinstance(v, int | str) else str(v) for v in record])
    book.save(path)
    return len(cells)


def rejects_path(source: Path) -> Path:
    return source.with_name(source.name + ".rejects.csv")


def write_rejects(source: Path, columns: list[str], rejects: list[Reject]) -> Path | None:
    """Write the rejected rows next to ``source`` (or remove a stale file); its path or None."""
    target = rejects_path(source)
    if not rejects:
        target.unlink(missing_ok=True)
        return None
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "field", "error", *columns])
        for item in rejects:
            original = [item.values.get(column, "") for column in columns]
            writer.writerow([item.row, item.field, item.error, *original])
    return target
