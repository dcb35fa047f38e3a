"""Dask cluster on loopback: the same systematization locally and on real scheduler/worker CLIs.

Starts ``dask scheduler`` and two ``dask worker`` processes (``--nthreads 1``) on 127.0.0.1,
then runs ``talqy systematize`` twice on the same ``--texts`` real texts (e5 embedder, article
links against the real 2026 Constitution in kk and ru, seed 0): once with ``TALQY_ENGINE=local``
and once with ``TALQY_ENGINE=dask TALQY_DASK_SCHEDULER=tcp://127.0.0.1:PORT``. The outputs
(one JSON object per proposal, then the themes) must be byte-identical: their SHA-256 is the
hash of the canonical result. Prints wall times; exit status 1 when the results differ.

Texts: the SIB-200 development triples (701 sentences each in kk, ru, en) and the 200 KazSim
development pairs (a Kazakh sentence and its simpler rewording), taken in turn from each
source; past the 2,503 distinct texts, rows repeat earlier texts verbatim (copies, as in a
campaign). Found through ``../shared/data`` beside the repository. Development data: nothing
here is a quality figure. The draft's e5 vectors are computed once, by an untimed warm-up run
on one text, into the user's vector cache (``TALQY_CACHE_DIR``), which both timed runs then
read: the timed runs compare the proposals' work, not the draft's (about 7 minutes of e5 for
the two Constitution texts on a busy 2-core machine, paid once per installation).

Run: ``.venv/bin/python benchmarks/cluster_check.py [--texts 3000] [--partition-size 500]``
(3,000 texts take several minutes of e5 per run on two cores).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DRAFTS = [DATA / "constitution" / "kk-2026.md", DATA / "constitution" / "ru-2026.md"]
BIN = Path(sys.executable).parent


def real_texts(count: int) -> list[dict[str, str]]:
    """``count`` rows (id, text) from SIB-200 and KazSim, sources in turn, then copies."""
    sources: list[list[tuple[str, str]]] = []
    for language, folder in (("kk", "kaz_Cyrl"), ("ru", "rus_Cyrl"), ("en", "eng_Latn")):
        path = DATA / "dev" / "sib200" / folder / "train.tsv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))[1:]
        sources.append([(f"sib-{language}-{i}", row[2]) for i, row in enumerate(rows)])
    with (DATA / "dev" / "kazsim" / "pairs-dev-200.csv").open(encoding="utf-8", newline="") as fh:
        pairs = list(csv.DictReader(fh))
    sources.append([(f"kazsim-{i}-complex", p["Complex Sentence"]) for i, p in enumerate(pairs)])
    sources.append([(f"kazsim-{i}-simple", p["Simple Sentence"]) for i, p in enumerate(pairs)])
    distinct = [row for group in zip_longest(*sources) for row in group if row is not None]
    rows = [{"id": pid, "text": text} for pid, text in distinct[:count]]
    for index in range(count - len(rows)):
        pid, text = distinct[index % len(distinct)]
        rows.append({"id": f"copy-{index}-of-{pid}", "text": text})
    return rows


def _environment(**settings: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **settings}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_cluster(folder: Path) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """``dask scheduler`` and two ``dask worker`` processes on loopback; (address, processes)."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = _environment()
    log = (folder / "cluster.log").open("wb")
    scheduler = [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                 "--no-dashboard"]  # fmt: skip
    processes = [subprocess.Popen(scheduler, env=env, stdout=log, stderr=log)]
    for name in ("worker-1", "worker-2"):
        worker = [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--name", name,
                  "--no-dashboard", "--local-directory", str(folder / name)]  # fmt: skip
        processes.append(subprocess.Popen(worker, env=env, stdout=log, stderr=log))
    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    return address, processes


def systematize(proposals: Path, out: Path, **settings: str) -> float:
    """``talqy systematize`` with the e5 embedder and the Constitution; wall seconds."""
    command = [sys.executable, "-c", "from talqy.cli.app import main; main()", "systematize",
               str(proposals), "--embedder", "e5", "--seed", "0", "--out", str(out / "rows.jsonl"),
               "--themes-out", str(out / "themes.json")]  # fmt: skip
    for draft in DRAFTS:
        command += ["--draft", str(draft)]
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(command, env=_environment(**settings), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"talqy systematize failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def canonical_hash(out: Path) -> str:
    digest = hashlib.sha256()
    for name in ("rows.jsonl", "themes.json"):
        digest.update((out / name).read_bytes())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--partition-size", type=int, default=500, help="texts per Dask task")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="talqy-cluster-") as name:
        folder = Path(name)
        proposals = folder / "proposals.jsonl"
        rows = real_texts(args.texts)
        proposals.write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )
        warm = folder / "warm.jsonl"
        warm.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
        warm_s = systematize(warm, folder / "warm", TALQY_ENGINE="local")
        local_s = systematize(proposals, folder / "local", TALQY_ENGINE="local")
        started = time.perf_counter()
        address, processes = start_cluster(folder)
        up_s = time.perf_counter() - started
        try:
            dask_s = systematize(
                proposals, folder / "dask", TALQY_ENGINE="dask", TALQY_DASK_SCHEDULER=address,
                TALQY_DASK_PARTITION_SIZE=str(args.partition_size),
            )  # fmt: skip
        finally:
            for process in reversed(processes):
                process.terminate()
            for process in processes:
                process.wait(30)
        local_hash, dask_hash = canonical_hash(folder / "local"), canonical_hash(folder / "dask")
        size = sum((folder / "local" / n).stat().st_size for n in ("rows.jsonl", "themes.json"))
    same = local_hash == dask_hash
    print(f"\n{len(rows)} texts, e5, Constitution kk + ru, seed 0, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}\n")  # fmt: skip
    print(f"warm-up (draft vectors, model load, one text): {warm_s:.1f} s\n")
    print("| engine | wall s | result SHA-256 |\n|---|---:|---|")
    print(f"| local | {local_s:.1f} | {local_hash[:16]} |")
    print(f"| dask: scheduler + 2 workers x 1 thread, tasks of {args.partition_size} | "
          f"{dask_s:.1f} (+{up_s:.1f} cluster start) | {dask_hash[:16]} |")  # fmt: skip
    print(f"\nbyte-identical: {'yes' if same else 'NO'} ({size:,} bytes)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
