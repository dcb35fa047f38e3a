"""``talqy draft parse`` and ``talqy draft diff`` through a local Typer root."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from talqy.cli import draft

root = typer.Typer()
root.add_typer(draft.app, name="draft")
runner = CliRunner()


def test_parse_json_shape(data_dir: Path) -> None:
    result = runner.invoke(root, ["draft", "parse", str(data_dir / "kk-1995-2022.md"), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["language", "articles"]
    assert data["language"] == "kk"
    assert len(data["articles"]) == 102
    article = next(a for a in data["articles"] if a["number"] == "83-1")
    assert list(article) == ["number", "section", "title", "text", "points"]
    assert article["section"] == "VII"
    assert all(isinstance(point, str) for point in article["points"])
    assert article["points"][0].startswith("1. ")


def test_parse_table_and_language_option(data_dir: Path) -> None:
    result = runner.invoke(root, ["draft", "parse", str(data_dir / "ru-2026.md"), "-l", "ru"])
    assert result.exit_code == 0
    assert "96 articles (ru)" in result.stdout


def test_parse_warnings_go_to_stderr(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("Article 1\n\nOne.\n\nArticle 3\n\nThree.\n", encoding="utf-8")
    result = runner.invoke(root, ["draft", "parse", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["language"] == "en"
    assert "numbering gap before article 3" in result.stderr


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    junk = tmp_path / "junk.md"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    for args in (["parse", str(tmp_path / "missing.md")], ["parse", str(junk)]):
        result = runner.invoke(root, ["draft", *args])
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.strip().split("\n")
        assert len(lines) == 1 and lines[0].startswith("error: ")
    result = runner.invoke(root, ["draft", "parse", str(junk), "--language", "de"])
    assert result.exit_code == 1 and "unknown language" in result.stderr


def test_diff_json(data_dir: Path) -> None:
    old, new = data_dir / "kk-1995-2022.md", data_dir / "kk-2026.md"
    result = runner.invoke(root, ["draft", "diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old_articles"], data["new_articles"]) == (102, 96)
    counts = sum(data[k] for k in ("unchanged", "modified", "added", "removed", "renumbered"))
    assert counts == len(data["pairs"])


def test_diff_table(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("Article 1\n\nCitizens may gather peacefully.\n", encoding="utf-8")
    new.write_text("Article 1\n\nCitizens may gather peacefully and freely.\n", encoding="utf-8")
    table = runner.invoke(root, ["draft", "diff", str(old), str(new)])
    assert table.exit_code == 0
    assert "modified" in table.stdout and "old.md → new.md" in table.stdout
