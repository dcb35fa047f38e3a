"""The console, the lifecycle and the answers are complete in Kazakh and Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talqy.consultations.lifecycle import DATE_MESSAGES, NOT_OPEN_MESSAGES
from talqy.consultations.phases import DATE_LABELS, PHASE_LABELS
from talqy.i18n import gettext
from talqy.outbox import compose
from talqy.web import console

TEMPLATES = [*(Path(console.__file__).parent / "templates" / "staff" / "console").glob("*.html")]
MSGID = re.compile(r"""_\(\s*(['"])(.+?)\1""")
CALLS = re.compile(r"""gettext\(\s*\w+(?:\.\w+)*,\s*(['"])(.+?)\1""")
SOURCES = [Path(compose.__file__), *Path(console.__file__).parent.glob("console*.py"),
           Path(console.__file__).with_name("uploads.py")]  # fmt: skip


def used() -> set[str]:
    found = {m.group(2) for path in TEMPLATES for m in MSGID.finditer(path.read_text("utf-8"))}
    found |= {m.group(2) for path in SOURCES for m in CALLS.finditer(path.read_text("utf-8"))}
    return (found | set(PHASE_LABELS.values()) | set(DATE_LABELS.values())
            | set(DATE_MESSAGES.values()) | set(NOT_OPEN_MESSAGES.values())
            | {compose.NOT_IN_YOUR_LANGUAGE, compose.ADDRESS_NOTE})  # fmt: skip


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_console_message_is_translated(language: str) -> None:
    messages = used()
    assert len(messages) > 70
    assert sorted(m for m in messages if gettext(language, m) == m) == []
