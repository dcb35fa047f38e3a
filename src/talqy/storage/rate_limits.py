"""Rate limits shared by every server process: windowed counters kept in the database.

A limit allows ``per_window`` hits per bucket (a client address, or ``*`` for everyone) in any
window of ``window_s`` seconds, estimated the usual sliding-window way: the hits of the current
fixed window plus the previous window's hits weighted by how much of it still overlaps. One hit
is one statement in its own short transaction (an upsert returning the new count together with
the previous window's, read by a subquery); old windows are deleted now and then.
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Integer, String, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from talqy.storage.database import Database
from talqy.storage.tables import metadata

rate_limit_hits = Table(
    "rate_limit_hits",
    metadata,
    Column("bucket", String(80), primary_key=True),
    Column("window", Integer, primary_key=True, autoincrement=False),
    Column("hits", Integer, nullable=False),
)
PRUNE_EVERY = 200


@dataclass
class WindowLimit:
    """At most ``per_window`` hits per bucket in any ``window_s`` seconds, in all processes."""

    name: str
    per_window: int
    window_s: int = 60
    clock: Callable[[], float] = time.time
    _calls: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    def hit(self, db: Database, bucket: str) -> bool:
        """Count one hit for ``bucket``; False when it goes over the limit (it still counts)."""
        moment = self.clock()
        window, elapsed = divmod(moment, self.window_s)
        key = f"{self.name}:{bucket}"[:80]
        with db.engine.connect() as conn:
            row = conn.execute(_hit_statement(db, key, int(window))).one()
            conn.commit()
            if next(self._calls) % PRUNE_EVERY == 0:
                conn.execute(delete(rate_limit_hits).where(rate_limit_hits.c.window < window - 1))
                conn.commit()
        current, previous = int(row[0]), int(row[1] or 0)
        overlap = 1.0 - elapsed / self.window_s
        return current + previous * overlap <= self.per_window

    def release(self, db: Database, bucket: str) -> None:
        """Give back one hit of the current window (an attempt that turned out legitimate)."""
        key = f"{self.name}:{bucket}"[:80]
        window = int(self.clock() // self.window_s)
        with db.engine.begin() as conn:
            conn.execute(
                update(rate_limit_hits)
                .where(
                    rate_limit_hits.c.bucket == key,
                    rate_limit_hits.c.window == window,
                    rate_limit_hits.c.hits > 0,
                )
                .values(hits=rate_limit_hits.c.hits - 1)
            )


def _hit_statement(db: Database, key: str, window: int) -> Any:
    """One statement: add the hit and return the window's count and the previous window's."""
    earlier = rate_limit_hits.alias("earlier")
    previous = (
        select(earlier.c.hits)
        .where(earlier.c.bucket == key, earlier.c.window == window - 1)
        .scalar_subquery()
    )
    stmt = _insert(db)(rate_limit_hits).values(bucket=key, window=window, hits=1)
    return stmt.on_conflict_do_update(
        index_elements=[rate_limit_hits.c.bucket, rate_limit_hits.c.window],
        set_={"hits": rate_limit_hits.c.hits + 1},
    ).returning(rate_limit_hits.c.hits, previous)


def _insert(db: Database) -> Any:
    return (postgresql if db.dialect == "postgresql" else sqlite).insert
