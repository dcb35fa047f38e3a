"""CSV and JSON Lines writers stream rows and keep every text intact."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from talqy.demo import IMPORT_COLUMNS, TRUTH_COLUMNS, generate_proposals, write_csv, write_jsonl


def test_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "proposals.csv"
    rows = list(generate_proposals(800, seed=9))
    assert write_csv(path, iter(rows)) == 800
    with path.open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert tuple(read[0]) == IMPORT_COLUMNS
    assert [r["text"] for r in read] == [row.text for row in rows]
    assert [r["iin"] for r in read] == [row.iin or "" for row in rows]


def test_csv_with_truth(tmp_path: Path) -> None:
    path = tmp_path / "truth.csv"
    write_csv(path, generate_proposals(50, seed=1), truth=True)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == IMPORT_COLUMNS + TRUTH_COLUMNS


def test_jsonl_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "proposals.jsonl"
    rows = list(generate_proposals(300, seed=2))
    assert write_jsonl(path, rows, truth=True) == 300
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 300
    decoded = [json.loads(line) for line in lines]
    assert decoded == [row.as_dict(truth=True) for row in rows]
    assert "Қ" in path.read_text(encoding="utf-8") or "қ" in path.read_text(encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    write_jsonl(plain, rows[:5])
    assert set(json.loads(plain.read_text(encoding="utf-8").splitlines()[0])) == set(IMPORT_COLUMNS)
