"""Arguments and options that several command groups share, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
"""``--json``: print JSON instead of a table."""

ConsultationSlug = Annotated[str, typer.Argument(help="Consultation slug.")]
"""The consultation a command works on, by its slug."""

EmbedderName = Annotated[
    str | None, typer.Option(help="e5, static or hashing (default: TALQY_EMBEDDER).")
]
"""The embedder back end; unset: the ``TALQY_EMBEDDER`` setting."""
