"""`talqy db …`: database maintenance."""

from __future__ import annotations

import typer

from talqy.cli.context import out, state
from talqy.storage.database import create_db_engine, current_head, upgrade

app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_() -> None:
    """Apply database migrations up to the latest schema."""
    settings = state().settings
    engine = create_db_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    out.print(f"database at revision {current_head()}")
