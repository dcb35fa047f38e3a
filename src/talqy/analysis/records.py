"""Plain data in and out of the systematization pipeline.

``ProposalRow.to_dict()``, ``Theme.to_dict()`` and ``Position.to_dict()`` are the JSON
contract of ``talqy systematize`` (one row per proposal in input order; lists of themes and
positions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ProposalInput:
    """One citizen proposal as the analysis needs it (no personal data)."""

    id: str
    text: str
    language: str | None = None  # as declared by the channel, if any
    article: str | None = None  # as declared by the channel, if any
    submitted_at: datetime | None = None
    channel: str | None = None
    region: str | None = None
    author_key: str | None = None


@dataclass(frozen=True)
class LinkRow:
    number: str
    score: float
    source: str


@dataclass
class ProposalRow:
    id: str
    language: str
    script: str
    duplicate_group: str
    duplicate_of: str | None
    campaign_id: str | None
    theme_id: str | None
    theme_label: str
    articles: list[LinkRow] = field(default_factory=list)
    stance: str = "unclear"
    position_id: str | None = None
    subtheme_id: str | None = None  # the finer theme inside ``theme_id``

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["articles"] = [
            {"number": a.number, "score": round(float(a.score), 4), "source": a.source}
            for a in self.articles
        ]
        return out


@dataclass
class Theme:
    id: str
    size: int  # proposals counted in statistics (campaign members excluded, each campaign once)
    proposals: int  # every proposal with this theme
    label: dict[str, str]
    keywords: list[str]
    representatives: list[str]  # proposal ids, most central first
    label_source: dict[str, str] = field(default_factory=dict)  # language each label is in
    subthemes: list[Theme] = field(default_factory=list)  # finer themes inside this one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Position:
    """One ask: every wording, language, copy and campaign of it (see ``analysis.positions``)."""

    id: str
    size: int  # every proposal in the position (campaign members included)
    label: dict[str, str]
    articles: list[str]  # article numbers most members link to, most frequent first
    theme_id: str | None
    groups: int  # duplicate groups inside
    campaigns: list[str]  # campaign ids inside (each a marked part of this position)
    representative: str  # proposal id of the largest group's representative

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CampaignRecord:
    id: str
    size: int
    representative: str  # proposal id
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SystematizationResult:
    rows: list[ProposalRow]
    themes: list[Theme]
    campaigns: list[CampaignRecord]
    params: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)


def count_people(author_keys: Sequence[str | None]) -> int:
    """People behind some proposals: distinct author keys, a proposal without one is one person
    (campaign members count like everyone else)."""
    return len({k for k in author_keys if k}) + sum(1 for k in author_keys if not k)
