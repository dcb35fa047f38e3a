from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from talqy.errors import InvalidInput
from talqy.sessions.exports import export_foresight, export_sessions
from talqy.sessions.foresight_queries import list_assignments, list_tasks
from talqy.sessions.imports import import_foresight, import_sessions
from talqy.sessions.session_queries import list_agenda, list_sessions
from talqy.sessions.tables import foresight_tasks, sessions
from talqy.storage.database import Database
from tests.sessions.conftest import Draft


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def rejects(path: Path) -> dict[int, str]:
    with path.with_name(path.name + ".rejects.csv").open(encoding="utf-8-sig") as handle:
        return {int(row["row"]): row["field"] for row in csv.DictReader(handle)}


SESSION_HEADER = [
    "record",
    "external_id",
    "kind",
    "date",
    "title_kk",
    "broadcast_url",
    "session",
    "position",
    "article",
    "group",
    "broadcast_time",
]


def test_session_import_rejects_bad_rows_keeps_good_ones_and_is_idempotent(
    db: Database, draft: Draft, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["session", "cs-1", "commission", "2025-09-02", "Отырыс 1", "https://v.example.kz/1"],
        ["session", "cs-2", "commission", "2025-13-40", "Отырыс 2", ""],  # row 3: bad date
        ["session", "cs-3", "commission", "02.10.2025", "Отырыс 3", "javascript:alert(1)"],
        ["session", "cs-4", "party", "2025-10-02", "Отырыс 4", ""],  # row 5: unknown kind
        ["session", "cs-1", "commission", "2025-09-02", "Отырыс 1 again", ""],  # row 6: dup
        ["agenda", "", "", "", "5-бап", "", "cs-1", "1", "5", "", "1:00:00"],
        ["agenda", "", "", "", "", "", "cs-1", "2", "", str(draft.group_ids[0]), "4000"],
        ["agenda", "", "", "", "x", "", "cs-9", "1", "5", "", ""],  # row 9: unknown session
        ["agenda", "", "", "", "x", "", "cs-1", "3", "96", "", ""],  # row 10: not in draft
        ["agenda", "", "", "", "x", "", "cs-1", "4", "", "", "-3"],  # row 11: bad time
        ["minutes", "", "", "", "", "", "", "", "", "", ""],  # row 12: unknown record
    ]
    path = write_csv(tmp_path / "sessions.csv", SESSION_HEADER, rows)
    report = import_sessions(db, path=path, consultation=draft.slug)
    assert (report.created, report.skipped, report.rejected) == (3, 0, 8)
    assert rejects(path) == {
        3: "date",
        4: "broadcast_url",
        5: "kind",
        6: "external_id",
        9: "session",
        10: "article",
        11: "broadcast_time",
        12: "record",
    }
    again = import_sessions(db, path=path, consultation=draft.slug)
    assert (again.created, again.skipped, again.rejected) == (0, 3, 8)
    (session,) = list_sessions(db)
    assert [a.broadcast_seconds for a in list_agenda(db, session.id)] == [3600, 4000]


def test_missing_columns_refuse_the_whole_file(db: Database, draft: Draft, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["external_id", "kind"], [["a", "commission"]])
    with pytest.raises(InvalidInput, match="missing column") as caught:
        import_sessions(db, path=path, consultation=draft.slug)
    assert caught.value.field == "date"
    tasks = write_csv(
        tmp_path / "t.csv",
        ["record", "external_id", "priority", "title_kk"],
        [["task", "T-1", "1", "Сутегі"]],
    )
    with pytest.raises(InvalidInput, match="sector"):
        import_foresight(db, path=tasks)
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(foresight_tasks)).scalar() == 0


FORESIGHT_HEADER = [
    "record",
    "external_id",
    "priority",
    "sector",
    "region",
    "title_kk",
    "title_en",
    "task",
    "organisation",
    "start",
    "end",
    "status",
    "progress",
    "progress_on",
    "funding_2025",
    "funding_2026",
]


