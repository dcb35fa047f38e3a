"""Submission times over a consultation: daily waves, a rush at the start and at the deadline,
quieter weekends, and bursts for campaigns. Times are ISO 8601 in Kazakhstan time (UTC+05:00).
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate

# Relative activity per hour of day: a morning wave and a bigger evening wave.
HOUR_WEIGHTS: tuple[float, ...] = (
    0.2,
    0.1,
    0.05,
    0.05,
    0.05,
    0.1,
    0.3,
    0.6,
    1.0,
    1.4,
    1.6,
    1.5,
    1.2,
    1.2,
    1.3,
    1.3,
    1.2,
    1.1,
    1.2,
    1.5,
    1.8,
    1.6,
    1.0,
    0.5,
)


def _day_weight(index: int, days: int, weekday: int) -> float:
    weight = 1.0
    if index < 3:
        weight += (3 - index) * 0.3  # launch interest
    if index >= days - 3:
        weight += (index - days + 4) * 0.5  # deadline rush
    return weight * (0.6 if weekday >= 5 else 1.0)


class Timeline:
    """Samples ``submitted_at`` strings for a consultation of ``days`` days from ``start``."""

    def __init__(self, start: date, days: int) -> None:
        self.days = days
        dates = [start + timedelta(days=d) for d in range(days)]
        self._day_text = [d.isoformat() + "T" for d in dates]
        day_weights = [_day_weight(i, days, d.weekday()) for i, d in enumerate(dates)]
        self._day_cum = list(accumulate(w / sum(day_weights) for w in day_weights))
        self._hour_cum = list(accumulate(w / sum(HOUR_WEIGHTS) for w in HOUR_WEIGHTS))
        self._hours = [f"{hour:02d}:" for hour in range(24)]
        self._minutes = [f"{s // 60:02d}:{s % 60:02d}+05:00" for s in range(3600)]

    def _format(self, rng: random.Random, day: int) -> str:
        hour = self._hours[min(bisect(self._hour_cum, rng.random()), 23)]
        return self._day_text[day] + hour + self._minutes[int(rng.random() * 3600)]

    def sample(self, rng: random.Random) -> str:
        """A time anywhere in the consultation, following the daily and weekly pattern."""
        return self._format(rng, min(bisect(self._day_cum, rng.random()), self.days - 1))

    def sample_burst(self, rng: random.Random, day: int) -> str:
        """A time in a burst that starts on ``day`` and fades over the following days."""
        offset = int(rng.expovariate(1.5))
        return self._format(rng, min(max(day, 0) + offset, self.days - 1))
