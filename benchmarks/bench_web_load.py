"""Web load: throughput and p50/p95 latency per route under a fixed request rate.

Builds a SQLite consultation with the real 2026 draft (kk, ru), ``--proposals`` proposals in
groups with published decisions, then serves it with ``--workers`` single-process uvicorn
servers on loopback ports (production settings: secret set, secure cookies), the clients
spreading requests over them as a reverse proxy would. (``uvicorn --workers N`` is avoided on
purpose: its worker processes inherit the listening socket, asyncio then leaves Nagle's
algorithm on for accepted connections and every keep-alive response stalls ~40 ms.)
Open-loop clients (a minimal keep-alive asyncio client, ``rawhttp.py``) send ``--rate``
requests per second for ``--seconds``, at
most ``--concurrency`` in flight, mixed over four routes: consultation home, an article page,
a receipt lookup and the JSON submission API. Afterwards the proposals table is counted: every
accepted submission (201) must be there. Prints a Markdown table.

The per-address submission limit is lifted for the run (all clients share one address).
Run: ``.venv/bin/python benchmarks/bench_web_load.py [--rate 200 --seconds 20]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from rawhttp import RawPool

ROOT = Path(__file__).resolve().parents[1]
CONSTITUTION = ROOT.parent / "shared" / "data" / "constitution"
SLUG = "bench"
MIX = (("home", 0.3), ("article", 0.3), ("receipt", 0.3), ("submit", 0.1))


def app_factory() -> Any:
    """The app uvicorn serves (``--factory``): production settings from the environment."""
    from talqy.settings import load_settings
    from talqy.web.app import create_app

    # the load comes from one address: lift the per-address limits (still counted in the db)
    return create_app(load_settings(proposals_per_minute=10**9, receipt_lookups_per_minute=10**9))


def seed(url: str, proposals: int) -> tuple[list[str], list[str]]:
    """Consultation, draft and proposals in published groups; returns (articles, codes)."""
    from talqy.documents.parser import parse_document
    from talqy.intake import submit_proposal
    from talqy.review.accounts import actor_for, create_user
    from talqy.review.decisions import bulk_decide, publish
    from talqy.review.group_queries import GroupFilter, list_groups
    from talqy.review.grouping import group_new_proposals
    from talqy.settings import Settings
    from talqy.storage.consultations import create_consultation
    from talqy.storage.database import open_database
    from talqy.storage.documents import list_articles, store_document

    db = open_database(url)
    settings = Settings(database_url=url, environment="test")
    consultation = create_consultation(db, slug=SLUG, title="Конституция жобасы 2026")
    for language in ("kk", "ru"):
        path = CONSTITUTION / f"{language}-2026.md"
        document = parse_document(path, language=language, name=path.name)
        store_document(db, consultation=SLUG, version="2026", document=document,
                       source_name=path.name)  # fmt: skip
    numbers = [a.number for a in list_articles(db, SLUG, language="kk")]
    rng = random.Random(7)
    codes = []
    for i in range(proposals):
        text = f"Ұсыныс {i}: {rng.choice(numbers)}-бапты нақтылау керек."
        done = submit_proposal(
            db, settings=settings, consultation=SLUG, article=rng.choice(numbers), text=text
        )
        codes.append(done.receipt_code)
    admin = create_user(db, username="bench-admin", role="admin", password=secrets.token_hex(8))
    actor = actor_for(db, user=admin, consultation=SLUG)
    group_new_proposals(db, actor=actor)
    rows, _ = list_groups(db, consultation_id=consultation.id, where=GroupFilter(), limit=10**6)
    half = [(row.group.id, row.group.version) for row in rows[: len(rows) // 2]]
    bulk_decide(db, actor=actor, items=half, kind="accepted", reasoning={"kk": "Ескерілді."})
    for group_id, _ in half:
        publish(db, actor=actor, group_id=group_id)
    db.engine.dispose()
    return numbers, codes


def count_proposals(url: str) -> int:
    from talqy.intake.proposal_queries import list_consultations
    from talqy.storage.database import open_database

    db = open_database(url)
    try:
        return next(c.proposals for c in list_consultations(db) if c.slug == SLUG)
    finally:
        db.engine.dispose()


def _request(kind: str, numbers: list[str], codes: list[str], rng: random.Random) -> tuple:
    if kind == "home":
        return "GET", f"/c/{SLUG}", None
    if kind == "article":
        return "GET", f"/c/{SLUG}/articles/{rng.choice(numbers)}", None
    if kind == "receipt":
        return "GET", f"/receipt?code={rng.choice(codes)}", None
    body = {
        "text": f"Жүктеме ұсынысы {secrets.token_hex(6)}",
        "article": rng.choice(numbers),
        "consent": True,
    }
    return "POST", f"/api/v1/consultations/{SLUG}/proposals", body


async def drive(
    bases: list[str], args: argparse.Namespace, numbers: list[str], codes: list[str]
) -> Any:
    rng = random.Random(11)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    accepted = 0
    gate = asyncio.Semaphore(args.concurrency)
    clients = [RawPool(base) for base in bases]

    async def one(index: int, kind: str) -> None:
        nonlocal accepted
        method, path, body = _request(kind, numbers, codes, rng)
        client = clients[index % len(clients)]  # round robin, as a proxy would
        async with gate:
            start = time.perf_counter()
            code = await client.request(method, path, body)
            latencies[kind].append(time.perf_counter() - start)
        statuses[kind][code] += 1
        if kind == "submit" and code == 201:
            accepted += 1

    try:
        tasks = []
        started = time.perf_counter()
        total = int(args.rate * args.seconds)
        for index in range(total):
            delay = started + index / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(index, rng.choices(kinds, weights)[0])))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    finally:
        for client in clients:
            await client.close()
    return latencies, statuses, accepted, elapsed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TALQY_DATABASE_URL": url, "TALQY_ENVIRONMENT": "production",
           "TALQY_SECRET_KEY": secrets.token_hex(32), "TALQY_LOG_LEVEL": "WARNING"}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "bench_web_load:app_factory", "--factory",
               "--app-dir", str(Path(__file__).parent), "--host", "127.0.0.1", "--port",
               str(port), "--log-level", "warning", "--no-access-log",
               "--no-proxy-headers"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--proposals", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        numbers, codes = seed(url, args.proposals)
        before = count_proposals(url)
        ports = [_free_port() for _ in range(args.workers)]
        servers = [_serve(url, port) for port in ports]
        try:
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            latencies, statuses, accepted, elapsed = asyncio.run(drive(bases, args, numbers, codes))
        finally:
            for server in servers:
                server.terminate()
                server.wait(30)
        after = count_proposals(url)
    print(f"\nweb load: {args.rate:.0f} req/s offered for {args.seconds:.0f} s, "
          f"{args.workers} uvicorn processes, {os.cpu_count()} CPUs, SQLite, "
          f"{args.proposals} proposals\n")  # fmt: skip
    print("| route | requests | ok | other statuses | req/s | p50 ms | p95 ms |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for kind, _ in MIX:
        values = latencies[kind]
        ok = sum(n for code, n in statuses[kind].items() if 200 <= code < 400)
        other = ", ".join(
            f"{c}: {n}" for c, n in sorted(statuses[kind].items()) if not 200 <= c < 400
        )
        print(f"| {kind} | {len(values)} | {ok} | {other or '—'} | {len(values) / elapsed:.1f} | "
              f"{_ms(values, 0.5):.1f} | {_ms(values, 0.95):.1f} |")  # fmt: skip
    every = [v for values in latencies.values() for v in values]
    print(f"| all | {len(every)} | | | {len(every) / elapsed:.1f} | {_ms(every, 0.5):.1f} | "
          f"{_ms(every, 0.95):.1f} |")  # fmt: skip
    lost = before + accepted - after
    print(f"\naccepted submissions: {accepted}; rows before {before}, after {after}; lost: {lost}")
    print(f"mean latency {statistics.mean(every) * 1000:.1f} ms over {elapsed:.1f} s")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
