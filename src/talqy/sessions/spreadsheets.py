"""Reading and writing the CSV / XLSX files of sessions and foresight imports and exports.

Files are read with the product's one import stack (:mod:`talqy.tabular`): streamed, encoding
detected (UTF-8 strict), every size capped; they are written with its formula-safe CSV writer
(XLSX cells get the same guard). Rows are numbered as a spreadsheet shows them: the header is
row 1, the first record row 2. Rejected rows go to ``<input>.rejects.csv`` next to the input,
with their row number, the field at fault, the reason and the original values.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from talqy.errors import InvalidInput, NotFound, ParseError
from talqy.tabular.csv_writer import CsvFile, safe_cell
from talqy.tabular.limits import ReadLimits
from talqy.tabular.readers import SourceInfo, open_source, scan_source

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Reject:
    row: int
    field: str
    error: str
    values: Mapping[str, object]


@dataclass(frozen=True)
class SheetRow:
    """Row ``number`` (as a spreadsheet shows it) with its values, or the error reading it."""

    number: int
    values: dict[str, object]
    error: InvalidInput | None = None


@dataclass(frozen=True)
class Sheet:
    """An opened file: its columns; :meth:`rows` streams the non-blank rows (again each call)."""

    path: Path
    columns: list[str]
    info: SourceInfo
    limits: ReadLimits = field(default_factory=ReadLimits)

    def rows(self) -> Iterator[SheetRow]:
        fmt = "xlsx" if self.path.suffix.lower() == ".xlsx" else "csv"
        with open_source(self.path, self.info, fmt, self.limits) as source:
            for row in source.rows:
                if row.error is not None:
                    yield SheetRow(row.number + 1, {}, row.error)
                    continue
                values = {_column(k): _clean(v) for k, v in row.values.items()}
                yield SheetRow(row.number + 1, {k: v for k, v in values.items() if k})


def _column(name: str) -> str:
    return str(name or "").strip().lower()


def _clean(value: object) -> object:
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("the file must be .csv or .xlsx", field="file", value=path.name)
    return suffix


def read_sheet(path: Path, limits: ReadLimits | None = None) -> Sheet:
    """The header of a CSV file or of an XLSX file's first sheet; rows are streamed later."""
    suffix = _check_suffix(path)
    if not path.is_file():
        raise NotFound(f"no such file: {path}", field="file")
    limits = limits or ReadLimits()
    info = scan_source(path, limits.encoding)
    with open_source(path, info, suffix.lstrip("."), limits) as source:
        header = source.header
    if header is None:
        raise ParseError("the file is empty", path=str(path))
    columns = [_column(name) for name in header]
    if not any(columns):
        raise ParseError("the first row must name the columns", path=str(path), line=1)
    return Sheet(path, [c for c in columns if c], info, limits)


def write_sheet(path: Path, columns: list[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write ``rows`` as CSV or XLSX (by suffix); returns the number of rows written."""
    suffix = _check_suffix(path)
    table = [[row.get(column, "") for column in columns] for row in rows]
    cells = [[safe_cell(v) for v in record] for record in table]
    if suffix == ".csv":
        out = CsvFile.open(path)
        try:
            out.write(columns)
            for record in cells:
                out.write(record)
        finally:
            out.close()
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
    out = CsvFile.open(target)
    try:
        out.write(["row", "field", "error", *columns])
        for item in rejects:
            out.write(
                [item.row, item.field, item.error, *(item.values.get(c, "") for c in columns)]
            )
    finally:
        out.close()
    return target
