"""The documentation keeps up with the code."""

from __future__ import annotations

from pathlib import Path

from talqy.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"TALQY_{name.upper()}" not in text]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
