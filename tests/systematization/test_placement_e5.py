"""Placement with the real e5 model on real Kazakh text (KazSim dev pairs and SIB-200
sentences, read from ``../shared``; never shipped): rewordings sent through the API join their
source's group, an exact copy joins, unrelated sentences join no existing group."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from talqy.intake import submit_proposal
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from talqy.systematization.placement import place_proposals
from talqy.systematization.runner import systematize_consultation
from talqy.web.app import create_app
from tests.systematization.test_placement import _membership
from tests.systematization.test_placement_hooks import ANSWER, _publish

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "dev"
STORED = 12  # KazSim source sentences in the stored run
SENT = 6  # rewordings of the first ones sent through the API


def _pairs() -> list[tuple[str, str]]:
    with open(DEV / "kazsim" / "pairs-dev-200.csv", encoding="utf-8", newline="") as f:
        return [(r[0].strip(), r[1].strip()) for r in list(csv.reader(f))[1 : STORED + 1]]


def _others(count: int) -> list[str]:
    with open(DEV / "sib200" / "kaz_Cyrl" / "train.tsv", encoding="utf-8", newline="") as f:
        return [r[2].strip() for r in list(csv.reader(f, delimiter="\t"))[1 : count + 1]]


def _group(db: Database, pid: int) -> int:
    found = _membership(db, pid)
    assert found is not None
    return found[0]


@pytest.mark.slow
def test_real_kazakh_rewordings_join_their_source_with_e5(db: Database, settings: Settings) -> None:
    pairs, others = _pairs(), _others(14)
    create_consultation(db, slug="c", title="C")
    stored = {  # redacted as every submission is
        text: submit_proposal(db, settings=settings, consultation="c", text=text).id
        for text in [a for a, _ in pairs] + others[:10]
    }
    systematize_consultation(db, settings=settings, consultation="c", embedder="e5")
    sources = {a: _group(db, stored[a]) for a, _ in pairs}
    _publish(db, sources[pairs[0][0]])  # the first source already has a published answer
    sent: dict[str, int] = {}
    codes: dict[str, str] = {}
    with TestClient(create_app(settings)) as client:
        for text in [b for _, b in pairs[:SENT]] + [pairs[SENT][0]] + others[10:]:
            answer = client.post(
                "/api/v1/consultations/c/proposals", json={"text": text, "consent": True}
            )
            assert answer.status_code == 201
            sent[text] = answer.json()["id"]
            codes[text] = answer.json()["receipt_code"]
        receipt = client.get(f"/receipt?code={codes[pairs[0][1]]}&lang=kk")
    assert ANSWER["kk"] in receipt.text  # the rewording's receipt shows the answer at once
    placed = {text: _membership(db, pid) for text, pid in sent.items()}
    assert all(m is not None and m[1] == "placement" for m in placed.values())
    joined = [placed[b] == (sources[a], "placement") for a, b in pairs[:SENT]]
    assert sum(joined) >= SENT - 1  # rewordings: at most one missed
    wrong = [b for a, b in pairs[:SENT] if placed[b][0] in set(sources.values()) - {sources[a]}]  # type: ignore[index]
    assert wrong == []  # never a wrong group
    assert placed[pairs[SENT][0]] == (sources[pairs[SENT][0]], "placement")  # the exact copy
    existing = set(sources.values()) | {_group(db, stored[t]) for t in others[:10]}
    assert all(placed[t][0] not in existing for t in others[10:])  # type: ignore[index]
    near_source = pairs[SENT + 1][0]
    near = submit_proposal(db, settings=settings, consultation="c", text=near_source + " Рахмет.")
    summary = place_proposals(db, "c", settings=settings)
    assert [(p.proposal_id, p.rule) for p in summary.placed] == [(near.id, "near")]
    assert summary.embedded == 0  # a near copy takes its source's vector, without the model
    assert _membership(db, near.id) == (sources[near_source], "placement")
