"""`talqy users …`: staff accounts (argon2 passwords) and API tokens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from talqy.cli.context import err, out, print_records, state
from talqy.cli.options import AsJson
from talqy.errors import InvalidInput
from talqy.review.accounts import change_password, create_user, issue_token, revoke_token
from talqy.review.user_queries import ROLES, list_users

app = typer.Typer(help="Staff accounts and API tokens.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("no password on standard input", field="password")
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="Login name: lowercase letters, digits, . _ -")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    display_name: Annotated[
        str | None, typer.Option(help="Name shown in the audit log and the table.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an account; the password is stored as an argon2 hash."""
    user = create_user(
        state().db(),
        username=username,
        role=role,
        password=_password(password_stdin),
        display_name=display_name,
    )
    out.print(f"created {user.role} [bold]{user.username}[/bold]")


@app.command("password")
def password(
    username: Annotated[str, typer.Argument(help="Account to change.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password."""
    change_password(state().db(), username=username, password=_password(password_stdin))
    out.print(f"password of [bold]{username}[/bold] changed")


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="Account the token acts for.")],
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke the token instead.")] = False,
) -> None:
    """Issue a new API token (replacing the old one) and print it once; it is stored hashed."""
    if revoke:
        revoke_token(state().db(), username=username)
        out.print(f"token of [bold]{username}[/bold] revoked")
        return
    typer.echo(issue_token(state().db(), username=username))
    err.print("Keep it secret: send it as 'Authorization: Bearer <token>'.")


@app.command("list")
def list_(as_json: AsJson = False) -> None:
    """List accounts (never passwords or tokens)."""
    print_records(
        list_users(state().db()),
        as_json=as_json,
        headers=("username", "display name", "role", "active"),
        row=lambda u: (u.username, u.display_name, u.role, "yes" if u.active else "no"),
    )
