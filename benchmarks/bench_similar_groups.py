"""Time of the "similar positions" lookup on a generated consultation (SQLite, temporary file).

Generated data: N proposals with random 384-dimension vectors in groups of 4. Prints one table
row per size: seconds of the first lookup (reads every vector) and of the next ones (the group
vectors are kept in memory until a group, a membership or a vector changes).

    PYTHONPATH=src python benchmarks/bench_similar_groups.py [N ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from talqy.intake.tables import proposals
from talqy.review.permissions import Actor, Role
from talqy.review.similar_groups import similar_groups
from talqy.review.tables import group_members, groups
from talqy.storage.clock import now
from talqy.storage.consultations import create_consultation
from talqy.storage.database import open_database
from talqy.systematization.run_queries import store_vectors

DIM = 384


def build(path: Path, size: int) -> tuple[object, Actor, int]:
    db = open_database(f"sqlite:///{path}")
    consultation = create_consultation(db, slug="bench", title="Bench")
    rng = np.random.default_rng(0)
    stamp = now()
    with db.engine.begin() as conn:
        conn.execute(insert(proposals), [
            {"id": i + 1, "consultation_id": consultation.id, "channel": "web",
             "dedup_key": f"d{i}", "text_original": f"ұсыныс {i}", "text_display": f"ұсыныс {i}",
             "receipt_code": f"C{i:011d}", "created_at": stamp}
            for i in range(size)
        ])  # fmt: skip
        conn.execute(insert(groups), [
            {"id": g + 1, "consultation_id": consultation.id, "key": f"g{g}",
             "representative_id": g * 4 + 1, "state": "new", "version": 1, "origin": "machine",
             "created_at": stamp}
            for g in range(size // 4)
        ])  # fmt: skip
        conn.execute(insert(group_members), [
            {"proposal_id": i + 1, "group_id": i // 4 + 1, "origin": "machine"}
            for i in range(size // 4 * 4)
        ])  # fmt: skip
    ids = list(range(1, size + 1))
    store_vectors(db, ids, rng.normal(size=(size, DIM)).astype(np.float32), "bench")
    actor = Actor(user_id=1, username="admin", role=Role.ADMIN, consultation_id=consultation.id)
    return db, actor, 1


def main(sizes: list[int]) -> None:
    print("| proposals | groups | first lookup, s | next lookups, s (generated data, SQLite) |")
    print("|---:|---:|---:|---:|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            db, actor, group = build(Path(folder) / "bench.db", size)
            start = time.perf_counter()
            similar_groups(db, actor=actor, group_id=group)
            first = time.perf_counter() - start
            start = time.perf_counter()
            for other in range(2, 5):  # other group pages: the group vectors are kept
                similar_groups(db, actor=actor, group_id=other)
            seconds = (time.perf_counter() - start) / 3
            print(f"| {size} | {size // 4} | {first:.3f} | {seconds:.3f} |")
            db.engine.dispose()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2_000, 20_000])
