"""Alembic environment: runs on the connection handed over by ``storage.database.upgrade``."""

from __future__ import annotations

from alembic import context

from talqy.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when alembic is run by hand
    raise RuntimeError("run migrations through `talqy db upgrade`")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
