"""Which column of a file holds which field: the default names, or a mapping.

Default names (matched without regard to case or surrounding spaces): ``id``, ``text``,
``article``, ``channel``, ``region``, ``submitted_at``, ``name``, ``iin``, ``phone``,
``email``, ``language``. A mapping ``{"text": "Текст обращения", "id": "Номер"}`` names the
file's column for any of these fields; it comes from ``--map text=Текст`` options or a small
JSON or TOML file.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from talqy.errors import InvalidInput, ParseError
from talqy.intake.records import FIELDS

_ALIASES = {"external_id": "id"}
_CACHE_LIMIT = 64


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: a JSON object or a TOML table of field = column name."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"cannot read the mapping file ({exc.__class__.__name__})", field="mapping"
        ) from None
    try:
        data: Any = tomllib.loads(raw) if path.suffix.lower() == ".toml" else json.loads(raw)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ParseError(f"the mapping file is not valid: {exc}", path=path.name) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InvalidInput("the mapping must map field names to column names", field="mapping")
    return check_mapping(data)


def parse_map_options(items: Iterable[str]) -> dict[str, str]:
    """``["text=Текст", "id=Номер"]`` as a mapping."""
    mapping: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InvalidInput(f"--map expects FIELD=COLUMN, got {item!r}", field="mapping")
        mapping[key.strip()] = value.strip()
    return check_mapping(mapping)


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(key for key in mapping if _ALIASES.get(key, key) not in FIELDS)
    if unknown:
        raise InvalidInput(
            f"unknown field(s) in mapping: {', '.join(unknown)}; known: {', '.join(FIELDS)}",
            field="mapping",
        )
    return {_ALIASES.get(key, key): value for key, value in mapping.items()}


class Columns:
    """Pulls our fields out of a record by its column names."""

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = check_mapping(mapping or {})
        self._bound: dict[tuple[str, ...], dict[str, str]] = {}

    def _bind(self, names: Sequence[str]) -> dict[str, str]:
        key = tuple(names)
        cached = self._bound.get(key)
        if cached is not None:
            return cached
        folded: dict[str, str] = {}
        for name in names:
            folded.setdefault(str(name).strip().casefold(), name)
        found: dict[str, str] = {}
        for field in FIELDS:
            column = folded.get(self.mapping.get(field, field).strip().casefold())
            if column is None and field == "id" and "id" not in self.mapping:
                column = folded.get("external_id")
            if column is not None:
                found[field] = column
        if len(self._bound) >= _CACHE_LIMIT:
            self._bound.clear()
        self._bound[key] = found
        return found

    def bound(self, header: Sequence[str]) -> dict[str, str]:
        """Field → the file's column it is read from (only fields the header has)."""
        return dict(self._bind(header))

    def check_header(self, header: Sequence[str] | None) -> None:
        """Refuse a tabular file whose header lacks a mapped column or any text column."""
        if header is None:
            return
        bound = self._bind(header)
        missing = [
            f"{field}={column}" for field, column in self.mapping.items() if field not in bound
        ]
        if missing:
            raise InvalidInput(f"column(s) not in the file: {', '.join(missing)}", field="mapping")
        if "text" not in bound:
            raise InvalidInput(
                "no text column: name one with --map text=COLUMN", field="text", row=0
            )

    def extract(self, values: Mapping[str, Any]) -> dict[str, Any]:
        bound = self._bind(list(values))
        return {field: values.get(column) for field, column in bound.items()}