def foresight_rows() -> list[list[object]]:
    return [
        ["task", "T-1", "1", "energy", "karaganda", "Сутегі", "Hydrogen"],
        ["task", "T-2", "7", "water", "", "Су", "Water"],  # row 3: unknown priority
        ["task", "T-3", "2", "", "", "Цифр", "Digital"],  # row 4: no sector
        ["task", "T-1", "1", "energy", "", "Сутегі", "Hydrogen"],  # row 5: duplicate
        ["task", "T-4", "3", "health", "almaty", "Медицина", "Medicine"],
        [
            "assignment",
            "A-1",
            "",
            "",
            "",
            "",
            "",
            "T-1",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "active",
            "40",
            "2025-10-01",
            "1 500 000 000",
            "2000000000",
        ],
        [
            "assignment",
            "A-2",
            "",
            "",
            "",
            "",
            "",
            "T-4",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "active",
            "",
            "",
            "-5",
            "",
        ],  # row 8: negative funding
        [
            "assignment",
            "A-3",
            "",
            "",
            "",
            "",
            "",
            "T-4",
            "Институт",
            "2026-01-15",
            "2025-12-20",
            "planned",
            "",
            "",
            "",
            "",
        ],  # row 9: ends before start
        [
            "assignment",
            "A-4",
            "",
            "",
            "",
            "",
            "",
            "T-9",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "planned",
            "",
            "",
            "",
            "",
        ],  # row 10: unknown task
        [
            "assignment",
            "A-5",
            "",
            "",
            "",
            "",
            "",
            "T-1",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "planned",
            "",
            "",
            "",
            "",
        ],  # row 11: task already promoted
        [
            "assignment",
            "A-6",
            "",
            "",
            "",
            "",
            "",
            "T-4",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "paused",
            "",
            "",
            "",
            "",
        ],  # row 12: bad status
        [
            "assignment",
            "A-7",
            "",
            "",
            "",
            "",
            "",
            "T-4",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "active",
            "140",
            "2025-10-01",
            "",
            "",
        ],  # row 13: progress > 100
        [
            "assignment",
            "A-8",
            "",
            "",
            "",
            "",
            "",
            "T-4",
            "Институт",
            "2025-01-15",
            "2026-12-20",
            "active",
            "",
            "",
            "12.5",
            "",
        ],  # row 14: fractional tenge
    ]


def test_foresight_import_rejects_with_row_numbers_and_reimports_idempotently(
    db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "f.csv", FORESIGHT_HEADER, foresight_rows())
    report = import_foresight(db, path=path)
    assert (report.created, report.rejected) == (3, 10)
    assert rejects(path) == {
        3: "priority",
        4: "sector",
        5: "external_id",
        8: "funding_2025",
        9: "end",
        10: "task",
        11: "task",
        12: "status",
        13: "progress",
        14: "funding_2025",
    }
    (item,) = list_assignments(db)
    assert item.funding == {2025: 1_500_000_000, 2026: 2_000_000_000}
    assert item.progress_percent == 40
    again = import_foresight(db, path=path)
    assert (again.created, again.skipped, again.rejected) == (0, 3, 10)
    assert len(list_tasks(db)) == 2 and len(list_assignments(db)) == 1


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_another_programme_round_trips(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    source = write_csv(tmp_path / "f.csv", FORESIGHT_HEADER, foresight_rows())
    import_foresight(db, path=source, programme="p1")
    sessions_file = write_csv(
        tmp_path / "s.csv",
        ["external_id", "kind", "date", "title_en", "region"],
        [["fr-1", "foresight_regional", "2024-03-01", "Regional session", "karaganda"]],
    )
    import_sessions(db, path=sessions_file, programme="p1")
    tasks_out, sessions_out = tmp_path / f"tasks{suffix}", tmp_path / f"sessions{suffix}"
    assert export_foresight(db, path=tasks_out, programme="p1") == 3
    assert export_sessions(db, path=sessions_out, programme="p1") == 1
    assert import_sessions(db, path=sessions_out, programme="p2").created == 1
    report = import_foresight(db, path=tasks_out, programme="p2")
    assert (report.created, report.rejected) == (3, 0)
    assert not (tmp_path / f"tasks{suffix}.rejects.csv").exists()

    def shape(programme_id: int) -> list[tuple[object, ...]]:
        return [
            (t.external_id, t.texts["title_en"], t.sector, t.region, t.priority_level)
            for t in list_tasks(db, programme_id)
        ]

    first, second = {t.programme_id for t in list_tasks(db)}
    assert shape(first) == shape(second)
    funding = [(a.external_id, a.funding, a.progress_percent) for a in list_assignments(db)]
    assert funding[0][1:] == funding[1][1:]
