"""`talqy consultation …`: create and list consultations."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from talqy.cli.context import err, out, print_records, state
from talqy.cli.options import AsJson, ConsultationSlug, EmbedderName
from talqy.intake.proposal_queries import list_consultations

if TYPE_CHECKING:
    from talqy.systematization.jobs import Job

app = typer.Typer(help="Create and list consultations.", no_args_is_help=True)


TitleKk = Annotated[str | None, typer.Option(help="Title in Kazakh.")]
TitleRu = Annotated[str | None, typer.Option(help="Title in Russian.")]
TitleEn = Annotated[str | None, typer.Option(help="Title in English.")]
DescriptionKk = Annotated[str | None, typer.Option(help="Description in Kazakh.")]
DescriptionRu = Annotated[str | None, typer.Option(help="Description in Russian.")]
DescriptionEn = Annotated[str | None, typer.Option(help="Description in English.")]
Body = Annotated[str | None, typer.Option(help="The responsible state body.")]
Decisions = Annotated[str | None, typer.Option(help="Decisions phase begins (ISO 8601).")]
Report = Annotated[str | None, typer.Option(help="Report phase begins (ISO 8601).")]


def _texts(kk: str | None, ru: str | None, en: str | None) -> dict[str, str | None]:
    return {k: v for k, v in {"kk": kk, "ru": ru, "en": en}.items() if v is not None}


def _dates(
    opens: str | None, closes: str | None, decisions: str | None, report: str | None
) -> dict[str, str | datetime | None]:
    return {"opens_at": opens, "closes_at": closes, "decisions_at": decisions, "report_at": report}


@app.command("create")
def create(
    slug: Annotated[str, typer.Argument(help="Short name used in URLs, e.g. constitution-2026.")],
    title: Annotated[str, typer.Option("--title", help="Title shown to the public.")],
    languages: Annotated[str, typer.Option(help="Comma-separated languages.")] = "kk,ru,en",
    title_kk: TitleKk = None,
    title_ru: TitleRu = None,
    title_en: TitleEn = None,
    description_kk: DescriptionKk = None,
    description_ru: DescriptionRu = None,
    description_en: DescriptionEn = None,
    body: Body = None,
    opens: Annotated[
        str | None, typer.Option(help="Opens for proposals (ISO 8601; UTC+5 when no zone).")
    ] = None,
    closes: Annotated[str | None, typer.Option(help="Closes for proposals (ISO 8601).")] = None,
    decisions: Decisions = None,
    report: Report = None,
) -> None:
    """Create a consultation (a past --closes needs --opens too: one that already ran)."""
    from talqy.consultations.lifecycle import create_consultation

    langs = tuple(part.strip() for part in languages.split(",") if part.strip())
    item = create_consultation(
        state().db(),
        slug=slug,
        title=title,
        languages=langs,
        titles=_texts(title_kk, title_ru, title_en),
        descriptions=_texts(description_kk, description_ru, description_en),
        body=body,
        dates=_dates(opens, closes, decisions, report),
    )
    out.print(f"created consultation [bold]{item.consultation.slug}[/bold] ({item.phase.value})")


@app.command("update")
def update(
    slug: ConsultationSlug,
    title: Annotated[str | None, typer.Option(help="Title shown to the public.")] = None,
    title_kk: TitleKk = None,
    title_ru: TitleRu = None,
    title_en: TitleEn = None,
    description_kk: DescriptionKk = None,
    description_ru: DescriptionRu = None,
    description_en: DescriptionEn = None,
    body: Body = None,
    opens: Annotated[str | None, typer.Option(help="Opens for proposals (ISO 8601).")] = None,
    closes: Annotated[
        str | None, typer.Option(help="Closes (ISO 8601; the past closes it now).")
    ] = None,
    decisions: Decisions = None,
    report: Report = None,
) -> None:
    """Change a consultation's texts or dates (an empty value clears a text)."""
    from talqy.consultations.lifecycle import update_consultation

    item = update_consultation(
        state().db(),
        slug=slug,
        title=title,
        titles=_texts(title_kk, title_ru, title_en),
        descriptions=_texts(description_kk, description_ru, description_en),
        body=body,
        dates=_dates(opens, closes, decisions, report),
    )
    out.print(f"updated consultation [bold]{slug}[/bold] ({item.phase.value})")


@app.command("show")
def show(
    slug: ConsultationSlug,
    as_json: AsJson = False,
) -> None:
    """Show a consultation's texts, dates and current phase."""
    from talqy.consultations.lifecycle import consultation_info

    info = consultation_info(state().db(), slug).to_dict()
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    table = Table("field", "value")
    for key, value in info.items():
        table.add_row(
            key,
            json.dumps(value, ensure_ascii=False)
            if isinstance(value, (dict, list))
            else str(value),
        )
    out.print(table)


@app.command("list")
def list_(as_json: AsJson = False) -> None:
    """List consultations with their phase and proposal counts."""
    from talqy.consultations.lifecycle import consultation_info

    db = state().db()
    infos = [replace(consultation_info(db, c.slug), consultation=c) for c in list_consultations(db)]
    print_records(
        infos,
        as_json=as_json,
        headers=("slug", "title", "languages", "phase", "proposals"),
        row=lambda i: (
            i.consultation.slug,
            i.consultation.title,
            ",".join(i.consultation.languages),
            i.phase.value,
            str(i.consultation.proposals),
        ),
    )


@app.command("systematize")
def systematize_(
    slug: ConsultationSlug,
    embedder: EmbedderName = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed reproduces a run.")] = 0,
    background: Annotated[
        bool,
        typer.Option(
            "--background",
            help="Queue it as a job for the running web server (see `talqy jobs`) and return.",
        ),
    ] = False,
) -> None:
    """Systematize a stored consultation and record the result as a new run.

    The run is a job (see `talqy jobs`): refused while another systematization of the
    consultation is in progress, and holding its place until it ends.
    """
    from talqy.cli.progress import stage_progress
    from talqy.systematization.job_worker import run_in_foreground
    from talqy.systematization.runner import RunCancelled

    if background:
        _queue(slug, embedder, seed)
        return
    current, job = state(), _new_job(slug, embedder, seed, claimed=True)
    try:
        with stage_progress() as progress:
            _, summary = run_in_foreground(current.db(), current.settings, job, progress=progress)
    except RunCancelled as exc:
        err.print(f"run stopped: {exc.reason}; nothing of it is stored")
        raise typer.Exit(1) from None
    table = Table(
        "run",
        "proposals",
        "duplicate groups",
        "positions",
        "campaigns",
        "themes",
        "new review groups",
        "vectors",
        "placed after",
    )
    table.add_row(
        *(
            str(v)
            for v in (
                summary.run_id,
                summary.proposals,
                summary.duplicate_groups,
                summary.positions,
                summary.campaigns,
                summary.themes,
                summary.new_groups,
                summary.vectors_computed,
                summary.placed_after,
            )
        )
    )
    out.print(table)


def _new_job(slug: str, embedder: str | None, seed: int, *, claimed: bool = False) -> Job:
    """Queue a job, or with ``claimed`` take the slot for a run in this process."""
    from talqy.systematization.jobs import queue_job

    return queue_job(
        state().db(),
        consultation=slug,
        requested_by="cli",
        embedder=embedder,
        seed=seed,
        claimed=claimed,
    )


def _queue(slug: str, embedder: str | None, seed: int) -> None:
    job = _new_job(slug, embedder, seed)
    typer.echo(json.dumps(job.to_dict(), ensure_ascii=False))
    err.print(f"job {job.id} queued: `talqy jobs show {job.id}` follows it")
