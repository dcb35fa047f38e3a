"""Demo data for sessions: a science foresight programme.

``build_foresight_demo`` generates a programme at the scale of the real one (70 regional and
sectoral sessions, 220 prospective tasks, 65 assignments on a four-level priority scale,
funding by year summing to 214 bn tenge) and imports it through the ordinary CSV importers.
Seeded and idempotent: a second run adds nothing. Commission sessions of a consultation are
built by :mod:`talqy.demo.commission`.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from talqy.demo.bank import read_data
from talqy.sessions.exports import SESSION_COLUMNS, TASK_COLUMNS
from talqy.sessions.foresight import create_programme, report_progress
from talqy.sessions.foresight_queries import list_assignments
from talqy.sessions.imports import FUNDING_COLUMN, import_foresight, import_sessions
from talqy.sessions.rollups import foresight_rollup
from talqy.sessions.spreadsheets import write_sheet
from talqy.sessions.vocabulary import REGIONS, SECTORS
from talqy.storage.database import Database

PROGRAMME = "foresight-2024"
PROGRAMME_TITLES = {
    "title_kk": "Ғылыми-технологиялық форсайт 2024",
    "title_ru": "Научно-технологический форсайт 2024",
    "title_en": "Science and technology foresight 2024",
}
TOTAL_FUNDING = 214_000_000_000  # tenge
TODAY = date(2025, 11, 1)
N_TASKS, N_ASSIGNMENTS = 220, 65


@cache
def _vocabulary() -> dict[str, Any]:
    """``topics`` (by sector: kk, ru, en titles) and ``organisations`` (``foresight.toml``)."""
    return read_data("foresight.toml")


def trilingual(kk: str, ru: str, en: str, prefix: str = "title") -> dict[str, str]:
    return {f"{prefix}_kk": kk, f"{prefix}_ru": ru, f"{prefix}_en": en}


def foresight_session_rows(seed: int = 0) -> list[dict[str, object]]:
    """70 sessions: two rounds in each of the 20 regions, three rounds per each of 10 sectors."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for round_no, month in ((1, 3), (2, 9)):
        for code, (kk, ru, en) in ((c, n) for c, n in REGIONS.items() if c != "national"):
            held = date(2024, month, 1) + timedelta(days=rng.randrange(60))
            rows.append(
                session_row(
                    f"fr-{code}-{round_no}",
                    "foresight_regional",
                    held,
                    trilingual(
                        f"Өңірлік форсайт-сессия: {kk} ({round_no}-кезең)",
                        f"Региональная форсайт-сессия: {ru} ({round_no}-й этап)",
                        f"Regional foresight session: {en} (round {round_no})",
                    ),
                    region=code,
                    sector="",
                )
            )
    for round_no in (1, 2, 3):
        for code, (kk, ru, en) in SECTORS.items():
            held = date(2024, 2 + 3 * round_no, 1) + timedelta(days=rng.randrange(45))
            rows.append(
                session_row(
                    f"fs-{code}-{round_no}",
                    "foresight_sectoral",
                    held,
                    trilingual(
                        f"Салалық форсайт-сессия: {kk} ({round_no}-кезең)",
                        f"Отраслевая форсайт-сессия: {ru} ({round_no}-й этап)",
                        f"Sectoral foresight session: {en} (round {round_no})",
                    ),
                    region="",
                    sector=code,
                )
            )
    return rows


def session_row(key: str, kind: str, held: date, titles: dict[str, str], **more: str) -> dict:
    return {
        "record": "session",
        "external_id": key,
        "kind": kind,
        "date": held.isoformat(),
        "start_time": "10:00",
        **titles,
        "online": "yes",
        "broadcast_url": f"https://video.example.kz/foresight/{key}",
        **more,
    }


