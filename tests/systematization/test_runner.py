from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select

from talqy.analysis.language import LanguageDetector, LanguageResult
from talqy.errors import InvalidInput
from talqy.intake.drafts import import_draft
from talqy.intake.tables import proposals
from talqy.review.tables import audit_log, group_members, groups
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.systematization.run_queries import latest_run
from talqy.systematization.runner import systematize_consultation
from talqy.systematization.tables import analyses, embeddings
from tests.conftest import CONSTITUTION

TEXTS = [
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "Предлагаю изменить статью 33: сократить срок полномочий.",
    "Мемлекеттік тіл туралы 7-бапты сақтау керек.",
    "Article 12 should protect privacy online.",
]


def add_proposals(
    db: Database,
    consultation_id: int,
    texts: list[str],
    start: int = 0,
    submitted_at: datetime | None = None,
) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            insert(proposals),
            [
                {
                    "consultation_id": consultation_id,
                    "channel": "web",
                    "external_id": f"x{start + i}",
                    "dedup_key": f"x{start + i}",
                    "text_original": text,
                    "text_display": text,
                    "receipt_code": f"R{start + i:08d}",
                    "created_at": datetime(2026, 2, 1, tzinfo=UTC),
                    "submitted_at": submitted_at,
                }
                for i, text in enumerate(texts)
            ],
        )


def count(db: Database, table: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_run_is_recorded_and_rerun_keeps_groups(db: Database, settings: Settings) -> None:
    parent = create_consultation(db, slug="c", title="C")
    import_draft(db, consultation="c", path=CONSTITUTION / "kk-2026.md", version="2026")
    add_proposals(db, parent.id, TEXTS)
    first = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    assert first.proposals == 5 and first.vectors_computed == 4  # two are the same text
    assert count(db, analyses) == 5 and count(db, group_members) == 5
    with db.engine.connect() as conn:
        member_groups = (
            conn.execute(select(group_members.c.group_id).order_by(group_members.c.proposal_id))
            .scalars()
            .all()
        )
        links = (
            conn.execute(select(analyses.c.articles).order_by(analyses.c.proposal_id))
            .scalars()
            .all()
        )
        assert conn.execute(select(audit_log.c.action)).scalars().all() == ["systematize"]
    assert member_groups[0] == member_groups[1]
    assert links[0][0] == {"number": "33", "score": 1.0, "source": "explicit"}
    assert latest_run(db, "c").id == first.run_id

    add_proposals(db, parent.id, [TEXTS[0]], start=100)
    second = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    assert second.vectors_computed == 0  # a copy of a stored proposal reuses its vector
    assert second.new_members == 1 and second.new_groups == 0
    with db.engine.connect() as conn:
        newest = conn.execute(
            select(group_members.c.group_id).order_by(group_members.c.proposal_id.desc()).limit(1)
        ).scalar_one()
    assert newest == member_groups[0]
    assert count(db, groups) == first.new_groups
    assert count(db, embeddings) == 6


def test_empty_consultation_is_a_clear_error(db: Database, settings: Settings) -> None:
    create_consultation(db, slug="c", title="C")
    with pytest.raises(InvalidInput, match="no proposals"):
        systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")


def test_language_is_detected_once_per_run(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = create_consultation(db, slug="c", title="C")
    add_proposals(db, parent.id, TEXTS)
    seen: list[str] = []
    original = LanguageDetector.transform

    def counting(self: LanguageDetector, texts: Sequence[str]) -> list[LanguageResult]:
        seen.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(LanguageDetector, "transform", counting)
    summary = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    assert summary.vectors_computed == len(set(TEXTS))
    assert sorted(seen) == sorted(TEXTS)


def test_run_parameters_are_stored_as_resolved(db: Database, settings: Settings) -> None:
    parent = create_consultation(db, slug="c", title="C")
    add_proposals(db, parent.id, TEXTS)
    summary = systematize_consultation(db, settings=settings, consultation="c", embedder="hashing")
    params = latest_run(db, "c").params
    assert latest_run(db, "c").id == summary.run_id
    assert params["deduplicator"] == "auto" and params["themes"] == "auto"
    resolved = params["resolved"]
    assert resolved["deduplicator"]["class"] == "UnionDeduplicator"
    assert resolved["themes"]["class"] == "LinkageClusterer"
    assert resolved["language"]["class"] == "LanguageDetector"
