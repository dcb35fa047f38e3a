"""The documentation keeps up with the code."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from talqy.cli.app import app
from talqy.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"TALQY_{name.upper()}" not in text]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text


def test_deploy_recipe_names_only_real_commands_options_and_settings() -> None:
    """Every ``talqy …`` line of docs/deploy.md resolves to a command with those options, and
    every ``TALQY_*`` variable it names is a setting."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    calls = re.findall(r"(?:`|bin/)talqy ([^`\n]+)", text)
    assert len(calls) >= 5
    for call in calls:
        words = call.split()
        command = root
        while words and words[0] in getattr(command, "commands", {}):
            command = command.commands[words.pop(0)]  # type: ignore[attr-defined]
        assert not hasattr(command, "commands"), f"not a command: talqy {call}"
        options = {name for param in command.params for name in getattr(param, "opts", [])}
        used = {word for word in words if word.startswith("--")}
        assert used <= options, f"talqy {call}: unknown {used - options}"
    named = set(re.findall(r"\bTALQY_([A-Z0-9_]+)", text))
    fields = {name.upper() for name in Settings.model_fields}
    assert named and named <= fields, named - fields
