from __future__ import annotations

from pathlib import Path

from talqy.cli.app import app
from talqy.cli.reference import render_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    expected = render_reference(app)
    assert "## `talqy consultation create`" in expected
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run `.venv/bin/python -m talqy.cli.reference > docs/cli.md`"
    )
