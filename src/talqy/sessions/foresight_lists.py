"""The foresight programme's tasks and assignments as lists, filtered like the dashboard.

Rows are plain dicts ready for a page or the JSON API: names in the reader's language, funding
in tenge, progress in percent. The same :class:`~talqy.sessions.rollups.Filters` that drive the
totals drive the lists, plus an optional assignment status.
"""

from __future__ import annotations

from typing import Any

from talqy.sessions.foresight_queries import list_assignments, list_tasks
from talqy.sessions.rollups import Filters
from talqy.sessions.vocabulary import ASSIGNMENT_STATUS_NAMES, REGIONS, SECTORS, name_of
from talqy.storage.database import Database

NATIONAL = "national"


def foresight_lists(
    db: Database,
    *,
    programme_id: int,
    filters: Filters,
    language: str,
    status: str | None = None,
    limit: int = 200,
) -> dict[str, Any]:
    """``{"tasks": [...], "assignments": [...], "task_count", "assignment_count"}``."""
    tasks = [task for task in list_tasks(db, programme_id) if filters.keeps_task(task)]
    kept = {task.id: task for task in tasks}
    assignments = [
        item
        for item in list_assignments(db, programme_id)
        if item.task_id in kept
        and filters.keeps_assignment(item)
        and (status is None or item.status == status)
    ]
    return {
        "task_count": len(tasks),
        "assignment_count": len(assignments),
        "tasks": [
            {
                "id": task.external_id,
                "title": task.title(language),
                "sector": name_of(SECTORS, task.sector, language),
                "region": name_of(REGIONS, task.region or NATIONAL, language),
                "priority": task.priority_level,
                "sessions": len(task.session_ids),
            }
            for task in tasks[:limit]
        ],
        "assignments": [
            {
                "id": item.external_id,
                "task": kept[item.task_id].external_id,
                "organisation": item.organisation,
                "starts_on": item.starts_on.isoformat(),
                "ends_on": item.ends_on.isoformat(),
                "status": name_of(ASSIGNMENT_STATUS_NAMES, item.status, language),
                "progress_percent": item.progress_percent,
                "funding": sum(item.funding.values()),
            }
            for item in assignments[:limit]
        ],
    }
