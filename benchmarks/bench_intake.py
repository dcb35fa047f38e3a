"""Bulk import throughput and peak memory on SQLite: prints a Markdown table.

Input: ``--rows`` synthetic proposals (default 100,000) from ``talqy.demo.generator`` written
as CSV and JSON Lines; each import runs in a fresh child process on a fresh SQLite database so
its peak RSS is its own. Reported: wall time and CPU time of the import call (the machine may
be shared, so CPU time is the steadier figure), rows per second by each, peak RSS.
Run: ``.venv/bin/python benchmarks/bench_intake.py [--rows N]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from talqy.settings import Settings


def child(database: Path, source: Path, runs: int) -> None:
    from talqy.intake import import_proposals
    from talqy.storage.consultations import create_consultation
    from talqy.storage.database import open_database

    settings = Settings(database_url=f"sqlite:///{database}", environment="test")
    db = open_database(settings.database_url)
    create_consultation(db, slug="bench", title="Benchmark")
    results = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        summary = import_proposals(db, settings=settings, consultation="bench", path=source)
        results.append(
            {
                "wall": time.perf_counter() - wall,
                "cpu": time.process_time() - cpu,
                **summary.to_dict(),
            }
        )
    db.engine.dispose()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"runs": results, "peak_mib": peak_mib}))


def write_inputs(folder: Path, rows: int) -> dict[str, Path]:
    from talqy.demo.generator import generate_proposals
    from talqy.demo.writer import write_csv, write_jsonl

    paths = {"csv": folder / "proposals.csv", "jsonl": folder / "proposals.jsonl"}
    write_csv(paths["csv"], generate_proposals(rows, seed=7))
    write_jsonl(paths["jsonl"], generate_proposals(rows, seed=7))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--child", nargs=3, metavar=("DB", "SOURCE", "RUNS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        paths = write_inputs(Path(folder), args.rows)
        batch = Settings().import_batch_size
        print(f"{args.rows:,} generated proposals, SQLite, batch size {batch}\n")
        print(
            "| input | MiB | run | imported | already present | rejected | wall s | rows/s (wall) "
            "| CPU s | rows/s (CPU) | peak RSS MiB |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, path in paths.items():
            database = Path(folder) / f"{name}.db"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(database), str(path), "2"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            report = json.loads(done.stdout.strip().splitlines()[-1])
            for label, run in zip(("first", "again"), report["runs"], strict=True):
                rows = run["imported"] + run["already_present"] + run["rejected"]
                print(
                    f"| {name} | {path.stat().st_size / 2**20:.1f} | {label} | {run['imported']:,} "
                    f"| {run['already_present']:,} | {run['rejected']:,} | {run['wall']:.1f} "
                    f"| {rows / run['wall']:,.0f} | {run['cpu']:.1f} | {rows / run['cpu']:,.0f} "
                    f"| {report['peak_mib']:.0f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
