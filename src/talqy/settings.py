"""Settings, read from the environment (prefix ``TALQY_``) or passed in explicitly.

Settings are built in entry points (``cli``, ``web``) and passed down; nothing reads them at
import time. Every field is documented in ``docs/settings.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from talqy.errors import ConfigError

DEVELOPMENT_SECRET = "development-only-secret-change-me"


def cache_folder(settings: Settings) -> Path:
    """The folder caches are kept in (``TALQY_CACHE_DIR``, else the user's cache folder)."""
    if settings.cache_dir:
        return Path(settings.cache_dir).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talqy"


class Settings(BaseSettings):
    """Everything that can be configured, with safe defaults for a laptop."""

    model_config = SettingsConfigDict(env_prefix="TALQY_", extra="ignore", frozen=True)

    database_url: str = Field(
        "sqlite:///talqy.db",
        description="SQLAlchemy URL of the database (sqlite:///path or postgresql+psycopg://…).",
    )
    environment: Literal["development", "production", "test"] = Field(
        "development", description="development allows the default secret; production refuses it."
    )
    secret_key: str = Field(
        DEVELOPMENT_SECRET,
        description="Secret for the keyed hash of IINs, session cookies and CSRF tokens.",
    )
    default_language: Literal["kk", "ru", "en"] = Field(
        "kk", description="Language of pages and messages when the visitor states none."
    )
    max_proposal_chars: int = Field(
        20_000, ge=100, description="Longest proposal text accepted; longer rows are rejected."
    )
    import_batch_size: int = Field(
        1_000, ge=1, description="Rows committed per transaction during a bulk import."
    )
    embedder: Literal["e5", "hashing", "static"] = Field(
        "e5", description="Embedder used by systematization: e5 (model), hashing or static."
    )
    engine: Literal["local", "dask"] = Field(
        "local", description="Execution engine of the pipeline: local threads or Dask."
    )
    dask_scheduler: str | None = Field(
        None, description="Address of a Dask scheduler (tcp://host:8786); local threads if unset."
    )
    cache_dir: str | None = Field(
        None,
        description="Folder for cached draft vectors (per draft version and model); "
        "unset: $XDG_CACHE_HOME/talqy or ~/.cache/talqy.",
    )
    smtp_url: str | None = Field(
        None,
        description="Mail server for answers: smtp://[user:password@]host:port[?starttls=1] or "
        "smtps://…; no e-mail is sent if unset.",
    )
    mail_from: str = Field(
        "talqy@localhost", description="Sender address of the answers sent by e-mail."
    )
    sms_url: str | None = Field(
        None,
        description="SMS gateway: answers to submitters with a phone and no e-mail are POSTed "
        "there as JSON {to, text, reference}; no SMS if unset.",
    )
    public_url: str | None = Field(
        None, description="Public address of the site (https://…), used in links in messages."
    )
    outbox_background: bool = Field(
        True, description="The web server sends pending messages itself, in the background."
    )
    outbox_interval: float = Field(
        30.0, gt=0, description="Seconds between two background passes over the outbox."
    )
    outbox_max_attempts: int = Field(
        8, ge=1, description="Attempts before a message that keeps failing is given up."
    )
    outbox_retry_seconds: float = Field(
        60.0, ge=0, description="First retry delay; it doubles with each attempt (up to 6 h)."
    )
    outbox_erase_addresses: bool = Field(
        True,
        description="Delete a submitter's e-mail or phone once the answer is delivered or bounced.",
    )
    max_upload_mb: int = Field(
        100, ge=1, description="Largest file the web console accepts, in MiB."
    )
    iin_hash_key: str | None = Field(
        None,
        min_length=16,
        description="Key of the IIN hash (at least 16 characters); unset: a random key drawn "
        "once per installation and kept in its database.",
    )
    iin_hash_cost: int = Field(
        10, ge=8, le=20, description="Cost of the IIN hash: scrypt with 2**cost KiB of memory."
    )
    import_max_line_chars: int = Field(
        1 << 22,
        ge=1024,
        description="Longest CSV or JSON Lines line (and JSON array element) read in an import.",
    )
    import_max_cell_chars: int = Field(
        1 << 20, ge=1024, description="Longest single cell or JSON element read during an import."
    )
    import_max_columns: int = Field(
        1_000, ge=16, description="Most columns a row of an imported file may have."
    )
    import_max_xlsx_bytes: int = Field(
        1 << 30, ge=1 << 20, description="Most bytes an XLSX workbook may expand to."
    )
    import_max_shared_chars: int = Field(
        1 << 27, ge=1 << 16, description="Most characters of shared strings an XLSX may hold."
    )
    import_encoding: str | None = Field(
        None,
        description="Encoding of imported text files; unset: detected, and refused unless sure.",
    )
    log_level: str = Field("WARNING", description="Logging level (DEBUG, INFO, WARNING, ERROR).")
    log_json: bool = Field(False, description="Write logs as one JSON object per line.")

    def check(self) -> Settings:
        """Refuse settings that cannot work safely."""
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET:
            raise ConfigError(
                "TALQY_SECRET_KEY must be set outside development", field="secret_key"
            )
        return self


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment plus explicit overrides; errors become ConfigError."""
    try:
        return Settings(**overrides).check()  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting TALQY_{field.upper()}: {first['msg']}") from None
