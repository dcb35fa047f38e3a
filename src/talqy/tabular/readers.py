"""Reading proposal files as a stream of records: CSV/TSV, XLSX, JSON Lines, JSON arrays.

Nothing is read into memory whole. :func:`scan_source` makes one pass over the bytes (a SHA-256
of the file and the encoding: UTF-8, UTF-8 with BOM, UTF-16 with or without BOM; cp1251 only
when the file holds no UTF-8 sequence at all; a UTF-8 file with a bad byte is refused with
its line, unless an encoding is given);
:func:`open_source` then yields :class:`SourceRow` records, each a mapping from the file's own
column names (or JSON keys) to values. A record that cannot be read (a broken JSON line) comes
with ``error`` set; a file that cannot be read at all raises ``ParseError``.

Every size is capped (:class:`~talqy.tabular.limits.ReadLimits`): a line longer than
``max_line_chars`` (also a JSON array element) stops the import with its line number; a row with
a cell longer than ``max_cell_chars`` or more than ``max_columns`` cells is rejected.

Row numbers: for CSV and XLSX the 1-based number of the data record, the header not counted;
for JSON Lines the line number; for a JSON array the 1-based index of the element.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from talqy.errors import InvalidInput, ParseError
from talqy.tabular.limits import ReadLimits
from talqy.tabular.rows import SourceRow, record_of
from talqy.tabular.xlsx import xlsx_rows

FORMATS = ("csv", "xlsx", "jsonl", "json")
CHUNK = 1 << 16
MAX_FIELD = 1 << 26
_BAD_BYTE = re.compile("[\udc80-\udcff]")
_MULTIBYTE = re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))


@dataclass(frozen=True)
class SourceInfo:
    sha256: str
    encoding: str
    size: int
    bad_utf8_line: int | None = None


@dataclass
class Source:
    """An open file: its header (tabular formats) and its records."""

    format: str
    header: list[str] | None
    rows: Iterator[SourceRow]
    progress: list[float] = field(default_factory=lambda: [0.0])

    @property
    def fraction(self) -> float:
        """How far through the file reading has come, 0 to 1."""
        return min(1.0, self.progress[0])


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return "xlsx"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if suffix == ".json" or (suffix not in {".csv", ".tsv", ".txt"} and first in {b"[", b"{"}):
        return "json" if first == b"[" else "jsonl"
    return "csv"


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def scan_source(path: Path, encoding: str | None = None) -> SourceInfo:
    """SHA-256 and encoding of ``path`` in one pass over its bytes.

    Without a given ``encoding``: a BOM decides; else UTF-16 by its zero bytes; else UTF-8 when
    every byte decodes. A file of bytes that never form UTF-8 is cp1251; a file with UTF-8
    sequences and a bad byte is refused (``ParseError`` with its line): guessing would
    silently corrupt it.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidInput(f"unknown encoding {encoding[:40]!r}", field="encoding") from None
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    head, size, lines = b"", 0, 1
    multibyte, bad_line = False, None
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            head = head or chunk
            size += len(chunk)
            digest.update(chunk)
            if encoding is None and bad_line is None:
                text = decoder.decode(chunk)
                bad = _BAD_BYTE.search(text)
                if bad is not None:
                    bad_line = lines + text.count("\n", 0, bad.start())
                multibyte = multibyte or _MULTIBYTE.search(text) is not None
                lines += text.count("\n")
    detected = encoding or _encoding(head, bad_line, multibyte)
    broken = bad_line if detected == "utf-8" and multibyte else None
    return SourceInfo(digest.hexdigest(), detected, size, broken)


