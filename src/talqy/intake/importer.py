"""Bulk import of proposals from a file: streamed, batched, idempotent, crash-safe.

Each batch of ``settings.import_batch_size`` good rows is one transaction that also records how
far the import has come (``import_progress``). Rows are unique by (consultation, channel,
external id) or, without an id, by a hash of their content, and inserted with ``ON CONFLICT DO
NOTHING``: running the same import again, after a crash or alongside another one, adds every
row exactly once and counts the rest as already present. After a crash the rerun skips the
inserts of rows committed before (it still reads them, to rewrite the reject file whole).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talqy.errors import Conflict, InvalidInput
from talqy.intake.columns import Columns
from talqy.intake.flags import flag_unknown_articles
from talqy.intake.iin_keys import contact_sealer, iin_hasher
from talqy.intake.proposal_queries import clear_import_progress, insert_batch, load_import_progress
from talqy.intake.receipts import new_receipt_code
from talqy.intake.records import Limits, build_record, parse_channel
from talqy.intake.rejects import RejectWriter, default_reject_path
from talqy.settings import Settings
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.tabular.limits import ReadLimits
from talqy.tabular.readers import Source, SourceInfo, open_source, scan_source

log = logging.getLogger("talqy.intake")
RECEIPT_ATTEMPTS = 5


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    already_present: int
    rejected: int
    reject_path: Path | None

    @property
    def rows(self) -> int:
        return self.imported + self.already_present + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "already_present": self.already_present,
            "rejected": self.rejected,
            "reject_path": str(self.reject_path) if self.reject_path else None,
        }


@dataclass(frozen=True)
class ImportProgress:
    """Passed to the progress callback after every batch."""

    rows: int
    imported: int
    already_present: int
    rejected: int
    fraction: float


ProgressCallback = Callable[[ImportProgress], None]


def _source_hash(info: SourceInfo, channel: str | None, columns: Columns, limits: Limits) -> str:
    """Identifies this import: the file's bytes and everything that decides which rows pass."""
    settings = [
        info.sha256,
        channel,
        sorted(columns.mapping.items()),
        limits.max_chars,
        limits.hasher.key_id,
    ]
    return hashlib.sha256(json.dumps(settings, ensure_ascii=False).encode()).hexdigest()


@dataclass
class _Plan:
    """What one import needs to know besides the file."""

    consultation_id: int
    source_hash: str
    resume: int
    columns: Columns
    limits: Limits
    channel: str | None
    batch_size: int
    progress: ProgressCallback | None


class _Run:
    """The state of one import while it runs."""

    def __init__(self, db: Database, plan: _Plan) -> None:
        self.db, self.plan = db, plan
        self.batch: list[dict[str, Any]] = []
        self.imported = self.present = 0
        self.last_row = 0

    def consume(self, opened: Source, rejects: RejectWriter) -> None:
        """Check every row, write rejects, commit the good ones batch by batch."""
        plan = self.plan
        plan.columns.check_header(opened.header)
        for row in opened.rows:
            self.last_row = row.number
            fields = plan.columns.extract(row.values)
            try:
                if row.error is not None:
                    raise row.error
                record = build_record(fields, limits=plan.limits, default_channel=plan.channel)
            except InvalidInput as exc:
                rejects.add(row.number, exc, fields)
                continue
            if row.number <= plan.resume:
                self.present += 1  # committed by an earlier run that did not finish
                continue
            self.batch.append(record)
            if len(self.batch) >= plan.batch_size:
                self.flush()
                self.report(rejects.count, opened.fraction)
        self.flush()
        self.report(rejects.count, 1.0)

    def flush(self) -> None:
        if not self.batch:
            return
        for _ in range(RECEIPT_ATTEMPTS):
            for record in self.batch:
                record["receipt_code"] = new_receipt_code()
            try:
                inserted = insert_batch(
                    self.db,
                    self.batch,
                    consultation_id=self.plan.consultation_id,
                    source_hash=self.plan.source_hash,
                    rows_done=self.last_row,
                )
                break
            except Conflict as exc:
                if exc.context.get("field") != "receipt_code":
                    raise
        else:
            raise Conflict("could not draw free receipt codes", field="receipt_code")
        self.imported += inserted
        self.present += len(self.batch) - inserted
        self.batch = []

    def report(self, rejected: int, fraction: float) -> None:
        if self.plan.progress is not None:
            done = self.imported + self.present + rejected
            self.plan.progress(
                ImportProgress(done, self.imported, self.present, rejected, fraction)
            )


def import_proposals(
    db: Database,
    *,
    settings: Settings,
    consultation: str,
    path: str | Path,
    channel: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    reject_path: str | Path | None = None,
    format: str | None = None,
    encoding: str | None = None,
) -> ImportSummary:
    """Import every row of ``path`` (CSV, XLSX, JSON Lines or JSON) into ``consultation``.

    ``channel`` applies to rows whose own channel column is empty. Refused rows go to
    ``reject_path`` (default ``<path>.rejects.csv``); every good row is committed.
    ``encoding`` (else ``TALQY_IMPORT_ENCODING``, else detected) decodes text files.
    """
    source = Path(path)
    if not source.is_file():
        raise InvalidInput(f"no such file: {source.name}", field="path")
    target = get_consultation(db, consultation)
    default_channel = parse_channel(channel, None) if channel else None
    columns = Columns(mapping)
    limits = Limits(
        iin_hasher(db, settings), settings.max_proposal_chars, contact_sealer(db, settings)
    )
    read_limits = ReadLimits.from_settings(settings, encoding)
    info = scan_source(source, read_limits.encoding)
    source_hash = _source_hash(info, default_channel, columns, limits)
    resume = load_import_progress(db, target.id, source_hash)
    plan = _Plan(
        target.id,
        source_hash,
        resume,
        columns,
        limits,
        default_channel,
        settings.import_batch_size,
        progress,
    )
    run = _Run(db, plan)
    rejects_target = Path(reject_path) if reject_path else default_reject_path(source)
    with (
        open_source(source, info, format, read_limits) as opened,
        RejectWriter(rejects_target) as rejects,
    ):
        run.consume(opened, rejects)
        reject_file = rejects.finish()
    clear_import_progress(db, target.id, source_hash)
    flag_unknown_articles(db, consultation_id=target.id)
    summary = ImportSummary(run.imported, run.present, rejects.count, reject_file)
    log.info(
        "import into %s: %d imported, %d already present, %d rejected",
        target.slug,
        summary.imported,
        summary.already_present,
        summary.rejected,
    )
    return summary
