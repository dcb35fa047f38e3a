"""How much of an imported file is read before it is refused (every cap a ``TALQY_`` setting)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from talqy.errors import InvalidInput
from talqy.settings import Settings


@dataclass(frozen=True)
class ReadLimits:
    """Caps on one file; the defaults are those of :class:`talqy.settings.Settings`."""

    max_line_chars: int = 1 << 22
    max_cell_chars: int = 1 << 20
    max_columns: int = 1_000
    max_xlsx_bytes: int = 1 << 30
    max_shared_chars: int = 1 << 27
    encoding: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, encoding: str | None = None) -> ReadLimits:
        return cls(
            max_line_chars=settings.import_max_line_chars,
            max_cell_chars=settings.import_max_cell_chars,
            max_columns=settings.import_max_columns,
            max_xlsx_bytes=settings.import_max_xlsx_bytes,
            max_shared_chars=settings.import_max_shared_chars,
            encoding=encoding or settings.import_encoding,
        )

    def check_cells(self, values: Sequence[object]) -> InvalidInput | None:
        """The error of a row with too many or too long cells (``None`` when it is fine)."""
        if len(values) > self.max_columns:
            return InvalidInput(
                f"the row has more than {self.max_columns} columns (TALQY_IMPORT_MAX_COLUMNS)",
                field="row",
                reason="too_many_columns",
                limit=self.max_columns,
            )
        for value in values:
            if isinstance(value, str) and len(value) > self.max_cell_chars:
                return cell_too_long(self.max_cell_chars)
        return None


def cell_too_long(limit: int) -> InvalidInput:
    return InvalidInput(
        f"a cell is longer than {limit} characters (TALQY_IMPORT_MAX_CELL_CHARS)",
        field="row",
        reason="cell_too_long",
        limit=limit,
    )
