"""Reading the first worksheet of an XLSX workbook row by row (openpyxl, read-only mode)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from talqy.errors import ParseError
from talqy.intake.rows import SourceRow, record_of


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


@contextmanager
def xlsx_rows(
    path: Path, progress: list[float]
) -> Iterator[tuple[list[str] | None, Iterator[SourceRow]]]:
    """The header and the data rows of the first sheet; a broken workbook is ``ParseError``."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ParseError(
            f"not a readable XLSX workbook ({type(exc).__name__})", path=path.name
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        rows = sheet.iter_rows(values_only=True) if sheet is not None else iter(())
        total = max(getattr(sheet, "max_row", None) or 1, 1)
        try:
            first = next(rows, None)
        except Exception as exc:
            raise ParseError(
                f"cannot read the sheet ({type(exc).__name__})", path=path.name
            ) from None
        header = None if first is None else [(cell_text(v) or "").strip() for v in first]
        yield header, _data_rows(rows, header or [], total, progress, path)
    finally:
        workbook.close()


def _data_rows(
    rows: Iterator[tuple[Any, ...]],
    header: list[str],
    total: int,
    progress: list[float],
    path: Path,
) -> Iterator[SourceRow]:
    number = 0
    while True:
        try:
            values = next(rows, None)
        except Exception as exc:
            raise ParseError(
                f"cannot read the sheet ({type(exc).__name__})", path=path.name, line=number + 2
            ) from None
        if values is None:
            return
        number += 1
        progress[0] = (number + 1) / total
        texts = [cell_text(value) for value in values]
        if any(text and text.strip() for text in texts):
            yield SourceRow(number, record_of(header, texts))
