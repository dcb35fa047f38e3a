"""The CLI reference (docs/cli.md), generated from the Typer app so it cannot drift."""

from __future__ import annotations

from typing import Any

import typer


def _params(command: Any) -> list[str]:
    lines = []
    for param in command.params:
        if getattr(param, "hidden", False) or param.name == "help":
            continue
        if param.param_type_name == "argument":
            lines.append(f"- `{param.name.upper()}` (argument){_help(param)}")
            continue
        flags = " / ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
        default = param.default
        shown = "" if default in (None, False, ()) or param.is_flag else f" (default `{default}`)"
        lines.append(f"- {flags}{shown}{_help(param)}")
    return lines


def _help(param: Any) -> str:
    text = getattr(param, "help", None)
    return f": {text}" if text else ""


def _walk(command: Any, path: list[str], out: list[str]) -> None:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name in sorted(subcommands):
            _walk(subcommands[name], [*path, name], out)
        return
    out.append(f"## `{' '.join(path)}`\n")
    help_text = (command.help or "").strip().split("\n\n")[0]
    if help_text:
        out.append(help_text + "\n")
    params = _params(command)
    if params:
        out.extend([*params, ""])


def render_reference(app: typer.Typer) -> str:
    """Markdown describing every command, argument and option of ``app``."""
    root = typer.main.get_command(app)
    out = [
        "# CLI reference",
        "",
        "Generated from the application (`talqy.cli.reference`); a test keeps it current.",
        "",
    ]
    _walk(root, ["talqy"], out)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    from talqy.cli.app import app as _app

    print(render_reference(_app), end="")
