"""What every command needs: settings built once per invocation, a database, a console."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from talqy.logging_setup import configure_logging
from talqy.settings import Settings, load_settings
from talqy.storage.database import Database, open_database

out = Console(soft_wrap=True)
err = Console(stderr=True)


@dataclass
class AppState:
    settings: Settings
    _db: Database | None = field(default=None, repr=False)

    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.settings.database_url)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.engine.dispose()
            self._db = None


_STATE: ContextVar[AppState | None] = ContextVar("talqy_cli_state", default=None)


def start() -> AppState:
    """Build settings and logging for one invocation (the root callback calls this)."""
    settings = load_settings()
    configure_logging(settings.log_level, as_json=settings.log_json)
    current = AppState(settings=settings)
    _STATE.set(current)
    return current


def state() -> AppState:
    """The state of the running command."""
    current = _STATE.get()
    return current if current is not None else start()


class ImportReport(Protocol):
    @property
    def rejected(self) -> int: ...

    @property
    def rejects_file(self) -> Path | None: ...

    def to_dict(self) -> dict[str, object]: ...


def run_import(importer: Callable[..., ImportReport], path: Path, **scope: str | None) -> None:
    """Run a file import of the sessions room (``scope``: its consultation or programme) in
    batches of ``TALQY_IMPORT_BATCH_SIZE`` and print its report."""
    current = state()
    report = importer(
        current.db(), path=path, batch_size=current.settings.import_batch_size, **scope
    )
    print_import_report(report)


def print_import_report(report: ImportReport) -> None:
    """An import's summary as one JSON line on stdout; where its rejected rows went on stderr."""
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.rejects_file:
        err.print(f"{report.rejected} row(s) rejected: see {report.rejects_file}")


class Record(Protocol):
    def to_dict(self) -> dict[str, object]: ...


R = TypeVar("R", bound=Record)


def print_records(
    items: Iterable[R],
    *,
    as_json: bool,
    headers: Sequence[str],
    row: Callable[[R], Sequence[str]],
    markup: bool = True,
) -> None:
    """A list command's output: a JSON array with ``--json``, else a table, one row an item
    (``markup=False`` where cells hold text as people wrote it)."""
    if as_json:
        typer.echo(json.dumps([item.to_dict() for item in items], ensure_ascii=False, indent=2))
        return
    table = Table(*headers)
    for item in items:
        table.add_row(*row(item))
    out.print(table, markup=markup)
