"""Small fixtures for intake tests: valid IINs, proposal rows and files in awkward encodings."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import func, select

from talqy.intake.iin import iin_check_digit
from talqy.intake.tables import proposals
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database

COLUMNS = (
    "id", "text", "article", "channel", "region", "submitted_at",
    "name", "iin", "phone", "email", "language",
)  # fmt: skip
TEXTS = (
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "Предлагаю изменить статью 5 и добавить гарантии.",
    "Article 12 should protect privacy online.",
    "Memlekettik til turaly 9-bapty saqtau kerek.",
)


def make_iin(rng: random.Random) -> str:
    """A twelve-digit IIN with a valid check digit (birth date 1950-1999)."""
    while True:
        first = (
            f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            f"{rng.choice('34')}{rng.randint(0, 9999):04d}"
        )
        check = iin_check_digit(first)
        if check is not None:
            return first + str(check)


def proposal_rows(n: int, *, seed: int = 1, with_ids: bool = True) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        rows.append(
            {
                "id": f"P-{index}" if with_ids else "",
                "text": f"{TEXTS[index % len(TEXTS)]} #{index}",
                "article": f"{index % 96 + 1}-бап",
                "channel": "",
                "region": "Алматы",
                "submitted_at": "2026-02-11",
                "name": "Айгүл Серікбаева" if index % 3 == 0 else "",
                "iin": make_iin(rng) if index % 2 == 0 else "",
                "phone": "+7 701 234 56 78" if index % 5 == 0 else "",
                "email": "",
                "language": "kk",
            }
        )
    return rows


def csv_text(
    rows: Iterable[dict[str, str]], *, delimiter: str = ",", columns: Sequence[str] = COLUMNS
) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in columns})
    return buffer.getvalue()


def write_csv(
    path: Path, rows: Iterable[dict[str, str]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    path.write_bytes(csv_text(rows, delimiter=delimiter).encode(encoding))
    return path


def write_jsonl(path: Path, rows: Iterable[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def consultation(db: Database, slug: str = "c") -> str:
    create_consultation(db, slug=slug, title="Test consultation")
    return slug


def count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(proposals)).scalar_one())


def external_ids(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [row[0] for row in conn.execute(select(proposals.c.external_id))]
