"""A killed import, rerun, and two imports at once: every row exactly once (real processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from talqy.intake.tables import proposals
from talqy.storage.database import Database
from tests.intake.samples import consultation, count, proposal_rows, write_csv

TALQY = str(Path(sys.executable).with_name("talqy"))
ROWS = 5_000


def _big_file(tmp_path: Path) -> tuple[Path, int]:
    rows = proposal_rows(ROWS)
    for index in range(0, ROWS, 10):
        rows[index]["id"] = ""  # a tenth without ids: identified by content
    for index in range(5, ROWS, 1000):
        rows[index]["text"] = ""  # rejected
    good = ROWS - len(range(5, ROWS, 1000))
    return write_csv(tmp_path / "big.csv", rows), good


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "TALQY_DATABASE_URL": database_url, "TALQY_IMPORT_BATCH_SIZE": "100"}


def _command(slug: str, source: Path) -> list[str]:
    return [TALQY, "proposals", "import", slug, str(source), "--channel", "egov"]


def _assert_each_row_once(db: Database, good: int) -> None:
    with db.engine.connect() as conn:
        distinct = conn.execute(
            select(func.count(func.distinct(proposals.c.dedup_key)))
        ).scalar_one()
        ids = conn.execute(select(func.count(func.distinct(proposals.c.external_id)))).scalar_one()
    assert count(db) == good == distinct
    assert ids == good - ROWS // 10


def test_kill_9_then_rerun(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    source, good = _big_file(tmp_path)
    process = subprocess.Popen(
        _command(slug, source),
        env=_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while count(db) < 300 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    done = count(db)
    assert 300 <= done < good, "the import must be killed mid-way"

    rerun = subprocess.run(
        _command(slug, source), env=_env(database_url), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    rejected = ROWS - good
    assert f"rejected {rejected} →" in rerun.stdout
    imported = int(rerun.stdout.split("imported ")[1].split(",")[0])
    present = int(rerun.stdout.split("already present ")[1].split(",")[0])
    assert imported + present == good and imported == good - done
    _assert_each_row_once(db, good)
    rejects = (tmp_path / "big.csv.rejects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rejects) == 1 + rejected
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_two_imports_at_once(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    source, good = _big_file(tmp_path)
    source.write_text(
        "".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:2001]),
        encoding="utf-8",
    )
    good = 2000 - len(range(5, 2000, 1000))
    first = subprocess.Popen(
        _command(slug, source),
        env=_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = subprocess.Popen(
        _command(slug, source),
        env=_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    imported = [int(out.split("imported ")[1].split(",")[0]) for out, _ in outputs]
    assert sum(imported) == good
    with db.engine.connect() as conn:
        distinct = conn.execute(
            select(func.count(func.distinct(proposals.c.dedup_key)))
        ).scalar_one()
    assert count(db) == good == distinct
