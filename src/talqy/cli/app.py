"""The ``talqy`` command: one Typer app, one sub-app per command group.

Commands only parse input, call one library function and format the result. Every
``TalqyError`` becomes one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from talqy import __version__
from talqy.cli import (
    consultation,
    db,
    demo,
    draft,
    foresight,
    jobs,
    outbox,
    proposals,
    report,
    review,
    serve,
    sessions,
    systematize,
    users,
)
from talqy.cli.context import err, start
from talqy.errors import TalqyError

app = typer.Typer(
    name="talqy",
    help="Public consultation on draft laws in Kazakh, Russian and English.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.add_typer(consultation.app, name="consultation")
app.add_typer(proposals.app, name="proposals")
app.add_typer(draft.app, name="draft")
app.add_typer(sessions.app, name="sessions")
app.add_typer(foresight.app, name="foresight")
app.add_typer(users.app, name="users")
app.add_typer(review.app, name="review")
app.add_typer(outbox.app, name="outbox")
app.add_typer(jobs.app, name="jobs")
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.add_typer(report.app, name="report")
app.command("systematize")(systematize.systematize)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"talqy {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Talqy: publish a draft, take in proposals, systematize, decide, report."""
    ctx.call_on_close(start().close)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except TalqyError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
