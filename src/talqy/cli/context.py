"""What every command needs: settings built once per invocation, a database, a console."""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import typer
from rich.console import Console

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


def print_import_report(report: ImportReport) -> None:
    """An import's summary as one JSON line on stdout; where its rejected rows went on stderr."""
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.rejects_file:
        err.print(f"{report.rejected} row(s) rejected: see {report.rejects_file}")
