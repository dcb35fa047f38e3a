"""`talqy serve`: the web application, in one process or in several sharing one port."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from talqy.cli.context import err, state

FACTORY = "talqy.web.app:create_app_from_environment"


def _server_options(host: str, port: int) -> dict[str, Any]:
    from talqy.logging_setup import server_log_config

    return {
        "host": host,
        "port": port,
        "log_level": "warning",
        "log_config": server_log_config(),
        "proxy_headers": False,
    }


def run_server(host: str, port: int, workers: int = 1) -> None:
    """Serve the web app for the current settings (blocks until stopped).

    With ``workers`` > 1, uvicorn binds the port once (a TCP socket, so every accepted
    connection gets ``TCP_NODELAY`` and keep-alive responses are not held back by Nagle's
    algorithm) and starts that many processes accepting on it; each builds the app from the
    ``TALQY_*`` environment. They share state only through the database (rate limits included).
    """
    import uvicorn

    err.print(
        f"Talqy is serving at [bold]http://{host}:{port}/[/bold] "
        f"({workers} process{'es' if workers > 1 else ''}; Ctrl+C stops it)"
    )
    if workers > 1:
        uvicorn.run(FACTORY, factory=True, workers=workers, **_server_options(host, port))
        return
    from talqy.web.app import create_app

    uvicorn.run(create_app(state().settings), **_server_options(host, port))


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Server processes sharing the port (settings from TALQY_* variables)."
        ),
    ] = 1,
) -> None:
    """Serve the web application."""
    state().db()
    run_server(host, port, workers)
