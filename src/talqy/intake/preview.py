"""A look at an uploaded table before importing it: format, columns, the first rows, mapping.

Refuses early — before anything is written — a file that is not a table (a PDF, an image, a
word-processor file, binary bytes) or whose first records cannot be read. Personal data in the
shown rows is masked the way the display copy masks it; the IIN column is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from talqy.errors import InvalidInput, ParseError, TalqyError
from talqy.intake.columns import Columns
from talqy.intake.redaction import redact
from talqy.tabular.readers import detect_format, open_source, scan_source

NOT_TABLES = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
)
PREVIEW_ROWS = 5
MAX_CELL = 200


@dataclass(frozen=True)
class TablePreview:
    format: str
    size: int
    columns: list[str]
    rows: list[list[str]]
    mapping: dict[str, str]

    @property
    def has_text(self) -> bool:
        return "text" in self.mapping


def _refuse_binary(path: Path, encoding: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(4096)
    for magic, kind in NOT_TABLES:
        if head.startswith(magic):
            raise InvalidInput(f"this is a {kind}, not a table", field="file", reason="not_a_table")
    if not encoding.startswith("utf-16") and b"\x00" in head:
        raise InvalidInput("this file is not a table", field="file", reason="not_a_table")


def _cell(value: Any, column: str, mapping: dict[str, str]) -> str:
    if value is None:
        return ""
    if mapping.get("iin") == column:
        return "[•••]"
    text = value if isinstance(value, str) else str(value)
    return redact(text[:MAX_CELL])


def preview_table(
    path: Path, *, mapping: dict[str, str] | None = None, rows: int = PREVIEW_ROWS
) -> TablePreview:
    """The first ``rows`` records of ``path`` and the column of each field (guessed or mapped)."""
    info = scan_source(path)
    if info.size == 0:
        raise InvalidInput("the file is empty", field="file", reason="not_a_table")
    _refuse_binary(path, info.encoding)
    fmt = detect_format(path)
    try:
        with open_source(path, info, fmt) as source:
            records = [r for r in islice(source.rows, rows) if r.error is None]
            header = source.header
    except TalqyError:
        raise
    except Exception as exc:  # a vendor reader's own error: the file is not a usable table
        raise ParseError(f"cannot read this file as a table ({type(exc).__name__})") from None
    if header is None:
        header = list(dict.fromkeys(key for record in records for key in record.values))
    if not header or (fmt == "csv" and len(header) == 1 and not records):
        raise InvalidInput("this file has no columns", field="file", reason="not_a_table")
    columns = [str(name) for name in header]
    bound = Columns(mapping).bound(columns) if mapping is not None else Columns().bound(columns)
    shown = [[_cell(record.values.get(c), c, bound) for c in columns] for record in records]
    return TablePreview(fmt, info.size, columns, shown, bound)
