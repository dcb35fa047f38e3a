"""The table of a consultation's public description and dated phases (one row per consultation).

A consultation without a row here (created before phases existed) is open for proposals.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Table, Text

from talqy.storage.tables import metadata

consultation_details = Table(
    "consultation_details",
    metadata,
    Column(
        "consultation_id",
        ForeignKey("consultations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("title_kk", Text),
    Column("title_ru", Text),
    Column("title_en", Text),
    Column("description_kk", Text),
    Column("description_ru", Text),
    Column("description_en", Text),
    Column("body", Text),
    Column("opens_at", DateTime(timezone=True)),
    Column("closes_at", DateTime(timezone=True)),
    Column("decisions_at", DateTime(timezone=True)),
    Column("report_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
