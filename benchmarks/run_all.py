"""Run every benchmark script in this folder and print its table (``make bench``)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# BERTopic side by side on the same 20,000 proposals and vectors as the theme target; the
# web load on SQLite and PostgreSQL in its short form (4 s per offered rate).
ARGS = {"bench_bertopic": ["--full"], "bench_web_load": ["--quick"]}


def main() -> int:
    scripts = sorted(p for p in HERE.glob("bench_*.py"))
    print("| benchmark | status | seconds |\n|---|---|---|")
    rows = []
    for script in scripts:
        start = time.perf_counter()
        command = [sys.executable, str(script), *ARGS.get(script.stem, [])]
        done = subprocess.run(command, check=False)
        rows.append(
            (
                script.stem,
                "ok" if done.returncode == 0 else f"exit {done.returncode}",
                time.perf_counter() - start,
            )
        )
    print("\n| benchmark | status | seconds |\n|---|---|---|")
    for name, status, seconds in rows:
        print(f"| {name} | {status} | {seconds:.1f} |")
    return 0 if all(status == "ok" for _, status, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
