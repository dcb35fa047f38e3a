"""Reading proposal files as a stream of records: CSV/TSV, XLSX, JSON Lines, JSON arrays.

Nothing is read into memory whole. :func:`scan_source` makes one pass over the bytes (a SHA-256
of the file and the encoding: UTF-8, UTF-8 with BOM, UTF-16 with or without BOM, else cp1251);
:func:`open_source` then yields :class:`SourceRow` records, each a mapping from the file's own
column names (or JSON keys) to values. A record that cannot be read (a broken JSON line) comes
with ``error`` set; a file that cannot be read at all raises ``ParseError``.

Row numbers: for CSV and XLSX the 1-based number of the data record, the header not counted;
for JSON Lines the line number; for a JSON array the 1-based index of the element.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from talqy.errors import InvalidInput, ParseError
from talqy.intake.messages import invalid
from talqy.intake.rows import SourceRow, record_of
from talqy.intake.sheets import xlsx_rows

FORMATS = ("csv", "xlsx", "jsonl", "json")
CHUNK = 1 << 16
MAX_FIELD = 1 << 26
MAX_JSON_RECORD = 1 << 26
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))


@dataclass(frozen=True)
class SourceInfo:
    sha256: str
    encoding: str
    size: int


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


def scan_source(path: Path) -> SourceInfo:
    """SHA-256 and encoding of ``path`` in one pass over its bytes."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, head, size = True, b"", 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if not head:
                head = chunk
            size += len(chunk)
            digest.update(chunk)
            if utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(head) or ("utf-8" if utf8_ok else "cp1251")
    return SourceInfo(digest.hexdigest(), encoding, size)


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


def _csv_rows(handle: IO[str], path: Path) -> tuple[list[str] | None, Iterator[SourceRow]]:
    first_line = handle.readline()
    reader = csv.reader(
        _chain_line(first_line, handle), delimiter=_delimiter(first_line), strict=False
    )
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ParseError(f"cannot read the header: {exc}", path=path.name, line=1) from None
    if header is None:
        return None, iter(())
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
            if any(value.strip() for value in values):
                yield SourceRow(number, record_of(names, values))

    return names, rows()


def _chain_line(first: str, handle: IO[str]) -> Iterator[str]:
    if first:
        yield first
    yield from handle


def _jsonl_rows(handle: IO[str]) -> Iterator[SourceRow]:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            yield SourceRow(number, {}, invalid("bad_json"))
            continue
        yield _object_row(number, value)


def _object_row(number: int, value: Any) -> SourceRow:
    if isinstance(value, dict):
        return SourceRow(number, value)
    return SourceRow(number, {}, invalid("not_an_object"))


def _json_array_rows(handle: IO[str], path: Path) -> Iterator[SourceRow]:
    decoder = json.JSONDecoder()
    buffer, position, eof, offset = "", 0, False, 0

    def fill() -> bool:
        nonlocal buffer, position, eof, offset
        chunk = handle.read(CHUNK)
        eof = not chunk
        offset += position
        buffer, position = buffer[position:] + chunk, 0
        if len(buffer) > MAX_JSON_RECORD:
            raise ParseError("a JSON element is too large", path=path.name, position=offset)
        return not eof

    def skip_space() -> str:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n\ufeff":
                position += 1
            if position < len(buffer) or not fill():
                return buffer[position] if position < len(buffer) else ""

    if skip_space() != "[":
        raise ParseError("a JSON file must hold an array of objects", path=path.name, position=0)
    position += 1
    number = 0
    while True:
        char = skip_space()
        if char == "]" and number == 0:
            return
        try:
            value, end = decoder.raw_decode(buffer, position)
            if end >= len(buffer) and not eof:
                raise ValueError("the value may continue")
        except (ValueError, RecursionError):
            if not eof:
                fill()
                continue
            raise ParseError("invalid JSON", path=path.name, position=offset + position) from None
        number += 1
        position = end
        yield _object_row(number, value)
        char = skip_space()
        if char == "]":
            return
        if char != ",":
            raise ParseError("expected , or ] in JSON", path=path.name, position=offset + position)
        position += 1


@contextmanager
def open_source(path: Path, info: SourceInfo, fmt: str | None = None) -> Iterator[Source]:
    """Open ``path`` (already scanned) and give its header and records."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", field="format"
        )
    progress = [0.0]
    if fmt == "xlsx":
        with xlsx_rows(path, progress) as (header, rows):
            yield Source(fmt, header, rows, progress)
        return
    with _text(path, info, progress) as handle:
        if fmt == "csv":
            header, records = _csv_rows(handle, path)
            yield Source(fmt, header, records, progress)
        elif fmt == "jsonl":
            yield Source(fmt, None, _jsonl_rows(handle), progress)
        else:
            yield Source(fmt, None, _json_array_rows(handle, path), progress)
