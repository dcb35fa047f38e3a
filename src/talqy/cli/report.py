"""`talqy report …`: write a consultation's public report (HTML, PDF, JSON, CSV or open data)
and list the editions published so far.

``talqy report SLUG …`` is short for ``talqy report build SLUG …``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from talqy.cli.context import err, print_records, state
from talqy.cli.options import AsJson, ConsultationSlug
from talqy.errors import InvalidInput
from talqy.reports import export_report
from talqy.reports.editions import list_editions


class DefaultBuildGroup(TyperGroup):
    """A group whose first argument, when it names no command, goes to ``build``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context, vendored
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["build", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultBuildGroup,
    help="Write a consultation's public report; list its published editions.",
    no_args_is_help=True,
)


@app.command("build")
def build(
    consultation: ConsultationSlug,
    fmt: Annotated[
        str, typer.Option("--format", help="html, pdf, json, csv (groups table) or zip.")
    ] = "html",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write; standard output if omitted.")
    ] = None,
    language: Annotated[
        str, typer.Option("--language", help="Language of labels: kk, ru or en.")
    ] = "kk",
) -> None:
    """Write CONSULTATION's public report (published decisions only) and register the edition."""
    if out is not None and out.is_dir():
        raise InvalidInput(f"--out is a directory: {out}", field="out")
    made = export_report(
        state().db(), consultation=consultation, fmt=fmt, language=language, actor="cli"
    )
    if out is None:
        sys.stdout.buffer.write(made.content)
        sys.stdout.buffer.flush()
        return
    try:
        out.write_bytes(made.content)
    except OSError as exc:
        raise InvalidInput(f"cannot write {out}: {exc.strerror}", field="out") from None
    err.print(
        f"wrote {made.filename.rsplit('.', 1)[-1]} report to {out} ({len(made.content)} bytes)"
    )


@app.command("list")
def list_(
    consultation: ConsultationSlug,
    as_json: AsJson = False,
) -> None:
    """The published editions of CONSULTATION's report, oldest first, with their SHA-256."""
    print_records(
        list_editions(state().db(), consultation=consultation),
        as_json=as_json,
        headers=("created", "format", "lang", "run", "bytes", "sha256", "by"),
        row=lambda e: (
            e.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            e.format,
            e.language,
            str(e.run_id or "-"),
            str(e.size),
            e.sha256,
            e.actor,
        ),
    )
