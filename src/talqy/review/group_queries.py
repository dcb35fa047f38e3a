"""Proposal groups and their members, with an optimistic version on every group change.

A group changes only through :func:`bump_group` (``UPDATE … WHERE id=? AND version=?``): when
no row matches, someone else changed the group first and the caller gets ``Conflict``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, false, func, or_, select, true, update

from talqy.errors import Conflict, NotFound
from talqy.intake.tables import proposals
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.clock import as_utc, now
from talqy.storage.database import Database, first_row, row_where
from talqy.storage.inserts import insert_ignoring_duplicates
from talqy.storage.tables import consultations
from talqy.systematization.tables import analyses, runs, themes

CHANGEABLE = frozenset({"state", "article_number", "article_source", "representative_id"})


@dataclass(frozen=True)
class Group:
    id: int
    consultation_id: int
    key: str
    run_id: int | None
    representative_id: int | None
    article_number: str | None
    article_source: str | None
    theme_key: str | None
    campaign_key: str | None
    state: str
    version: int
    origin: str
    merged_into: int | None
    created_at: datetime


@dataclass(frozen=True)
class GroupRow:
    """A group as listed in a queue or table: with its size and representative text."""

    group: Group
    members: int
    representative_text: str | None
    decision_kind: str | None


@dataclass(frozen=True)
class Member:
    proposal_id: int
    text: str
    language: str | None
    channel: str
    region: str | None
    article_number: str | None
    author_name: str | None
    origin: str
    run_id: int | None
    campaign: str | None = None  # the campaign the run found this proposal in, if any


@dataclass(frozen=True)
class ReceiptRow:
    proposal_id: int
    consultation_id: int
    consultation_slug: str
    text: str
    language: str | None
    article_number: str | None
    received_at: datetime
    group_id: int | None


@dataclass(frozen=True)
class GroupFilter:
    article: str | None = None
    theme: str | None = None
    states: tuple[str, ...] = ()
    decision: str | None = None
    scopes: tuple[tuple[str, str], ...] | None = None  # None: everything; (): nothing
    extra: tuple[Any, ...] = ()  # further conditions on ``groups`` (review/queue_filters.py)


def _group(row: Row[tuple[object, ...]]) -> Group:
    m = row._mapping
    values: dict[str, Any] = {name: m[name] for name in Group.__dataclass_fields__}
    values["created_at"] = as_utc(m["created_at"])
    return Group(**values)


def get_group(db: Database, group_id: int) -> Group:
    missing = NotFound(f"no group {group_id}", field="group")
    return _group(row_where(db, groups.c.id, group_id, missing))


def insert_group(conn: Connection, **values: Any) -> int | None:
    """Insert a group inside the caller's transaction; None when its key is taken."""
    values.setdefault("created_at", now())
    statement = insert_ignoring_duplicates(conn, groups).values(**values)
    made = conn.execute(statement.returning(groups.c.id)).first()  # rowcount: -1 on PostgreSQL
    return None if made is None else int(made[0])


def bump_group(conn: Connection, *, group_id: int, version: int, **values: Any) -> int:
    """Change a group if it still has ``version``; returns the new version or raises Conflict."""
    unknown = set(values) - CHANGEABLE - {"merged_into"}
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    done = conn.execute(
        update(groups)
        .where(and_(groups.c.id == group_id, groups.c.version == version))
        .values(version=groups.c.version + 1, **values)
    )
    if done.rowcount == 0:
        raise Conflict(
            "the group was changed by someone else; reload it and try again",
            field="version",
            group=group_id,
        )
    return version + 1


def bump_group_losing(conn: Connection, group: Group, leaving: Collection[int]) -> None:
    """Bump a group (version-checked) that loses the proposals ``leaving``, choosing a new
    representative when the old one leaves."""
    values: dict[str, object] = {}
    if group.representative_id in leaving:
        gone = set(leaving)
        rest = [pid for pid in member_ids(conn, group.id) if pid not in gone]
        values["representative_id"] = rest[0] if rest else None
    bump_group(conn, group_id=group.id, version=group.version, **values)


def add_member(
    conn: Connection, *, proposal_id: int, group_id: int, origin: str, run_id: int | None = None
) -> bool:
    """Put a proposal that belongs to no group into ``group_id``; False if it already has one."""
    values = {"proposal_id": proposal_id, "group_id": group_id, "origin": origin, "run_id": run_id}
    statement = insert_ignoring_duplicates(conn, group_members).values(**values)
    return conn.execute(statement.returning(group_members.c.proposal_id)).first() is not None


