"""The phases of a consultation and the dates that separate them.

``published`` (announced, not yet open) → ``open`` (proposals accepted) → ``closed`` (no more
proposals; the working group reviews) → ``decisions`` (answers being published) → ``report``.
A date left empty means that phase has not been scheduled: a consultation without ``opens_at``
is open from its creation, one without ``closes_at`` stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from itertools import pairwise

from talqy.errors import InvalidInput

KAZAKHSTAN = timezone(timedelta(hours=5))


class Phase(StrEnum):
    PUBLISHED = "published"
    OPEN = "open"
    CLOSED = "closed"
    DECISIONS = "decisions"
    REPORT = "report"


PHASE_LABELS = {
    Phase.PUBLISHED: "Published, not yet open",
    Phase.OPEN: "Open for proposals",
    Phase.CLOSED: "Closed for proposals",
    Phase.DECISIONS: "Decisions being published",
    Phase.REPORT: "Report published",
}
DATE_FIELDS = ("opens_at", "closes_at", "decisions_at", "report_at")
DATE_LABELS = {
    "opens_at": "Opens for proposals",
    "closes_at": "Closes for proposals",
    "decisions_at": "Decisions from",
    "report_at": "Report from",
}


@dataclass(frozen=True)
class Schedule:
    """When each phase begins (UTC); ``None``: not scheduled."""

    opens_at: datetime | None = None
    closes_at: datetime | None = None
    decisions_at: datetime | None = None
    report_at: datetime | None = None

    def phase(self, moment: datetime) -> Phase:
        """The phase at ``moment``."""
        if self.opens_at is not None and moment < self.opens_at:
            return Phase.PUBLISHED
        if self.closes_at is None or moment < self.closes_at:
            return Phase.OPEN
        if self.decisions_at is None or moment < self.decisions_at:
            return Phase.CLOSED
        if self.report_at is None or moment < self.report_at:
            return Phase.DECISIONS
        return Phase.REPORT

    def check_order(self) -> None:
        """Each given date after the one before it; otherwise ``InvalidInput`` on the later."""
        given = [(name, getattr(self, name)) for name in DATE_FIELDS]
        present = [(name, value) for name, value in given if value is not None]
        for (before, earlier), (after, later) in pairwise(present):
            if later <= earlier:
                raise InvalidInput(
                    f"{after} ({later:%Y-%m-%d %H:%M} UTC) must come after "
                    f"{before} ({earlier:%Y-%m-%d %H:%M} UTC)",
                    field=after,
                    reason="dates_reversed",
                    earlier=before,
                )

    def check_new(self, moment: datetime) -> None:
        """A new consultation may not close in the past unless its whole period is given.

        ``closes_at`` in the past alone is almost always a typo; with ``opens_at`` in the past
        as well it records a consultation that already ran (its proposals then come by import).
        """
        self.check_order()
        if self.closes_at is not None and self.closes_at <= moment and self.opens_at is None:
            raise InvalidInput(
                f"closes_at ({self.closes_at:%Y-%m-%d %H:%M} UTC) is in the past; give a "
                "future date, or --opens as well to record a consultation that already ran",
                field="closes_at",
                reason="closes_in_past",
            )


def parse_moment(value: str | datetime | None, *, field: str) -> datetime | None:
    """ISO 8601 date or date-time; without a zone it is Kazakhstan time (UTC+5); a date alone
    is the start of that day. Returned in UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = value.strip()
        try:
            if len(text) == 10:
                moment = datetime.combine(date.fromisoformat(text), time(0, 0))
            else:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInput(
                f"cannot read {field} {text[:40]!r}; use ISO 8601, e.g. 2026-03-01 or "
                "2026-03-01T18:00+05:00",
                field=field,
                reason="bad_moment",
                value=text[:40],
            ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KAZAKHSTAN)
    return moment.astimezone(UTC)
