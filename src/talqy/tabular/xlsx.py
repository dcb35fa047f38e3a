"""Reading the first worksheet of an XLSX workbook as a stream, with every size capped.

The XML parts are parsed with expat straight from the ZIP, chunk by chunk: the sheet's declared
dimension is ignored (a file declaring ``A1:XFD1048576`` costs nothing), the bytes a part may
expand to are capped by ``ReadLimits.max_xlsx_bytes`` (the ZIP's declared sizes are checked first,
and reading stops at them), shared strings by ``max_shared_chars`` in all and ``max_cell_chars``
each, and a cell is dropped as soon as its text passes ``max_cell_chars`` (its row is
rejected). Whole-number cells lose ``.0``; cells with a date format become ISO 8601 dates.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.parsers import expat

from talqy.errors import InvalidInput, ParseError
from talqy.tabular.limits import ReadLimits, cell_too_long
from talqy.tabular.rows import SourceRow, record_of

CHUNK = 1 << 16
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DATE_FORMAT_IDS = {*range(14, 23), 45, 46, 47}
_DATE_CODE = re.compile(r"(?<!\\)[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]')
_TOO_LONG = object()


def cell_text(value: Any) -> str | None:
    """A cell as text: whole numbers without ``.0``, dates in ISO 8601."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _column_index(ref: str) -> int:
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1] if " " in name else name.rsplit(":", 1)[-1]


class _Part:
    """Parse one ZIP member with expat, feeding chunks; handlers see local element names."""

    def __init__(self, book: zipfile.ZipFile, name: str, path: Path) -> None:
        self.book, self.name, self.path = book, name, path

    def parse(
        self,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None],
        text: Callable[[str], None] | None = None,
    ) -> Iterator[None]:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = lambda n, a: start(_local(n), a)
        parser.EndElementHandler = lambda n: end(_local(n))
        if text is not None:
            parser.CharacterDataHandler = text
        parser.buffer_text = True
        with self.book.open(self.name) as handle:
            while True:
                chunk = handle.read(CHUNK)
                try:
                    parser.Parse(chunk, not chunk)
                except expat.ExpatError as exc:
                    raise ParseError(
                        f"broken XML in {self.name}: {expat.errors.messages[exc.code]}",
                        path=self.path.name,
                        line=exc.lineno,
                    ) from None
                yield
                if not chunk:
                    return


def _run(part: _Part, start: Any, end: Any, text: Any = None) -> None:
    for _ in part.parse(start, end, text):
        pass


