"""Windowed rate-limit counters in the database, shared by processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import func, select

from talqy.storage.database import Database, open_database
from talqy.storage.rate_limits import PRUNE_EVERY, WindowLimit, rate_limit_hits


class Clock:
    def __init__(self, moment: float) -> None:
        self.moment = moment

    def __call__(self) -> float:
        return self.moment


def test_limit_per_bucket_and_sliding_window(db: Database) -> None:
    clock = Clock(6_000_000.0)
    limit = WindowLimit("t", per_window=3, clock=clock)
    assert [limit.hit(db, "a") for _ in range(4)] == [True, True, True, False]
    assert limit.hit(db, "b")
    clock.moment += 60  # next window: the previous one still weighs fully at its start
    assert not limit.hit(db, "a")
    clock.moment += 50  # 50 s into it: 4 * (10/60) + 2 hits stays under 3
    assert limit.hit(db, "a")
    clock.moment += 130  # two windows later: a clean slate
    assert [limit.hit(db, "a") for _ in range(3)] == [True, True, True]


def test_release_gives_a_hit_back(db: Database) -> None:
    limit = WindowLimit("r", per_window=2, clock=Clock(6_000_030.0))
    assert limit.hit(db, "x") and limit.hit(db, "x")
    limit.release(db, "x")
    assert limit.hit(db, "x") and not limit.hit(db, "x")


def test_old_windows_are_pruned(db: Database) -> None:
    clock = Clock(6_000_000.0)
    limit = WindowLimit("p", per_window=10**6, clock=clock)
    for index in range(PRUNE_EVERY + 1):
        clock.moment += 60
        limit.hit(db, f"b{index % 3}")
    with db.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(rate_limit_hits)).scalar_one()
    assert rows < PRUNE_EVERY


def _hammer(url: str, hits: int) -> int:
    db = open_database(url, migrate=False)
    try:
        limit = WindowLimit("shared", per_window=25, clock=lambda: 6_000_010.0)
        return sum(limit.hit(db, "one-client") for _ in range(hits))
    finally:
        db.engine.dispose()


def test_processes_share_one_budget(database_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=3, mp_context=context) as pool:
        allowed = list(pool.map(_hammer, [database_url] * 3, [20] * 3))
    assert sum(allowed) == 25  # 60 hits from three processes, 25 allowed in all
