from __future__ import annotations

from fastapi.testclient import TestClient

from talqy.review.accounts import issue_token
from talqy.settings import Settings
from talqy.web.app import create_app
from tests.review.seed import World


def test_review_api_round_trip(settings: Settings, world: World) -> None:
    gid = world.groups["own"]
    reviewer = {"Authorization": f"Bearer {issue_token(world.db, username='reviewer')}"}
    other = {"Authorization": f"Bearer {issue_token(world.db, username='other-reviewer')}"}
    decision = {"version": 1, "kind": "partially_accepted", "articles": ["1"],
                "reasoning": {"kk": "Ішінара.", "ru": "Частично."}}  # fmt: skip
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/review/c1/groups").status_code == 401
        bad = client.get("/api/v1/review/c1/groups", headers={"Authorization": "Bearer tq_nope"})
        assert bad.status_code == 401 and bad.json()["error"] == "unauthenticated"
        queue = client.get("/api/v1/review/c1/groups", headers=reviewer).json()
        assert [g["id"] for g in queue["groups"]] == [gid]
        denied = client.post(
            f"/api/v1/review/c1/groups/{gid}/decision", json=decision, headers=other
        )
        assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
        done = client.post(
            f"/api/v1/review/c1/groups/{gid}/decision", json=decision, headers=reviewer
        )
        assert done.status_code == 200 and done.json()["state"] == "decided"
        stale = client.post(
            f"/api/v1/review/c1/groups/{gid}/decision", json=decision, headers=reviewer
        )
        assert stale.status_code == 409 and stale.json()["error"] == "conflict"
        assert client.get(f"/api/v1/consultations/c1/groups/{gid}").status_code == 404
        published = client.post(f"/api/v1/review/c1/groups/{gid}/publish", json={"version": 2},
                                headers=reviewer)  # fmt: skip
        assert published.status_code == 200
        detail = client.get(f"/api/v1/review/c1/groups/{gid}", headers=reviewer).json()
        assert detail["member_count"] == 2 and "author_name" not in detail["members"][0]
        table = client.get("/api/v1/consultations/c1/table?language=ru").json()
        assert table["rows"][0]["decision"]["reasoning"] == "Частично."
        answer = client.get(f"/api/v1/receipts/{world.proposals['own_a'][1]}/answer?language=en")
        assert answer.json()["answer"]["fallback"] is True
        figures = client.get("/api/v1/consultations/c1/figures").json()
        assert figures == {"proposals": 3, "groups": 2, "decided": 1, "published": 1}
        articles = client.get("/api/v1/consultations/c1/articles?language=kk").json()
        assert [a["proposals"] for a in articles["articles"]] == [2, 1, 0]
        audit = client.get("/api/v1/review/c1/audit", headers=reviewer)
        assert audit.status_code == 403
