from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from talqy.demo.commission import build_commission_demo
from talqy.demo.foresight import (
    N_ASSIGNMENTS,
    N_TASKS,
    PROGRAMME,
    TOTAL_FUNDING,
    build_foresight_demo,
    foresight_session_rows,
    foresight_task_rows,
)
from talqy.review.tables import audit_log
from talqy.sessions.agenda import sessions_for_article
from talqy.sessions.foresight_queries import funding_total
from talqy.sessions.imports import FUNDING_COLUMN
from talqy.sessions.rollups import Filters, foresight_rollup
from talqy.sessions.tables import (
    agenda_items,
    assignment_funding,
    attendance,
    foresight_assignments,
    foresight_tasks,
    members,
    progress_reports,
    sessions,
)
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database

COUNTED = (
    sessions,
    foresight_tasks,
    foresight_assignments,
    assignment_funding,
    progress_reports,
    agenda_items,
    members,
    attendance,
    audit_log,
)


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in COUNTED
        }


def test_demo_programme_rollups_match_independent_sums(db: Database) -> None:
    summary = build_foresight_demo(db, seed=0)
    tasks = [r for r in foresight_task_rows(0) if r["record"] == "task"]
    assigned = [r for r in foresight_task_rows(0) if r["record"] == "assignment"]
    by_year: Counter[str] = Counter()
    for row in assigned:
        by_year.update({k[8:]: int(v) for k, v in row.items() if FUNDING_COLUMN.match(k)})
    assert summary["sessions"]["total"] == len(foresight_session_rows(0)) == 70
    assert summary["tasks"] == len(tasks) == N_TASKS
    assert summary["assignments"] == len(assigned) == N_ASSIGNMENTS
    assert summary["funding"]["total"] == sum(by_year.values()) == TOTAL_FUNDING
    assert summary["funding"]["total"] == funding_total(db)
    assert summary["funding"]["by_year"] == dict(sorted(by_year.items()))
    levels = Counter(int(str(r["priority"])) for r in tasks)
    assert {r["level"]: r["tasks"] for r in summary["by_priority"]} == {
        level: levels.get(level, 0) for level in (1, 2, 3, 4)
    }
    sectors = Counter(str(r["sector"]) for r in tasks)
    assert {r["sector"]: r["tasks"] for r in summary["by_sector"]} == dict(sectors)
    assert sum(r["funding"] for r in summary["by_region"]) == TOTAL_FUNDING
    assert len({r["region"] for r in summary["by_region"]}) >= 17
    check_filters(db)


def check_filters(db: Database) -> None:
    rows = foresight_task_rows(0)
    tasks = {r["external_id"]: r for r in rows if r["record"] == "task"}
    energy = {k for k, r in tasks.items() if r["sector"] == "energy"}
    expected = sum(
        int(v)
        for r in rows
        if r["record"] == "assignment" and r["task"] in energy
        for k, v in r.items()
        if k == "funding_2025"
    )
    filtered = foresight_rollup(
        db, programme=PROGRAMME, filters=Filters(sector="energy", year=2025)
    )
    assert filtered["tasks"] == len(energy)
    assert filtered["funding"]["total"] == expected
    assert set(filtered["funding"]["by_year"]) <= {"2025"}


def test_demos_are_idempotent(db: Database) -> None:
    create_consultation(db, slug="demo", title="Demo")
    build_foresight_demo(db, seed=0)
    assert build_commission_demo(db, consultation_slug="demo") == 6
    before = counts(db)
    build_foresight_demo(db, seed=0)
    assert build_commission_demo(db, consultation_slug="demo") == 0
    after = counts(db)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }
    assert after["members"] == 130
    discussed = {
        row["agenda_item"]["article"]
        for n in range(1, 31)
        for row in sessions_for_article(db, "demo", str(n))
    }
    with db.engine.connect() as conn:
        linked = set(conn.execute(select(agenda_items.c.article_number)).scalars()) - {None}
    assert discussed == linked
