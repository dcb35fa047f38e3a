"""Running the current scrubber again over proposals already stored.

Proposals stored by an earlier version may hold what today's scrubber masks (phones and e-mail
addresses in the kept text, IINs in other spellings, names, contact fields in clear). This pass
rewrites them in place, in short transactions of :data:`BATCH` rows: the kept and the display
text become the scrubbed kept text, article and region are scrubbed, an IIN in the author's
name is masked and phone and e-mail become masks. Ids, keys and hashes are left as they are.
Running it twice changes nothing the second time. Old versions of the rows may survive in free
pages of the database file: SQLite is vacuumed afterwards; on PostgreSQL run ``VACUUM FULL
proposals`` (dead rows never reach a ``pg_dump``, but they stay in the data files until then).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select, text, update

from talqy.intake.contacts import is_sealed
from talqy.intake.redaction import PLACEHOLDERS, redact, strip_iins
from talqy.intake.tables import proposals
from talqy.storage.database import Database

log = logging.getLogger("talqy.intake")
BATCH = 500
_COLUMNS = (
    proposals.c.id,
    proposals.c.text_original,
    proposals.c.text_display,
    proposals.c.article_raw,
    proposals.c.region,
    proposals.c.language,
    proposals.c.author_name,
    proposals.c.author_phone,
    proposals.c.author_email,
)


def _contact(value: str | None, mask: str) -> str | None:
    """A sealed address stays (it is not in clear); anything else becomes the mask."""
    return value if value is None or is_sealed(value) else mask


def _scrubbed(row: Any) -> dict[str, Any]:
    language = row.language
    masks = PLACEHOLDERS.get(language or "kk", PLACEHOLDERS["kk"])
    text = redact(row.text_original, language)
    return {
        "text_original": text,
        "text_display": text,
        "article_raw": None if row.article_raw is None else redact(row.article_raw, language),
        "region": None if row.region is None else redact(row.region, language),
        "author_name": None if row.author_name is None else strip_iins(row.author_name, language),
        "author_phone": _contact(row.author_phone, masks["phone"]),
        "author_email": _contact(row.author_email, masks["email"]),
    }


def rescrub_proposals(db: Database) -> int:
    """Scrub every stored proposal again; the number of proposals changed."""
    changed = 0
    last_id = 0
    while True:
        with db.engine.begin() as conn:
            rows = conn.execute(
                select(*_COLUMNS)
                .where(proposals.c.id > last_id)
                .order_by(proposals.c.id)
                .limit(BATCH)
            ).all()
            for row in rows:
                values = _scrubbed(row)
                if any(getattr(row, key) != value for key, value in values.items()):
                    conn.execute(update(proposals).where(proposals.c.id == row.id).values(values))
                    changed += 1
        if not rows:
            break
        last_id = rows[-1].id
    if changed and db.dialect == "sqlite":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM"))
    log.info("scrubbed stored proposals again: %d changed", changed)
    return changed
