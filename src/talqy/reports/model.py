"""The report as plain data: frozen dataclasses that turn into JSON with ``to_dict``.

A report is built once (``build_report``) and rendered many ways; renderers never query the
database. Every number here is defined in ``docs/reports.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from talqy.plain import to_plain

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Count:
    """One bar of a breakdown: a stable key, its label in the report language, count, share."""

    key: str
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class Intake:
    """Proposals received, broken down four ways."""

    total: int
    by_channel: tuple[Count, ...]
    by_language: tuple[Count, ...]
    by_region: tuple[Count, ...]
    by_day: tuple[Count, ...]
    hidden: int = 0  # proposals whose text moderation hid from public views


@dataclass(frozen=True)
class Cluster:
    """A duplicate group or an organised campaign found by the systematization run."""

    key: str
    size: int
    share: float
    representative_id: int | None
    text: str


@dataclass(frozen=True)
class Clusters:
    count: int
    proposals: int
    share: float
    largest: tuple[Cluster, ...]


@dataclass(frozen=True)
class RunInfo:
    id: int
    embedder: str
    model_version: str
    seed: int
    finished_at: datetime | None


@dataclass(frozen=True)
class ThemeSummary:
    key: str
    label: str
    size: int
    share: float
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ArticleCoverage:
    number: str
    title: str | None
    proposals: int
    groups: int
    decisions: dict[str, int]


@dataclass(frozen=True)
class SectionCoverage:
    section: str | None
    label: str
    articles: tuple[ArticleCoverage, ...]


@dataclass(frozen=True)
class Coverage:
    """Proposals, groups and published decisions per article of the latest draft version."""

    version: str | None
    language: str | None
    sections: tuple[SectionCoverage, ...]
    outside_draft: int
    without_article: int
    max_proposals: int


@dataclass(frozen=True)
class DecisionSummary:
    """Published current decisions of live groups."""

    total: int
    by_kind: tuple[Count, ...]
    groups: int
    groups_decided: int
    proposals_covered: int
    share_covered: float


@dataclass(frozen=True)
class DecisionRef:
    group: str
    kind: str
    label: str
    reasoning: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ChangedArticle:
    old_number: str | None
    new_number: str | None
    status: str
    label: str
    similarity: float
    changed_words: int
    decisions: tuple[DecisionRef, ...]


@dataclass(frozen=True)
class Changes:
    """How the draft changed between its first and latest versions."""

    old_version: str
    new_version: str
    language: str
    old_articles: int
    new_articles: int
    counts: dict[str, int]
    articles_changed: int
    changed_share: float
    changed_words: int
    new_words: int
    articles: tuple[ChangedArticle, ...]


@dataclass(frozen=True)
class SystematizationRow:
    """One live proposal group: what was proposed, how many, what was decided and why."""

    group: str
    article: str | None
    theme: str | None
    theme_label: str | None
    campaign: str | None
    members: int
    share: float
    text: str
    decision: str | None
    decision_label: str | None
    reasoning: dict[str, str]
    decision_articles: tuple[str, ...]
    published_at: datetime | None


@dataclass(frozen=True)
class Report:
    schema: int
    consultation: str
    title: str
    language: str
    as_of: datetime | None
    run: RunInfo | None
    intake: Intake
    duplicates: Clusters
    campaigns: Clusters
    themes: tuple[ThemeSummary, ...]
    coverage: Coverage
    decisions: DecisionSummary
    changes: Changes | None
    systematization: tuple[SystematizationRow, ...]

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = to_plain(self)
        return plain
