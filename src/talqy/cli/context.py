"""What every command needs: settings built once per invocation, a database, a console."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

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