def foresight_task_rows(seed: int = 0) -> list[dict[str, object]]:
    """220 tasks, each from one or two sessions, and 65 assignments promoted from them."""
    rng = random.Random(seed + 1)
    sessions = foresight_session_rows(seed)
    tasks: list[dict[str, object]] = []
    for number in range(1, N_TASKS + 1):
        origin = sessions[(number * 3) % len(sessions)]
        sector = str(origin["sector"]) or rng.choice(sorted(SECTORS))
        region = str(origin["region"]) or "national"
        topic = rng.choice(_vocabulary()["topics"][sector])
        place = REGIONS[region]
        linked = [str(origin["external_id"])]
        if rng.random() < 0.3:
            linked.append(str(rng.choice(sessions)["external_id"]))
        tasks.append(
            {
                "record": "task",
                "external_id": f"T-{number:03d}",
                "priority": rng.choices((1, 2, 3, 4), weights=(12, 30, 38, 20))[0],
                "sector": sector,
                "region": region,
                **trilingual(*(f"{t} — {p}" for t, p in zip(topic, place, strict=True))),
                **trilingual(
                    f"{origin['title_kk']} қорытындысы бойынша анықталған міндет.",
                    f"Задача выявлена по итогам: {origin['title_ru']}.",
                    f"Task identified at: {origin['title_en']}.",
                    prefix="description",
                ),
                "sessions": ";".join(dict.fromkeys(linked)),
            }
        )
    chosen = sorted(tasks, key=lambda t: int(str(t["priority"])) + 1.5 * rng.random())[
        :N_ASSIGNMENTS
    ]
    return tasks + _assignment_rows(rng, sorted(chosen, key=lambda t: str(t["external_id"])))


def _assignment_rows(rng: random.Random, chosen: list[dict[str, object]]) -> list[dict]:
    periods = [(rng.choice((2023, 2024, 2024, 2025, 2026)), rng.choice((2, 3))) for _ in chosen]
    cells = [
        (i, y) for i, (start, length) in enumerate(periods) for y in range(start, start + length)
    ]
    weights = [
        rng.uniform(0.5, 1.5) * (1.6 if chosen[i]["priority"] == 1 else 1.0) for i, _ in cells
    ]
    millions = _allocate(TOTAL_FUNDING // 1_000_000, weights)
    organisations = _vocabulary()["organisations"]
    rows: list[dict] = []
    for i, task in enumerate(chosen):
        start, length = periods[i]
        starts, ends = date(start, 1, 15), date(start + length - 1, 12, 20)
        status = "planned" if starts > TODAY else "completed" if ends < TODAY else "active"
        status = "suspended" if status == "active" and rng.random() < 0.06 else status
        done = {"planned": 0, "completed": 100}.get(status, rng.randrange(15, 90))
        funding = {
            f"funding_{y}": millions[k] * 1_000_000 for k, (j, y) in enumerate(cells) if j == i
        }
        rows.append(
            {
                "record": "assignment",
                "external_id": f"A-{i + 1:03d}",
                "task": task["external_id"],
                "organisation": organisations[i % len(organisations)],
                "funding_programme": f"БНҚ-{start}",
                "start": starts.isoformat(),
                "end": ends.isoformat(),
                "status": status,
                "progress": done if done else "",
                "progress_on": min(TODAY, ends).isoformat() if done else "",
                **funding,
            }
        )
    return rows


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Whole shares of ``total`` proportional to ``weights`` that sum to ``total`` exactly."""
    raw = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda k: raw[k] - shares[k], reverse=True)
    for k in order[: total - sum(shares)]:
        shares[k] += 1
    return shares


def build_foresight_demo(db: Database, *, seed: int = 0) -> dict[str, Any]:
    """Create (or complete) the demo foresight programme; returns its roll-up summary."""
    tasks = foresight_task_rows(seed)
    years = sorted({k for row in tasks for k in row if FUNDING_COLUMN.match(k)})
    create_programme(db, key=PROGRAMME, titles=PROGRAMME_TITLES)
    with tempfile.TemporaryDirectory(prefix="talqy-foresight-") as folder:
        sessions_file, tasks_file = Path(folder) / "sessions.csv", Path(folder) / "tasks.csv"
        write_sheet(sessions_file, SESSION_COLUMNS, foresight_session_rows(seed))
        write_sheet(tasks_file, TASK_COLUMNS + years, tasks)
        import_sessions(db, path=sessions_file, programme=PROGRAMME)
        report = import_foresight(db, path=tasks_file, programme=PROGRAMME)
    if report.created:
        _earlier_reports(db)
    return foresight_rollup(db, programme=PROGRAMME)


def _earlier_reports(db: Database) -> None:
    for item in list_assignments(db):
        if item.progress_percent and item.starts_on < TODAY:
            halfway = item.starts_on + (min(TODAY, item.ends_on) - item.starts_on) / 2
            report_progress(
                db,
                assignment_id=item.id,
                reported_on=halfway,
                percent=item.progress_percent // 2,
                note="",
            )
