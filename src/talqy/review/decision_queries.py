"""Decisions on proposal groups: one current decision per group, history kept.

A decision belongs to a group, never to a proposal: what a citizen sees is computed through
group membership, so a proposal added to a decided group later gets that decision too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Row, and_, insert, select, true, update
from sqlalchemy.orm import aliased

from talqy.i18n import LANGUAGES
from talqy.plain import record_dict
from talqy.review.tables import decisions, users
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, all_rows


@dataclass(frozen=True)
class Decision:
    id: int
    group_id: int
    kind: str
    reasoning: dict[str, str]
    articles: tuple[str, ...]
    decided_by: str | None
    decided_at: datetime
    published_at: datetime | None
    published_by: str | None
    current: bool

    def reasoning_in(self, language: str) -> tuple[str, str] | None:
        """Reasoning in ``language``, else in the first other language that has it.

        Returns ``(language_used, text)``; None when there is no reasoning at all.
        """
        order = [language, *(code for code in LANGUAGES if code != language)]
        for code in order:
            text = self.reasoning.get(code)
            if text:
                return code, text
        return None

    def to_dict(self) -> dict[str, object]:
        return record_dict(self, skip=("published_by",))


_decider = aliased(users)
_publisher = aliased(users)


def _query():  # type: ignore[no-untyped-def]
    return (
        select(
            decisions,
            _decider.c.display_name.label("decider"),
            _publisher.c.display_name.label("publisher"),
        )
        .outerjoin(_decider, _decider.c.id == decisions.c.decided_by)
        .outerjoin(_publisher, _publisher.c.id == decisions.c.published_by)
    )


def _decision(row: Row[tuple[object, ...]]) -> Decision:
    m = row._mapping
    decided_at = as_utc(m["decided_at"])
    assert decided_at is not None
    reasoning = {code: m[f"reasoning_{code}"] for code in LANGUAGES if m[f"reasoning_{code}"]}
    return Decision(
        id=m["id"],
        group_id=m["group_id"],
        kind=m["kind"],
        reasoning=reasoning,
        articles=tuple(str(a) for a in m["articles"] or ()),
        decided_by=m["decider"],
        decided_at=decided_at,
        published_at=as_utc(m["published_at"]),
        published_by=m["publisher"],
        current=bool(m["current"]),
    )


def insert_decision(
    conn: Connection,
    *,
    group_id: int,
    kind: str,
    reasoning: dict[str, str],
    articles: Iterable[str],
    decided_by: int | None,
) -> int:
    """Make a new current decision for ``group_id`` inside the caller's transaction."""
    conn.execute(
        update(decisions)
        .where(and_(decisions.c.group_id == group_id, decisions.c.current == true()))
        .values(current=False)
    )
    key = conn.execute(
        insert(decisions).values(
            group_id=group_id,
            kind=kind,
            reasoning_kk=reasoning.get("kk") or None,
            reasoning_ru=reasoning.get("ru") or None,
            reasoning_en=reasoning.get("en") or None,
            articles=list(articles),
            decided_by=decided_by,
            decided_at=now(),
            current=True,
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def mark_published(conn: Connection, *, group_id: int, user_id: int | None) -> int:
    """Stamp the current decision of ``group_id`` as published; returns rows changed."""
    done = conn.execute(
        update(decisions)
        .where(and_(decisions.c.group_id == group_id, decisions.c.current == true()))
        .values(published_at=now(), published_by=user_id)
    )
    return int(done.rowcount)


def current_decisions(db: Database, group_ids: Iterable[int]) -> dict[int, Decision]:
    """The current decision of each group that has one."""
    wanted = sorted(set(group_ids))
    if not wanted:
        return {}
    query = _query().where(decisions.c.group_id.in_(wanted), decisions.c.current == true())
    with db.engine.connect() as conn:
        return {row._mapping["group_id"]: _decision(row) for row in conn.execute(query)}


def current_decision(db: Database, group_id: int) -> Decision | None:
    return current_decisions(db, [group_id]).get(group_id)


def decision_history(db: Database, group_id: int) -> list[Decision]:
    """Every decision of the group, newest first."""
    query = _query().where(decisions.c.group_id == group_id).order_by(decisions.c.id.desc())
    return [_decision(row) for row in all_rows(db, query)]
