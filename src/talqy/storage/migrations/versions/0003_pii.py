"""IIN hashing key of the installation

Revision ID: 0003_pii
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from talqy.storage.migrations.columns import created_at, primary_key

revision = "0003_pii"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "iin_hash_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        created_at(),
        primary_key("iin_hash_keys", "name"),
    )


def downgrade() -> None:
    op.drop_table("iin_hash_keys")
