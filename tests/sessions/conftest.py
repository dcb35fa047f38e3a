"""Fixture data for sessions tests: a consultation with a stored draft and proposal groups."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import insert

from talqy.review.tables import decisions, groups
from talqy.storage.clock import now
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.storage.tables import articles, documents

ARTICLES = ["1", "2", "5", "83-1"]


@dataclass(frozen=True)
class Draft:
    slug: str
    group_ids: list[int]
    decision_id: int


@pytest.fixture
def draft(db: Database) -> Draft:
    """Consultation ``c26`` with a four-article draft, two proposal groups and one decision."""
    created = create_consultation(db, slug="c26", title="Конституция 2026")
    with db.engine.begin() as conn:
        document = conn.execute(
            insert(documents).values(
                consultation_id=created.id,
                version="v1",
                language="kk",
                source_name="kk.md",
                created_at=now(),
            )
        ).inserted_primary_key[0]
        for position, number in enumerate(ARTICLES):
            conn.execute(
                insert(articles).values(
                    document_id=document,
                    position=position,
                    number=number,
                    text="…",
                    original="…",
                    points=[],
                    notes=[],
                    article_key=number,
                )
            )
        ids = [
            conn.execute(
                insert(groups).values(consultation_id=created.id, key=f"g{n}", created_at=now())
            ).inserted_primary_key[0]
            for n in (1, 2)
        ]
        decision = conn.execute(
            insert(decisions).values(
                group_id=ids[0], kind="accepted", articles=["5"], decided_at=now()
            )
        ).inserted_primary_key[0]
    return Draft("c26", ids, decision)
