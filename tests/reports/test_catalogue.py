"""Every message of the report has a Kazakh and a Russian translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[2] / "src" / "talqy"
SOURCES = [
    SRC / "reports" / "templates" / "body.html",
    SRC / "reports" / "templates" / "standalone.html",
    SRC / "web" / "templates" / "reports" / "report.html",
    SRC / "reports" / "html.py",
]


def _used() -> set[str]:
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r'_\(\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    labels = (SRC / "reports" / "labels.py").read_text(encoding="utf-8")
    found |= set(re.findall(r'": "([^"]+)"', labels))
    found |= set(re.findall(r'gettext\(language, "([^"]+)"', labels))
    return found


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_report_message_is_translated(language: str) -> None:
    path = SRC / "locale" / language / "LC_MESSAGES" / "reports.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translated = {m.id: m.string for m in catalog if m.id}
    used = _used()
    assert len(used) > 50
    assert sorted(m for m in used if not translated.get(m)) == []
    placeholders = re.compile(r"%\(\w+\)s")
    for message, text in translated.items():
        assert sorted(placeholders.findall(message)) == sorted(placeholders.findall(text)), message
