"""Web load: latency percentiles and achieved rate per route at fixed offered rates.

Serves a consultation with the real 2026 draft (kk, ru) and ``--proposals`` proposals in
groups with published decisions (``web_load_setup.py``) from SQLite and from a throwaway
PostgreSQL cluster (``--db``), with ``talqy serve --workers N`` (N processes sharing one port,
the default) or N single-process servers on their own ports (``--server ports``, the client
spreading requests over them as a reverse proxy would), under production settings.

The client (a minimal keep-alive asyncio client, ``rawhttp.py``) is open-loop: request ``i``
of a run at ``R`` req/s is *due* at ``start + i / R`` whatever the earlier responses did, and
its latency is measured from that intended time, not from when it was actually sent. Waiting
for one of the ``--concurrency`` connections, or a client that falls behind its schedule, is
counted as latency (no coordinated omission), so an overloaded server shows as growing
latency and an achieved rate below the offered one. Each rate in ``--rates`` runs for
``--seconds``, mixed over four routes: consultation home, an article page, a receipt lookup
and the JSON submission API. Before the rates, ``--probe`` requests go one after another on
one kept-alive connection per route (a Nagle / delayed-ACK stall would show as ~40 ms).
Afterwards the proposals table is counted: every accepted submission (201) must be there.
The 1-minute load average is printed with every rate (the machine may be shared).

The per-address limits are lifted for the run (all clients share one address); every
proposal and receipt lookup is still counted in the database's rate-limit table.
Run: ``.venv/bin/python benchmarks/bench_web_load.py [--quick] [--db sqlite,postgresql]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rawhttp import RawPool
from web_load_setup import SLUG, count_proposals, database, seed, serve

MIX = (("home", 0.3), ("article", 0.3), ("receipt", 0.3), ("submit", 0.1))


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
    db: str = ""
    load: float = 0.0
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
    run = RateRun(rate, db=args.current_db)
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
        run.load = os.getloadavg()[0]
    finally:
        for client in clients:
            await client.close()
    return run


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
    """One line per database and offered rate: achieved rate, errors, latency from due time."""
    print("\n| database | offered req/s | achieved ok req/s | error share | p50 ms | p95 ms "
          "| p99 ms | load avg 1 min |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        every = [v for values in run.latencies.values() for v in values]
        ok = sum(n for s in run.statuses.values() for c, n in s.items() if 200 <= c < 400)
        share = (len(every) - ok) / max(1, len(every))
        print(
            f"| {run.db} | {run.rate:.0f} | {ok / run.elapsed:.1f} | {100 * share:.1f} % | "
            f"{_ms(every, 0.5):.1f} | {_ms(every, 0.95):.1f} | {_ms(every, 0.99):.1f} | "
            f"{run.load:.1f} |"
        )


async def probe(
    base: str, count: int, numbers: list[str], codes: list[str]
) -> tuple[dict[str, float], int]:
    """Median ms of ``count`` sequential requests per route on one kept-alive connection, and
    the number of accepted submissions among them."""
    rng = random.Random(3)
    medians, accepted = {}, 0
    for kind, _ in MIX:
        pool = RawPool(base)
        times = []
        for _ in range(count):
            method, path, body = _request(kind, numbers, codes, rng)
            started = time.perf_counter()
            accepted += await pool.request(method, path, body) == 201
            times.append(time.perf_counter() - started)
        await pool.close()
        medians[kind] = _ms(times, 0.5)
    return medians, accepted


def run_database(kind: str, args: argparse.Namespace, rates: list[float]) -> list[RateRun]:
    """Seed a fresh ``kind`` database, serve it, probe, drive every rate; check no loss."""
    args.current_db = kind
    runs: list[RateRun] = []
    accepted = 0
    with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as url:
        numbers, codes = seed(url, args.proposals)
        before = count_proposals(url)
        with serve(url, args.workers, args.server) as bases:
            if args.probe:
                medians, accepted = asyncio.run(probe(bases[0], args.probe, numbers, codes))
                shown = ", ".join(f"{k} {v:.1f}" for k, v in medians.items())
                print(f"\n{kind}: one keep-alive connection, median ms per request: {shown}")
            for rate in rates:
                runs.append(asyncio.run(drive(bases, rate, args, numbers, codes)))
        after = count_proposals(url)
    accepted += sum(run.accepted for run in runs)
    print(f"\n{kind}: accepted submissions {accepted}; rows before {before}, after {after}")
    if before + accepted != after:
        raise SystemExit(f"{kind}: {before + accepted - after} accepted submissions lost")
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="200,500,1000", help="offered req/s, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="per rate")
    parser.add_argument("--concurrency", type=int, default=256, help="connections at most")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--server", choices=("serve", "ports"), default="serve")
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--probe", type=int, default=50, help="sequential requests per route")
    parser.add_argument("--quick", action="store_true", help="4 s per rate, 500 proposals")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.proposals = 4.0, 500
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    runs = [run for kind in args.db.split(",") for run in run_database(kind, args, rates)]
    print(
        f"\nweb load, open loop, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
        f"{args.workers} server processes ({args.server}), {os.cpu_count()} CPUs, "
        f"{args.proposals} proposals, {args.seconds:g} s per rate, "
        f"{args.concurrency} connections at most"
    )
    for run in runs:
        print(f"\n#### {run.db}")
        report(run, args)
    summary(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
