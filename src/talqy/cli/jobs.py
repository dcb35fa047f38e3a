"""`talqy jobs …`: background systematizations — list, show, cancel, or run them here."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from talqy.cli.context import err, print_records, state
from talqy.cli.options import AsJson
from talqy.demo.build import job_follow_ups
from talqy.systematization.job_worker import run_next
from talqy.systematization.jobs import Job, get_job, list_jobs, request_cancel

app = typer.Typer(
    help="Background jobs: systematizations run by the web server.", no_args_is_help=True
)


def _progress(job: Job) -> str:
    if job.status == "running":
        eta = job.eta_seconds()
        left = f", about {eta} s left" if eta is not None else ""
        return f"{job.stage or ''} {job.percent}%{left}"
    if job.status == "done" and job.result:
        return f"{job.result['new_groups']} new groups, {job.result['new_members']} new members"
    return job.error or ""


@app.command("list")
def list_(
    consultation: Annotated[
        str | None, typer.Option(help="Only the jobs of this consultation (slug).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most jobs to list, latest first.", min=1)] = 20,
    as_json: AsJson = False,
) -> None:
    """List the latest jobs with their status and progress."""
    print_records(
        list_jobs(state().db(), consultation=consultation, limit=limit),
        as_json=as_json,
        headers=("id", "consultation", "status", "progress", "requested by", "run"),
        row=lambda j: (
            str(j.id),
            j.consultation,
            j.status,
            _progress(j),
            j.requested_by,
            str(j.run_id or ""),
        ),
    )


@app.command("show")
def show(job_id: Annotated[int, typer.Argument(help="Job id.")]) -> None:
    """One job as JSON: status, stage, percent, time left, result or error."""
    typer.echo(json.dumps(get_job(state().db(), job_id).to_dict(), ensure_ascii=False, indent=2))


@app.command("cancel")
def cancel(job_id: Annotated[int, typer.Argument(help="Job id.")]) -> None:
    """Cancel a queued job, or ask a running one to stop (nothing of its run is kept)."""
    job = request_cancel(state().db(), job_id)
    if job.status == "cancelled":
        err.print(f"job {job.id} cancelled")
    else:
        err.print(f"job {job.id}: stop requested; it ends at its next stage")


@app.command("run")
def run(
    once: Annotated[bool, typer.Option("--once", help="Run one queued job at most.")] = False,
) -> None:
    """Run the queued jobs here, one after another (when no web server runs them)."""
    current = state()
    while True:
        job = run_next(current.db(), current.settings, follow_ups=job_follow_ups())
        if job is None:
            break
        err.print(f"job {job.id} ({job.consultation}): {job.status} {_progress(job)}")
        if once:
            break
