"""``talqy draft``: parse a draft law and compare two versions of it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from talqy.cli.options import AsJson, ConsultationSlug
from talqy.documents.diff import STATUSES, diff_documents
from talqy.documents.model import Document
from talqy.documents.parser import parse_document
from talqy.errors import TalqyError

app = typer.Typer(
    help="Draft law documents: parse Markdown, text, DOCX or PDF into articles; diff two versions.",
    no_args_is_help=True,
)

F = TypeVar("F", bound=Callable[..., Any])
FileArg = Annotated[
    Path,
    typer.Argument(
        exists=False, dir_okay=False, help="Markdown, text, DOCX or PDF (with a text layer) file."
    ),
]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", "-l", help="kk, ru or en (detected when omitted).")
]


def reports_errors(command: F) -> F:
    """Print a ``TalqyError`` as one ``error: …`` line on stderr and exit with status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except TalqyError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The ``parse --json`` shape: language and articles with points as strings."""
    return {
        "language": doc.language,
        "articles": [
            {
                "number": article.number,
                "section": article.section,
                "title": article.title,
                "text": article.text,
                "points": [point.as_text() for point in article.points],
            }
            for article in doc.articles
        ],
    }


@app.command("parse")
@reports_errors
def parse_command(file: FileArg, language: LanguageOpt = None, as_json: AsJson = False) -> None:
    """Parse FILE into sections, articles and points."""
    doc = parse_document(file, language=language, name=str(file))
    for warning in doc.warnings:
        typer.echo(f"warning: {file}: {warning}", err=True)
    if as_json:
        typer.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{file.name}: {len(doc.articles)} articles ({doc.language})")
    for column in ("article", "section", "title", "points", "sub-points", "notes", "words"):
        table.add_column(column)
    for article in doc.articles:
        table.add_row(
            article.number,
            article.section or "",
            article.title or "",
            str(sum(1 for point in article.points if point.number)),
            str(sum(len(point.subpoints) for point in article.points)),
            str(len(article.notes)),
            str(len(article.text.split())),
        )
    Console(file=sys.stdout).print(table)


@app.command("diff")
@reports_errors
def diff_command(old: FileArg, new: FileArg, as_json: AsJson = False) -> None:
    """Compare OLD and NEW article by article."""
    result = diff_documents(parse_document(old, name=str(old)), parse_document(new, name=str(new)))
    data = result.to_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout)
    summary = Table(title=f"{old.name} → {new.name}")
    for column in ("old articles", "new articles", *STATUSES, "changed share"):
        summary.add_column(column)
    summary.add_row(
        str(data["old_articles"]),
        str(data["new_articles"]),
        *(str(data[status]) for status in STATUSES),
        f"{result.changed_share:.1%}",
    )
    console.print(summary)
    pairs = Table()
    for column in ("old", "new", "status", "similarity"):
        pairs.add_column(column)
    for pair in result.pairs:
        pairs.add_row(
            pair.old_number or "",
            pair.new_number or "",
            pair.status.value,
            f"{pair.similarity:.2f}",
        )
    console.print(pairs)


@app.command("import")
def import_command(
    consultation: ConsultationSlug,
    file: FileArg,
    version: Annotated[str, typer.Option("--version", help="Version label, e.g. 2026-draft.")],
    language: LanguageOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace a stored copy.")] = False,
) -> None:
    """Store a draft version (one language) in a consultation."""
    from talqy.cli.context import out, state
    from talqy.intake.drafts import import_draft

    stored, document = import_draft(
        state().db(),
        consultation=consultation,
        path=file,
        version=version,
        language=language,
        replace=replace,
    )
    for warning in document.warnings:
        typer.echo(f"warning: {warning}", err=True)
    out.print(
        f"stored {stored.articles} articles of version [bold]{stored.version}[/bold] "
        f"({stored.language}) in {consultation}"
    )
