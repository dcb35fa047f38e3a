"""`talqy report`: write a consultation's public report as HTML, PDF, JSON, CSV or open data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from talqy.cli.context import err, state
from talqy.errors import InvalidInput
from talqy.reports import export_report


def report(
    consultation: Annotated[str, typer.Argument(help="Slug of the consultation.")],
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
    """Write the public report of CONSULTATION (only published decisions, no personal data)."""
    if out is not None and out.is_dir():
        raise InvalidInput(f"--out is a directory: {out}", field="out")
    made = export_report(state().db(), consultation=consultation, fmt=fmt, language=language)
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
