"""Organised campaigns: many submissions made from one template.

A campaign is a connected set of at least ``min_size`` submissions whose *masked* texts are near
duplicates. Masking replaces digit runs and capitalised words (except a text's first word) with
placeholders, so mail-merge variants ("I, Aigerim from Almaty, ..." / "I, Yerlan from Shymkent,
...") and exact copies look the same. Near duplicates are found with the same MinHash-LSH and
rapidfuzz check as :class:`~talqy.analysis.dedup.MinHashDeduplicator`.

With ``burst_hours`` and timestamps, a group only counts as a campaign when ``min_size`` of its
members fall inside one window of that many hours.

Nobody is dropped: campaign members keep their duplicate group and theme; the pipeline leaves
them out of theme *statistics* only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator

from talqy.analysis.dedup import MinHashDeduplicator
from talqy.analysis.normalization import normalize_text
from talqy.errors import InvalidInput

_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")


def mask_template(text: str) -> str:
    """Replace digit runs with ``0`` and capitalised words (not the first) with ``X``."""
    text = _DIGITS.sub("0", normalize_text(text))
    first = True

    def mask(match: re.Match[str]) -> str:
        nonlocal first
        word = match.group(0)
        if first:
            first = False
            return word
        return "X" if word[:1].isupper() else word

    return _WORD.sub(mask, text)


@dataclass(frozen=True)
class Campaign:
    id: str
    size: int
    representative: int  # item index
    members: tuple[int, ...]


class TemplateCampaignDetector(BaseEstimator):
    """Groups of at least ``min_size`` submissions that share a template."""

    def __init__(
        self,
        *,
        min_size: int = 20,
        min_ratio: float = 0.85,
        threshold: float = 0.5,
        burst_hours: float | None = None,
        random_state: int = 0,
    ) -> None:
        self.min_size = min_size
        self.min_ratio = min_ratio
        self.threshold = threshold
        self.burst_hours = burst_hours
        self.random_state = random_state

    def fit(
        self,
        texts: Sequence[str],
        *,
        timestamps: Sequence[float | None] | None = None,
        order: Sequence[float] | None = None,
    ) -> TemplateCampaignDetector:
        """Sets ``labels_`` (campaign number or -1 per item) and ``campaigns_``."""
        if self.min_size < 2:
            raise InvalidInput("campaign_min_size must be at least 2", field="campaign_min_size")
        if timestamps is not None and len(timestamps) != len(texts):
            raise InvalidInput("timestamps and texts differ in length", field="timestamps")
        near = MinHashDeduplicator(
            threshold=self.threshold, min_ratio=self.min_ratio, random_state=self.random_state
        )
        groups = near.fit([mask_template(t) for t in texts], order=order)
        self.labels_ = np.full(len(texts), -1, dtype=np.int64)
        self.campaigns_: list[Campaign] = []
        for g, rep in enumerate(groups.representatives_.tolist()):
            members = np.flatnonzero(groups.labels_ == g)
            if len(members) < self.min_size or not self._bursty(members, timestamps):
                continue
            number = len(self.campaigns_)
            self.labels_[members] = number
            campaign = Campaign(f"c{number + 1}", len(members), rep, tuple(members.tolist()))
            self.campaigns_.append(campaign)
        return self

    def _bursty(self, members: np.ndarray, timestamps: Sequence[float | None] | None) -> bool:
        if self.burst_hours is None or timestamps is None:
            return True
        times = np.sort([t for i in members if (t := timestamps[int(i)]) is not None])
        if len(times) < self.min_size:
            return False
        window = self.burst_hours * 3600.0
        spans = times[self.min_size - 1 :] - times[: len(times) - self.min_size + 1]
        return bool((spans <= window).any())


class NoCampaignDetector(TemplateCampaignDetector):
    """Finds no campaigns (a no-op step)."""

    def __init__(self) -> None:
        super().__init__()

    def fit(
        self,
        texts: Sequence[str],
        *,
        timestamps: Sequence[float | None] | None = None,
        order: Sequence[float] | None = None,
    ) -> NoCampaignDetector:
        self.labels_ = np.full(len(texts), -1, dtype=np.int64)
        self.campaigns_ = []
        return self
