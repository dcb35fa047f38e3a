"""``build_report``: every figure of the public report, computed once as plain data."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from talqy.errors import InvalidInput
from talqy.i18n import LANGUAGES
from talqy.reports import labels, run_results
from talqy.reports import queries as q
from talqy.reports.changes import build_changes
from talqy.reports.model import (
    SCHEMA_VERSION,
    ArticleCoverage,
    Cluster,
    Clusters,
    Count,
    Coverage,
    DecisionSummary,
    Intake,
    Report,
    RunInfo,
    SectionCoverage,
    SystematizationRow,
    ThemeSummary,
)
from talqy.review.decision_kinds import DECISION_KINDS, decision_kind_label
from talqy.review.moderation import count_hidden
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database

LARGEST = 20


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def build_report(db: Database, *, consultation: str, language: str = "kk") -> Report:
    """Build the public report of ``consultation`` with labels in ``language``."""
    if language not in LANGUAGES:
        raise InvalidInput("language must be one of kk, ru, en", field="language")
    parent = get_consultation(db, consultation)
    run = run_results.latest_finished_run(db, parent.id)
    run_id = run.id if run else None
    total = q.count_proposals(db, consultation_id=parent.id)
    theme_rows = run_results.run_themes(db, run_id=run_id) if run_id is not None else []
    theme_labels = {t.key: t.labels.get(language) or t.key for t in theme_rows}
    group_rows = q.group_rows(db, consultation_id=parent.id)
    systematization = tuple(_row(r, total, language, theme_labels) for r in group_rows)
    return Report(
        schema=SCHEMA_VERSION,
        consultation=parent.slug,
        title=parent.title,
        language=language,
        as_of=q.data_as_of(db, consultation_id=parent.id),
        run=_run_info(run),
        intake=_intake(db, parent.id, run_id, total, language),
        duplicates=_clusters(
            run_results.duplicate_groups(db, run_id=run_id) if run_id else [], total
        ),
        campaigns=_clusters(run_results.campaigns(db, run_id=run_id) if run_id else [], total),
        themes=tuple(
            ThemeSummary(t.key, theme_labels[t.key], t.size, share(t.size, total), t.keywords)
            for t in theme_rows
        ),
        coverage=_coverage(db, parent.id, language),
        decisions=_decisions(group_rows, total, language),
        changes=build_changes(db, consultation=parent.slug, language=language, groups=group_rows),
        systematization=systematization,
    )


def _run_info(run: run_results.RunRow | None) -> RunInfo | None:
    if run is None:
        return None
    return RunInfo(run.id, run.embedder, run.model_version, run.seed, run.finished_at)


def _counts(
    rows: Sequence[tuple[str | None, int]], total: int, label: Callable[[str | None], str]
) -> tuple[Count, ...]:
    return tuple(Count(key or "", label(key), n, share(n, total)) for key, n in rows)


def _by_size(items: tuple[Count, ...]) -> tuple[Count, ...]:
    return tuple(sorted(items, key=lambda c: (-c.count, c.key)))


def _intake(
    db: Database, consultation_id: int, run_id: int | None, total: int, lang: str
) -> Intake:
    counted = q.proposal_counts(db, consultation_id=consultation_id, run_id=run_id)
    return Intake(
        total=total,
        by_channel=_by_size(
            _counts(counted["channel"], total, lambda k: labels.channel_name(lang, k))
        ),
        by_language=_by_size(
            _counts(counted["language"], total, lambda k: labels.language_label(lang, k))
        ),
        by_region=_by_size(
            _counts(
                labels.merge_regions(counted["region"]),
                total,
                lambda k: labels.region_label(lang, k),
            )
        ),
        by_day=_counts(counted["day"], total, lambda k: k or ""),
        hidden=count_hidden(db, consultation_id=consultation_id),
    )


def _clusters(rows: Sequence[run_results.ClusterRow], total: int) -> Clusters:
    members = sum(r.size for r in rows)
    return Clusters(
        count=len(rows),
        proposals=members,
        share=share(members, total),
        largest=tuple(
            Cluster(r.key, r.size, share(r.size, total), r.representative_id, r.text)
            for r in rows[:LARGEST]
        ),
    )


def _pick_language(available: Sequence[str], wanted: str) -> str | None:
    for code in (wanted, *LANGUAGES, *sorted(available)):
        if code in available:
            return code
    return None


def _coverage(db: Database, consultation_id: int, language: str) -> Coverage:
    per_article = q.proposals_per_article(db, consultation_id=consultation_id)
    versions = q.draft_versions(db, consultation_id=consultation_id)
    version, chosen = (
        (versions[-1][0], _pick_language(versions[-1][1], language)) if versions else (None, None)
    )
    draft = (
        q.draft_articles(db, consultation_id=consultation_id, version=version, language=chosen)
        if version is not None and chosen is not None
        else []
    )
    groups = q.groups_per_article(db, consultation_id=consultation_id)
    decided = q.decisions_per_article(db, consultation_id=consultation_id)
    sections: dict[str | None, list[ArticleCoverage]] = {}
    for article in draft:
        kinds = {kind: decided.get((article.number, kind), 0) for kind in DECISION_KINDS}
        sections.setdefault(article.section, []).append(
            ArticleCoverage(
                article.number,
                article.title,
                per_article.get(article.number, 0),
                groups.get(article.number, 0),
                kinds,
            )
        )
    numbers = {article.number for article in draft}
    return Coverage(
        version=version,
        language=chosen,
        sections=tuple(
            SectionCoverage(section, labels.section_label(language, section), tuple(items))
            for section, items in sections.items()
        ),
        outside_draft=sum(n for k, n in per_article.items() if k is not None and k not in numbers),
        without_article=per_article.get(None, 0),
        max_proposals=max((per_article.get(n, 0) for n in numbers), default=0),
    )


def _decisions(rows: Sequence[q.GroupRow], total: int, language: str) -> DecisionSummary:
    decided = [r for r in rows if r.decision is not None]
    kinds = {kind: sum(1 for r in decided if r.decision == kind) for kind in DECISION_KINDS}
    covered = sum(r.members for r in decided)
    return DecisionSummary(
        total=len(decided),
        by_kind=tuple(
            Count(kind, decision_kind_label(language, kind), n, share(n, len(decided)))
            for kind, n in kinds.items()
        ),
        groups=len(rows),
        groups_decided=len(decided),
        proposals_covered=covered,
        share_covered=share(covered, total),
    )


def _row(
    row: q.GroupRow, total: int, language: str, theme_labels: dict[str, str]
) -> SystematizationRow:
    return SystematizationRow(
        group=row.key,
        article=row.article,
        theme=row.theme_key,
        theme_label=theme_labels.get(row.theme_key, row.theme_key) if row.theme_key else None,
        campaign=row.campaign_key,
        members=row.members,
        share=share(row.members, total),
        text=row.text,
        decision=row.decision,
        decision_label=decision_kind_label(language, row.decision) if row.decision else None,
        reasoning=dict(row.reasoning),
        decision_articles=row.decision_articles,
        published_at=row.published_at,
    )
