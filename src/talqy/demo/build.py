"""Build the demo consultation: the sample draft, proposals, a systematization, decisions,
commission sessions and a foresight programme.

Idempotent: running it again on the same database completes what is missing and adds nothing
twice (the proposal import is idempotent by external id; other steps check what exists).
With ``background=True`` the quick steps are done here and the systematization is queued as a
job (``systematization/jobs.py``) whose follow-up, :func:`finish_demo`, makes the sample
decisions and commission sessions once the run is stored; the web server runs it, so the demo
is served at once.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from talqy.demo import demo_paths, generate_proposals, write_csv
from talqy.demo.commission import build_commission_demo
from talqy.demo.foresight import build_foresight_demo
from talqy.demo.staff import (
    DEMO_USERS,
    assign_reviewer,
    decide_largest_groups,
    ensure_users,
)
from talqy.errors import Conflict, NotFound
from talqy.intake.drafts import import_draft
from talqy.intake.importer import import_proposals
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation, get_consultation
from talqy.storage.database import Database
from talqy.storage.documents import list_documents
from talqy.systematization.job_worker import RESTARTED
from talqy.systematization.jobs import Job, fail_orphans, queue_job
from talqy.systematization.run_queries import latest_run
from talqy.systematization.runner import systematize_consultation

DEMO_SLUG = "demo"
DEMO_TITLE = "Негізгі заң жобасы: қоғамдық талқылау (демо)"
DRAFTS = (("kk", "1"), ("ru", "1"), ("en", "1"), ("kk-v2", "2"))
FOLLOW_UP = "demo"


@dataclass
class DemoSummary:
    slug: str
    steps: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        logins = [f"  {u} / {p}  ({r})" for u, r, _, p in DEMO_USERS]
        return [
            f"demo consultation [bold]{self.slug}[/bold]",
            *(f"- {step}" for step in self.steps),
            "staff logins (demo only) at /staff/login:",
            *logins,
        ]


def _step(summary: DemoSummary, console: Console | None, text: str, started: float) -> None:
    line = f"{text} ({time.perf_counter() - started:.1f} s)"
    summary.steps.append(line)
    if console is not None:
        console.print(f"[green]✓[/green] {line}")


def _drafts(db: Database) -> int:
    stored = {(d.version, d.language) for d in list_documents(db, DEMO_SLUG)}
    added = 0
    for key, version in DRAFTS:
        language = key.split("-")[0]
        if (version, language) not in stored:
            import_draft(
                db,
                consultation=DEMO_SLUG,
                path=demo_paths()[key],
                version=version,
                language=language,
            )
            added += 1
    return added


def _proposals(db: Database, settings: Settings, count: int, seed: int) -> str:
    with tempfile.TemporaryDirectory(prefix="talqy-demo-") as folder:
        path = Path(folder) / "proposals.csv"
        write_csv(path, generate_proposals(count, seed=seed))
        result = import_proposals(db, settings=settings, consultation=DEMO_SLUG, path=path)
    return (
        f"proposals: {result.imported} imported, {result.already_present} already present, "
        f"{result.rejected} rejected (empty or invalid rows of the generated set)"
    )


def build_demo(
    db: Database,
    *,
    settings: Settings,
    progress: Console | None = None,
    proposals: int = 2000,
    embedder: str | None = None,
    seed: int = 0,
    background: bool = False,
) -> DemoSummary:
    """Create (or complete) the demo consultation in ``db``; with ``background`` the
    systematization (and what needs its groups) is left to a queued job."""
    summary = DemoSummary(DEMO_SLUG)
    started = time.perf_counter()
    try:
        get_consultation(db, DEMO_SLUG)
    except NotFound:
        create_consultation(db, slug=DEMO_SLUG, title=DEMO_TITLE)
    _step(summary, progress, f"draft versions stored: {_drafts(db)} new", started)
    _step(summary, progress, _proposals(db, settings, proposals, seed), started)
    ensure_users(db)
    assign_reviewer(db, consultation=DEMO_SLUG, articles=("5", "7", "12"))
    build_foresight_demo(db, seed=seed)
    _step(summary, progress, "staff accounts and foresight programme ready", started)
    try:
        run = latest_run(db, DEMO_SLUG)
        _step(summary, progress, f"systematization run {run.id} already present", started)
    except NotFound:
        if background:
            _step(summary, progress, _queue(db, settings, embedder, seed), started)
            return summary
        result = systematize_consultation(
            db, settings=settings, consultation=DEMO_SLUG, embedder=embedder, seed=seed
        )
        _step(
            summary,
            progress,
            f"systematized: {result.duplicate_groups} duplicate groups in "
            f"{result.positions} positions (review groups), {result.campaigns} campaigns, "
            f"{result.themes} themes",
            started,
        )
    _step(summary, progress, _sample_decisions(db, seed), started)
    return summary


def _queue(db: Database, settings: Settings, embedder: str | None, seed: int) -> str:
    # a demo job a crashed server left running is taken for dead, so it is queued again
    fail_orphans(db, reason=RESTARTED, stale_seconds=settings.jobs_stale_seconds)
    try:
        job = queue_job(
            db,
            consultation=DEMO_SLUG,
            requested_by="demo",
            embedder=embedder,
            seed=seed,
            follow_up=FOLLOW_UP,
        )
    except Conflict:
        return "systematization already in progress (see /staff)"
    return (
        f"systematization queued as job {job.id}: it runs in the served app, progress on /staff; "
        "sample decisions and commission sessions follow when it ends"
    )


def _sample_decisions(db: Database, seed: int) -> str:
    decided, published = decide_largest_groups(db, consultation=DEMO_SLUG)
    build_commission_demo(db, consultation_slug=DEMO_SLUG, seed=seed)
    return f"decisions: {decided} new, {published} published; commission sessions ready"


def finish_demo(db: Database, settings: Settings, job: Job) -> None:
    """The demo job's follow-up: sample decisions and commission sessions on the new groups."""
    _sample_decisions(db, int(job.options.get("seed") or 0))


def job_follow_ups() -> dict[str, Callable[[Database, Settings, Job], None]]:
    """What a job may ask to be done after its run (the web server's worker and
    ``talqy jobs run`` both use this): the demo's sample decisions."""
    return {FOLLOW_UP: finish_demo}
