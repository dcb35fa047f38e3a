"""Planted personal data in every field of every channel never reaches the database files.

The raw SQLite file with its WAL, and a ``pg_dump`` of PostgreSQL, are searched for every
planted IIN (in its plain and its planted spelling), phone, e-mail and name.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from talqy.intake import import_proposals, submit_proposal
from talqy.intake.iin_keys import iin_hasher
from talqy.intake.rescrub import rescrub_proposals
from talqy.intake.tables import proposals
from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from talqy.storage.tables import consultations
from talqy.web.app import create_app
from tests.intake.samples import COLUMNS, consultation, make_iin, write_csv
from tests.intake.test_importer import _pg_dump
from tests.intake.test_scrubbing import spell

PHONES = ("7771234567", "+7.701.555.44.33", "+7 (727) 2 50-50-50")
EMAILS = ("ivan＠mail.ru", "name%40host.kz", "ivan@mail.ru")
NAME = "Жұмабекова Аружан"
FIELDS = ("name", "region", "article", "phone", "email", "id")


class Planted:
    """Fresh IINs, each also in a random spelling; everything planted is remembered."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.values: list[str] = [*PHONES, *EMAILS, NAME, "Жұмабекова"]

    def iin(self) -> str:
        iin = make_iin(self.rng)
        spelled = spell(iin, self.rng)
        self.values += [iin, spelled, f"{iin[:6]} {iin[6:]}"]
        return spelled

    def key(self) -> str:
        """An IIN in an ASCII spelling (what an HTTP header carries)."""
        iin = make_iin(self.rng)
        spelled = f"{iin[:4]}.{iin[4:8]}/{iin[8:]}"
        self.values += [iin, spelled]
        return f"key-{spelled}"

    def text(self) -> str:
        return (
            f"ЖСН {self.iin()}, тел. {PHONES[0]}, {PHONES[1]}, {PHONES[2]}; "
            f"{EMAILS[0]} {EMAILS[1]} {EMAILS[2]}. 33-бапты өзгерту керек.\n— {NAME}"
        )

    def row(self, index: int) -> dict[str, str]:
        row = {name: self.iin() for name in FIELDS}
        row["phone"] = f"{PHONES[index % 3]} / {self.iin()}"
        row["email"] = f"{EMAILS[index % 3]}, {self.iin()}"
        row.update(text=self.text(), id=f"X-{self.iin()}-{index}", channel="", language="kk")
        row["region"] = f"{NAME}, {self.iin()}"
        row["iin"] = self.iin()
        return row


def _stored(db: Database, database_url: str) -> bytes:
    db.engine.dispose()
    if db.dialect == "sqlite":
        database = Path(make_url(database_url).database or "")
        return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    return _pg_dump(database_url)


def _write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(column, "") for column in COLUMNS])
    book.save(path)
    return path


def test_every_field_of_every_channel(
    db: Database, database_url: str, settings: Settings, tmp_path: Path
) -> None:
    slug = consultation(db)
    planted = Planted(7)
    files = {
        "csv": write_csv(tmp_path / "a.csv", [planted.row(i) for i in range(4)]),
        "xlsx": _write_xlsx(tmp_path / "a.xlsx", [planted.row(i) for i in range(4, 8)]),
        "jsonl": tmp_path / "a.jsonl",
    }
    files["jsonl"].write_text(
        "".join(json.dumps(planted.row(i), ensure_ascii=False) + "\n" for i in range(8, 12)),
        encoding="utf-8",
    )
    for path in files.values():
        summary = import_proposals(db, settings=settings, consultation=slug, path=path,
                                   channel="egov")  # fmt: skip
        assert (summary.imported, summary.rejected) == (4, 0)
    form = planted.row(20)
    submit_proposal(
        db, settings=settings, consultation=slug, text=form["text"], article=form["article"],
        region=form["region"], name=form["name"], iin=form["iin"], phone=form["phone"],
        email=form["email"], external_id=form["id"], idempotency_key=planted.key(),
    )  # fmt: skip
    with TestClient(create_app(settings)) as client:
        body = planted.row(21)
        body = {**{k: v for k, v in body.items() if k != "id"}, "external_id": body["id"]}
        response = client.post(
            f"/api/v1/consultations/{slug}/proposals",
            json={k: v for k, v in body.items() if k != "channel"},
            headers={"Idempotency-Key": planted.key()},
        )
        assert response.status_code == 201, response.text
        receipt = client.get(response.headers["location"]).text
    stored = _stored(db, database_url)
    assert "[ЖСН]".encode() in stored and "[аты-жөні]".encode() in stored  # masks are there
    leaked = [value for value in planted.values if value.encode() in stored]
    assert leaked == []
    assert not [value for value in planted.values if value in receipt]


def test_two_installations_hash_the_same_iin_differently(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    urls = [f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db")]
    first, second = (open_database(url) for url in urls)
    try:
        with caplog.at_level(logging.WARNING, logger="talqy.intake"):
            hashes = [
                iin_hasher(db, Settings(database_url=url, environment="test")).hash("900101300126")
                for db, url in zip((first, second), urls, strict=True)
            ]
            again = iin_hasher(first, Settings(database_url=urls[0], environment="test"))
        assert hashes[0] != hashes[1] and again.hash("900101300126") == hashes[0]
        assert hashes[0].split("$")[0] != hashes[1].split("$")[0]  # different key ids
        assert [r.message for r in caplog.records].count(caplog.records[0].message) == 2
        assert "TALQY_IIN_HASH_KEY" in caplog.records[0].message
        reopened = open_database(urls[0])
        fresh = iin_hasher(reopened, Settings(database_url=urls[0], environment="test"))
        assert fresh.hash("900101300126") == hashes[0]  # kept beside the database
        reopened.engine.dispose()
        configured = [
            iin_hasher(db, Settings(database_url=url, environment="test",
                                    iin_hash_key="k" * 32)).hash("900101300126")
            for db, url in zip((first, second), urls, strict=True)
        ]  # fmt: skip
        assert configured[0] == configured[1] != hashes[0]
    finally:
        first.engine.dispose()
        second.engine.dispose()


def test_rows_stored_by_an_earlier_version_are_scrubbed_again(
    db: Database, database_url: str
) -> None:
    consultation(db)
    old_text = f"Тел. {PHONES[1]}, {EMAILS[0]}, ЖСН 9001.0130.0126\n— {NAME}"
    with db.engine.begin() as conn:
        consultation_id = conn.execute(select(consultations.c.id)).scalar_one()
        conn.execute(
            insert(proposals).values(
                consultation_id=consultation_id, channel="paper", dedup_key="old-1",
                text_original=old_text, text_display=old_text, region=NAME, language="ru",
                author_name="Аружан 900101300126", author_phone=PHONES[0],
                author_email=EMAILS[2], receipt_code="OLD0-0000-0001", created_at=datetime.now(UTC),
            )
        )  # fmt: skip
    assert rescrub_proposals(db) == 1
    assert rescrub_proposals(db) == 0
    with db.engine.connect() as conn:
        row = conn.execute(select(proposals)).one()
    assert row.text_display == row.text_original == "Тел. [телефон], [email], ЖСН [ИИН]\n— [ФИО]"
    assert (row.region, row.author_name) == ("[ФИО]", "Аружан [ИИН]")
    assert (row.author_phone, row.author_email) == ("[телефон]", "[email]")
    stored = _stored(db, database_url)
    planted = (*PHONES, EMAILS[0], EMAILS[2], NAME, "900101300126")
    assert [value for value in planted if value.encode() in stored] == []
