"""The sample draft: three languages with the same structure, and a second Kazakh version."""

from __future__ import annotations

import re

import pytest

from talqy.demo import DRAFT_V2_CHANGES, demo_paths, read_draft
from talqy.documents.parser import parse_document
from talqy.errors import NotFound

ARTICLE = re.compile(r"^\*\*(?:(\d+)-бап|Статья (\d+)|Article (\d+))(?:\.\s*(.+?))?\*\*$", re.M)
SECTION = re.compile(r"^## (?:[IVX]+ бөлім|Раздел [IVX]+|Section [IVX]+)\. \S", re.M)
POINT = re.compile(r"^\d+\. ", re.M)
SUBPOINT = re.compile(r"^   \d+\) ", re.M)
KAZAKH_LETTERS = set("әғқңөұүі")  # һ is rare in Kazakh and absent here


def structure(text: str) -> dict[str, tuple[int, int]]:
    """Article number -> (points, sub-points), by a small regex independent of the parser."""
    matches = list(ARTICLE.finditer(text))
    result = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        number = next(g for g in match.groups()[:3] if g)
        body = text[match.end() : following.start() if following else len(text)]
        body = body.split("\n## ")[0]
        result[number] = (len(POINT.findall(body)), len(SUBPOINT.findall(body)))
    return result


def article_bodies(text: str) -> dict[str, str]:
    matches = list(ARTICLE.finditer(text))
    return {
        next(g for g in m.groups()[:3] if g): text[m.start() : n.start() if n else len(text)]
        .split("\n## ")[0]
        .split("**", 2)[2]
        .strip()
        for m, n in zip(matches, [*matches[1:], None], strict=True)
    }


def test_paths_exist_and_are_package_data() -> None:
    paths = demo_paths()
    assert set(paths) == {"kk", "ru", "en", "kk-v2"}
    for path in paths.values():
        assert path.is_file()
        assert "shared" not in path.parts
        assert path.read_text(encoding="utf-8") == read_draft(
            next(k for k in paths if paths[k] == path)
        )


def test_unknown_draft_is_not_found() -> None:
    with pytest.raises(NotFound):
        read_draft("fr")


def test_three_languages_share_article_numbers_and_point_counts() -> None:
    shapes = {lang: structure(read_draft(lang)) for lang in ("kk", "ru", "en")}
    assert list(shapes["kk"]) == [str(i) for i in range(1, 31)]
    assert shapes["kk"] == shapes["ru"] == shapes["en"]
    assert sum(points for points, _ in shapes["kk"].values()) > 80
    assert sum(subs for _, subs in shapes["kk"].values()) >= 10
    for lang in ("kk", "ru", "en"):
        assert len(SECTION.findall(read_draft(lang))) == 6


def test_kazakh_draft_uses_kazakh_letters() -> None:
    text = read_draft("kk").lower()
    assert set(text) >= KAZAKH_LETTERS
    body = "\n".join(line for line in text.splitlines() if not line.startswith("## "))
    assert not re.search(r"[a-z]", body.replace("talqy", ""))  # Roman numerals only in headings


def test_second_version_changes_are_as_documented() -> None:
    old, new = article_bodies(read_draft("kk")), article_bodies(read_draft("kk-v2"))
    assert list(new) == [str(i) for i in range(1, 31)]
    renumbered = DRAFT_V2_CHANGES["renumbered"]
    assert isinstance(renumbered, dict)
    for before, after in renumbered.items():
        assert new[after] == old[before]
    assert "Алқабилер" not in read_draft("kk-v2")
    assert "Конституциялық Сот" in new["29"] and "Конституциялық Сот" not in read_draft("kk")
    modified = set(DRAFT_V2_CHANGES["modified"])  # type: ignore[call-overload]
    for number in map(str, range(1, 27)):
        assert (new[number] != old[number]) == (number in modified), number
    assert new["30"] == old["30"]


def test_the_product_parser_reads_the_same_structure() -> None:
    documents = {lang: parse_document(path) for lang, path in demo_paths().items()}
    for lang in ("kk", "ru", "en"):
        document = documents[lang]
        assert document.language == lang
        assert not document.warnings
        assert len(document.sections) == 6
        assert all(article.title for article in document.articles)
    shapes = {
        lang: [(a.number, [len(p.subpoints) for p in a.points]) for a in documents[lang].articles]
        for lang in ("kk", "ru", "en")
    }
    assert shapes["kk"] == shapes["ru"] == shapes["en"]
    assert [a.number for a in documents["kk-v2"].articles] == [str(i) for i in range(1, 31)]
