"""``talqy systematize``: language, duplicates, campaigns, themes, articles and stance.

Reads proposals from CSV or JSONL (``id`` and ``text`` required; ``language``, ``article``,
``channel``, ``region``, ``submitted_at``, ``author_key`` optional), optional draft files,
and writes one JSON object per proposal (input order) and a themes file. Progress and the
summary table go to stderr.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from talqy.analysis.engines import engine_from_settings
from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput, SystematizationResult
from talqy.cli.progress import stage_progress
from talqy.errors import InvalidInput, ParseError, TalqyError
from talqy.settings import cache_folder, load_settings

MAX_TEXT_CHARS = 20_000
MAX_FILE_BYTES = 512 * 1024 * 1024
FIELDS = ("language", "article", "channel", "region", "author_key")


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", field="proposals") from None
    if not raw.strip():
        raise InvalidInput(f"{path} is empty", field="proposals")
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(f"{path} is larger than 512 MB", field="proposals")
    if b"\x00" in raw[:65536]:
        raise ParseError(f"{path} is not a text file (CSV or JSONL expected)", path=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"{path} is not UTF-8 text (CSV or JSONL expected)", path=str(path), position=exc.start
        ) from None


def _records(path: Path, text: str, warn: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        out = []
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                warn.append(f"line {line_no}: not a JSON object, skipped")
                continue
            if isinstance(obj, dict):
                out.append((line_no, obj))
            else:
                warn.append(f"line {line_no}: not a JSON object, skipped")
        if not any("text" in obj for _, obj in out):
            raise InvalidInput(f"{path}: no 'text' field in any line", field="text")
        return out
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "text" not in header:
        raise InvalidInput(f"{path}: the CSV header has no 'text' column", field="text")
    reader.fieldnames = header
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    out = []
    try:
        for row in reader:
            out.append((reader.line_num, dict(row)))
    except csv.Error as exc:
        raise ParseError(f"{path}: {exc}", path=str(path), line=reader.line_num) from None
    return out


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def read_proposals(path: Path, warn: list[str]) -> list[ProposalInput]:
    """Proposals from a CSV or JSONL file; problems in single rows become warnings."""
    proposals = []
    for line, obj in _records(path, _decode(path), warn):
        text = obj.get("text")
        text = "" if text is None else str(text)
        if len(text) > MAX_TEXT_CHARS:
            warn.append(f"line {line}: text of {len(text):,} characters cut to {MAX_TEXT_CHARS:,}")
            text = text[:MAX_TEXT_CHARS]
        pid = str(obj.get("id") or "").strip() or f"line-{line}"
        extra = {k: (str(obj[k]).strip() or None) if obj.get(k) else None for k in FIELDS}
        proposals.append(
            ProposalInput(pid, text, submitted_at=_when(obj.get("submitted_at")), **extra)
        )
    if not proposals:
        raise InvalidInput(f"{path} holds no proposals", field="proposals")
    return proposals


def read_drafts(paths: list[Path]) -> list[ArticleText]:
    from talqy.documents.parser import parse_document

    articles = []
    for path in paths:
        doc = parse_document(path)
        articles += [ArticleText(a.number, doc.language, a.text) for a in doc.articles if a.text]
    return articles


def summary_table(result: SystematizationResult) -> Table:
    rows = result.rows
    table = Table(title="Systematization", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    langs = Counter(r.language for r in rows)
    table.add_row("proposals", str(len(rows)))
    table.add_row("languages", ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    table.add_row("duplicate groups", str(len({r.duplicate_group for r in rows})))
    table.add_row("campaigns", str(len(result.campaigns)))
    table.add_row("positions", str(len(result.positions)))
    table.add_row("themes", str(len(result.themes)))
    table.add_row("without theme", str(sum(r.theme_id is None for r in rows)))
    table.add_row("linked to an article", str(sum(bool(r.articles) for r in rows)))
    stances = Counter(r.stance for r in rows)
    table.add_row("stance", ", ".join(f"{k} {v}" for k, v in sorted(stances.items())))
    return table


def write_outputs(
    result: SystematizationResult,
    out: Path,
    themes_out: Path | None,
    positions_out: Path | None = None,
) -> None:
    try:
        with out.open("w", encoding="utf-8") as fh:
            for row in result.rows:
                fh.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        if themes_out is not None:
            data = [t.to_dict() for t in result.themes]
            themes_out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        if positions_out is not None:
            data = [p.to_dict() for p in result.positions]
            positions_out.write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    except OSError as exc:
        raise InvalidInput(f"cannot write output: {exc.strerror}", field="out") from None


def systematize(
    proposals: Annotated[Path, typer.Argument(help="CSV or JSONL with id and text.")],
    out: Annotated[Path, typer.Option("--out", help="Write one JSON object per proposal here.")],
    draft: Annotated[
        list[Path] | None, typer.Option("--draft", help="Draft law file (repeat per language).")
    ] = None,
    themes_out: Annotated[
        Path | None, typer.Option("--themes-out", help="Write the themes as JSON here.")
    ] = None,
    positions_out: Annotated[
        Path | None,
        typer.Option("--positions-out", help="Write the positions (asks) as JSON here."),
    ] = None,
    embedder: Annotated[str, typer.Option("--embedder", help="e5, static or hashing.")] = "e5",
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
) -> None:
    """Group duplicates and campaigns, find themes, articles and stance for proposals."""
    console = Console(stderr=True)
    try:
        warnings: list[str] = []
        items = read_proposals(proposals, warnings)
        for line in warnings[:20]:
            typer.echo(f"warning: {line}", err=True)
        if len(warnings) > 20:
            typer.echo(f"warning: … and {len(warnings) - 20} more", err=True)
        articles = read_drafts(list(draft or []))
        settings = load_settings()
        engine = engine_from_settings(settings)
        pipeline = Systematizer(
            embedder=embedder,
            engine=engine,
            random_state=seed,
            vector_cache=str(cache_folder(settings) / "vectors"),
        )
        try:
            with stage_progress(console) as progress:
                result = pipeline.run(items, articles or None, progress=progress)
        finally:
            engine.close()
        write_outputs(result, out, themes_out, positions_out)
        console.print(summary_table(result))
    except TalqyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
