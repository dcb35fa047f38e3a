"""The sample draft law shipped with the demo, as package data.

``draft-kk.md``, ``draft-ru.md`` and ``draft-en.md`` are one invented "Draft Basic Law of the
Republic" (30 articles in six sections) with the same article numbers and point counts in every
language; ``draft-kk-v2.md`` is a second Kazakh version whose changes are listed in
:data:`DRAFT_V2_CHANGES`, the ground truth for version diffs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Final

from talqy.errors import NotFound

DRAFT_FILES: Final[dict[str, str]] = {
    "kk": "draft-kk.md",
    "ru": "draft-ru.md",
    "en": "draft-en.md",
    "kk-v2": "draft-kk-v2.md",
}

# What changed from draft-kk.md to draft-kk-v2.md, by article number.
DRAFT_V2_CHANGES: Final[dict[str, object]] = {
    "modified": ("3", "5", "9", "11", "14", "17", "20", "23"),
    "added": ("29",),  # a new article 29 (Constitutional Court)
    "removed": ("27",),  # jury trial
    "renumbered": {"28": "27", "29": "28"},  # unchanged text, new number
}


def demo_paths() -> dict[str, Path]:
    """Paths of the sample draft files, keyed kk, ru, en and kk-v2 (the second version)."""
    base = files("talqy.demo") / "data"
    return {key: Path(str(base / name)) for key, name in DRAFT_FILES.items()}


def read_draft(key: str = "kk") -> str:
    """The Markdown text of one sample draft file (kk, ru, en or kk-v2)."""
    if key not in DRAFT_FILES:
        raise NotFound(f"no demo draft {key!r}; expected one of {', '.join(DRAFT_FILES)}")
    return (files("talqy.demo") / "data" / DRAFT_FILES[key]).read_text(encoding="utf-8")
