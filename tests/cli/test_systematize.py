from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from talqy.cli.systematize import systematize

CONSTITUTION = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "constitution"
TEXTS = [
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "33-бапқа өзгеріс енгізу керек: мерзімді қысқарту қажет.",
    "Предлагаю изменить статью 33: сократить срок.",
    "Article 12 should protect privacy online.",
    "Memlekettik til turaly 9-bapty saqtau kerek.",
    "Тіл туралы бапты күшейту керек.",
]


@pytest.fixture
def app() -> typer.Typer:
    local = typer.Typer()
    local.command("systematize")(systematize)
    local.command("noop")(lambda: None)  # keep "systematize" a subcommand
    return local


def run(app: typer.Typer, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["systematize", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def write_jsonl(path: Path, texts: list[str]) -> Path:
    lines = [
        json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_contract_shape(app: typer.Typer, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS * 5)
    out, themes = tmp_path / "out.jsonl", tmp_path / "themes.json"
    code, output = run(
        app, str(src), "--draft", str(CONSTITUTION / "kk-2026.md"), "--draft",
        str(CONSTITUTION / "ru-2026.md"), "--out", str(out), "--themes-out", str(themes),
        "--embedder", "hashing", "--seed", "1",
    )  # fmt: skip
    assert code == 0, output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [f"p{i}" for i in range(30)]
    assert rows[0]["duplicate_group"] == rows[1]["duplicate_group"]
    assert rows[0]["articles"][0]["number"] == "33"
    data = json.loads(themes.read_text(encoding="utf-8"))
    assert {r["theme_id"] for r in rows} - {None} <= {t["id"] for t in data}
    assert all(set(t["label"]) >= {"kk", "ru", "en"} for t in data)


def test_positions_out(app: typer.Typer, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS * 4)
    out, positions = tmp_path / "out.jsonl", tmp_path / "positions.json"
    code, output = run(
        app, str(src), "--draft", str(CONSTITUTION / "kk-2026.md"), "--out", str(out),
        "--positions-out", str(positions), "--embedder", "hashing",
    )  # fmt: skip
    assert code == 0, output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    data = json.loads(positions.read_text(encoding="utf-8"))
    assert sum(p["size"] for p in data) == len(rows) == 24
    assert {r["position_id"] for r in rows} == {p["id"] for p in data}
    for p in data:
        assert set(p) >= {"id", "size", "label", "articles", "theme_id", "campaigns"}
        assert all(0 < len(p["label"][lang]) <= 120 for lang in ("kk", "ru", "en"))
    of_group: dict[str, str] = {}
    for r in rows:
        assert of_group.setdefault(r["duplicate_group"], r["position_id"]) == r["position_id"]


def test_csv_with_bad_rows(app: typer.Typer, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    huge = "ы" * 5_000_000
    src.write_text(
        f"id,text,submitted_at\na,Салық,2026-02-01\nb,{huge},not a date\nc,,\n", encoding="utf-8"
    )
    code, output = run(app, str(src), "--out", str(tmp_path / "o.jsonl"), "--embedder", "hashing")
    assert code == 0, output[-500:]
    assert "warning: line 3" in output
    rows = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["id"] for r in rows] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"id,body\n1,hello\n", "no 'text' column"),
        (b"\x00\x01\x02binary\xff\xfe", "not a text file"),
        (b"\xff\xfe\xfa not utf8", "not UTF-8"),
    ],
)
def test_bad_inputs_give_one_error_line(
    app: typer.Typer, tmp_path: Path, content: bytes, message: str
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(content)
    code, output = run(app, str(src), "--out", str(tmp_path / "o.jsonl"), "--embedder", "hashing")
    assert code == 1
    assert output.strip().startswith("error:") and message in output


def test_draft_without_articles_and_unknown_embedder(app: typer.Typer, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS)
    draft = tmp_path / "draft.md"
    draft.write_text("Just a paragraph without any article.\n", encoding="utf-8")
    code, output = run(app, str(src), "--draft", str(draft), "--out", str(tmp_path / "o.jsonl"))
    assert code == 1 and output.strip().startswith("error:")
    code, output = run(app, str(src), "--out", str(tmp_path / "o.jsonl"), "--embedder", "bert")
    assert code == 1 and "unknown embedder" in output
