from __future__ import annotations

from sqlalchemy import func, select

from talqy.demo.build import DEMO_SLUG, build_demo
from talqy.intake.tables import proposals
from talqy.review.tables import decisions, users
from talqy.sessions.tables import sessions
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.storage.tables import documents
from talqy.systematization.tables import runs


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (documents, proposals, runs, decisions, users, sessions)
        }


def test_demo_builds_the_whole_story_and_is_idempotent(db: Database, settings: Settings) -> None:
    summary = build_demo(db, settings=settings, proposals=300, embedder="hashing")
    first = counts(db)
    assert first["documents"] == 4 and first["runs"] == 1 and first["users"] == 4
    assert 250 < first["proposals"] <= 300
    assert first["decisions"] > 0 and first["sessions"] >= 70
    assert any("staff logins" in line for line in summary.lines())
    build_demo(db, settings=settings, proposals=300, embedder="hashing")
    again = counts(db)
    assert {k: v for k, v in again.items() if k != "decisions"} == {
        k: v for k, v in first.items() if k != "decisions"
    }
    with db.engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count())
                .select_from(proposals)
                .where(proposals.c.consultation_id.isnot(None))
            ).scalar_one()
            == first["proposals"]
        )
    assert DEMO_SLUG == "demo"
