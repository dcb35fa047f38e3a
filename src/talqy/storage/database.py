"""Opening a database: URL checks, SQLite pragmas, migrations on first use."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Column, Engine, Executable, Row, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from talqy.errors import ConfigError, NotFound

log = logging.getLogger("talqy.storage")
MIGRATIONS = Path(__file__).with_name("migrations")
R = TypeVar("R")


@dataclass(frozen=True)
class Database:
    """An engine plus what the rest of the code needs to know about it."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _check_sqlite_path(database: str | None) -> None:
    if not database or database == ":memory:":
        return
    path = Path(database).expanduser().resolve()
    if path.is_dir():
        raise ConfigError(f"database path is a directory: {path}", field="database_url")
    parent = path.parent
    if not parent.is_dir():
        raise ConfigError(f"database folder does not exist: {parent}", field="database_url")
    probe = path if path.exists() else parent
    import os

    if not os.access(probe, os.W_OK):
        raise ConfigError(f"database path is not writable: {path}", field="database_url")


def create_db_engine(url: str) -> Engine:
    """Create an engine for ``url``; a malformed or unusable URL becomes ``ConfigError``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"malformed database URL: {url!r}", field="database_url") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_path(parsed.database)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except ImportError:
            raise ConfigError("PostgreSQL needs the [postgres] extra (psycopg)") from None
    raise ConfigError(f"unsupported database {backend!r}: use sqlite or postgresql")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to ``revision``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return MigrationContext.configure(connection).get_current_revision() == current_head()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open ``url`` and bring its schema up to date (every command calls this)."""
    engine = create_db_engine(url)
    try:
        if migrate and not _is_current(engine):
            log.info("applying database migrations")
            upgrade(engine)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigError(f"cannot open database: {reason}", field="database_url") from None
    return Database(engine=engine, url=url)


def first_row(db: Database, query: Executable) -> Row[Any] | None:
    """The first row ``query`` returns, or None."""
    with db.engine.connect() as conn:
        return conn.execute(query).first()


def all_rows(db: Database, query: Executable) -> list[Row[Any]]:
    """Every row ``query`` returns."""
    with db.engine.connect() as conn:
        return list(conn.execute(query))


def from_row(record: type[R], row: Row[Any], **values: Any) -> R:
    """The dataclass ``record`` built from ``row``: each field from the column of its name,
    unless ``values`` gives it (a renamed or converted column)."""
    columns = row._mapping
    found = {
        f.name: columns[f.name]
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.name not in values and f.name in columns
    }
    return record(**found, **values)


def found_row(db: Database, query: Executable, missing: NotFound) -> Row[Any]:
    """The first row ``query`` returns; ``missing`` is raised when there is none."""
    row = first_row(db, query)
    if row is None:
        raise missing
    return row


def row_where(db: Database, column: Column[Any], value: object, missing: NotFound) -> Row[Any]:
    """The row of ``column``'s table whose ``column`` equals ``value`` (a key: one row at
    most); ``missing`` is raised when there is none."""
    return found_row(db, select(column.table).where(column == value), missing)
