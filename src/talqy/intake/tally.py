"""Exact tally of a proposal file: how many times each normalized text occurs, streamed.

For floods (millions of rows, most of them copies) before or instead of a full import.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from talqy.analysis.tally import TallyResult, tally_exact
from talqy.tabular.readers import open_source, scan_source


def tally_file(
    path: Path, *, text_column: str = "text", top: int = 20, fmt: str | None = None
) -> TallyResult:
    """Count identical normalized texts of ``path`` (CSV, XLSX, JSONL, JSON) in one pass."""
    info = scan_source(path)

    def texts() -> Iterator[str]:
        with open_source(path, info, fmt) as source:
            for row in source.rows:
                value = row.values.get(text_column) if row.error is None else None
                yield "" if value is None else str(value)

    return tally_exact(texts(), top=top)
