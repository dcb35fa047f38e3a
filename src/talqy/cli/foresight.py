"""`talqy foresight …`: import and export tasks and assignments, summary, demo programme."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from talqy.cli.context import err, out, run_import, state
from talqy.cli.options import AsJson
from talqy.demo.foresight import build_foresight_demo
from talqy.sessions.exports import export_foresight
from talqy.sessions.imports import import_foresight
from talqy.sessions.rollups import foresight_rollup
from talqy.sessions.scope import DEFAULT_PROGRAMME

app = typer.Typer(help="Foresight tasks, assignments, funding and progress.", no_args_is_help=True)

ProgrammeOpt = Annotated[str, typer.Option("--programme", help="Foresight programme key.")]


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file (record: task / assignment).")],
    programme: ProgrammeOpt = DEFAULT_PROGRAMME,
) -> None:
    """Import tasks and assignments; bad rows go to FILE.rejects.csv."""
    run_import(import_foresight, file, programme=programme)


@app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file to write.")],
    programme: ProgrammeOpt = DEFAULT_PROGRAMME,
) -> None:
    """Export tasks and assignments in the import layout."""
    rows = export_foresight(state().db(), path=file, programme=programme)
    err.print(f"wrote {rows} row(s) to {file}")


@app.command("summary")
def summary(
    programme: Annotated[
        str | None, typer.Option("--programme", help="One programme (default: all).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Counts of sessions, tasks and assignments, by priority level, and funding totals."""
    data = foresight_rollup(state().db(), programme=programme)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out.print(
        f"programmes {data['programmes']} · sessions {data['sessions']['total']} · "
        f"tasks {data['tasks']} · assignments {data['assignments']} · "
        f"funding {data['funding']['total']:,} KZT"
    )
    levels = Table("level", "name", "tasks", "assignments", "funding, KZT")
    for row in data["by_priority"]:
        name = str(row.get("name_en", ""))
        levels.add_row(
            str(row["level"]),
            name,
            str(row["tasks"]),
            str(row["assignments"]),
            f"{row['funding']:,}",
        )
    out.print(levels)
    years = Table("year", "funding, KZT")
    for year, amount in data["funding"]["by_year"].items():
        years.add_row(year, f"{amount:,}")
    out.print(years)


@app.command("demo")
def demo(seed: Annotated[int, typer.Option(help="Random seed.")] = 0) -> None:
    """Create (or complete) the demo foresight programme: 70 sessions, 220 tasks, 65 assignments."""
    data = build_foresight_demo(state().db(), seed=seed)
    err.print(
        f"programme {data['programme']}: {data['sessions']['total']} sessions, "
        f"{data['tasks']} tasks, {data['assignments']} assignments, "
        f"{data['funding']['total']:,} KZT"
    )
