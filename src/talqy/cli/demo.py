"""`talqy demo`: build the demo consultation and serve it.

Served, the quick steps are done first and the systematization runs as a background job inside
the served app (its progress on /staff; the sample decisions follow when it ends), so the first
page answers at once. ``--no-serve`` does everything here, in the foreground.
"""

from __future__ import annotations

from typing import Annotated

import typer

from talqy.cli.context import err, state
from talqy.cli.options import EmbedderName
from talqy.cli.serve import run_server
from talqy.demo.build import build_demo


def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve it afterwards.")] = True,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    proposals: Annotated[int, typer.Option(help="Generated proposals to import.")] = 2000,
    embedder: EmbedderName = None,
) -> None:
    """Build the demo consultation in the configured database (and serve it)."""
    current = state()
    background = serve and current.settings.jobs_background
    if serve:
        err.print(f"The demo will be served at [bold]http://{host}:{port}/[/bold] in a moment")
    summary = build_demo(
        current.db(),
        settings=current.settings,
        progress=err,
        proposals=proposals,
        embedder=embedder,
        background=background,
    )
    for line in summary.lines():
        err.print(line)
    if serve:
        run_server(host, port)
