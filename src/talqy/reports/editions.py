"""The register of published report editions: record each file a build makes, list them.

An edition is one distinct file (format, language, bytes) of a consultation's report or its
open-data package. Its SHA-256 is of the exact bytes handed out; for the open-data ZIP every
member file's SHA-256 is kept too. The figures' summary holds counts only, nothing personal.
Building the same bytes again records nothing new (a unique constraint, not a check).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select

from talqy.reports.model import Report
from talqy.reports.tables import report_editions
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.storage.inserts import insert_ignoring_duplicates


@dataclass(frozen=True)
class Edition:
    """One published file of a report. ``actor`` (who built it) is for staff eyes only."""

    id: int
    consultation: str
    run_id: int | None
    format: str
    language: str
    filename: str
    sha256: str
    size: int
    members: tuple[dict[str, Any], ...]
    summary: dict[str, Any]
    actor: str
    created_at: datetime

    def to_dict(self, *, public: bool = False) -> dict[str, Any]:
        """JSON-ready fields; ``public`` leaves out who built it."""
        plain = {
            "id": self.id,
            "consultation": self.consultation,
            "run_id": self.run_id,
            "format": self.format,
            "language": self.language,
            "filename": self.filename,
            "sha256": self.sha256,
            "size": self.size,
            "members": list(self.members),
            "summary": self.summary,
            "created_at": self.created_at.isoformat(),
        }
        return plain if public else {**plain, "actor": self.actor}


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def zip_members(content: bytes) -> list[dict[str, Any]]:
    """Name, size and SHA-256 of every file inside a ZIP archive, in archive order."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [
            {"name": info.filename, "size": info.file_size, "sha256": sha256_of(archive.read(info))}
            for info in archive.infolist()
        ]


def summarize(report: Report) -> dict[str, Any]:
    """The report's headline figures (counts only) stored with each edition."""
    return {
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "proposals": report.intake.total,
        "duplicate_groups": report.duplicates.count,
        "campaigns": report.campaigns.count,
        "themes": len(report.themes),
        "groups": report.decisions.groups,
        "groups_decided": report.decisions.groups_decided,
        "decisions": report.decisions.total,
    }


def record_edition(
    db: Database, *, report: Report, fmt: str, filename: str, content: bytes, actor: str
) -> None:
    """Register ``content`` as an edition of ``report`` (nothing new when already registered)."""
    parent = get_consultation(db, report.consultation)
    values = {
        "consultation_id": parent.id,
        "run_id": report.run.id if report.run else None,
        "format": fmt,
        "language": report.language,
        "filename": filename,
        "sha256": sha256_of(content),
        "size": len(content),
        "members": zip_members(content) if fmt == "zip" else [],
        "summary": summarize(report),
        "actor": actor[:64],
        "created_at": now(),
    }
    with db.engine.begin() as conn:
        conn.execute(insert_ignoring_duplicates(conn, report_editions).values(**values))


def list_editions(db: Database, *, consultation: str) -> list[Edition]:
    """Every edition of ``consultation``'s report, oldest first."""
    parent = get_consultation(db, consultation)
    table = report_editions
    query = (
        select(table)
        .where(table.c.consultation_id == parent.id)
        .order_by(table.c.created_at, table.c.id)
    )
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [_edition(consultation, row) for row in rows]


def _edition(consultation: str, row: Any) -> Edition:
    """An edition from its row: the columns are the fields, but for these four."""
    values = dict(row._mapping)
    return Edition(
        consultation=consultation,
        members=tuple(values.pop("members")),
        created_at=as_utc(values.pop("created_at")),  # type: ignore[arg-type]
        **{k: v for k, v in values.items() if k in _COLUMN_FIELDS},
    )


_COLUMN_FIELDS = {f.name for f in fields(Edition)} - {"consultation", "members", "created_at"}
