"""The one CSV writer of the product: formula-safe, fully quoted, ``\\r\\n`` line endings.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or has one
of these right after a line break inside it, gets a ``'`` there, so a spreadsheet shows text
instead of running a formula. Every field is quoted, so a line break (even a bare ``\\r``) in
a field never starts a row. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_BREAK = re.compile(r"(?<=[\r\n])(?=[=+\-@\t\r])")


def safe_cell(value: Any) -> str | int | float:
    """A cell a spreadsheet will not evaluate: text guarded, numbers kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    if "\r" in text or "\n" in text:
        text = _AFTER_BREAK.sub("'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _writer(handle: TextIO) -> Any:
    return csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_ALL)


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as one formula-safe CSV line (streamed)."""
    buffer = io.StringIO()
    writer = _writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text, header first."""
    return "".join(csv_lines([list(columns), *rows]))


class CsvFile:
    """A formula-safe CSV file being written (``utf-8-sig`` by default, opens in Excel)."""

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle
        self._writer = _writer(handle)

    @classmethod
    def open(cls, path: Path, encoding: str = "utf-8-sig") -> CsvFile:
        return cls(path.open("w", encoding=encoding, newline=""))

    def write(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def close(self) -> None:
        self._handle.close()
