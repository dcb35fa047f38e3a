"""Whatever a file holds, an import ends with a summary or one of our errors, never a crash."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from talqy.errors import TalqyError
from talqy.intake import import_proposals
from talqy.settings import Settings
from talqy.storage.database import Database
from tests.intake.samples import COLUMNS, consultation

_COUNTER = itertools.count()
FUZZ = hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "900101300126", "egov", "fax", "31.02.2026", "2026-02-11", "=1+1", "ст. 5"]
    ),
)


def _ensure_consultation(db: Database, tmp_path: Path) -> None:
    marker = tmp_path / "fuzz-created"
    if not marker.exists():
        consultation(db, "fuzz")
        marker.touch()


def _import(db: Database, settings: Settings, path: Path) -> None:
    try:
        summary = import_proposals(
            db, settings=settings, consultation="fuzz", path=path, channel="web"
        )
    except TalqyError:
        return
    assert summary.imported + summary.already_present + summary.rejected >= 0
    if summary.reject_path is not None:
        assert "900101300126" not in summary.reject_path.read_text(encoding="utf-8-sig")


@FUZZ
@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from([".csv", ".json", ".jsonl", ".xlsx", ".txt"]),
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"[", b"id,text\n", b"PK\x03\x04"]),
)
def test_random_bytes(
    db: Database, settings: Settings, tmp_path: Path, data: bytes, suffix: str, prefix: bytes
) -> None:
    _ensure_consultation(db, tmp_path)
    path = tmp_path / f"f{next(_COUNTER)}{suffix}"
    path.write_bytes(prefix + data)
    _import(db, settings, path)


@FUZZ
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "Текст", ""]), min_size=1, max_size=6),
    rows=st.lists(st.lists(cells, max_size=7), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
)
def test_random_csv(
    db: Database,
    settings: Settings,
    tmp_path: Path,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
) -> None:
    _ensure_consultation(db, tmp_path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / f"f{next(_COUNTER)}.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, "replace"))
    _import(db, settings, path)
