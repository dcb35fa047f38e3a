from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talqy import __version__
from talqy.cli.app import app

runner = CliRunner()


def invoke(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"TALQY_DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("sqlite://", "--version")
    assert code == 0
    assert out.strip() == f"talqy {__version__}"


def test_consultation_create_and_list_json(database_url: str) -> None:
    code, _, _ = invoke(database_url, "consultation", "create", "c1", "--title", "Бірінші")
    assert code == 0
    code, out, _ = invoke(database_url, "consultation", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["slug"], r["title"], r["proposals"]) for r in rows] == [("c1", "Бірінші", 0)]


def test_db_upgrade_is_idempotent(database_url: str) -> None:
    for _ in range(2):
        code, out, _ = invoke(database_url, "db", "upgrade")
        assert code == 0
        assert "revision" in out


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    talqy = Path(sys.executable).with_name("talqy")
    return subprocess.run(
        [str(talqy), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize(
    ("url", "args", "message"),
    [
        (None, ("consultation", "create", "dup", "--title", "x"), "already exists"),
        ("sqlite:////no-such-dir-talqy/x.db", ("consultation", "list"), "does not exist"),
        ("bogus://", ("consultation", "list"), "unsupported database"),
        ("::::", ("consultation", "list"), "malformed database URL"),
        ("sqlite:////proc/x.db", ("consultation", "list"), "cannot open|not writable"),
        (None, ("consultation", "create", "Bad Slug", "--title", "x"), "slug must be"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, url: str | None, args: tuple[str, ...], message: str
) -> None:
    import os

    env = dict(os.environ, TALQY_DATABASE_URL=url or f"sqlite:///{tmp_path / 'x.db'}")
    if url is None:
        assert run_cli("consultation", "create", "dup", "--title", "x", env=env, cwd=tmp_path)
    done = run_cli(*args, env=env, cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, done.stderr
    assert message.split("|")[0] in lines[0] or any(m in lines[0] for m in message.split("|"))


def test_default_database_is_in_working_directory(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("TALQY_")}
    done = run_cli("consultation", "list", "--json", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "talqy.db").exists()
