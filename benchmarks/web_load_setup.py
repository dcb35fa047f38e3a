"""What the web load benchmark serves: a seeded consultation, a database, server processes.

``seed`` builds the consultation (the real 2026 draft in kk and ru, proposals in groups, half
of them with published decisions). ``throwaway_postgres`` starts a PostgreSQL cluster under
/tmp for the run (durable: fsync on; ``synchronous_commit=off``, as for SQLite's WAL with
``synchronous=NORMAL``, a crash may lose the last commits but never corrupts). ``serve``
starts ``talqy serve --workers N`` (N processes sharing one port) or N single-process servers
on their own ports (``ports``), under production settings.
"""

from __future__ import annotations

import os
import random
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CONSTITUTION = ROOT.parent / "shared" / "data" / "constitution"
SLUG = "bench"
DURABLE_PG = "-c fsync=on -c synchronous_commit=off -c full_page_writes=on"


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


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database URL of ``kind`` (sqlite or postgresql), removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
        return
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import PostgresServer

    server = PostgresServer.start(extra_options=DURABLE_PG)
    try:
        yield server.url
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(url: str) -> dict[str, str]:
    # the load comes from one address: lift the per-address limits (still counted in the db)
    return {**os.environ, "TALQY_DATABASE_URL": url, "TALQY_ENVIRONMENT": "production",
            "TALQY_SECRET_KEY": secrets.token_hex(32), "TALQY_LOG_LEVEL": "WARNING",
            "TALQY_IIN_HASH_KEY": secrets.token_hex(16),
            "TALQY_PROPOSALS_PER_MINUTE": str(10**9),
            "TALQY_RECEIPT_LOOKUPS_PER_MINUTE": str(10**9),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            }  # fmt: skip


def _talqy(port: int, workers: int) -> list[str]:
    return [sys.executable, "-c", "from talqy.cli.app import main; main()", "serve",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]  # fmt: skip


def _wait_healthy(port: int, servers: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    for server in servers:
        server.terminate()
    raise SystemExit("the server did not start")


@contextmanager
def serve(url: str, workers: int, mode: str) -> Iterator[list[str]]:
    """Start the servers; yields the base URLs the client spreads its requests over."""
    env = _environment(url)
    if mode == "serve":
        ports = [free_port()]
        servers = [subprocess.Popen(_talqy(ports[0], workers), env=env)]
    else:
        ports = [free_port() for _ in range(workers)]
        servers = [subprocess.Popen(_talqy(port, 1), env=env) for port in ports]
    try:
        for port in ports:
            _wait_healthy(port, servers)
        time.sleep(1.0)  # let every process of a shared port finish starting
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(30)
