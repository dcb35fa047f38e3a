"""Web load: latency percentiles and achieved rate per route at fixed offered rates.

Builds a SQLite consultation with the real 2026 draft (kk, ru), ``--proposals`` proposals in
groups with published decisions, then serves it with ``--workers`` single-process uvicorn
servers on loopback ports (production settings: secret set, secure cookies), the clients
spreading requests over them as a reverse proxy would. (``uvicorn --workers N`` is avoided on
purpose: its worker processes inherit the listening socket, asyncio then leaves Nagle's
algorithm on for accepted connections and every keep-alive response stalls ~40 ms.)

The client (a minimal keep-alive asyncio client, ``rawhttp.py``) is open-loop: request ``i``
of a run at ``R`` req/s is *due* at ``start + i / R`` whatever the earlier responses did, and
its latency is measured from that intended time, not from when it was actually sent. Waiting
for one of the ``--concurrency`` connections, or a client that falls behind its schedule, is
counted as latency (no coordinated omission), so an overloaded server shows as growing
latency and an achieved rate below the offered one. Each rate in ``--rates`` runs for
``--seconds``, mixed over four routes: consultation home, an article page, a receipt lookup
and the JSON submission API. Afterwards the proposals table is counted: every accepted
submission (201) must be there. Prints Markdown tables.

The per-address submission limit is lifted for the run (all clients share one address).
Run: ``.venv/bin/python benchmarks/bench_web_load.py [--rates 200,500,1000 --seconds 20]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
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
        store_document(
            db, consultation=SLUG, version="2026", document=document, source_name=path.name
        )
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


@dataclass
class RateRun:
    """One offered rate: latencies from the intended send time, statuses, accepted posts."""

    rate: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    accepted: int = 0
    elapsed: float = 0.0
    max_send_lag: float = 0.0


async def drive(
    bases: list[str], rate: float, args: argparse.Namespace, numbers: list[str], codes: list[str]
) -> RateRun:
    """Open loop: request i is due at start + i / rate; latency counts from that moment."""
    rng = random.Random(11)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    run = RateRun(rate)
    gate = asyncio.Semaphore(args.concurrency)
    clients = [RawPool(base) for base in bases]

    async def one(index: int, kind: str, due: float) -> None:
        method, path, body = _request(kind, numbers, codes, rng)
        client = clients[index % len(clients)]  # round robin, as a proxy would
        async with gate:
            run.max_send_lag = max(run.max_send_lag, time.perf_counter() - due)
            code = await client.request(method, path, body)
        run.latencies[kind].append(time.perf_counter() - due)
        run.statuses[kind][code] += 1
        if kind == "submit" and code == 201:
            run.accepted += 1

    try:
        tasks = []
        started = time.perf_counter()
        for index in range(int(rate * args.seconds)):
            due = started + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            kind = rng.choices(kinds, weights)[0]
            tasks.append(asyncio.create_task(one(index, kind, due)))
        await asyncio.gather(*tasks)
        run.elapsed = time.perf_counter() - started
    finally:
        for client in clients:
            await client.close()
    return run


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
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _row(label: str, values: list[float], statuses: dict[int, int], elapsed: float) -> str:
    ok = sum(n for code, n in statuses.items() if 200 <= code < 400)
    other = ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items()) if not 200 <= c < 400)
    return (
        f"| {label} | {len(values)} | {ok} | {other or '—'} | {ok / elapsed:.1f} | "
        f"{_ms(values, 0.5):.1f} | {_ms(values, 0.95):.1f} | {_ms(values, 0.99):.1f} |"
    )


def report(run: RateRun, args: argparse.Namespace) -> None:
    """The per-route table of one offered rate."""
    print(f"\n### {run.rate:.0f} req/s offered for {args.seconds:g} s\n")
    print("| route | requests | ok | other statuses | ok req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    every: list[float] = []
    total: dict[int, int] = defaultdict(int)
    for kind, _ in MIX:
        print(_row(kind, run.latencies[kind], run.statuses[kind], run.elapsed))
        every.extend(run.latencies[kind])
        for code, n in run.statuses[kind].items():
            total[code] += n
    print(_row("all", every, total, run.elapsed))
    print(f"\nlongest wait for a connection or a late send: {run.max_send_lag * 1000:.1f} ms")


def summary(runs: list[RateRun]) -> None:
    """One line per offered rate: achieved rate and latency from the intended send time."""
    print("\n| offered req/s | achieved ok req/s | failed | p50 ms | p95 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        every = [v for values in run.latencies.values() for v in values]
        ok = sum(n for s in run.statuses.values() for c, n in s.items() if 200 <= c < 400)
        print(
            f"| {run.rate:.0f} | {ok / run.elapsed:.1f} | {len(every) - ok} | "
            f"{_ms(every, 0.5):.1f} | {_ms(every, 0.95):.1f} | {_ms(every, 0.99):.1f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="200,500,1000", help="offered req/s, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="per rate")
    parser.add_argument("--concurrency", type=int, default=256, help="connections at most")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--proposals", type=int, default=2000)
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    runs: list[RateRun] = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        numbers, codes = seed(url, args.proposals)
        before = count_proposals(url)
        ports = [_free_port() for _ in range(args.workers)]
        servers = [_serve(url, port) for port in ports]
        try:
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            for rate in rates:
                runs.append(asyncio.run(drive(bases, rate, args, numbers, codes)))
        finally:
            for server in servers:
                server.terminate()
                server.wait(30)
        after = count_proposals(url)
    print(
        f"\nweb load, open loop: {args.workers} uvicorn processes, {os.cpu_count()} CPUs, "
        f"SQLite, {args.proposals} proposals, {args.concurrency} connections at most"
    )
    for run in runs:
        report(run, args)
    summary(runs)
    accepted = sum(run.accepted for run in runs)
    lost = before + accepted - after
    print(f"\naccepted submissions: {accepted}; rows before {before}, after {after}; lost: {lost}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
