"""Plain data: dataclasses, tuples, dates and paths as JSON-ready dicts, lists and strings.

Every record that leaves a room (a stored proposal, an audit entry, a report) is a frozen
dataclass; its ``to_dict`` is :func:`record_dict`, told which fields to leave out or rename.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from datetime import date, datetime
from pathlib import PurePath
from typing import Any


def record_dict(
    record: Any, *, skip: Collection[str] = (), rename: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A dataclass instance's fields as JSON-ready data, in field order: ``skip`` leaves fields
    out, ``rename`` gives fields another key."""
    names = (rename or {}).get
    return {
        names(f.name, f.name): _nested(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in skip
    }


def _nested(value: Any) -> Any:
    """A field's value: a record with its own ``to_dict`` speaks for itself."""
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else to_plain(value)


def to_plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses as dicts, tuples as lists, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_dict(value)
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    return value
