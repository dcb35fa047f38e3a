"""The import direction of the house style, checked on the source tree itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "talqy"

# room -> rooms it must never import. The domain rooms (intake, systematization, review,
# sessions, reports) own their tables and queries and may import storage and each other;
# storage imports no room; analysis and documents import no storage, web or cli.
FORBIDDEN = {
    "analysis": {
        "storage",
        "web",
        "cli",
        "review",
        "intake",
        "sessions",
        "reports",
        "systematization",
    },
    "documents": {
        "storage",
        "web",
        "cli",
        "review",
        "intake",
        "sessions",
        "reports",
        "systematization",
    },
    "storage": {
        "web",
        "cli",
        "review",
        "intake",
        "sessions",
        "reports",
        "systematization",
        "tabular",
    },
    "tabular": {
        "storage",
        "web",
        "cli",
        "review",
        "intake",
        "sessions",
        "reports",
        "systematization",
        "analysis",
        "documents",
    },
    "systematization": {"web", "cli"},
    "intake": {"web", "cli"},
    "review": {"web", "cli"},
    "sessions": {"web", "cli"},
    "reports": {"web", "cli"},
    "web": {"cli"},
    "consultations": {
        "web",
        "cli",
        "review",
        "intake",
        "sessions",
        "reports",
        "outbox",
        "systematization",
    },
    "outbox": {"web", "cli"},
}


def imported_rooms(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rooms: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "talqy" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_room_imports_follow_the_layering(room: str) -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(imported_rooms(path) & FORBIDDEN[room])
        for path in (SRC / room).rglob("*.py")
        if imported_rooms(path) & FORBIDDEN[room]
    }
    assert offenders == {}


def test_no_catch_all_modules() -> None:
    assert not [p for p in SRC.rglob("*.py") if p.stem in {"utils", "helpers", "misc", "common"}]
