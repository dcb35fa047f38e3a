"""From outside: consultation create, API proposal with e-mail, review decide + publish, and two
runs of ``talqy outbox send`` deliver exactly one e-mail with the receipt code."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.settings import Settings
from talqy.web.app import create_app
from tests.outbox.servers import smtp_server

runner = CliRunner()


def _ok(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    result = runner.invoke(app, args, env=env, input=stdin)
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


def test_decide_publish_then_two_sends_deliver_one_mail(
    database_url: str, settings: Settings
) -> None:
    env = {"TALQY_DATABASE_URL": database_url, "TALQY_SECRET_KEY": settings.secret_key,
           "TALQY_ENVIRONMENT": "test"}  # fmt: skip
    _ok(["consultation", "create", "c", "--title", "Жоба", "--closes", "2099-01-01"], env)
    _ok(["users", "create", "asel", "--role", "admin", "--password-stdin"], env, "long secret 1\n")
    offline = settings.model_copy(update={"outbox_background": False})
    with TestClient(create_app(offline)) as client:
        sent = client.post(
            "/api/v1/consultations/c/proposals",
            json={"text": "Ұсыныс мәтіні", "consent": True, "email": "citizen@example.kz",
                  "language": "kk"},
        )  # fmt: skip
        assert sent.status_code == 201, sent.text
        code = sent.json()["receipt_code"]
        assert "citizen@example.kz" not in client.get(f"/api/v1/receipts/{code}").text
    _ok(["review", "group-new", "c", "--as", "asel"], env)
    queue = json.loads(_ok(["review", "queue", "c", "--as", "asel", "--json"], env))
    group = str(queue["groups"][0]["id"])
    _ok(["review", "decide", "c", group, "--as", "asel", "--kind", "accepted",
         "--reasoning-kk", "Ескерілді.", "--article", "5"], env)  # fmt: skip
    _ok(["review", "publish", "c", group, "--as", "asel"], env)
    with smtp_server() as (url, inbox):
        mail_env = {**env, "TALQY_SMTP_URL": url}
        first = json.loads(_ok(["outbox", "send", "--json"], mail_env))
        second = json.loads(_ok(["outbox", "send", "--json"], mail_env))
    assert (first["sent"], second["sent"], second["pending"]) == (1, 0, 0)
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert mail["To"] == "citizen@example.kz"
    assert code in mail["Subject"] and code in mail.get_content()
    assert "Ескерілді." in mail.get_content()
    status = json.loads(_ok(["outbox", "status", "--json"], env))
    assert status["sent"] == 1
