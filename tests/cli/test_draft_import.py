from __future__ import annotations

from typer.testing import CliRunner

from talqy.cli.app import app
from tests.conftest import CONSTITUTION

runner = CliRunner()


def test_draft_import_then_conflict(database_url: str) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    assert (
        runner.invoke(app, ["consultation", "create", "k", "--title", "K"], env=env).exit_code == 0
    )
    path = str(CONSTITUTION / "ru-2026.md")
    first = runner.invoke(app, ["draft", "import", "k", path, "--version", "2026"], env=env)
    assert first.exit_code == 0, first.output
    assert "stored 96 articles" in first.stdout and "(ru)" in first.stdout
    again = runner.invoke(app, ["draft", "import", "k", path, "--version", "2026"], env=env)
    assert again.exit_code != 0
    replaced = runner.invoke(
        app, ["draft", "import", "k", path, "--version", "2026", "--replace"], env=env
    )
    assert replaced.exit_code == 0
