"""How long one placement on arrival takes, with a warm model, after a stored run.

    .venv/bin/python benchmarks/bench_placement.py [--embedders static e5] [--sent 30]

(``e5`` embeds the draft and 200 texts for the full run first: about 5 minutes on two cores.)

A consultation with the Constitution draft (kk) and the 200 KazSim dev source sentences
(``../shared/data/dev/kazsim``) is systematized once per embedder; then the first ``--sent``
rewordings are placed one at a time, each as its own call, the way a web submission is. The
first call (model, run index and draft vectors loaded) is reported apart; the others give the
warm figures. Also prints how many rewordings joined their source's group (dev data: the
figures are in-sample, not held-out).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def pairs() -> list[tuple[str, str]]:
    with open(SHARED / "dev" / "kazsim" / "pairs-dev-200.csv", encoding="utf-8") as f:
        return [(r[0].strip(), r[1].strip()) for r in list(csv.reader(f))[1:]]


def one(embedder: str, sent: int) -> dict[str, object]:
    from talqy.intake import submit_proposal
    from talqy.intake.drafts import import_draft
    from talqy.review.tables import group_members
    from talqy.settings import Settings
    from talqy.storage.consultations import create_consultation
    from talqy.storage.database import open_database
    from talqy.systematization.placement import Placer
    from talqy.systematization.runner import systematize_consultation

    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.db'}"
    settings = Settings(database_url=url, environment="test", cache_dir=str(folder))
    db = open_database(url)
    create_consultation(db, slug="b", title="B")
    import_draft(db, consultation="b", path=SHARED / "constitution" / "kk-2026.md", version="1")
    data = pairs()
    sources = [submit_proposal(db, settings=settings, consultation="b", text=a).id for a, _ in data]
    started = time.perf_counter()
    systematize_consultation(db, settings=settings, consultation="b", embedder=embedder)
    run_seconds = time.perf_counter() - started
    placer = Placer(settings)
    times, joined = [], 0
    for k, (_, reworded) in enumerate(data[:sent]):
        pid = submit_proposal(db, settings=settings, consultation="b", text=reworded).id
        started = time.perf_counter()
        placer.place(db, "b", [pid])
        times.append(time.perf_counter() - started)
        with db.engine.connect() as conn:
            found = dict(
                conn.execute(
                    select(group_members.c.proposal_id, group_members.c.group_id).where(
                        group_members.c.proposal_id.in_([pid, sources[k]])
                    )
                ).all()
            )
        joined += found.get(pid) == found.get(sources[k])
    warm = times[1:]
    return {
        "embedder": embedder,
        "stored": len(sources),
        "run_s": round(run_seconds, 1),
        "first_s": round(times[0], 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "warm_max_s": round(max(warm), 3),
        "joined": f"{joined}/{sent}",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedders", nargs="+", default=["static"])
    parser.add_argument("--sent", type=int, default=30)
    args = parser.parse_args()
    print(
        "| embedder | stored | full run s | first placement s | warm median s | warm max s "
        "| rewordings joined (in-sample) |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in args.embedders:
        r = one(name, args.sent)
        print(
            f"| {r['embedder']} | {r['stored']} | {r['run_s']} | {r['first_s']} | "
            f"{r['warm_median_s']} | {r['warm_max_s']} | {r['joined']} |"
        )


if __name__ == "__main__":
    main()
