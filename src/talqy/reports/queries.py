"""Read-only queries behind the public report: counts, clusters, coverage, decisions, open data.

Only public fields leave this module: the redacted display copy of a proposal (never the
original text), channel, region, day and language, never an author field or a receipt code.
Only published current decisions of live (not merged) groups are read. Every query has a fixed
order so the same database always gives the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    cast,
    func,
    select,
    true,
)

from talqy.i18n import LANGUAGES
from talqy.intake.tables import proposals
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.clock import as_utc
from talqy.storage.database import Database, all_rows
from talqy.storage.tables import articles, documents
from talqy.systematization.tables import analyses, runs


@dataclass(frozen=True)
class DraftArticle:
    number: str
    section: str | None
    title: str | None


@dataclass(frozen=True)
class GroupRow:
    """A live proposal group with its size and its published current decision, if any."""

    key: str
    article: str | None
    theme_key: str | None
    campaign_key: str | None
    members: int
    text: str
    decision: str | None
    reasoning: dict[str, str]
    decision_articles: tuple[str, ...]
    published_at: datetime | None


@dataclass(frozen=True)
class PublicProposal:
    """The display copy of a proposal as published in open data."""

    id: int
    channel: str
    region: str | None
    day: str | None
    language: str | None
    article: str | None
    group: str | None
    theme: str | None
    text: str


def _day(db: Database, column: Any) -> ColumnElement[str]:
    """``YYYY-MM-DD`` of a timestamp in UTC, computed by the database."""
    if db.dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD", type_=String)
    return func.substr(cast(column, String), 1, 10, type_=String)


def _when() -> ColumnElement[Any]:
    return func.coalesce(proposals.c.submitted_at, proposals.c.created_at)


def _run_join(run_id: int | None) -> Any:
    run = analyses.c.run_id == (run_id if run_id is not None else -1)
    return proposals.outerjoin(analyses, and_(analyses.c.proposal_id == proposals.c.id, run))


def _language() -> ColumnElement[Any]:
    return func.coalesce(proposals.c.language, analyses.c.language)


def _effective_article() -> ColumnElement[Any]:
    return func.coalesce(groups.c.article_number, proposals.c.article_number)


def proposal_counts(
    db: Database, *, consultation_id: int, run_id: int | None
) -> dict[str, list[tuple[str | None, int]]]:
    """Proposals counted by ``channel``, ``language``, ``region`` and ``day``, keys ascending."""
    dimensions: dict[str, ColumnElement[Any]] = {
        "channel": proposals.c.channel,
        "language": _language(),
        "region": proposals.c.region,
        "day": _day(db, _when()),
    }
    counted: dict[str, list[tuple[str | None, int]]] = {}
    with db.engine.connect() as conn:
        for name, column in dimensions.items():
            label = column.label("key")
            query = (
                select(label, func.count())
                .select_from(_run_join(run_id))
                .where(proposals.c.consultation_id == consultation_id)
                .group_by(label)
            )
            rows = [(None if k is None else str(k), int(n)) for k, n in conn.execute(query)]
            counted[name] = sorted(rows, key=lambda item: (item[0] is None, item[0] or ""))
    return counted


def count_proposals(db: Database, *, consultation_id: int) -> int:
    query = select(func.count()).where(proposals.c.consultation_id == consultation_id)
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def draft_versions(db: Database, *, consultation_id: int) -> list[tuple[str, tuple[str, ...]]]:
    """Versions of the draft, oldest first, each with the languages stored for it."""
    query = (
        select(documents.c.version, documents.c.language)
        .where(documents.c.consultation_id == consultation_id)
        .order_by(documents.c.created_at, documents.c.id)
    )
    found: dict[str, list[str]] = {}
    with db.engine.connect() as conn:
        for version, language in conn.execute(query):
            found.setdefault(version, []).append(language)
    return [(version, tuple(sorted(langs))) for version, langs in found.items()]


def draft_articles(
    db: Database, *, consultation_id: int, version: str, language: str
) -> list[DraftArticle]:
    """Articles of one version and language in reading order."""
    query = (
        select(articles.c.number, articles.c.section, articles.c.title)
        .join(documents, documents.c.id == articles.c.document_id)
        .where(
            documents.c.consultation_id == consultation_id,
            documents.c.version == version,
            documents.c.language == language,
        )
        .order_by(articles.c.position)
    )
    return [DraftArticle(r.number, r.section, r.title) for r in all_rows(db, query)]


def _membership() -> Any:
    return proposals.outerjoin(
        group_members, group_members.c.proposal_id == proposals.c.id
    ).outerjoin(groups, groups.c.id == group_members.c.group_id)


def proposals_per_article(db: Database, *, consultation_id: int) -> dict[str | None, int]:
    """Proposals per article: the group's article, else the one the citizen named (None: none)."""
    article = _effective_article().label("article")
    query = (
        select(article, func.count())
        .select_from(_membership())
        .where(proposals.c.consultation_id == consultation_id)
        .group_by(article)
    )
    with db.engine.connect() as conn:
        return {None if k is None else str(k): int(n) for k, n in conn.execute(query)}


