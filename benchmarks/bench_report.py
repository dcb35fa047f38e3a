"""Report building and rendering on 100,000 proposals: prints a Markdown table.

Seeds a temporary SQLite database with Core inserts in batches: the constitution in two
versions (``kk-1995-2022.md`` then ``kk-2026.md``), N proposals, a finished run with analyses
and themes, review groups with members, and decisions (about half published). Then times
``build_report`` and every renderer (wall and CPU seconds, one run each).

Run: ``.venv/bin/python benchmarks/bench_report.py [--proposals 100000]``
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from talqy.documents.parser import parse_document
from talqy.intake.tables import proposals
from talqy.reports import build_report, run_results
from talqy.reports import queries as q
from talqy.reports.csv_tables import render_csv, render_json
from talqy.reports.html import render_html
from talqy.reports.opendata import render_open_data
from talqy.reports.pdf import render_pdf
from talqy.review.tables import decisions, group_members, groups
from talqy.storage.database import Database, open_database
from talqy.storage.tables import articles, consultations, documents
from talqy.systematization.tables import analyses, runs, themes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "constitution"
T0 = datetime(2026, 2, 1, tzinfo=UTC)
BATCH = 5_000
CHANNELS = ("web", "e-otinish", "egov", "paper", "telegram")
REGIONS = ("Алматы", "Астана", "Шымкент", "Қарағанды", "Ақтөбе", None)
KINDS = ("accepted", "partially_accepted", "rejected", "out_of_scope", "already_covered")
THEMES = 40


def _store_drafts(conn: Any, cid: int) -> list[str]:
    numbers: list[str] = []
    for version, name in (("1995", "kk-1995-2022.md"), ("2026", "kk-2026.md")):
        document = parse_document(DATA / name, language="kk")
        doc = conn.execute(
            insert(documents).values(
                consultation_id=cid,
                version=version,
                language="kk",
                source_name=name,
                created_at=T0 + timedelta(days=int(version == "2026")),
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(articles),
            [
                dict(
                    document_id=doc,
                    position=i,
                    number=a.number,
                    section=a.section,
                    title=a.title,
                    text=a.text,
                    original=a.original,
                    points=[],
                    notes=[],
                    article_key=a.number,
                )
                for i, a in enumerate(document.articles)
            ],
        )
        numbers = [a.number for a in document.articles]
    return numbers


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def seed(db: Database, n: int, rng: random.Random) -> None:
    with db.engine.begin() as conn:
        cid = conn.execute(
            insert(consultations).values(slug="bench", title="Бенчмарк", created_at=T0)
        ).inserted_primary_key[0]
        numbers = _store_drafts(conn, cid)
        run = conn.execute(
            insert(runs).values(
                consultation_id=cid,
                params={},
                embedder="hashing",
                model_version="bench",
                seed=1,
                status="finished",
                proposals=n,
                created_at=T0,
                finished_at=T0,
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(themes),
            [
                dict(
                    run_id=run,
                    key=f"t{k}",
                    size=n // THEMES,
                    label_kk=f"Тақырып {k}",
                    label_ru=f"Тема {k}",
                    label_en=f"Theme {k}",
                    keywords=["a", "b"],
                )
                for k in range(THEMES)
            ],
        )
    group_of = [min(i // 3, n // 3 - 1) if i % 10 < 7 else -1 for i in range(n)]
    n_groups = max(group_of) + 1
    article_of_group = [rng.choice(numbers) for _ in range(n_groups)]
    rows = []
    for i in range(n):
        rows.append(
            dict(
                consultation_id=cid,
                channel=rng.choice(CHANNELS),
                dedup_key=f"k{i}",
                text_original=f"Ұсыныс {i}: бапты өзгерту керек. Иван Иванов +77011234567",
                text_display=f"Ұсыныс {i}: бапты өзгерту керек. [name] [phone]",
                article_number=rng.choice(numbers),
                region=rng.choice(REGIONS),
                submitted_at=T0 + timedelta(minutes=i // 2),
                language=rng.choice(("kk", "ru", None)),
                receipt_code=f"R{i:08d}",
                created_at=T0 + timedelta(minutes=i // 2),
            )
        )
    with db.engine.begin() as conn:
        for batch in _batches(rows):
            conn.execute(insert(proposals), batch)
    first_id = 1
    with db.engine.begin() as conn:
        group_rows = [
            dict(
                consultation_id=cid,
                key=f"G{g}",
                run_id=run,
                representative_id=first_id + 3 * g,
                article_number=article_of_group[g],
                theme_key=f"t{g % THEMES}",
                state="new",
                created_at=T0,
            )
            for g in range(n_groups)
        ]
        for batch in _batches(group_rows):
            conn.execute(insert(groups), batch)
        conn.execute(
            insert(group_members),
            [
                dict(proposal_id=first_id + i, group_id=g + 1, run_id=run)
                for i, g in enumerate(group_of)
                if g >= 0
            ],
        )
        conn.execute(
            insert(analyses),
            [
                dict(
                    run_id=run,
                    proposal_id=first_id + i,
                    language="kk",
                    script="Cyrl",
                    duplicate_group=f"g{i // 4}",
                    duplicate_of=None if i % 4 == 0 else first_id + i - i % 4,
                    campaign_key=f"c{i % 50}" if i % 9 == 0 else None,
                    theme_key=f"t{i % THEMES}",
                    stance="amend",
                    articles=[],
                )
                for i in range(n)
            ],
        )
        conn.execute(
            insert(decisions),
            [
                dict(
                    group_id=g + 1,
                    kind=KINDS[g % len(KINDS)],
                    articles=[article_of_group[g]],
                    reasoning_kk="Негіздеме",
                    reasoning_ru="Обоснование",
                    current=True,
                    decided_at=T0,
                    published_at=T0 + timedelta(days=3) if g % 2 == 0 else None,
                )
                for g in range(0, n_groups, 3)
            ],
        )


def timed(
    label: str, function: Callable[[], Any], table: list[tuple[str, float, float, str]]
) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    size = f"{len(result):,}" if isinstance(result, str | bytes) else ""
    table.append((label, time.perf_counter() - wall, time.process_time() - cpu, size))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=100_000)
    n = parser.parse_args().proposals
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{folder}/bench.db")
        try:
            table: list[tuple[str, float, float, str]] = []
            timed("seed (Core inserts)", lambda: seed(db, n, random.Random(1)), table)
            report = timed("build_report", lambda: build_report(db, consultation="bench"), table)
            timed("render_json", lambda: render_json(report), table)
            timed("render_csv", lambda: render_csv(report), table)
            timed("render_html (standalone)", lambda: render_html(report), table)
            timed("render_pdf", lambda: render_pdf(report), table)
            timed(
                "render_open_data (zip)",
                lambda: render_open_data(
                    report,
                    proposals=q.iter_public_proposals(db, consultation_id=1, run_id=report.run.id),
                    themes=run_results.run_themes(db, run_id=report.run.id),
                ),
                table,
            )
        finally:
            db.engine.dispose()
    print(f"\n{n:,} proposals, {len(report.systematization):,} groups, SQLite\n")
    print("| step | wall s | CPU s | output bytes |\n|---|---:|---:|---:|")
    for label, wall, cpu, size in table:
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {size} |")


if __name__ == "__main__":
    main()
