"""Writing proposals out: CSV (safe to open in a spreadsheet) or JSON Lines, streamed.

Only the display copy and public fields are written, never author data. CSV goes through the
product's one formula-safe writer (:mod:`talqy.tabular.csv_writer`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from talqy.errors import InvalidInput
from talqy.intake.proposal_queries import StoredProposal, iter_proposals
from talqy.intake.text_search import search_proposals
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.tabular.csv_writer import csv_lines

EXPORT_FORMATS = ("csv", "jsonl")
EXPORT_COLUMNS = (
    "id",
    "channel",
    "external_id",
    "text",
    "article",
    "article_number",
    "region",
    "submitted_at",
    "language",
    "created_at",
)


def _csv(items: Iterable[StoredProposal]) -> Iterator[str]:
    def rows() -> Iterator[list[Any]]:
        yield list(EXPORT_COLUMNS)
        for item in items:
            data = item.to_dict()
            yield [data[column] for column in EXPORT_COLUMNS]

    return csv_lines(rows())


def _jsonl(items: Iterable[StoredProposal]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item.to_dict(), ensure_ascii=False) + "\n"


def list_proposals(
    db: Database, *, consultation: str, limit: int | None = None, query: str | None = None
) -> Iterator[StoredProposal]:
    """The consultation's proposals (display copy, no author data, with their review group),
    oldest first; with ``query``, only those whose display text holds every word of it."""
    if limit is not None and limit < 0:
        raise InvalidInput("limit must not be negative", field="limit")
    target = get_consultation(db, consultation)
    if query is not None:
        return search_proposals(db, target.id, query, limit=limit)
    return iter_proposals(db, target.id, limit=limit)


def export_proposals(db: Database, *, consultation: str, format: str = "csv") -> Iterator[str]:
    """The consultation's proposals as text chunks of ``format`` (csv or jsonl)."""
    if format not in EXPORT_FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(EXPORT_FORMATS)}", field="format")
    items = list_proposals(db, consultation=consultation)
    return _csv(items) if format == "csv" else _jsonl(items)
