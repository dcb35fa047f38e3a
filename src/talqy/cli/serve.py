"""`talqy serve`: the web application."""

from __future__ import annotations

from typing import Annotated

import typer

from talqy.cli.context import err, state


def run_server(host: str, port: int) -> None:
    """Serve the web app for the current settings (blocks until stopped)."""
    import uvicorn

    from talqy.logging_setup import server_log_config
    from talqy.web.app import create_app

    app = create_app(state().settings)
    err.print(f"Talqy is serving at [bold]http://{host}:{port}/[/bold] (Ctrl+C stops it)")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        log_config=server_log_config(),
        proxy_headers=False,
    )


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web application."""
    state().db()
    run_server(host, port)