def _live_groups(consultation_id: int) -> ColumnElement[bool]:
    return and_(groups.c.consultation_id == consultation_id, groups.c.merged_into.is_(None))


def _published() -> ColumnElement[bool]:
    return and_(
        decisions.c.group_id == groups.c.id,
        decisions.c.current == true(),
        decisions.c.published_at.is_not(None),
    )


def groups_per_article(db: Database, *, consultation_id: int) -> dict[str | None, int]:
    query = (
        select(groups.c.article_number, func.count())
        .where(_live_groups(consultation_id))
        .group_by(groups.c.article_number)
    )
    with db.engine.connect() as conn:
        return {None if k is None else str(k): int(n) for k, n in conn.execute(query)}


def decisions_per_article(
    db: Database, *, consultation_id: int
) -> dict[tuple[str | None, str], int]:
    """Published current decisions counted by (article of the group, kind)."""
    query = (
        select(groups.c.article_number, decisions.c.kind, func.count())
        .select_from(groups.join(decisions, _published()))
        .where(_live_groups(consultation_id))
        .group_by(groups.c.article_number, decisions.c.kind)
    )
    with db.engine.connect() as conn:
        return {
            (None if a is None else str(a), str(kind)): int(n) for a, kind, n in conn.execute(query)
        }


def group_rows(db: Database, *, consultation_id: int) -> list[GroupRow]:
    """Every live group with its size, representative text and published decision."""
    sizes = (
        select(
            group_members.c.group_id,
            func.count().label("members"),
            func.min(group_members.c.proposal_id).label("first"),
        )
        .group_by(group_members.c.group_id)
        .subquery()
    )
    representative = func.coalesce(groups.c.representative_id, sizes.c.first)
    joined = (
        groups.outerjoin(sizes, sizes.c.group_id == groups.c.id)
        .outerjoin(proposals, proposals.c.id == representative)
        .outerjoin(decisions, _published())
    )
    members = func.coalesce(sizes.c.members, 0)
    query = (
        select(
            groups.c.key,
            groups.c.article_number,
            groups.c.theme_key,
            groups.c.campaign_key,
            members.label("members"),
            proposals.c.text_display,
            decisions.c.kind,
            *(decisions.c[f"reasoning_{code}"] for code in LANGUAGES),
            decisions.c.articles,
            decisions.c.published_at,
        )
        .select_from(joined)
        .where(_live_groups(consultation_id))
        .order_by(members.desc(), groups.c.key)
    )
    return [_group_row(row._mapping) for row in all_rows(db, query)]


def _group_row(m: Any) -> GroupRow:
    reasoning = {code: m[f"reasoning_{code}"] for code in LANGUAGES if m[f"reasoning_{code}"]}
    return GroupRow(
        key=m["key"],
        article=m["article_number"],
        theme_key=m["theme_key"],
        campaign_key=m["campaign_key"],
        members=int(m["members"]),
        text=m["text_display"] or "",
        decision=m["kind"],
        reasoning=reasoning,
        decision_articles=tuple(str(a) for a in (m["articles"] or ())),
        published_at=as_utc(m["published_at"]),
    )


def iter_public_proposals(
    db: Database, *, consultation_id: int, run_id: int | None, batch: int = 5_000
) -> Iterator[PublicProposal]:
    """Display copies of every proposal, by id, with their group, theme and article."""
    joined = _run_join(run_id).outerjoin(
        group_members, group_members.c.proposal_id == proposals.c.id
    )
    joined = joined.outerjoin(groups, groups.c.id == group_members.c.group_id)
    query = (
        select(
            proposals.c.id,
            proposals.c.channel,
            proposals.c.region,
            _day(db, _when()).label("day"),
            _language().label("language"),
            _effective_article().label("article"),
            groups.c.key.label("group"),
            func.coalesce(analyses.c.theme_key, groups.c.theme_key).label("theme"),
            proposals.c.text_display,
        )
        .select_from(joined)
        .where(proposals.c.consultation_id == consultation_id)
        .order_by(proposals.c.id)
    )
    with db.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(query)
        for r in result:
            yield PublicProposal(
                r.id,
                r.channel,
                r.region,
                r.day,
                r.language,
                r.article,
                r.group,
                r.theme,
                r.text_display,
            )


def data_as_of(db: Database, *, consultation_id: int) -> datetime | None:
    """The latest time in the data behind a report: proposal, finished run or publication."""
    queries = [
        select(func.max(proposals.c.created_at)).where(
            proposals.c.consultation_id == consultation_id
        ),
        select(func.max(runs.c.finished_at)).where(runs.c.consultation_id == consultation_id),
        select(func.max(decisions.c.published_at))
        .select_from(groups.join(decisions, decisions.c.group_id == groups.c.id))
        .where(groups.c.consultation_id == consultation_id),
    ]
    with db.engine.connect() as conn:
        found = [as_utc(conn.execute(query).scalar()) for query in queries]
    times = [when for when in found if when is not None]
    return max(times) if times else None
