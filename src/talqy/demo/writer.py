"""Stream generated proposals to CSV or JSON Lines without holding them in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from talqy.demo.proposal import IMPORT_COLUMNS, TRUTH_COLUMNS, GeneratedProposal


def write_csv(path: str | Path, rows: Iterable[GeneratedProposal], *, truth: bool = False) -> int:
    """Write the import columns (and the truth columns if ``truth``) as UTF-8 CSV with a
    header; missing values are empty cells. Returns the number of rows written."""
    columns = IMPORT_COLUMNS + TRUTH_COLUMNS if truth else IMPORT_COLUMNS
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in (getattr(row, c) for c in columns)])
            count += 1
    return count


def write_jsonl(path: str | Path, rows: Iterable[GeneratedProposal], *, truth: bool = False) -> int:
    """Write one JSON object per line (UTF-8, not ASCII-escaped); missing values are null.
    Returns the number of rows written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row.as_dict(truth=truth), ensure_ascii=False))
            handle.write("\n")
            count += 1
    return count
