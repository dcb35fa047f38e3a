"""`talqy outbox …`: send the answers waiting in the outbox, see where they stand."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from talqy.cli.context import out, state
from talqy.cli.options import AsJson
from talqy.outbox.queue import outbox_counts
from talqy.outbox.sender import BATCH, send_pending

app = typer.Typer(help="Answers to citizens by e-mail and SMS.", no_args_is_help=True)


@app.command("send")
def send(
    limit: Annotated[int, typer.Option(help="Most messages to send in this run.", min=1)] = 1000,
    as_json: AsJson = False,
) -> None:
    """Queue answers to newly published decisions and send what is due (safe to rerun)."""
    current = state()
    total: dict[str, int] = {}
    left = limit
    while left > 0:
        batch = min(BATCH, left)
        summary = send_pending(current.db(), settings=current.settings, limit=batch)
        for key, value in summary.to_dict().items():
            total[key] = total.get(key, 0) + int(str(value))
        left -= summary.claimed
        if summary.claimed < batch:
            break
    if not (current.settings.smtp_url or current.settings.sms_url):
        out.print("[yellow]TALQY_SMTP_URL and TALQY_SMS_URL are unset: nothing sent[/yellow]")
    pending = outbox_counts(current.db())["pending"]
    if as_json:
        typer.echo(json.dumps({**total, "pending": pending}))
        return
    out.print(
        f"queued {total.get('enqueued', 0)}, sent {total.get('sent', 0)}, "
        f"retry later {total.get('retried', 0)}, bounced {total.get('bounced', 0)}, "
        f"failed {total.get('failed', 0)}; pending {pending}"
    )


@app.command("status")
def status(as_json: AsJson = False) -> None:
    """Messages per status: pending, sending, sent, bounced, failed."""
    counts = outbox_counts(state().db())
    if as_json:
        typer.echo(json.dumps(counts))
        return
    table = Table("status", "messages")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)
