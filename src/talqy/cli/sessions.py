"""`talqy sessions …`: import, export and list sessions; attach minutes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from talqy.cli.context import err, out, run_import, state
from talqy.cli.options import AsJson
from talqy.sessions.exports import export_sessions
from talqy.sessions.imports import import_sessions
from talqy.sessions.meetings import import_minutes
from talqy.sessions.scope import DEFAULT_PROGRAMME
from talqy.sessions.views import sessions_overview

app = typer.Typer(help="Commission and foresight sessions on the record.", no_args_is_help=True)

ConsultationOpt = Annotated[
    str | None, typer.Option("--consultation", help="Consultation slug (commission sessions).")
]
ProgrammeOpt = Annotated[
    str | None, typer.Option("--programme", help="Foresight programme key (foresight sessions).")
]


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file of sessions and agenda items.")],
    consultation: ConsultationOpt = None,
    programme: ProgrammeOpt = None,
) -> None:
    """Import sessions and agenda items; bad rows go to FILE.rejects.csv."""
    run_import(import_sessions, file, consultation=consultation, programme=programme)


@app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file to write.")],
    consultation: ConsultationOpt = None,
    programme: ProgrammeOpt = None,
) -> None:
    """Export sessions and agenda items in the import layout."""
    if consultation is None and programme is None:
        programme = DEFAULT_PROGRAMME
    rows = export_sessions(state().db(), path=file, consultation=consultation, programme=programme)
    err.print(f"wrote {rows} row(s) to {file}")


@app.command("list")
def list_(
    consultation: ConsultationOpt = None,
    programme: ProgrammeOpt = None,
    as_json: AsJson = False,
) -> None:
    """List sessions (all, or of one consultation or programme)."""
    items = sessions_overview(state().db(), consultation=consultation, programme=programme)
    if as_json:
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table("id", "date", "kind", "title", "agenda", "broadcast")
    for item in items:
        table.add_row(
            str(item["id"]),
            str(item["date"]),
            str(item["kind"]),
            str(item["title_en"] or item["title_ru"] or item["title_kk"]),
            str(item["agenda_items"]),
            str(item["broadcast_url"] or ""),
        )
    out.print(table)


@app.command("minutes")
def minutes(
    session_id: Annotated[int, typer.Argument(help="Session id (see `talqy sessions list`).")],
    file: Annotated[Path, typer.Argument(help="UTF-8 text or Markdown file of the minutes.")],
) -> None:
    """Attach the minutes of a session from a text file."""
    item = import_minutes(state().db(), session_id=session_id, path=file)
    err.print(f"minutes attached to session {item.id}")
