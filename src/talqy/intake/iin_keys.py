"""Which key hashes IINs: ``TALQY_IIN_HASH_KEY``, or a random key drawn once per installation.

Without a configured key, the first process that needs one draws 32 random bytes and stores
them in the ``iin_hash_keys`` table of its own database (insert-if-absent: concurrent processes
end up with the same key), and says so once in the log. Two installations therefore never hash
the same IIN alike, and the key is never a constant of the code. Setting
``TALQY_IIN_HASH_KEY`` (kept outside the database) is better still: a copy of the database
alone then gives no way to test guesses at all. Changing the key or the cost rotates: new
hashes carry the new key id (see :mod:`talqy.intake.iin`).
"""

from __future__ import annotations

import logging
import secrets
import weakref
from datetime import UTC, datetime

from sqlalchemy import select

from talqy.intake.contacts import ContactSealer
from talqy.intake.iin import IinHasher
from talqy.intake.tables import iin_hash_keys
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.storage.inserts import insert_ignoring_duplicates

log = logging.getLogger("talqy.intake")
INSTALLATION = "installation"

_SEALERS: weakref.WeakKeyDictionary[Database, dict[str | None, ContactSealer]] = (
    weakref.WeakKeyDictionary()
)
_HASHERS: weakref.WeakKeyDictionary[Database, dict[tuple[str | None, int], IinHasher]] = (
    weakref.WeakKeyDictionary()
)


def installation_key(db: Database) -> bytes:
    """The installation's own key, drawn and stored on first use."""
    with db.engine.begin() as conn:
        statement = insert_ignoring_duplicates(conn, iin_hash_keys).values(
            name=INSTALLATION, secret=secrets.token_hex(32), created_at=datetime.now(UTC)
        )
        created = conn.execute(statement)
        secret = conn.execute(
            select(iin_hash_keys.c.secret).where(iin_hash_keys.c.name == INSTALLATION)
        ).scalar_one()
    if created.rowcount:
        log.warning(
            "drew a random IIN hashing key for this installation and stored it in the database; "
            "set TALQY_IIN_HASH_KEY to keep the key outside it"
        )
    return bytes.fromhex(secret)


def iin_hasher(db: Database, settings: Settings) -> IinHasher:
    """The hasher for ``db`` under ``settings`` (built once per database and key)."""
    per_db = _HASHERS.setdefault(db, {})
    marker = (settings.iin_hash_key, settings.iin_hash_cost)
    hasher = per_db.get(marker)
    if hasher is None:
        configured = settings.iin_hash_key
        key = configured.encode("utf-8") if configured else installation_key(db)
        hasher = per_db[marker] = IinHasher(key, settings.iin_hash_cost)
    return hasher


def contact_sealer(db: Database, settings: Settings) -> ContactSealer:
    """The sealer of contact addresses for ``db``: keyed like the IIN hash, for another purpose
    (built once per database and key, like the hasher)."""
    per_db = _SEALERS.setdefault(db, {})
    configured = settings.iin_hash_key
    sealer = per_db.get(configured)
    if sealer is None:
        key = configured.encode("utf-8") if configured else installation_key(db)
        sealer = per_db[configured] = ContactSealer(key)
    return sealer
