"""The secretariat console over HTTP: create and change a consultation, upload a table with a
preview and mapping, import with progress and rejects, refuse non-tables and oversized files,
assign reviewers, manage users, export, moderate, upload a draft."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from talqy.intake.tables import proposals
from talqy.reports.builder import build_report
from talqy.review.audit_queries import list_audit
from talqy.review.moderation import HIDDEN_MARK
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import World, build_world
from tests.review.web_support import csrf_of, sign_in

CSV = (
    "Номер;Текст обращения;Статья;ИИН;email\n"
    "A-1;Добавить норму о языке;2;900101300126;ivan@example.kz\n"
    "A-2;;3;;\n"
    "A-3;Статья 999 не нужна;999;;\n"
)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def client(settings: Settings, world: World) -> TestClient:
    app = create_app(settings.model_copy(update={"outbox_background": False, "max_upload_mb": 1}))
    return TestClient(app, headers={"Accept-Language": "en"})


def _upload(client: TestClient, token: str, name: str, data: bytes, path: str = "imports"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/staff/console/c/c1/{path}", data={"csrf_token": token},
        files={"file": (name, data, "application/octet-stream")}, follow_redirects=False,
    )  # fmt: skip


def _wait_done(client: TestClient, url: str) -> str:
    for _ in range(200):
        page = client.get(url).text
        if 'id="summary"' in page or 'class="error"' in page:
            return page
        assert "<progress" in page and 'http-equiv="refresh"' in page
        time.sleep(0.05)
    raise AssertionError("import did not finish")


def test_upload_preview_map_import_and_rejects(client: TestClient, world: World) -> None:
    with client:
        token = sign_in(client, "secretariat")
        sent = _upload(client, token, "eotinish.csv", CSV.encode("utf-8"))
        assert sent.status_code == 303, sent.text
        preview_url = sent.headers["location"]
        preview = client.get(preview_url).text
        assert "Текст обращения" in preview and "Добавить норму о языке" in preview
        assert "900101300126" not in preview and "ivan@example.kz" not in preview  # masked
        assert "No column is called text" in preview  # the mapping is asked for
        form = {"csrf_token": csrf_of(preview), "map_text": "Текст обращения", "map_id": "Номер",
                "map_article": "Статья", "map_iin": "ИИН", "map_email": "email",
                "channel": "e-otinish"}  # fmt: skip
        started = client.post(preview_url + "/start", data=form, follow_redirects=False)
        assert started.status_code == 303
        done = _wait_done(client, preview_url)
        assert "Imported</span>" not in done and ": 2 ·" in done and ": 1</p>" in done, done
        rejects = client.get(preview_url + "/rejects.csv")
        assert rejects.status_code == 200 and "the proposal text is empty" in rejects.text
        queue = client.get("/staff/c/c1/queue").text
        assert "Добавить норму о языке" in queue  # grouped for the work queue
        console = client.get("/staff/console/c/c1").text
        assert "999" in console and "not in the draft" in console  # flagged, not refused
        staging = client.app.state.upload_root  # type: ignore[attr-defined]
        assert any(staging.iterdir())
        export = client.get("/staff/console/c/c1/proposals.csv")
        assert export.status_code == 200 and "Добавить норму" in export.text
        assert "ivan@example.kz" not in export.text
    assert not staging.exists()  # the staging folder goes with the server


@pytest.mark.parametrize(
    ("name", "data"),
    [("draft.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0"),
     ("empty.csv", b""), ("binary.csv", b"text\n\x00\x01\x02garbage"),
     ("letter.xlsx", _zip({"word/document.xml": "<w:document/>"}))],
)  # fmt: skip
def test_not_a_table_is_refused_and_nothing_kept(
    client: TestClient, world: World, name: str, data: bytes
) -> None:
    with client:
        token = sign_in(client, "secretariat")
        refused = _upload(client, token, name, data)
        assert refused.status_code in {400, 422} and 'role="alert"' in refused.text
    with world.db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(proposals)).scalar() == 3


def test_oversized_upload_is_refused_from_its_headers(client: TestClient, world: World) -> None:
    with client:
        token = sign_in(client, "secretariat")
        big = b"text\n" + b"x" * (1024 * 1024 + 10)
        refused = _upload(client, token, "big.csv", big)
        assert refused.status_code == 413
        lying = client.post("/staff/console/c/c1/imports", content=b"x" * 10,
                            headers={"content-length": str(200 * 1024 * 1024),
                                     "content-type": "multipart/form-data; boundary=x",
                                     "x-csrf-token": token})  # fmt: skip
        assert lying.status_code == 413


def test_reviewer_may_not_use_the_console(client: TestClient, world: World) -> None:
    with client:
        sign_in(client, "reviewer")
        assert client.get("/staff/console").status_code == 403
        assert client.get("/staff/console/c/c1").status_code == 403


def test_create_update_assign_users_and_moderate(client: TestClient, world: World) -> None:
    with client:
        token = sign_in(client, "admin")
        made = client.post("/staff/console", data={
            "csrf_token": token, "slug": "new-law", "title": "Жаңа заң", "title_ru": "Новый закон",
            "description_kk": "Сипаттама", "body": "Министрлік", "closes_at": "2099-01-01T18:00",
        }, follow_redirects=False)  # fmt: skip
        assert made.status_code == 303 and made.headers["location"].startswith("/staff/console/c/")
        page = client.get("/staff/console/c/new-law?lang=ru").text
        assert "Новый закон" in page and 'value="2099-01-01T18:00"' in page
        reversed_ = client.post("/staff/console/c/new-law", data={
            "csrf_token": token, "title": "Жаңа заң", "opens_at": "2099-02-01T00:00"})  # fmt: skip
        assert reversed_.status_code == 400 and "должно быть позже, чем «Приём" in reversed_.text
        past = client.post(
            "/staff/console",
            data={
                "csrf_token": token,
                "slug": "old",
                "title": "O",
                "closes_at": "2001-01-01T00:00",
            },
        )
        assert past.status_code == 400 and "Дата закрытия уже прошла" in past.text
        user = client.post("/staff/console/users", data={"csrf_token": token,
            "username": "dana", "display_name": "Дана", "role": "reviewer",
            "password": "twelve chars!"}, follow_redirects=False)  # fmt: skip
        assert user.status_code == 303
        form = {"csrf_token": token, "username": "dana", "scope": "article", "value": "3"}
        assigned = client.post("/staff/console/c/c1/assign", data=form, follow_redirects=False)
        assert assigned.status_code == 303
        assert "Дана" in client.get("/staff/console/c/c1").text
        code = world.proposals["own_a"][1]
        hidden = client.post("/staff/console/c/c1/hide", data={"csrf_token": token,
            "proposal": code, "reason": "insults"}, follow_redirects=False)  # fmt: skip
        assert hidden.status_code == 303
        exported = client.get("/staff/console/c/c1/proposals.jsonl").text.splitlines()
        rows = {json.loads(line)["id"]: json.loads(line)["text"] for line in exported}
        assert rows[world.proposals["own_a"][0]] == HIDDEN_MARK
        assert rows[world.proposals["own_b"][0]] == "Мемлекеттік тілді нығайту керек!"
        console = client.get("/staff/console/c/c1").text
        assert "insults" in console and "Мемлекеттік тілді нығайту керек" in console
    entries = list_audit(world.db, consultation_id=world.consultation.id)
    assert any(e.action == "hide_proposal" and e.details == {"reason": "insults"} for e in entries)
    report = build_report(world.db, consultation="c1", language="ru")
    assert (report.intake.total, report.intake.hidden) == (3, 1)


def test_draft_upload(client: TestClient, world: World, tmp_path: Path) -> None:
    draft = "# Жоба\n\n## 1-бап. Бірінші\n\nМәтін.\n\n## 2-бап. Екінші\n\nМәтін.\n"
    with client:
        token = sign_in(client, "secretariat")
        sent = _upload(client, token, "draft-kk.md", draft.encode(), path="drafts")
        assert sent.status_code == 400 and "version" in sent.text  # a version label is needed
        sent = client.post("/staff/console/c/c1/drafts",
                           data={"csrf_token": token, "version": "v9", "language": "kk"},
                           files={"file": ("draft-kk.md", draft.encode(), "text/markdown")},
                           follow_redirects=False)  # fmt: skip
        assert sent.status_code == 303, sent.text