def _first_sheet(book: zipfile.ZipFile, path: Path) -> tuple[str, bool]:
    """The part name of the first worksheet, and whether dates count from 1904."""
    names = set(book.namelist())
    sheets: list[str] = []
    targets: dict[str, str] = {}
    date1904 = [False]

    def on_book(name: str, attrs: dict[str, str]) -> None:
        if name == "workbookPr":
            date1904[0] = attrs.get("date1904", "").lower() in {"1", "true"}
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append(rid)

    def on_rels(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    if "xl/workbook.xml" in names:
        _run(_Part(book, "xl/workbook.xml", path), on_book, lambda _n: None)
    if "xl/_rels/workbook.xml.rels" in names:
        _run(_Part(book, "xl/_rels/workbook.xml.rels", path), on_rels, lambda _n: None)
    if sheets and sheets[0] in targets:
        target = targets[sheets[0]]
        name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        name = posixpath.normpath(name)
        if name in names:
            return name, date1904[0]
    fallback = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    if not fallback:
        raise ParseError("the workbook has no worksheet", path=path.name)
    return fallback[0], date1904[0]


def _date_styles(book: zipfile.ZipFile, path: Path) -> set[int]:
    """Indexes of the cell styles that show a date or time."""
    if "xl/styles.xml" not in book.namelist():
        return set()
    custom: dict[int, bool] = {}
    styles: list[int] = []
    inside = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            code = _QUOTED.sub("", attrs.get("formatCode", ""))
            custom[int(attrs.get("numFmtId", "0") or 0)] = bool(_DATE_CODE.search(code))
        elif name == "cellXfs":
            inside[0] = True
        elif name == "xf" and inside[0]:
            styles.append(int(attrs.get("numFmtId", "0") or 0))

    def end(name: str) -> None:
        if name == "cellXfs":
            inside[0] = False

    _run(_Part(book, "xl/styles.xml", path), start, end)
    return {index for index, fmt in enumerate(styles) if custom.get(fmt, fmt in _DATE_FORMAT_IDS)}


def _shared_strings(book: zipfile.ZipFile, path: Path, limits: ReadLimits) -> list[Any]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[Any] = []
    state: dict[str, Any] = {"depth": 0, "parts": [], "size": 0, "total": 0, "t": False}

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == "si":
            state.update(parts=[], size=0)
        elif name == "rPh":
            state["depth"] += 1
        elif name == "t" and not state["depth"]:
            state["t"] = True

    def end(name: str) -> None:
        if name == "si":
            too_long = state["size"] > limits.max_cell_chars
            strings.append(_TOO_LONG if too_long else "".join(state["parts"]))
        elif name == "rPh":
            state["depth"] -= 1
        elif name == "t":
            state["t"] = False

    def text(data: str) -> None:
        if not state["t"]:
            return
        state["size"] += len(data)
        state["total"] += len(data)
        if state["total"] > limits.max_shared_chars:
            raise ParseError(
                f"the shared strings hold more than {limits.max_shared_chars} characters "
                "(TALQY_IMPORT_MAX_SHARED_CHARS)",
                path=path.name,
            )
        if state["size"] <= limits.max_cell_chars:
            state["parts"].append(data)
        else:
            state["parts"] = []

    _run(_Part(book, "xl/sharedStrings.xml", path), start, end, text)
    return strings


def _excel_date(serial: float, date1904: bool) -> datetime | time:
    """A spreadsheet serial date as a datetime (a time when below one day), to the millisecond."""
    offset = timedelta(milliseconds=round(serial * 86_400_000))
    if 0 <= serial < 1:
        return (datetime(1900, 1, 1) + offset).time()
    origin = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    return origin + offset


class _Sheet:
    """Expat handlers that turn ``<row>``/``<c>`` elements into finished rows."""

    def __init__(self, strings: list[Any], dates: set[int], date1904: bool, limits: ReadLimits):
        self.strings, self.dates, self.date1904, self.limits = strings, dates, date1904, limits
        self.done: list[tuple[int, list[str | None], InvalidInput | None]] = []
        self.row_number = 0
        self.cells: dict[int, str | None] = {}
        self.error: InvalidInput | None = None
        self.cell: dict[str, str] | None = None
        self.parts: list[str] = []
        self.size = 0
        self.collect = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "row":
            number = attrs.get("r", "")
            self.row_number = int(number) if number.isdigit() else self.row_number + 1
            self.cells, self.error = {}, None
        elif name == "c":
            self.cell, self.parts, self.size = attrs, [], 0
        elif name in {"v", "t"} and self.cell is not None:
            self.collect = True

    def text(self, data: str) -> None:
        if self.collect:
            self.size += len(data)
            if self.size <= self.limits.max_cell_chars:
                self.parts.append(data)
            else:
                self.parts = []

    def end(self, name: str) -> None:
        if name in {"v", "t"}:
            self.collect = False
        elif name == "c" and self.cell is not None:
            self._finish_cell(self.cell)
            self.cell = None
        elif name == "row":
            width = max(self.cells, default=-1) + 1
            values = [self.cells.get(index) for index in range(width)]
            self.done.append((self.row_number, values, self.error))

    def _finish_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r", "")
        index = _column_index(ref) if ref else max(self.cells, default=-1) + 1
        if index >= self.limits.max_columns:
            self.error = self.error or self.limits.check_cells([None] * (index + 1))
            return
        if self.size > self.limits.max_cell_chars:
            self.error = self.error or cell_too_long(self.limits.max_cell_chars)
            return
        try:
            value = self._value(attrs, "".join(self.parts))
        except (ValueError, IndexError, OverflowError):
            value = None
        if value is _TOO_LONG:
            self.error = self.error or cell_too_long(self.limits.max_cell_chars)
            return
        self.cells[index] = cell_text(value)

    def _value(self, attrs: dict[str, str], raw: str) -> Any:
        kind = attrs.get("t", "n")
        if kind == "s":
            return self.strings[int(raw)] if raw.strip() else None
        if kind in {"str", "inlineStr", "e"}:
            return raw
        if kind == "b":
            return raw.strip() in {"1", "true"}
        if not raw.strip():
            return None
        number = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
        style = attrs.get("s", "")
        if style.isdigit() and int(style) in self.dates:
            return _excel_date(float(number), self.date1904)
        return number


def _check_sizes(book: zipfile.ZipFile, path: Path, limits: ReadLimits) -> None:
    total = sum(info.file_size for info in book.infolist())
    if total > limits.max_xlsx_bytes:
        raise ParseError(
            f"the workbook expands to more than {limits.max_xlsx_bytes} bytes "
            "(TALQY_IMPORT_MAX_XLSX_BYTES)",
            path=path.name,
        )


@contextmanager
def xlsx_rows(
    path: Path, progress: list[float], limits: ReadLimits | None = None
) -> Iterator[tuple[list[str] | None, Iterator[SourceRow]]]:
    """The header and the data rows of the first sheet; a broken workbook is ``ParseError``."""
    limits = limits or ReadLimits()
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ParseError(
            f"not a readable XLSX workbook ({type(exc).__name__})", path=path.name
        ) from None
    try:
        _check_sizes(book, path, limits)
        try:
            name, date1904 = _first_sheet(book, path)
            sheet = _Sheet(
                _shared_strings(book, path, limits), _date_styles(book, path), date1904, limits
            )
            rows = _sheet_rows(_Part(book, name, path), sheet, progress, book.getinfo(name))
            header = _header(rows)
        except (zipfile.BadZipFile, EOFError, KeyError, ValueError, RuntimeError) as exc:
            raise ParseError(
                f"not a readable XLSX workbook ({type(exc).__name__})", path=path.name
            ) from None
        yield (None if header is None else header[1]), _data_rows(rows, header, path)
    finally:
        book.close()


def _sheet_rows(
    part: _Part, sheet: _Sheet, progress: list[float], info: zipfile.ZipInfo
) -> Iterator[tuple[int, list[str | None], InvalidInput | None]]:
    for chunks, _ in enumerate(part.parse(sheet.start, sheet.end, sheet.text), 1):
        progress[0] = min(1.0, chunks * CHUNK / max(info.file_size, 1))
        yield from sheet.done
        sheet.done = []


def _header(
    rows: Iterator[tuple[int, list[str | None], InvalidInput | None]],
) -> tuple[int, list[str]] | None:
    first = next(rows, None)
    if first is None:
        return None
    number, values, _error = first
    return number, [(value or "").strip() for value in values]


def _data_rows(
    rows: Iterator[tuple[int, list[str | None], InvalidInput | None]],
    header: tuple[int, list[str]] | None,
    path: Path,
) -> Iterator[SourceRow]:
    start, names = header if header is not None else (1, [])
    while True:
        try:
            item = next(rows, None)
        except (zipfile.BadZipFile, EOFError, ValueError, RuntimeError) as exc:
            raise ParseError(
                f"cannot read the sheet ({type(exc).__name__})", path=path.name
            ) from None
        if item is None:
            return
        number, values, error = item
        if error is not None:
            yield SourceRow(number - start, {}, error)
        elif any(value and value.strip() for value in values):
            yield SourceRow(number - start, record_of(names, values))