def _encoding(head: bytes, bad_line: int | None, multibyte: bool) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return utf16
    return "cp1251" if bad_line is not None and not multibyte else "utf-8"


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it (for progress)."""

    def __init__(self, raw: IO[bytes], total: int, progress: list[float]) -> None:
        self._raw, self._total, self._progress, self._seen = raw, max(total, 1), progress, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._seen += len(data)
        self._progress[0] = self._seen / self._total
        return len(data)


@contextmanager
def _text(path: Path, info: SourceInfo, progress: list[float]) -> Iterator[IO[str]]:
    if info.bad_utf8_line is not None:
        raise ParseError(
            "the file is UTF-8 but has a byte that is not; give its encoding "
            "(TALQY_IMPORT_ENCODING) or fix the file",
            path=path.name,
            line=info.bad_utf8_line,
        )
    raw = path.open("rb")
    counting = io.BufferedReader(_Counting(raw, info.size, progress), buffer_size=CHUNK)
    text = io.TextIOWrapper(counting, encoding=info.encoding, errors="replace", newline="")
    try:
        yield text
    finally:
        text.close()
        raw.close()


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _capped_lines(handle: IO[str], limits: ReadLimits, path: Path) -> Iterator[str]:
    """The lines of ``handle``; one longer than ``max_line_chars`` stops with its number."""
    limit = limits.max_line_chars
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            raise ParseError(
                f"line {number} is longer than {limit} characters (TALQY_IMPORT_MAX_LINE_CHARS)",
                path=path.name,
                line=number,
            )
        yield line


def _csv_rows(
    handle: IO[str], path: Path, limits: ReadLimits
) -> tuple[list[str] | None, Iterator[SourceRow]]:
    lines = _capped_lines(handle, limits, path)
    first_line = next(lines, "")
    reader = csv.reader(_chain_line(first_line, lines), delimiter=_delimiter(first_line))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ParseError(f"cannot read the header: {exc}", path=path.name, line=1) from None
    if header is None:
        return None, iter(())
    if limits.check_cells(header) is not None:
        raise ParseError(
            f"the header has more than {limits.max_columns} columns or a too long name",
            path=path.name,
            line=1,
        )
    names = [name.strip().lstrip("\ufeff") for name in header]

    def rows() -> Iterator[SourceRow]:
        number = 0
        while True:
            try:
                values = next(reader, None)
            except csv.Error as exc:
                raise ParseError(
                    f"cannot read CSV: {exc}", path=path.name, line=reader.line_num
                ) from None
            if values is None:
                return
            number += 1
            error = limits.check_cells(values)
            if error is not None:
                yield SourceRow(number, {}, error)
            elif any(value.strip() for value in values):
                yield SourceRow(number, record_of(names, values))

    return names, rows()


def _chain_line(first: str, lines: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from lines


def _jsonl_rows(handle: IO[str], path: Path, limits: ReadLimits) -> Iterator[SourceRow]:
    for number, line in enumerate(_capped_lines(handle, limits, path), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            yield SourceRow(number, {}, _row_error("the line is not valid JSON", "bad_json"))
            continue
        yield _object_row(number, value, limits)


def _row_error(message: str, reason: str) -> InvalidInput:
    return InvalidInput(message, reason=reason)


def _object_row(number: int, value: Any, limits: ReadLimits) -> SourceRow:
    if not isinstance(value, dict):
        return SourceRow(number, {}, _row_error("the record is not an object", "not_an_object"))
    error = limits.check_cells(list(value.values()))
    return SourceRow(number, {} if error else value, error)


class _JsonArray:
    """Elements of a JSON array, decoded incrementally in linear time.

    When an element does not fit the buffer, the next read is twice as large, so a big element
    is parsed a logarithmic number of times (not once per 64 KiB); an element longer than
    ``max_line_chars`` stops the import.
    """

    def __init__(self, handle: IO[str], path: Path, limits: ReadLimits) -> None:
        self.handle, self.path, self.limits = handle, path, limits
        self.decoder = json.JSONDecoder()
        self.buffer, self.position, self.offset, self.eof = "", 0, 0, False

    def fill(self, want: int = CHUNK) -> bool:
        chunk = self.handle.read(want)
        self.eof = not chunk
        self.offset += self.position
        self.buffer, self.position = self.buffer[self.position :] + chunk, 0
        if len(self.buffer) > self.limits.max_line_chars + CHUNK:
            raise ParseError(
                f"a JSON element is longer than {self.limits.max_line_chars} characters "
                "(TALQY_IMPORT_MAX_LINE_CHARS)",
                path=self.path.name,
                position=self.offset,
            )
        return not self.eof

    def skip_space(self) -> str:
        while True:
            while (
                self.position < len(self.buffer) and self.buffer[self.position] in " \t\r\n\ufeff"
            ):
                self.position += 1
            if self.position < len(self.buffer) or not self.fill():
                return self.buffer[self.position] if self.position < len(self.buffer) else ""

    def value(self) -> Any:
        want = CHUNK
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.position)
                if end >= len(self.buffer) and not self.eof:
                    raise ValueError("the value may continue")
            except (ValueError, RecursionError):
                if not self.eof:
                    self.fill(want)
                    want *= 2
                    continue
                raise ParseError(
                    "invalid JSON", path=self.path.name, position=self.offset + self.position
                ) from None
            self.position = end
            return value

    def rows(self) -> Iterator[SourceRow]:
        path = self.path
        if self.skip_space() != "[":
            raise ParseError(
                "a JSON file must hold an array of objects", path=path.name, position=0
            )
        self.position += 1
        number = 0
        while True:
            char = self.skip_space()
            if char == "]" and number == 0:
                return
            value = self.value()
            number += 1
            yield _object_row(number, value, self.limits)
            char = self.skip_space()
            if char == "]":
                return
            if char != ",":
                raise ParseError(
                    "expected , or ] in JSON", path=path.name, position=self.offset + self.position
                )
            self.position += 1


@contextmanager
def open_source(
    path: Path, info: SourceInfo, fmt: str | None = None, limits: ReadLimits | None = None
) -> Iterator[Source]:
    """Open ``path`` (already scanned) and give its header and records."""
    limits = limits or ReadLimits()
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", field="format"
        )
    progress = [0.0]
    if fmt == "xlsx":
        with xlsx_rows(path, progress, limits) as (header, rows):
            yield Source(fmt, header, rows, progress)
        return
    with _text(path, info, progress) as handle:
        if fmt == "csv":
            header, records = _csv_rows(handle, path, limits)
            yield Source(fmt, header, records, progress)
        elif fmt == "jsonl":
            yield Source(fmt, None, _jsonl_rows(handle, path, limits), progress)
        else:
            yield Source(fmt, None, _JsonArray(handle, path, limits).rows(), progress)
