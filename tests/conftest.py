"""Fixtures shared by the whole suite.

``db`` runs a test on SQLite *and* on the PostgreSQL server the session starts; both databases
are copied from a migrated template, so every test starts from an empty, current schema.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from talqy.settings import Settings
from talqy.storage.database import Database, open_database
from tests.support.postgres import PostgresServer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CONSTITUTION = SHARED / "data" / "constitution"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Caches (draft vectors) go to a folder of this test session, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("TALQY_CACHE_DIR")
    os.environ["TALQY_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("TALQY_CACHE_DIR", None)
    else:
        os.environ["TALQY_CACHE_DIR"] = before


@pytest.fixture(scope="session", autouse=True)
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Secrets generated for PostgreSQL development installs go to a temporary folder, not ~."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("TALQY_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    server = PostgresServer.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS talqy_template"))
        conn.execute(text("CREATE DATABASE talqy_template"))
    admin.dispose()
    template_url = postgres_url.rsplit("/", 1)[0] + "/talqy_template"
    open_database(template_url).engine.dispose()
    return postgres_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.engine.dispose()
    return path


def _postgres_database(postgres_url: str) -> Iterator[Database]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE talqy_template"))
    url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
    db = open_database(url)
    try:
        yield db
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty, migrated database: SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "talqy.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    request.getfixturevalue("postgres_template")
    gen = _postgres_database(request.getfixturevalue("postgres_url"))
    db = next(gen)
    db.engine.dispose()
    yield db.url
    next(gen, None)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url, environment="test", secret_key="test-secret",
        cache_dir=os.environ.get("TALQY_CACHE_DIR"),
    )  # fmt: skip


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests ran on PostgreSQL, so a run that skipped them cannot pass unseen."""
    stats = terminalreporter.stats
    ran = [
        report
        for key in ("passed", "failed")
        for report in stats.get(key, [])
        if getattr(report, "when", "call") == "call" and "[postgres" in report.nodeid
    ]
    passed = sum(1 for report in ran if report.passed)
    terminalreporter.write_line(
        f"PostgreSQL-backed tests: {passed} passed, {len(ran) - passed} failed"
    )
