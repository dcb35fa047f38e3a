from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import talqy
from talqy.errors import ConfigError, Conflict, InvalidInput, NotFound
from talqy.intake.proposal_queries import list_consultations
from talqy.intake.text_search import SEARCH_INDEX, SEARCH_TABLE
from talqy.storage.consultations import (
    create_consultation,
    get_consultation,
)
from talqy.storage.database import Database, open_database
from talqy.storage.tables import metadata

# Every room defines its tables on the shared metadata: import every module that defines one
# (wherever it lives) so the comparison below sees every table.
PACKAGE = Path(talqy.__file__).parent
TABLE = re.compile(r'= Table\(\s*"\w+",\s*metadata\b')
TABLE_MODULES = sorted(
    ".".join(("talqy", *path.relative_to(PACKAGE).with_suffix("").parts))
    for path in PACKAGE.rglob("*.py")
    if "migrations" not in path.parts and TABLE.search(path.read_text(encoding="utf-8"))
)
for _module in TABLE_MODULES:
    importlib.import_module(_module)


def _in_metadata(name: str | None, type_: str, parent: object) -> bool:
    """Full-text search objects live in the migration only (FTS5 table and its shadow tables,
    PostgreSQL expression index): the comparison leaves them out, and only them."""
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLE):
        return False
    return not (type_ == "index" and name == SEARCH_INDEX)


def test_migrations_create_exactly_the_tables(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _in_metadata})
        diff = compare_metadata(context, metadata)
    assert diff == []
    names = set(inspect(db.engine).get_table_names())
    if db.engine.dialect.name == "sqlite":
        assert SEARCH_TABLE in names
    else:
        assert SEARCH_INDEX in {i["name"] for i in inspect(db.engine).get_indexes("proposals")}
    assert set(metadata.tables) <= set(inspect(db.engine).get_table_names())
    assert {"consultations", "proposals", "runs", "groups", "sessions"} <= set(metadata.tables)
    assert "talqy.review.tables" in TABLE_MODULES and "talqy.storage.tables" in TABLE_MODULES


def test_create_list_get_consultation(db: Database) -> None:
    created = create_consultation(db, slug="constitution-2026", title=" Конституция ")
    assert created.title == "Конституция"
    assert [c.slug for c in list_consultations(db)] == ["constitution-2026"]
    assert get_consultation(db, "constitution-2026").languages == ("kk", "ru", "en")


def test_duplicate_slug_is_a_conflict_and_writes_nothing(db: Database) -> None:
    create_consultation(db, slug="a", title="A")
    with pytest.raises(Conflict, match="already exists"):
        create_consultation(db, slug="a", title="B")
    assert [c.title for c in list_consultations(db)] == ["A"]


@pytest.mark.parametrize(
    ("slug", "title", "languages"),
    [("Bad Slug", "t", ("kk",)), ("ok", "  ", ("kk",)), ("ok", "t", ("de",)), ("ok", "t", ())],
)
def test_invalid_consultation_input(
    db: Database, slug: str, title: str, languages: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidInput):
        create_consultation(db, slug=slug, title=title, languages=languages)
    assert list_consultations(db) == []


def test_unknown_consultation(db: Database) -> None:
    with pytest.raises(NotFound, match="no consultation 'nope'"):
        get_consultation(db, "nope")


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "malformed database URL"),
        ("mysql://x@localhost/db", "unsupported database"),
        ("sqlite:////nonexistent-dir-talqy/x.db", "does not exist"),
    ],
)
def test_bad_database_urls(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_database(url)


def test_unwritable_database_path() -> None:
    # /proc refuses new files even to root, so this holds however the suite is run.
    with pytest.raises(ConfigError, match=r"not writable|cannot open"):
        open_database("sqlite:////proc/talqy-test.db")


def test_directory_as_database_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        open_database(f"sqlite:///{tmp_path}")


def test_postgres_unreachable_is_a_clean_error() -> None:
    with pytest.raises(ConfigError, match="cannot open database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/nowhere")
