"""Organised campaigns: many submissions made from one template, sent in a coordinated way.

A campaign needs both:

- **a template**: a connected set of at least ``min_size`` submissions whose *masked* texts are
  near duplicates and have at least ``min_words`` words. Masking replaces digit runs and
  capitalised words (except a text's first word) with placeholders, so mail-merge variants ("I,
  Aigerim from Almaty, ..." / "I, Yerlan from Shymkent, ...") and exact copies look the same.
  A common short answer ("Nothing" x695, "No" x189) is no template.
- **coordination**: ``min_size`` members inside one window of ``burst_hours`` (timing), or at
  least ``channel_share`` of the members sent through one channel that carries under half of
  all submissions (a channel of their own). Without times and channels nothing shows
  coordination, and no campaign is claimed.

Near duplicates are found with the MinHash-LSH and rapidfuzz check of
:class:`~talqy.analysis.dedup.MinHashDeduplicator`. Nobody is dropped: campaign members keep
their duplicate group and theme and count as people in every figure.
"""

from __future__ import annotations

import re
from collections import Counter
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


@dataclass(kw_only=True, eq=False, repr=False)
class TemplateCampaignDetector(BaseEstimator):
    """Groups of at least ``min_size`` submissions that share a template."""

    min_size: int = 20
    min_ratio: float = 0.85
    threshold: float = 0.5
    min_words: int = 6
    burst_hours: float = 48.0
    channel_share: float = 0.8
    random_state: int = 0

    def fit(
        self,
        texts: Sequence[str],
        *,
        timestamps: Sequence[float | None] | None = None,
        order: Sequence[float] | None = None,
        channels: Sequence[str | None] | None = None,
    ) -> TemplateCampaignDetector:
        """Sets ``labels_`` (campaign number or -1 per item) and ``campaigns_``."""
        if self.min_size < 2:
            raise InvalidInput("campaign_min_size must be at least 2", field="campaign_min_size")
        if timestamps is not None and len(timestamps) != len(texts):
            raise InvalidInput("timestamps and texts differ in length", field="timestamps")
        if channels is not None and len(channels) != len(texts):
            raise InvalidInput("channels and texts differ in length", field="channels")
        near = MinHashDeduplicator(
            threshold=self.threshold, min_ratio=self.min_ratio, random_state=self.random_state
        )
        masked = [mask_template(t) for t in texts]
        groups = near.fit(masked, order=order)
        self.labels_ = np.full(len(texts), -1, dtype=np.int64)
        self.campaigns_: list[Campaign] = []
        for g, rep in enumerate(groups.representatives_.tolist()):
            members = np.flatnonzero(groups.labels_ == g)
            if len(members) < self.min_size or len(_WORD.findall(masked[rep])) < self.min_words:
                continue
            if not (self._bursty(members, timestamps) or _own_channel(members, channels, self)):
                continue
            number = len(self.campaigns_)
            self.labels_[members] = number
            campaign = Campaign(f"c{number + 1}", len(members), rep, tuple(members.tolist()))
            self.campaigns_.append(campaign)
        return self

    def _bursty(self, members: np.ndarray, timestamps: Sequence[float | None] | None) -> bool:
        if timestamps is None:
            return False
        times = np.sort([t for i in members if (t := timestamps[int(i)]) is not None])
        if len(times) < self.min_size:
            return False
        window = self.burst_hours * 3600.0
        spans = times[self.min_size - 1 :] - times[: len(times) - self.min_size + 1]
        return bool((spans <= window).any())


def _own_channel(
    members: np.ndarray, channels: Sequence[str | None] | None, step: TemplateCampaignDetector
) -> bool:
    """Whether ``channel_share`` of the members came through a channel of their own."""
    if channels is None:
        return False
    counts = Counter(channels[int(i)] for i in members)
    channel, count = max(counts.items(), key=lambda kv: (kv[1], str(kv[0])))
    if channel is None or count < step.channel_share * len(members):
        return False
    return sum(c == channel for c in channels) < 0.5 * len(channels)


class NoCampaignDetector(TemplateCampaignDetector):
    """Finds no campaigns (a no-op step)."""

    def __init__(self) -> None:
        super().__init__()

    def fit(self, texts: Sequence[str], **_: object) -> NoCampaignDetector:
        self.labels_ = np.full(len(texts), -1, dtype=np.int64)
        self.campaigns_ = []
        return self
