"""Reviewer tools through the staff pages and the JSON API (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

from fastapi.testclient import TestClient

from talqy.i18n import gettext
from talqy.review.accounts import issue_token
from talqy.review.decision_queries import decision_history
from talqy.review.group_queries import get_group, group_of_proposal
from talqy.review.member_moves import group_proposals
from talqy.review.queue_filters import STANCE_LABELS
from talqy.review.scope_decisions import decide_scope
from talqy.settings import Settings
from talqy.web.app import create_app
from tests.review.seed import World, seed_group, seed_proposal
from tests.review.test_i18n import ALLOWED_LATIN, LATIN_WORD
from tests.review.web_support import csrf_of, sign_in, visible_text

MERGE_FORM = re.compile(r'action="([^"]*/merge-similar)".*?name="version" value="(\d+)".*?'
                        r'name="source" value="(\d+)".*?name="source_version" value="(\d+)"',
                        re.S)  # fmt: skip


@contextmanager
def _signed_in(
    settings: Settings, user: str, language: str = "en"
) -> Iterator[tuple[TestClient, str]]:
    with TestClient(create_app(settings), headers={"Accept-Language": language}) as client:
        yield client, sign_in(client, user)


def test_filters_survive_paging(settings: Settings, world: World) -> None:
    db, c = world.db, world.consultation
    for n in range(30):
        seed_group(db, c, [seed_proposal(db, c, f"Тіл туралы {n}", article="1")[0]], article="1")
    with _signed_in(settings, "admin") as (client, _):
        page = client.get("/staff/c/c1/queue", params={"article": "1", "query": "тіл", "size": 25})
        assert page.status_code == 200
        html = unescape(page.text)
        assert "Shown 1–25 of 30" in html  # the seeded group says "тілді", not "тіл"
        second = re.search(r'href="(\?[^"]*page=2)"', html)
        assert second and "article=1" in second.group(1) and "query=" in second.group(1)
        page2 = client.get("/staff/c/c1/queue" + unescape(second.group(1)))
        assert "Shown 26–30 of 30" in unescape(page2.text)
        api = client.get("/staff/c/c1/queue", params={"language": "ru"})
        assert "Shown 1–1 of 1" in unescape(api.text)


def test_one_click_merge_and_the_loser_gets_a_409_in_russian(
    settings: Settings, world: World
) -> None:
    db, c = world.db, world.consultation
    near = seed_group(db, c, [seed_proposal(db, c, "Тілді нығайту", article="1")[0]], article="1")
    with (
        _signed_in(settings, "admin", "kk") as (first, _),
        _signed_in(settings, "secretariat", "ru") as (second, _),
    ):
        url = f"/staff/c/c1/groups/{world.groups['own']}"
        forms = [MERGE_FORM.search(client.get(url).text) for client in (first, second)]
        assert forms[0] and forms[1] and forms[0].group(3) == str(near)
        results = []
        for client, form in zip((first, second), forms, strict=True):
            assert form is not None
            data = {"csrf_token": csrf_of(client.get(url).text), "version": form.group(2),
                    "source": form.group(3), "source_version": form.group(4)}  # fmt: skip
            results.append(client.post(form.group(1), data=data, follow_redirects=False))
        assert results[0].status_code == 303
        assert results[1].status_code == 409
        assert "Ничего не объединено" in results[1].text
        assert get_group(db, near).merged_into == world.groups["own"]


def test_split_and_move_by_search(settings: Settings, world: World) -> None:
    db, c = world.db, world.consultation
    loose = seed_proposal(db, c, "Мемлекеттік тілді оқыту", article="1")[0]
    with _signed_in(settings, "reviewer") as (client, token):
        own = world.groups["own"]
        page = client.get(f"/staff/c/c1/groups/{own}", params={"find": "тілді оқыту"})
        assert f'value="{loose}" id="found-{loose}"' in page.text
        moved = client.post(f"/staff/c/c1/groups/{own}/move-found", data={
            "csrf_token": token, "version": "1", "proposals": [str(loose)]
        }, follow_redirects=False)  # fmt: skip
        assert moved.status_code == 303 and group_of_proposal(db, loose) == own
        split = client.post(f"/staff/c/c1/groups/{own}/split", data={
            "csrf_token": token, "version": "2", "members": [str(loose)]
        }, follow_redirects=False)  # fmt: skip
        assert split.status_code == 303
        new_group = group_of_proposal(db, loose)
        assert new_group != own and f"/groups/{new_group}" in split.headers["location"]


def test_decide_a_whole_article_from_the_queue(settings: Settings, world: World) -> None:
    db, c = world.db, world.consultation
    other = seed_group(db, c, [seed_proposal(db, c, "Тіл жайлы", article="1")[0]], article="1")
    with _signed_in(settings, "reviewer", "kk") as (client, token):
        queue = client.get("/staff/c/c1/queue", params={"article": "1"})
        assert 'id="scope-form"' in queue.text
        data = {"csrf_token": token, "scope": "article", "value": "1", "kind": "accepted",
                "reasoning_kk": "Ескерілді."}  # fmt: skip
        done = client.post("/staff/c/c1/decide-scope", data=data, follow_redirects=False)
        assert done.status_code == 303 and "scope_decided=2" in done.headers["location"]
        again = client.post("/staff/c/c1/decide-scope", data=data)
        assert gettext("kk", "Already decided or published (reopen them first): %(count)s",
                       count=2) in unescape(again.text)  # fmt: skip
    for gid in (world.groups["own"], other):
        assert [d.kind for d in decision_history(db, gid)] == ["accepted"]


def test_unplaced_page_groups_and_adds(settings: Settings, world: World) -> None:
    db, c = world.db, world.consultation
    one = seed_proposal(db, c, "Жер туралы", article="1")[0]
    two = seed_proposal(db, c, "Жер халыққа", article="1")[0]
    with _signed_in(settings, "reviewer") as (client, token):
        chosen = client.get("/staff/c/c1/queue", params={"unplaced": "1", "query": "жер"},
                            follow_redirects=False)  # fmt: skip
        assert chosen.status_code == 303
        assert chosen.headers["location"].startswith("/staff/c/c1/unplaced?query=")
        page = client.get(chosen.headers["location"])
        assert f'value="{one}"' in page.text and f'value="{two}"' in page.text
        page = client.get("/staff/c/c1/unplaced")
        assert f'value="{one}"' in page.text and f'value="{two}"' in page.text
        made = client.post("/staff/c/c1/unplaced", data={
            "csrf_token": token, "proposals": [str(one)], "to_group": "", "action": "new"
        }, follow_redirects=False)  # fmt: skip
        assert made.status_code == 303 and group_of_proposal(db, one) is not None
        added = client.post("/staff/c/c1/unplaced", data={
            "csrf_token": token, "proposals": [str(two)], "to_group": str(world.groups["own"]),
            "action": "add",
        }, follow_redirects=False)  # fmt: skip
        assert added.status_code == 303 and group_of_proposal(db, two) == world.groups["own"]


def test_api_takes_the_same_filters(settings: Settings, world: World) -> None:
    token = issue_token(world.db, username="admin")
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as api:
        ru = api.get("/api/v1/review/c1/groups", params={"language": "ru"}).json()
        assert [g["id"] for g in ru["groups"]] == [world.groups["foreign"]] and ru["total"] == 1
        found = api.get("/api/v1/review/c1/groups", params={"query": "нығайту"}).json()
        assert [g["id"] for g in found["groups"]] == [world.groups["own"]]
        assert api.get("/api/v1/review/c1/groups", params={"stance": "x"}).status_code == 400
        similar = api.get(f"/api/v1/review/c1/groups/{world.groups['own']}/similar").json()
        assert all(item["basis"] == "labels" for item in similar)
        body = {"scope": "article", "value": "2", "kind": "rejected", "reasoning": {"ru": "Нет."}}
        outcome = api.post("/api/v1/review/c1/scope-decisions", json=body).json()
        assert outcome["decided"] == [world.groups["foreign"]]
        assert outcome["skipped"]["already_decided"] == []


def test_new_pages_are_kazakh(settings: Settings, world: World) -> None:
    assert all(gettext(lang, label) != label for label in STANCE_LABELS.values()
               for lang in ("kk", "ru"))  # fmt: skip
    loose = seed_proposal(world.db, world.consultation, "Жер туралы", article="1")[0]
    seed_proposal(world.db, world.consultation, "Жер жайлы", article="1")
    admin = world.actor("admin")
    group_proposals(world.db, actor=admin, proposal_ids=[loose])
    decide_scope(world.db, actor=admin, scope="article", value="2", kind="rejected",
                 reasoning={"kk": "Жоқ."})  # fmt: skip
    own = world.groups["own"]
    paths = [
        "/staff/c/c1/audit",
        "/staff/c/c1/unplaced",
        "/staff/c/c1/queue?article=1&query=тіл&new=1&size=25&scope_decided=1&skipped_not_allowed=2"
        "&skipped_already_decided=1&skipped_changed_meanwhile=1&skipped_incomplete=1",
        f"/staff/c/c1/groups/{own}?find=тіл",
        f"/staff/c/c1/groups/{own}?find=жоқсөз",
    ]
    english = {}
    with _signed_in(settings, "admin", "kk") as (client, _):
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            words = {w for chunk in visible_text(response.text) for w in LATIN_WORD.findall(chunk)}
            if words - ALLOWED_LATIN:
                english[path] = sorted(words - ALLOWED_LATIN)
    assert english == {}
