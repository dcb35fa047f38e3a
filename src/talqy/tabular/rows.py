"""A record read from a proposal file, before it is checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from talqy.errors import InvalidInput


@dataclass
class SourceRow:
    """Record ``number`` of a file: its values by the file's column names (or JSON keys).

    ``error`` is set when the record itself could not be read (a broken JSON line).
    """

    number: int
    values: dict[str, Any]
    error: InvalidInput | None = None


def record_of(names: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    """Values by column name; unnamed columns are dropped and a repeated name keeps the first."""
    record: dict[str, Any] = {}
    for name, value in zip(names, values, strict=False):
        if name and name not in record:
            record[name] = value
    return record
