"""The installation's secret: strength check for production, a generated one for development.

Production refuses a ``TALQY_SECRET_KEY`` that is short (< 32 bytes) or low in entropy
(one character repeated, a short pattern repeated). Development without a configured secret
uses a random one generated once per installation and kept beside the database (``<db>.secret``
for SQLite; a file in the user's data folder, named after the database URL, otherwise), so no
two installations share a secret and none is a constant in the code.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import secrets
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from talqy.errors import ConfigError

log = logging.getLogger("talqy")
MIN_SECRET_BYTES = 32
MIN_SECRET_BITS = 96.0
MIN_DISTINCT = 8
_EPHEMERAL: dict[str, str] = {}


def weak_secret_reason(secret: str) -> str | None:
    """Why ``secret`` is too weak to sign sessions in production, or None when it will do."""
    raw = secret.encode("utf-8")
    if len(raw) < MIN_SECRET_BYTES:
        return f"it has {len(raw)} bytes, fewer than {MIN_SECRET_BYTES}"
    counts = Counter(raw)
    if len(counts) < MIN_DISTINCT:
        return f"it uses only {len(counts)} distinct characters"
    bits = -sum(n * math.log2(n / len(raw)) for n in counts.values())
    if bits < MIN_SECRET_BITS or _is_repeated_pattern(raw):
        return "it is low in entropy (a repeated pattern)"
    return None


def _is_repeated_pattern(raw: bytes) -> bool:
    """True when ``raw`` is a block of at most a quarter of its length repeated."""
    for size in range(1, len(raw) // 4 + 1):
        block = raw[:size]
        if (block * (len(raw) // size + 1))[: len(raw)] == raw:
            return True
    return False


def secret_file(database_url: str) -> Path:
    """Where the generated secret of the installation using ``database_url`` is kept."""
    parts = urlsplit(database_url)
    if _is_sqlite(database_url):
        database = parts.path[1:] if parts.path.startswith("/") else parts.path
        if database and database != ":memory:":
            return Path(database).resolve().with_name(Path(database).name + ".secret")
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    without_password = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    name = hashlib.sha256(without_password.encode("utf-8")).hexdigest()[:16]
    return base / "talqy" / f"secret-{name}"


def installation_secret(database_url: str, *, persist: bool = True) -> str:
    """This installation's generated secret; created (and announced once) on first use."""
    if not persist:
        return _EPHEMERAL.setdefault(database_url, secrets.token_urlsafe(48))
    path = secret_file(database_url)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    try:
        if not _is_sqlite(database_url):
            path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError:
        # no folder to keep it in: the database cannot be opened there either, and opening it
        # reports that clearly; until then a secret for this process only
        return installation_secret(database_url, persist=False)
    secret = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secret + "\n")
    _announce(path)
    return secret


def _is_sqlite(database_url: str) -> bool:
    return urlsplit(database_url).scheme.startswith("sqlite")


def _announce(path: Path) -> None:
    """Say once, when it is made, that a development secret was generated (and where)."""
    message = (
        f"TALQY_SECRET_KEY is not set: generated a random development secret in {path} "
        "(set TALQY_SECRET_KEY in production)"
    )
    log.info(message)
    if sys.stderr is not None and sys.stderr.isatty():
        print(message, file=sys.stderr)


def _read(path: Path) -> str:
    secret = path.read_text(encoding="ascii").strip()
    if weak_secret_reason(secret) is not None:
        raise ConfigError(f"the generated secret in {path} is damaged; delete the file")
    return secret
