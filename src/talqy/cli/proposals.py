"""`talqy proposals …`: import files, list and export proposals, look up a receipt."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from talqy.cli.context import err, out, print_records, state
from talqy.cli.options import AsJson, ConsultationSlug
from talqy.intake import (
    ImportProgress,
    export_proposals,
    import_proposals,
    list_proposals,
    receipt_status,
)
from talqy.intake.columns import load_mapping, parse_map_options
from talqy.intake.rescrub import rescrub_proposals
from talqy.systematization.placement import PlacementSummary, place_proposals

app = typer.Typer(
    help="Import, list and export proposals; look up a receipt.", no_args_is_help=True
)


@app.command("import")
def import_(
    consultation: ConsultationSlug,
    file: Annotated[Path, typer.Argument(help="CSV/TSV, XLSX, JSON Lines or JSON file.")],
    channel: Annotated[
        str | None, typer.Option(help="Channel for rows whose channel column is empty.")
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="JSON or TOML file mapping fields to column names.")
    ] = None,
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN, e.g. --map text=Текст.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of a text file (default: detected; bad UTF-8 is refused)."),
    ] = None,
    place: Annotated[
        bool,
        typer.Option(help="Place the new proposals against the latest run (TALQY_PLACEMENT)."),
    ] = True,
) -> None:
    """Import proposals from a file (idempotent: rerunning adds nothing twice)."""
    columns = load_mapping(mapping) if mapping else {}
    columns.update(parse_map_options(map_ or []))
    current = state()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("importing", total=1.0)

        def show(step: ImportProgress) -> None:
            bar.update(task, completed=step.fraction, description=f"{step.rows:,} rows")

        summary = import_proposals(
            current.db(),
            settings=current.settings,
            consultation=consultation,
            path=file,
            channel=channel,
            mapping=columns,
            progress=show,
            encoding=encoding,
        )
    line = (
        f"imported {summary.imported}, already present {summary.already_present}, "
        f"rejected {summary.rejected}"
    )
    if summary.reject_path is not None:
        line += f" → {summary.reject_path}"
    typer.echo(line)
    if place and summary.imported:
        placed = place_proposals(current.db(), consultation, settings=current.settings)
        err.print(_placement_line(placed), markup=False, highlight=False, soft_wrap=True)


def _placement_line(summary: PlacementSummary) -> str:
    if summary.run_id is None:
        return summary.message
    counts = summary.counts()
    return (
        f"placed {len(summary.placed)} against run {summary.run_id}: "
        f"joined {counts['joined']}, new groups {counts['new_groups']} "
        f"(noise {counts['noise']}), analysed only {counts['analysed_only']}, "
        f"embedded {summary.embedded}, {summary.seconds:.2f} s"
    )


@app.command("place")
def place_cmd(
    consultation: ConsultationSlug,
    as_json: AsJson = False,
) -> None:
    """Place every proposal that is in no review group yet against the latest run."""
    current = state()
    summary = place_proposals(current.db(), consultation, settings=current.settings)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(_placement_line(summary))


@app.command("list")
def list_(
    consultation: ConsultationSlug,
    as_json: AsJson = False,
    limit: Annotated[int | None, typer.Option(help="At most this many proposals.")] = None,
    query: Annotated[
        str | None,
        typer.Option(help="Only proposals whose text holds every word of this (any case)."),
    ] = None,
) -> None:
    """List proposals (display copy: personal data masked, no author fields) with their group."""
    print_records(
        list_proposals(state().db(), consultation=consultation, limit=limit, query=query),
        as_json=as_json,
        headers=("id", "channel", "external id", "article", "language", "group", "text"),
        row=lambda p: (
            str(p.id),
            p.channel,
            p.external_id or "",
            p.article_number or "",
            p.language or "",
            "" if p.group is None else str(p.group),
            p.text if len(p.text) <= 80 else p.text[:79] + "…",
        ),
        markup=False,
    )


@app.command("export")
def export(
    consultation: ConsultationSlug,
    format: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    out_path: Annotated[Path | None, typer.Option("--out", help="File (default: stdout).")] = None,
) -> None:
    """Export proposals (display copy only), streamed; CSV is safe against formulas."""
    chunks = export_proposals(state().db(), consultation=consultation, format=format)
    if out_path is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    with out_path.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
    err.print(f"written {out_path}", markup=False, highlight=False)


@app.command("scrub")
def scrub() -> None:
    """Run today's personal-data scrubber again over every stored proposal (after an upgrade)."""
    changed = rescrub_proposals(state().db())
    out.print(f"scrubbed again: {changed} proposals changed")


@app.command("status")
def status(
    receipt: Annotated[str, typer.Argument(help="Receipt code, e.g. 7KQM-2ZTD-HX9C.")],
    as_json: AsJson = False,
    language: Annotated[str, typer.Option(help="kk, ru or en.")] = "kk",
) -> None:
    """What became of a proposal: received, under review, or the published decision."""
    data = receipt_status(state().db(), code=receipt).to_dict(language)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{data['receipt_code']}: {data['status_label']} ({data['consultation']})")
    if data["decision"]:
        typer.echo(f"{data['decision_label']}: {data['reasoning'] or ''}".rstrip(": "))


@app.command("tally")
def tally(
    file: Annotated[Path, typer.Argument(help="CSV/TSV, XLSX, JSON Lines or JSON file.")],
    top: Annotated[int, typer.Option(help="How many of the most frequent texts to show.")] = 20,
    text_column: Annotated[str, typer.Option(help="Column holding the text.")] = "text",
    as_json: AsJson = False,
) -> None:
    """Count identical texts in a file (streamed; no database needed)."""
    from talqy.intake.tally import tally_file

    result = tally_file(file, text_column=text_column, top=top)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    out.print(
        f"{result.rows} rows, {result.empty} empty, {result.distinct} distinct texts, "
        f"{result.duplicates} repeats ({result.seconds:.1f} s)"
    )
    table = Table("count", "share", "text")
    for item in result.top:
        table.add_row(str(item.count), f"{item.share:.1%}", (item.text or "")[:120])
    out.print(table)
