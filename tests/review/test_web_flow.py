from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from talqy.review.group_queries import group_of_proposal
from talqy.review.grouping import ensure_group_for_proposal
from talqy.settings import Settings
from talqy.web.app import create_app
from tests.review.seed import World, group_state
from tests.review.web_support import csrf_of, sign_in, visible_text


@pytest.fixture
def client(settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _submit(client: TestClient, text: str, article: str = "1") -> str:
    form = client.get("/c/c1/propose?lang=kk")
    assert form.status_code == 200
    response = client.post(
        "/c/c1/propose",
        data={"text": text, "article": article, "consent": "yes", "csrf_token": csrf_of(form.text),
              "name": "Айгүл", "email": "a@example.kz"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text[:300]
    location = response.headers["location"]
    assert location.startswith("/receipt?code=")
    return location.split("code=")[1].split("&")[0]


def test_citizen_to_reviewer_to_citizen(client: TestClient, world: World) -> None:
    code = _submit(client, "Мемлекеттік тіл туралы бапты күшейту керек")
    page = client.get(f"/receipt?code={code}&new=1&lang=kk")
    assert code in page.text and "Түбіртек коды" in page.text and "Келіп түсті" in page.text
    from talqy.review.group_queries import receipt_row

    proposal_id = receipt_row(world.db, code).proposal_id
    gid = ensure_group_for_proposal(world.db, proposal_id=proposal_id)
    sign_in(client, "reviewer")
    group_page = client.get(f"/staff/c/c1/groups/{gid}?lang=kk")
    assert group_page.status_code == 200 and "Шешім қабылдау" in group_page.text
    assert "Айгүл" not in group_page.text  # reviewers see no personal data
    token = csrf_of(group_page.text)
    done = client.post(
        f"/staff/c/c1/groups/{gid}/decide",
        data={"csrf_token": token, "version": "1", "kind": "accepted", "articles": "1",
              "reasoning_kk": "Ұсыныс 1-бапқа енгізілді.", "reasoning_ru": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    assert client.get(f"/receipt?code={code}").text.count("Ұсыныс 1-бапқа енгізілді.") == 0
    published = client.post(
        f"/staff/c/c1/groups/{gid}/publish", data={"csrf_token": token, "version": "2"},
        follow_redirects=False,
    )  # fmt: skip
    assert published.status_code == 303
    assert group_state(world.db, gid) == ("published", 3)
    client.cookies.clear()
    answer = client.get(f"/receipt?code={code.lower()}&lang=kk")
    assert "Ұсыныс 1-бапқа енгізілді." in answer.text and "Жауап жарияланды" in answer.text
    in_russian = client.get(f"/receipt?code={code}&lang=ru")
    assert "Обоснования на вашем языке нет" in in_russian.text
    table = client.get("/c/c1/table?lang=kk&decision=accepted")
    assert "Ұсыныс 1-бапқа енгізілді." in table.text
    assert client.get(f"/c/c1/groups/{gid}").status_code == 200
    assert client.get(f"/c/c1/groups/{world.groups['own']}").status_code == 404  # unpublished
    home = client.get("/c/c1?lang=ru")
    assert "опубликовано" in home.text


def test_stale_form_shows_a_conflict(client: TestClient, world: World) -> None:
    token = sign_in(client, "admin")
    gid = world.groups["own"]
    data = {"csrf_token": token, "version": "1", "kind": "rejected", "reasoning_ru": "Нет."}
    assert client.post(f"/staff/c/c1/groups/{gid}/decide", data=data,
                       follow_redirects=False).status_code == 303  # fmt: skip
    again = client.post(f"/staff/c/c1/groups/{gid}/decide?lang=ru", data=data)
    assert again.status_code == 409 and "Кто-то уже изменил эту группу" in again.text
    assert group_state(world.db, gid) == ("decided", 2)


def test_queue_is_narrowed_to_assignments(client: TestClient, world: World) -> None:
    sign_in(client, "reviewer")
    queue = client.get("/staff/c/c1/queue")
    assert f"/staff/c/c1/groups/{world.groups['own']}" in queue.text
    assert f"/staff/c/c1/groups/{world.groups['foreign']}" not in queue.text
    assert client.get(f"/staff/c/c1/groups/{world.groups['foreign']}").status_code == 403
    assert client.get("/staff/c/c1/audit").status_code == 403


def test_admin_sees_names_bulk_decides_and_reads_the_audit(
    client: TestClient, world: World
) -> None:
    token = sign_in(client, "admin")
    assert "Асқар" in client.get(f"/staff/c/c1/groups/{world.groups['own']}").text
    own, foreign = world.groups["own"], world.groups["foreign"]
    done = client.post(
        "/staff/c/c1/bulk",
        data={"csrf_token": token, "groups": [f"{own}:1", f"{foreign}:1"], "kind": "out_of_scope",
              "reasoning_kk": "Жоба мәнінен тыс."},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    assert group_state(world.db, own)[0] == group_state(world.db, foreign)[0] == "decided"
    audit = client.get("/staff/c/c1/audit?lang=kk")
    assert audit.status_code == 200 and audit.text.count("Шешім қабылданды") >= 2
    # history as sentences in the reader's language, never raw JSON
    assert audit.text.count("Шешім: Талқылау мәнінен тыс; баптар:") >= 2
    assert audit.text.count("Басқа топтармен бірге шешілді.") >= 2
    assert '"bulk"' not in audit.text and "&#34;bulk&#34;" not in audit.text
    assert not [chunk for chunk in visible_text(audit.text) if "{" in chunk]


def test_login_failures_are_rate_limited(client: TestClient) -> None:
    token = csrf_of(client.get("/staff/login").text)
    codes = [
        client.post("/staff/login", data={"username": "admin", "password": "wrong password!",
                                          "csrf_token": token}).status_code
        for _ in range(6)
    ]  # fmt: skip
    assert codes == [401] * 5 + [429]
    other = client.post("/staff/login", data={"username": "reviewer", "password": "nope-nope-1",
                                              "csrf_token": token})  # fmt: skip
    assert other.status_code == 429  # per address, whatever the username


def test_submission_is_rate_limited(settings: Settings, world: World) -> None:
    limited = settings.model_copy(update={"proposals_per_minute": 2})
    with TestClient(create_app(limited)) as client:
        _submit(client, "бірінші ұсыныс")
        _submit(client, "екінші ұсыныс")
        form = client.get("/c/c1/propose")
        third = client.post("/c/c1/propose", data={"text": "үшінші", "consent": "yes",
                                                   "csrf_token": csrf_of(form.text)})  # fmt: skip
    assert third.status_code == 429


def test_session_cookie_flags_and_forgery(settings: Settings, world: World) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/staff/login")
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
        client.cookies.set("talqy_session", cookie.split(";")[0].split("=", 1)[1][:-2] + "xx")
        assert client.get("/staff", follow_redirects=False).status_code == 303
    strong = "Qm9rZXQtc2VjcmV0LWZvci10ZXN0cy0yMDI2LXdlYnNlYw"
    production = settings.model_copy(update={"environment": "production", "secret_key": strong})
    with TestClient(create_app(production)) as client:
        assert "Secure" in client.get("/staff/login").headers["set-cookie"]


def test_article_pages_count_proposals(client: TestClient, world: World) -> None:
    listing = client.get("/c/c1/articles?lang=ru")
    assert "Республика Казахстан" not in listing.text  # titles only on the list
    article = client.get("/c/c1/articles/1?lang=kk")
    assert "демократиялық мемлекет" in article.text
    assert "Осы бап бойынша ұсыныстар: <strong>2</strong>" in article.text
    english = client.get("/c/c1/articles/1?lang=en")
    assert "it is shown in Kazakh" in english.text
    assert client.get("/c/c1/articles/99").status_code == 404
    assert group_of_proposal(world.db, world.proposals["own_a"][0]) == world.groups["own"]
