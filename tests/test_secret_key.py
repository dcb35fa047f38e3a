"""The installation secret: production refuses weak ones, development generates one per install."""

from __future__ import annotations

import logging
import secrets
import stat
from pathlib import Path

import pytest

from talqy.errors import ConfigError
from talqy.secret_key import secret_file, weak_secret_reason
from talqy.settings import DEVELOPMENT_SECRET, Settings, load_settings

WEAK = ["", "x", "a" * 64, "ab" * 32, "0123456789" * 4, DEVELOPMENT_SECRET, "short-but-random-9f3"]


@pytest.mark.parametrize("secret", WEAK)
def test_production_refuses_a_missing_short_or_low_entropy_secret(
    secret: str, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(
            environment="production",
            secret_key=secret,
            database_url=f"sqlite:///{tmp_path / 'p.db'}",
        )
    assert refused.value.context["field"] == "secret_key"
    assert not list(tmp_path.iterdir())  # nothing generated for production


def test_production_takes_a_strong_secret() -> None:
    strong = secrets.token_urlsafe(48)
    assert weak_secret_reason(strong) is None
    assert weak_secret_reason(secrets.token_hex(32)) is None
    assert load_settings(environment="production", secret_key=strong).secret_key == strong


def test_development_generates_one_secret_per_installation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first_url = f"sqlite:///{tmp_path / 'one' / 'talqy.db'}"
    second_url = f"sqlite:///{tmp_path / 'two' / 'talqy.db'}"
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with caplog.at_level(logging.INFO, logger="talqy"):
        first = load_settings(environment="development", database_url=first_url).secret_key
        again = load_settings(environment="development", database_url=first_url).secret_key
        second = load_settings(environment="development", database_url=second_url).secret_key
    assert first == again != second
    assert weak_secret_reason(first) is None and first != DEVELOPMENT_SECRET
    kept = tmp_path / "one" / "talqy.db.secret"
    assert secret_file(first_url) == kept and kept.read_text().strip() == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    announced = [r for r in caplog.records if "generated a random development secret" in r.message]
    assert len(announced) == 2  # once per installation, not on every start


def test_no_folder_no_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'talqy.db'}"
    secret = load_settings(environment="development", database_url=url).secret_key
    assert weak_secret_reason(secret) is None and not (tmp_path / "missing").exists()


def test_a_configured_secret_is_kept_and_tests_get_a_random_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert load_settings(database_url=url, secret_key="given").secret_key == "given"
    generated = load_settings(database_url=url, environment="test").secret_key
    assert len(generated) >= 32 and not list(tmp_path.iterdir())
    assert Settings(database_url=url).secret_key == ""  # resolved only by the entry points


def test_postgres_secret_lives_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = "postgresql+psycopg://talqy:pw@db.example:5432/talqy"
    path = secret_file(url)
    assert path.parent == tmp_path / "talqy" and "pw" not in path.name
    assert secret_file(url.replace(":pw@", ":other@")) == path
