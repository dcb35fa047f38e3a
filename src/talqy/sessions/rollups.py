"""Roll-ups of a foresight programme as plain data (dashboard, JSON API, ``foresight summary``).

Definitions (also in docs/sessions.md):

* filters ``region``, ``sector`` and ``priority`` select tasks; an assignment counts when its
  task is selected; a task without a region counts as ``national``;
* ``year`` keeps the assignments whose period covers that year, the funding of that year only,
  and the sessions held that year; task counts ignore it;
* funding totals are sums of whole tenge over ``assignment_funding`` rows of the counted
  assignments; progress is the mean of their latest progress percentages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from talqy.sessions.foresight_queries import (
    Assignment,
    Task,
    get_programme,
    list_assignments,
    list_priority_levels,
    list_programmes,
    list_tasks,
)
from talqy.sessions.session_queries import SessionRecord, list_sessions
from talqy.sessions.vocabulary import ASSIGNMENT_STATUSES
from talqy.storage.database import Database

NATIONAL = "national"


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    sector: str | None = None
    priority: int | None = None
    year: int | None = None

    def keeps_task(self, task: Task) -> bool:
        return (
            (self.region is None or (task.region or NATIONAL) == self.region)
            and (self.sector is None or task.sector == self.sector)
            and (self.priority is None or task.priority_level == self.priority)
        )

    def keeps_assignment(self, item: Assignment) -> bool:
        return self.year is None or item.starts_on.year <= self.year <= item.ends_on.year

    def keeps_session(self, session: SessionRecord) -> bool:
        return (
            (self.year is None or session.held_on.year == self.year)
            and (self.region is None or session.region == self.region)
            and (self.sector is None or session.sector == self.sector)
        )

    def funding_of(self, item: Assignment) -> dict[int, int]:
        return {y: a for y, a in item.funding.items() if self.year is None or y == self.year}

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if v is not None}


def foresight_rollup(
    db: Database, *, programme: str | None = None, filters: Filters | None = None
) -> dict[str, Any]:
    """Counts, funding totals and progress by priority, sector, region, year and status."""
    chosen = filters or Filters()
    programme_id = get_programme(db, programme).id if programme else None
    tasks = [t for t in list_tasks(db, programme_id) if chosen.keeps_task(t)]
    by_task = {t.id: t for t in tasks}
    items = [
        a
        for a in list_assignments(db, programme_id)
        if a.task_id in by_task and chosen.keeps_assignment(a)
    ]
    scope = {"programme_id": programme_id} if programme_id else {}
    sessions = [s for s in list_sessions(db, **scope) if chosen.keeps_session(s)]
    funding_by_year: Counter[int] = Counter()
    for item in items:
        funding_by_year.update(chosen.funding_of(item))
    return {
        "programme": programme,
        "programmes": 1 if programme else len(list_programmes(db)),
        "filters": chosen.to_dict(),
        "sessions": {"total": len(sessions), "by_kind": dict(Counter(s.kind for s in sessions))},
        "tasks": len(tasks),
        "assignments": len(items),
        "by_priority": _by_priority(db, programme_id, tasks, items, by_task, chosen),
        "by_sector": _grouped(tasks, items, by_task, chosen, lambda t: t.sector, "sector"),
        "by_region": _grouped(
            tasks, items, by_task, chosen, lambda t: t.region or NATIONAL, "region"
        ),
        "by_status": {s: sum(1 for a in items if a.status == s) for s in ASSIGNMENT_STATUSES},
        "funding": {
            "currency": "KZT",
            "total": sum(funding_by_year.values()),
            "by_year": {str(y): funding_by_year[y] for y in sorted(funding_by_year)},
        },
        "progress": {"average_percent": _mean([a.progress_percent for a in items])},
    }


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def _by_priority(
    db: Database,
    programme_id: int | None,
    tasks: list[Task],
    items: list[Assignment],
    by_task: dict[int, Task],
    chosen: Filters,
) -> list[dict[str, Any]]:
    rows = _grouped(tasks, items, by_task, chosen, lambda t: t.priority_level, "level")
    found = {row["level"]: row for row in rows}
    result = []
    for level in list_priority_levels(db, programme_id):
        row = found.pop(level.level, _empty(level.level))
        result.append({**row, **level.names})
    result.extend(row for _level, row in sorted(found.items()))
    return result


def _empty(level: int) -> dict[str, Any]:
    return {"level": level, "tasks": 0, "assignments": 0, "funding": 0, "progress_percent": 0.0}


def _grouped(
    tasks: list[Task],
    items: list[Assignment],
    by_task: dict[int, Task],
    chosen: Filters,
    key_of: Any,
    field: str,
) -> list[dict[str, Any]]:
    """Tasks, assignments, funding and mean progress per key, biggest funding first."""
    task_counts = Counter(key_of(t) for t in tasks)
    members: dict[Any, list[Assignment]] = defaultdict(list)
    for item in items:
        members[key_of(by_task[item.task_id])].append(item)
    rows = []
    for key in task_counts:
        group = members.get(key, [])
        rows.append(
            {
                field: key,
                "tasks": task_counts[key],
                "assignments": len(group),
                "funding": sum(sum(chosen.funding_of(a).values()) for a in group),
                "progress_percent": _mean([a.progress_percent for a in group]),
            }
        )
    return sorted(rows, key=lambda r: (-r["funding"], -r["tasks"], str(r[field])))
