"""`talqy consultation …`: create and list consultations."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from talqy.cli.context import out, print_records, state
from talqy.intake.proposal_queries import list_consultations
from talqy.storage.consultations import create_consultation

app = typer.Typer(help="Create and list consultations.", no_args_is_help=True)


@app.command("create")
def create(
    slug: Annotated[str, typer.Argument(help="Short name used in URLs, e.g. constitution-2026.")],
    title: Annotated[str, typer.Option("--title", help="Title shown to the public.")],
    languages: Annotated[str, typer.Option(help="Comma-separated languages.")] = "kk,ru,en",
) -> None:
    """Create a consultation."""
    langs = tuple(part.strip() for part in languages.split(",") if part.strip())
    item = create_consultation(state().db(), slug=slug, title=title, languages=langs)
    out.print(f"created consultation [bold]{item.slug}[/bold]")


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List consultations with their proposal counts."""
    print_records(
        list_consultations(state().db()),
        as_json=as_json,
        headers=("slug", "title", "languages", "status", "proposals"),
        row=lambda c: (c.slug, c.title, ",".join(c.languages), c.status, str(c.proposals)),
    )


@app.command("systematize")
def systematize_(
    slug: Annotated[str, typer.Argument(help="Consultation slug.")],
    embedder: Annotated[
        str | None, typer.Option(help="e5, static or hashing (default: TALQY_EMBEDDER).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed reproduces a run.")] = 0,
) -> None:
    """Systematize a stored consultation and record the result as a new run."""
    from talqy.cli.progress import stage_progress
    from talqy.systematization.runner import systematize_consultation

    current = state()
    with stage_progress() as progress:
        summary = systematize_consultation(
            current.db(),
            settings=current.settings,
            consultation=slug,
            embedder=embedder,
            seed=seed,
            progress=progress,
        )
    table = Table("run", "proposals", "groups", "campaigns", "themes", "new groups", "vectors")
    table.add_row(
        *(
            str(v)
            for v in (
                summary.run_id,
                summary.proposals,
                summary.duplicate_groups,
                summary.campaigns,
                summary.themes,
                summary.new_groups,
                summary.vectors_computed,
            )
        )
    )
    out.print(table)
