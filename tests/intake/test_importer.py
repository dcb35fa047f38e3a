"""Bulk import against both databases: counts, rejects, mapping, idempotency, no clear IIN."""

from __future__ import annotations

import csv
import glob
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.engine import make_url

from talqy.errors import InvalidInput
from talqy.intake import ImportProgress, import_proposals
from talqy.intake.tables import proposals
from talqy.settings import Settings
from talqy.storage.database import Database
from tests.intake.samples import (
    consultation,
    count,
    external_ids,
    proposal_rows,
    write_csv,
    write_jsonl,
)

HTML = '<img src=x onerror="alert(1)"> «Ұсыныс» & </textarea>'


def small_batches(database_url: str, **extra: object) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        secret_key="k",
        import_batch_size=3,
        **extra,  # type: ignore[arg-type]
    )


def _bad_rows() -> list[dict[str, str]]:
    return [
        {"id": "g1", "text": HTML, "iin": "9001 0130 0126", "article": "ст. 33"},
        {"id": "b1", "text": "  ", "iin": "900101300126"},
        {"id": "b2", "text": "x" * 101},
        {"id": "b3", "text": "күні жоқ", "submitted_at": "31.02.2026"},
        {"id": "b4", "text": "арна", "channel": "telegram"},
        {
            "id": "b5",
            "text": "ЖСН 900101300125 қате",
            "iin": "900101300125",
            "phone": "+77012345678",
        },
        {
            "id": "g2",
            "text": "Тел +7 701 234 56 78",
            "channel": "egov",
            "submitted_at": "2026-02-11",
        },
    ]


