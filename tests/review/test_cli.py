from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.review.accounts import authenticate_password, authenticate_token
from talqy.review.user_queries import find_user
from talqy.storage.database import Database
from tests.review.seed import World

runner = CliRunner()


def test_users_create_token_and_review_commands(database_url: str, world: World) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    made = runner.invoke(app, ["users", "create", "aruzhan", "--role", "reviewer",
                               "--display-name", "Аружан", "--password-stdin"],
                         input="a long enough secret\n", env=env)  # fmt: skip
    assert made.exit_code == 0, made.output
    assert authenticate_password(world.db, username="aruzhan", password="a long enough secret")
    token = runner.invoke(app, ["users", "token", "aruzhan"], env=env)
    assert token.exit_code == 0
    assert authenticate_token(world.db, token=token.stdout.strip()).username == "aruzhan"
    gid = world.groups["own"]
    steps = [
        ["review", "assign", "c1", "aruzhan", "--article", "1", "--as", "admin"],
        ["review", "decide", "c1", str(gid), "--as", "aruzhan", "--kind", "accepted",
         "--reasoning-kk", "Қабылданды.", "--version", "1"],
        ["review", "publish", "c1", str(gid), "--as", "aruzhan"],
    ]  # fmt: skip
    for step in steps:
        result = runner.invoke(app, step, env=env)
        assert result.exit_code == 0, (step, result.output)
    listed = runner.invoke(app, ["review", "queue", "c1", "--as", "aruzhan", "--json"], env=env)
    assert json.loads(listed.stdout)["groups"][0]["state"] == "published"
    status = runner.invoke(app, ["review", "status", world.proposals["own_b"][1]], env=env)
    assert json.loads(status.stdout)["answer"]["reasoning"] == "Қабылданды."
    users = runner.invoke(app, ["users", "list", "--json"], env=env)
    assert "password" not in users.stdout and "aruzhan" in users.stdout


def test_refusals_are_one_line_without_traceback(database_url: str, db: Database) -> None:
    talqy = Path(sys.executable).with_name("talqy")
    env = {**os.environ, "TALQY_DATABASE_URL": database_url}
    cases = [
        (["users", "create", "x1", "--role", "emperor", "--password-stdin"], "long enough 1\n"),
        (["users", "create", "shorty", "--role", "admin", "--password-stdin"], "short\n"),
        (["review", "publish", "nope", "1", "--as", "nobody"], ""),
    ]  # fmt: skip
    for args, stdin in cases:
        done = subprocess.run([str(talqy), *args], input=stdin, capture_output=True, text=True,
                              env=env, timeout=60)  # fmt: skip
        assert done.returncode == 1, done
        assert done.stderr.startswith("error:") and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    created = subprocess.run(
        [str(talqy), "users", "create", "nurlan", "--role", "secretariat", "--password-stdin"],
        input="a long enough secret\n", capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert find_user(db, "nurlan").role == "secretariat"


def test_queue_filters_and_decide_scope_on_the_command_line(
    database_url: str, world: World
) -> None:
    env = {"TALQY_DATABASE_URL": database_url}
    found = runner.invoke(app, ["review", "queue", "c1", "--as", "admin", "--json",
                                "--query", "нығайту", "--language", "kk"], env=env)  # fmt: skip
    assert found.exit_code == 0, found.output
    assert [g["id"] for g in json.loads(found.stdout)["groups"]] == [world.groups["own"]]
    step = ["review", "decide-scope", "c1", "--as", "reviewer", "--article", "1",
            "--kind", "accepted", "--reasoning-ru", "Учтено."]  # fmt: skip
    first = runner.invoke(app, step, env=env)
    assert first.exit_code == 0 and "decided 1 groups; skipped 0" in first.stdout
    again = runner.invoke(app, step, env=env)
    assert "decided 0 groups; skipped 1 (already_decided 1)" in again.stdout
