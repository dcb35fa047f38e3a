"""Settings, read from the environment (prefix ``TALQY_``) or passed in explicitly.

Settings are built in entry points (``cli``, ``web``) and passed down; nothing reads them at
import time. Every field is documented in ``docs/settings.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from talqy.errors import ConfigError
from talqy.secret_key import installation_secret, weak_secret_reason

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
        "development",
        description="development generates a secret when none is set; production refuses a "
        "missing or weak one.",
    )
    secret_key: str = Field(
        "",
        description="Secret signing session cookies and CSRF tokens (at least 32 random bytes "
        "in production); unset in development: one is generated per installation.",
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
    placement: bool = Field(
        True,
        description="Place each new proposal (form, API, import) against the latest run at once.",
    )
    engine: Literal["local", "dask"] = Field(
        "local", description="Execution engine of the pipeline: local threads or Dask."
    )
    dask_scheduler: str | None = Field(
        None, description="Address of a Dask scheduler (tcp://host:8786); local threads if unset."
    )
    dask_partition_size: int = Field(
        2000, ge=1, description="Proposals per Dask task (per-proposal stages on a cluster)."
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
    jobs_background: bool = Field(
        True, description="The web server runs queued jobs (systematization) itself, one at a time."
    )
    jobs_poll_interval: float = Field(
        2.0, gt=0, description="Seconds between two looks for a queued job when none is running."
    )
    jobs_stale_seconds: float = Field(
        30.0,
        ge=0,
        description="A running job whose server has not reported for this long is marked failed "
        "(at start-up and between jobs); 0: every running job found at start-up.",
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
    max_body_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, description="Largest request body accepted; larger gets 413."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For is believed; none by default.",
    )
    staff_idle_minutes: int = Field(
        30, ge=1, le=24 * 60, description="A staff session unused this long is signed out."
    )
    proposals_per_minute: int = Field(
        30, ge=1, description="Proposals accepted per client address per minute (form and API)."
    )
    receipt_lookups_per_minute: int = Field(
        30, ge=1, description="Receipt lookups answered per client address per minute."
    )
    login_attempts_per_minute: int = Field(
        5, ge=1, description="Sign-in attempts per client address per minute, any usernames."
    )
    login_attempts_global_per_minute: int = Field(
        60, ge=1, description="Sign-in attempts per minute from all addresses together."
    )

    def proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """The trusted proxies as networks (a bare address is a one-address network)."""
        parts = [part.strip() for part in self.trusted_proxies.split(",") if part.strip()]
        try:
            return tuple(ipaddress.ip_network(part, strict=False) for part in parts)
        except ValueError as exc:
            raise ConfigError(f"TALQY_TRUSTED_PROXIES: {exc}", field="trusted_proxies") from None

    def check(self) -> Settings:
        """Refuse settings that cannot work safely."""
        self.proxy_networks()
        if self.environment != "production":
            return self
        weakness = weak_secret_reason(self.secret_key)
        if weakness is None and self.secret_key == DEVELOPMENT_SECRET:
            weakness = "it is the published development secret"
        if weakness is not None:
            raise ConfigError(
                f"TALQY_SECRET_KEY is refused in production: {weakness}; "
                "set at least 32 random bytes (python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')",
                field="secret_key",
            )
        return self


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment plus explicit overrides; errors become ConfigError."""
    try:
        settings = Settings(**overrides).check()  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting TALQY_{field.upper()}: {first['msg']}") from None
    return with_installation_secret(settings)


def with_installation_secret(settings: Settings) -> Settings:
    """``settings`` with a secret: the configured one, or this installation's generated one.

    Production never gets here without a strong configured secret (``check``). Development
    keeps a random secret beside the database (created once, announced once); tests get a
    random one per process.
    """
    if settings.secret_key:
        return settings
    secret = installation_secret(settings.database_url, persist=settings.environment != "test")
    return settings.model_copy(update={"secret_key": secret})