def move_members(conn: Connection, *, proposal_ids: Sequence[int], group_id: int) -> int:
    """Move proposals into ``group_id`` as a person's choice; returns how many moved."""
    if not proposal_ids:
        return 0
    done = conn.execute(
        update(group_members)
        .where(group_members.c.proposal_id.in_(list(proposal_ids)))
        .values(group_id=group_id, origin="person", run_id=None)
    )
    return int(done.rowcount)


def member_ids(conn: Connection, group_id: int) -> list[int]:
    query = select(group_members.c.proposal_id).where(group_members.c.group_id == group_id)
    return [int(r[0]) for r in conn.execute(query.order_by(group_members.c.proposal_id))]


def membership(db: Database, proposal_id: int) -> tuple[int, str, int | None] | None:
    """``(group_id, origin, run_id)`` of a proposal's membership, or None."""
    query = select(group_members).where(group_members.c.proposal_id == proposal_id)
    row = first_row(db, query)
    return None if row is None else (row.group_id, row.origin, row.run_id)


def ungrouped_proposals(db: Database, *, consultation_id: int) -> list[int]:
    """Proposals of the consultation that belong to no group yet."""
    query = (
        select(proposals.c.id)
        .outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)
        .where(proposals.c.consultation_id == consultation_id, group_members.c.group_id.is_(None))
        .order_by(proposals.c.id)
    )
    with db.engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(query)]


def group_of_proposal(db: Database, proposal_id: int) -> int | None:
    query = select(group_members.c.group_id).where(group_members.c.proposal_id == proposal_id)
    with db.engine.connect() as conn:
        found = conn.execute(query).scalar()
    return None if found is None else int(found)


def proposal_brief(db: Database, proposal_id: int) -> ReceiptRow:
    """A proposal with its consultation and group (no personal data)."""
    return _receipt(db, proposals.c.id == proposal_id, f"no proposal {proposal_id}")


def receipt_row(db: Database, code: str) -> ReceiptRow:
    return _receipt(db, proposals.c.receipt_code == code, "no proposal with this receipt code")


def _receipt(db: Database, condition: Any, missing: str) -> ReceiptRow:
    query = (
        select(proposals, consultations.c.slug, group_members.c.group_id)
        .join(consultations, consultations.c.id == proposals.c.consultation_id)
        .outerjoin(group_members, group_members.c.proposal_id == proposals.c.id)
        .where(condition)
    )
    with db.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFound(missing, field="code")
    m = row._mapping
    received = as_utc(m["created_at"])
    assert received is not None
    return ReceiptRow(
        m["id"],
        m["consultation_id"],
        m["slug"],
        m["text_display"],
        m["language"],
        m["article_number"],
        received,
        m["group_id"],
    )


member_analysis = (analyses.c.proposal_id == group_members.c.proposal_id) & (
    analyses.c.run_id == group_members.c.run_id
)
"""Join a group member to its analysis row in the run that grouped or placed it."""
member_language = func.coalesce(proposals.c.language, analyses.c.language)
"""A member's language: the one its sender stated, else the one its run detected."""


def list_members(db: Database, group_id: int, *, limit: int = 500) -> list[Member]:
    query = (
        select(
            proposals,
            member_language.label("m_language"),
            group_members.c.origin.label("m_origin"),
            group_members.c.run_id,
            analyses.c.campaign_key,
        )
        .join(group_members, group_members.c.proposal_id == proposals.c.id)
        .outerjoin(analyses, member_analysis)
        .where(group_members.c.group_id == group_id)
        .order_by(proposals.c.id)
        .limit(limit)
    )
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Member(
            r.id,
            r.text_display,
            r.m_language,
            r.channel,
            r.region,
            r.article_number,
            r.author_name,
            r.m_origin,
            r.run_id,
            r.campaign_key,
        )
        for r in rows
    ]


def member_languages(db: Database, group_id: int) -> dict[str, int]:
    query = (
        select(member_language, func.count())
        .join(group_members, group_members.c.proposal_id == proposals.c.id)
        .outerjoin(analyses, member_analysis)
        .where(group_members.c.group_id == group_id)
        .group_by(member_language)
    )
    with db.engine.connect() as conn:
        return {str(lang or "?"): int(n) for lang, n in conn.execute(query)}


