"""Every page of review and the web app is complete in Kazakh and Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from talqy.i18n import gettext
from talqy.review.decisions import decide, publish
from talqy.review.group_queries import group_of_proposal
from talqy.settings import Settings
from talqy.systematization.runner import systematize_consultation
from talqy.web import public
from talqy.web.app import create_app
from tests.review.seed import World
from tests.review.web_support import sign_in, visible_text

WEB = Path(public.__file__).parent
TEMPLATES = [
    *(WEB / "templates" / "public").glob("*.html"),
    *(WEB / "templates" / "staff").glob("*.html"),
    WEB / "templates" / "base.html",
    WEB / "templates" / "consultation.html",
]
MSGID = re.compile(r"""_\(\s*(['"])(.+?)\1""")
LABELS = [
    public.KIND_LABELS,
    public.STATE_LABELS,
    public.STATUS_LABELS,
    public.LANGUAGE_LABELS,
    public.ROLE_LABELS,
    public.SOURCE_LABELS,
    public.ORIGIN_LABELS,
    public.ACTION_LABELS,
    public.OBJECT_LABELS,
    public.CHANNEL_LABELS,
]
LATIN_WORD = re.compile(r"(?<![A-Z0-9-])[A-Za-z]{3,}")  # receipt codes are data, not words
RECEIPT = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b")
ALLOWED_LATIN = {"Talqy", "English", "UTC", "API", "eOtinish", "eGov"}  # names, not words


def used_messages() -> set[str]:
    found = {m.group(2) for path in TEMPLATES for m in MSGID.finditer(path.read_text("utf-8"))}
    return found | {label for table in LABELS for label in table.values()}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_is_translated(language: str) -> None:
    messages = used_messages()
    assert len(messages) > 100
    untranslated = sorted(m for m in messages if gettext(language, m) == m)
    assert [m for m in untranslated if m not in ALLOWED_LATIN] == []


def test_kazakh_pages_have_no_english_left(settings: Settings, world: World) -> None:
    admin = world.actor("admin")
    gid = world.groups["own"]
    decide(world.db, actor=admin, group_id=gid, kind="accepted", reasoning={"kk": "Иә."})
    publish(world.db, actor=admin, group_id=gid)
    code = world.proposals["own_a"][1]
    public_pages = [
        "/c/c1",
        "/c/c1/articles",
        "/c/c1/articles/1",
        "/c/c1/propose",
        "/receipt",
        f"/receipt?code={code}&new=1",
        "/c/c1/table",
        f"/c/c1/groups/{gid}",
        "/staff/login",
    ]
    staff_pages = [
        "/staff",
        "/staff/c/c1/queue",
        f"/staff/c/c1/groups/{gid}",
        f"/staff/c/c1/groups/{world.groups['foreign']}",
        "/staff/c/c1/audit",
    ]
    english: dict[str, list[str]] = {}
    with TestClient(create_app(settings), headers={"Accept-Language": "kk"}) as client:
        for index, path in enumerate([*public_pages, *staff_pages]):
            if index == len(public_pages):
                sign_in(client, "admin")
            response = client.get(path)
            assert response.status_code == 200, path
            if english_words(response.text):
                english[path] = english_words(response.text)
    assert english == {}


def test_group_page_of_a_placed_proposal_has_no_english_left(
    settings: Settings, world: World
) -> None:
    """Placement on arrival is told in Kazakh: the members' origin and the history entry."""
    systematize_consultation(world.db, settings=settings, consultation="c1", embedder="hashing")
    text = "Мемлекеттік тілді нығайту керек деп ойлаймын."
    with TestClient(create_app(settings), headers={"Accept-Language": "kk"}) as client:
        sent = client.post(
            "/api/v1/consultations/c1/proposals", json={"text": text, "consent": True}
        )
        assert sent.status_code == 201
        proposal = sent.json()["id"]
        group = group_of_proposal(world.db, proposal)
        sign_in(client, "admin")
        page = client.get(f"/staff/c/c1/groups/{group}").text
    assert english_words(page) == []
    assert "Түскенде орналастырылды" in page
    assert f"{proposal} ұсынысы түскенде осы топқа орналастырылды." in page


def english_words(html: str) -> list[str]:
    """The Latin words a reader sees on a page, beyond names and receipt codes."""
    chunks = [RECEIPT.sub(" ", chunk) for chunk in visible_text(html)]
    words = {w for chunk in chunks for w in LATIN_WORD.findall(chunk)}
    return sorted(words - ALLOWED_LATIN)
