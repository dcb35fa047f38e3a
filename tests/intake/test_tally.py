from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from talqy.cli.app import app
from talqy.intake.tally import tally_file


def write_jsonl(path: Path, texts: list[str]) -> None:
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )


def test_tally_counts_normalized_copies(tmp_path: Path) -> None:
    path = tmp_path / "flood.jsonl"
    write_jsonl(path, ["Тілді сақтаңыз!"] * 5 + ["тілді  сақтаңыз"] * 2 + ["Other", "", "Other"])
    result = tally_file(path, top=3)
    assert (result.rows, result.empty, result.distinct) == (10, 1, 2)
    assert result.top[0].count == 7 and result.top[1].count == 2


def test_tally_command_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("id,text\n1,a b\n2,A b\n3,c\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["proposals", "tally", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"] == 3 and data["distinct"] == 2 and data["duplicates"] == 1