def article_suggestions(db: Database, group: Group) -> list[tuple[str, int]]:
    """Articles the machine linked the group's members to in the group's run, most first."""
    if group.run_id is None:
        return []
    query = (
        select(analyses.c.articles)
        .join(group_members, group_members.c.proposal_id == analyses.c.proposal_id)
        .where(group_members.c.group_id == group.id, analyses.c.run_id == group.run_id)
    )
    counts: Counter[str] = Counter()
    with db.engine.connect() as conn:
        for (found,) in conn.execute(query):
            for item in found or ():
                number = (
                    item.get("number") or item.get("article") if isinstance(item, dict) else item
                )
                if number:
                    counts[str(number)] += 1
    return counts.most_common(10)


def _conditions(consultation_id: int, where: GroupFilter) -> list[Any]:
    conditions: list[Any] = [groups.c.consultation_id == consultation_id]
    conditions.append(groups.c.merged_into.is_(None))
    if where.article:
        conditions.append(groups.c.article_number == where.article)
    if where.theme:
        conditions.append(groups.c.theme_key == where.theme)
    if where.states:
        conditions.append(groups.c.state.in_(where.states))
    if where.decision:
        conditions.append(decisions.c.kind == where.decision)
    if where.scopes is not None:
        conditions.append(_scope_condition(where.scopes))
    conditions.extend(where.extra)
    return conditions


def _scope_condition(scopes: Iterable[tuple[str, str]]) -> Any:
    columns = {"article": groups.c.article_number, "theme": groups.c.theme_key}
    parts = []
    for scope, value in scopes:
        if scope == "group":
            parts.append(groups.c.id == int(value))
        else:
            parts.append(columns[scope] == value)
    return or_(*parts) if parts else false()


def list_groups(
    db: Database, *, consultation_id: int, where: GroupFilter, limit: int = 100, offset: int = 0
) -> tuple[list[GroupRow], int]:
    """Groups matching ``where`` (largest first) and how many match in all."""
    sizes = (
        select(group_members.c.group_id, func.count().label("members"))
        .group_by(group_members.c.group_id)
        .subquery()
    )
    joined = (
        groups.outerjoin(sizes, sizes.c.group_id == groups.c.id)
        .outerjoin(proposals, proposals.c.id == groups.c.representative_id)
        .outerjoin(
            decisions, and_(decisions.c.group_id == groups.c.id, decisions.c.current == true())
        )
    )
    conditions = _conditions(consultation_id, where)
    query = (
        select(groups, sizes.c.members, proposals.c.text_display, decisions.c.kind)
        .select_from(joined)
        .where(*conditions)
        .order_by(func.coalesce(sizes.c.members, 0).desc(), groups.c.id)
        .limit(limit)
        .offset(offset)
    )
    total = select(func.count()).select_from(joined).where(*conditions)
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
        count = int(conn.execute(total).scalar() or 0)
    listed = [GroupRow(_group(r), int(r.members or 0), r.text_display, r.kind) for r in rows]
    return listed, count


def count_groups(db: Database, *, consultation_id: int, by: str) -> dict[str, int]:
    """Live groups counted by ``state``, ``article_number`` or ``theme_key``."""
    column = groups.c[by]
    query = (
        select(column, func.count())
        .where(groups.c.consultation_id == consultation_id, groups.c.merged_into.is_(None))
        .group_by(column)
    )
    with db.engine.connect() as conn:
        return {str(key) if key is not None else "": int(n) for key, n in conn.execute(query)}


def theme_labels(db: Database, *, consultation_id: int) -> dict[str, dict[str, str]]:
    """Theme labels in kk/ru/en from the latest run of the consultation that has themes."""
    latest = (
        select(func.max(themes.c.run_id))
        .join(runs, runs.c.id == themes.c.run_id)
        .where(runs.c.consultation_id == consultation_id)
        .scalar_subquery()
    )
    query = select(themes).where(themes.c.run_id == latest).order_by(themes.c.size.desc())
    with db.engine.connect() as conn:
        return {
            r.key: {"kk": r.label_kk, "ru": r.label_ru, "en": r.label_en}
            for r in conn.execute(query)
        }