def read_rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_good_rows_are_committed_and_bad_ones_rejected(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    slug = consultation(db)
    settings = small_batches(database_url, max_proposal_chars=100)
    source = write_csv(tmp_path / "in.csv", _bad_rows())
    summary = import_proposals(
        db, settings=settings, consultation=slug, path=source, channel="paper"
    )
    assert (summary.imported, summary.already_present, summary.rejected) == (2, 0, 5)
    assert summary.reject_path == tmp_path / "in.csv.rejects.csv"
    rejects = read_rejects(summary.reject_path)
    assert [(r["row"], r["field"]) for r in rejects] == [
        ("2", "text"), ("3", "text"), ("4", "submitted_at"), ("5", "channel"), ("6", "iin"),
    ]  # fmt: skip
    assert "longer than 100" in rejects[1]["reason"] and "telegram" in rejects[3]["reason"]
    raw = summary.reject_path.read_text(encoding="utf-8-sig")
    assert "900101300125" not in raw and "900101300126" not in raw and "7012345678" not in raw
    assert rejects[4]["iin"] == "[ЖСН]" and rejects[4]["text"] == "ЖСН [ЖСН] қате"
    with db.engine.connect() as conn:
        rows = {r.external_id: r for r in conn.execute(select(proposals))}
    assert rows["g1"].text_original == HTML and rows["g1"].text_display == HTML
    assert rows["g1"].channel == "paper" and rows["g1"].article_number == "33"
    assert rows["g2"].channel == "egov" and rows["g2"].text_display == "Тел [телефон]"

    again = import_proposals(db, settings=settings, consultation=slug, path=source, channel="paper")
    assert (again.imported, again.already_present, again.rejected) == (0, 2, 5)
    assert read_rejects(summary.reject_path) == rejects
    assert count(db) == 2


def test_rows_without_ids_are_deduplicated_by_content(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    slug = consultation(db)
    settings = small_batches(database_url)
    rows = proposal_rows(10, with_ids=False)
    first = write_csv(tmp_path / "a.csv", rows[:6])
    overlap = write_csv(tmp_path / "b.csv", rows[3:])
    assert (
        import_proposals(
            db, settings=settings, consultation=slug, path=first, channel="egov"
        ).imported
        == 6
    )
    summary = import_proposals(
        db, settings=settings, consultation=slug, path=overlap, channel="egov"
    )
    assert (summary.imported, summary.already_present, summary.reject_path) == (4, 3, None)
    assert not (tmp_path / "b.csv.rejects.csv").exists()
    assert count(db) == 10


def test_mapping_by_options_and_by_file(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    settings = small_batches(database_url)
    source = tmp_path / "eotinish.csv"
    source.write_text(
        "Номер;Текст обращения;Канал\nE-1;Бірінші;e-otinish\nE-2;Второе;E_OTINISH\n",
        encoding="utf-8",
    )
    mapping = {"id": "номер", "text": "Текст обращения", "channel": "Канал"}
    summary = import_proposals(
        db, settings=settings, consultation=slug, path=source, mapping=mapping
    )
    assert summary.imported == 2 and sorted(external_ids(db)) == ["E-1", "E-2"]
    toml = tmp_path / "map.toml"
    toml.write_text('text = "Текст обращения"\nid = "Номер"\nchannel = "Канал"\n', encoding="utf-8")
    from talqy.intake.columns import load_mapping

    assert load_mapping(toml) == {"text": "Текст обращения", "id": "Номер", "channel": "Канал"}
    with pytest.raises(InvalidInput, match="not in the file"):
        import_proposals(
            db, settings=settings, consultation=slug, path=source, mapping={"text": "Body"}
        )
    with pytest.raises(InvalidInput, match="no text column"):
        import_proposals(db, settings=settings, consultation=slug, path=source)
    with pytest.raises(InvalidInput, match="unknown field"):
        import_proposals(
            db, settings=settings, consultation=slug, path=source, mapping={"body": "x"}
        )


def test_xlsx_jsonl_and_json(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    settings = small_batches(database_url)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "text", "channel", "iin"])
    sheet.append(["X1", "Кесте", "paper", 900101300126])
    book.save(tmp_path / "a.xlsx")
    write_jsonl(tmp_path / "b.jsonl", [{"id": "J1", "text": "Жол", "channel": "email"}])
    (tmp_path / "c.json").write_text(
        json.dumps([{"id": 7, "text": "Массив", "channel": "api"}, {"id": 8, "text": ["list"]}]),
        encoding="utf-8",
    )
    results = [
        import_proposals(db, settings=settings, consultation=slug, path=tmp_path / name)
        for name in ("a.xlsx", "b.jsonl", "c.json")
    ]
    assert [(r.imported, r.rejected) for r in results] == [(1, 0), (1, 0), (1, 1)]
    assert sorted(external_ids(db)) == ["7", "J1", "X1"]


def test_progress_is_reported(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    seen: list[ImportProgress] = []
    source = write_csv(tmp_path / "a.csv", proposal_rows(10))
    import_proposals(
        db, settings=small_batches(database_url), consultation=slug, path=source, channel="web",
        progress=seen.append,
    )  # fmt: skip
    assert [step.rows for step in seen] == [3, 6, 9, 10]
    assert seen[-1].fraction == 1.0 and seen[-1].imported == 10


def test_bad_arguments(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    settings = small_batches(database_url)
    with pytest.raises(InvalidInput) as missing:
        import_proposals(db, settings=settings, consultation=slug, path=tmp_path / "none.csv")
    assert missing.value.field == "path"
    source = write_csv(tmp_path / "a.csv", proposal_rows(1))
    with pytest.raises(InvalidInput) as channel:
        import_proposals(db, settings=settings, consultation=slug, path=source, channel="fax")
    assert channel.value.field == "channel"


def _pg_dump(database_url: str) -> bytes:
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))[-1]
    url = make_url(database_url).set(drivername="postgresql")
    dump = subprocess.run(
        [binary, url.render_as_string(hide_password=False)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return dump.stdout


def test_no_clear_iin_reaches_the_database(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    rows = proposal_rows(40)
    iins = [row["iin"] for row in rows if row["iin"]]
    for row, iin in zip(rows[1::2], iins, strict=False):
        row["text"] = f"Менің ЖСН: {iin[:6]} {iin[6:]}, {row['text']}"
    source = write_csv(tmp_path / "a.csv", rows)
    summary = import_proposals(
        db, settings=small_batches(database_url), consultation=slug, path=source, channel="egov"
    )
    assert summary.imported == 40
    if db.dialect == "sqlite":
        database = Path(make_url(database_url).database or "")
        stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    else:
        stored = _pg_dump(database_url)
    assert b"almaty" in stored  # the data itself is there ("Алматы", stored as its region key)
    leaked = [
        iin for iin in iins if iin.encode() in stored or f"{iin[:6]} {iin[6:]}".encode() in stored
    ]
    assert leaked == []


def test_awkward_files(db: Database, database_url: str, tmp_path: Path) -> None:
    slug = consultation(db)
    settings = small_batches(database_url)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / "u16.txt").write_bytes("id\ttext\nU1\tЖСН 900101300126 ✓\n".encode("utf-16"))
    (tmp_path / "win.csv").write_bytes("id;text\nW1;Предлагаю изменить статью 5\n".encode("cp1251"))
    (tmp_path / "bom.csv").write_bytes(
        "\ufeffid,text\nB1,Qazaqstan — Қазақстан — Казахстан\n".encode()
    )
    results = {
        name: import_proposals(
            db, settings=settings, consultation=slug, path=tmp_path / name, channel="paper"
        )
        for name in ("empty.csv", "header.csv", "u16.txt", "win.csv", "bom.csv")
    }
    assert [(r.imported, r.rejected) for r in results.values()] == [
        (0, 0),
        (0, 0),
        (1, 0),
        (1, 0),
        (1, 0),
    ]
    with db.engine.connect() as conn:
        texts = dict(conn.execute(select(proposals.c.external_id, proposals.c.text_original)).all())
    assert texts == {
        "U1": "ЖСН [ЖСН] ✓",
        "W1": "Предлагаю изменить статью 5",
        "B1": "Qazaqstan — Қазақстан — Казахстан",
    }
