"""The foresight dashboard as plain data: roll-ups, filter choices and inline SVG charts."""

from __future__ import annotations

from typing import Any

from talqy.i18n import gettext
from talqy.sessions.charts import bar_chart
from talqy.sessions.foresight_lists import foresight_lists
from talqy.sessions.foresight_queries import list_assignments, list_priority_levels, list_programmes
from talqy.sessions.rollups import Filters, foresight_rollup
from talqy.sessions.vocabulary import ASSIGNMENT_STATUS_NAMES, REGIONS, SECTORS, name_of
from talqy.storage.database import Database

BILLION = 1_000_000_000


def dashboard_view(
    db: Database,
    *,
    programme: str | None,
    filters: Filters,
    language: str,
    status: str | None = None,
) -> dict[str, Any]:
    """Everything the ``/foresight`` page shows, for one programme (the first by default)."""
    programmes = list_programmes(db)
    chosen = next((p for p in programmes if p.key == programme), None)
    if chosen is None and programmes and programme is None:
        chosen = programmes[0]
    if chosen is None:
        return {"programme": None, "programmes": programmes, "data": None, "charts": []}
    data = foresight_rollup(db, programme=chosen.key, filters=filters)
    levels = list_priority_levels(db, chosen.id)
    years = sorted({y for a in list_assignments(db, chosen.id) for y in a.funding})
    return {
        "programme": chosen.key,
        "programme_title": chosen.title(language),
        "programmes": programmes,
        "data": data,
        "filters": filters,
        "choices": {
            "region": [(code, name_of(REGIONS, code, language)) for code in REGIONS],
            "sector": [(code, name_of(SECTORS, code, language)) for code in SECTORS],
            "priority": [(str(level.level), level.name(language)) for level in levels],
            "year": [(str(year), str(year)) for year in years],
            "status": [
                (code, name_of(ASSIGNMENT_STATUS_NAMES, code, language))
                for code in ASSIGNMENT_STATUS_NAMES
            ],
        },
        "charts": _charts(data, language),
        "lists": foresight_lists(
            db, programme_id=chosen.id, filters=filters, language=language, status=status
        ),
        "status": status,
        "region_name": lambda code: name_of(REGIONS, code, language),
        "sector_name": lambda code: name_of(SECTORS, code, language),
    }


def _charts(data: dict[str, Any], language: str) -> list[dict[str, str]]:
    def t(message: str) -> str:
        return gettext(language, message)

    def bn(value: float) -> str:
        return f"{value:,.1f} " + t("bn KZT")

    def name(row: dict[str, Any]) -> str:
        return str(row.get(f"name_{language}") or row["level"])

    priority = [(f"{row['level']}. {name(row)}", row["tasks"]) for row in data["by_priority"]]
    sector = [
        (name_of(SECTORS, row["sector"], language), row["tasks"]) for row in data["by_sector"]
    ]
    regions = [
        (name_of(REGIONS, row["region"], language), row["funding"] / BILLION)
        for row in data["by_region"]
        if row["funding"]
    ]
    years = [(year, amount / BILLION) for year, amount in data["funding"]["by_year"].items()]
    progress = [
        (name_of(SECTORS, row["sector"], language), row["progress_percent"])
        for row in data["by_sector"]
        if row["assignments"]
    ]
    specs = [
        (t("Tasks by priority level"), priority, None, None),
        (t("Tasks by sector"), sector, None, None),
        (t("Funding by region"), regions, bn, None),
        (t("Funding by year"), years, bn, None),
        (t("Average progress of assignments by sector"), progress, percent, 100.0),
    ]
    return [
        {"title": title, "svg": bar_chart(title, bars, show=show or plain, maximum=top)}
        for title, bars, show, top in specs
    ]


def plain(value: float) -> str:
    return f"{value:g}"


def percent(value: float) -> str:
    return f"{value:.0f}%"
