"""diff_documents: invariants, renumbering, additions and removals, the JSON shape."""

from __future__ import annotations

import dataclasses

import pytest

from talqy.documents.diff import PairStatus, diff_documents, word_ops
from talqy.documents.diff_html import render_diff_html
from talqy.documents.model import Article, Document
from talqy.documents.parser import parse_document

ARTICLES = {
    "1": "Every person has the right to life and nobody may be deprived of it arbitrarily.",
    "2": "The state language of the Republic is Kazakh and Russian is used officially.",
    "3": "Citizens may gather peacefully without weapons and hold meetings and marches.",
    "4": "Property is inviolable and guaranteed by law; nobody may be deprived of it.",
    "5": "The Parliament consists of deputies elected for a term of five years.",
}


def _doc(items: dict[str, str] | list[tuple[str, str]]) -> Document:
    pairs = items.items() if isinstance(items, dict) else items
    text = "\n\n".join(f"Article {number}\n\n{body}" for number, body in pairs)
    return parse_document(text)


def test_diff_with_itself_is_all_unchanged(kk2026: Document) -> None:
    result = diff_documents(kk2026, kk2026)
    data = result.to_dict()
    assert data["unchanged"] == 96 == data["old_articles"] == data["new_articles"]
    assert data["changed_share"] == 0.0
    assert all(p["old"] == p["new"] and p["similarity"] == 1.0 for p in data["pairs"])


def test_renumbered_article_is_detected() -> None:
    old = _doc(ARTICLES)
    new = _doc(
        [("1", ARTICLES["1"]), ("2", ARTICLES["3"]), ("3", ARTICLES["4"]), ("4", ARTICLES["5"])]
    )
    result = diff_documents(old, new)
    statuses = {(p.old_number, p.new_number): p.status for p in result.pairs}
    assert statuses == {
        ("1", "1"): PairStatus.UNCHANGED,
        ("3", "2"): PairStatus.RENUMBERED,
        ("4", "3"): PairStatus.RENUMBERED,
        ("5", "4"): PairStatus.RENUMBERED,
        ("2", None): PairStatus.REMOVED,
    }
    assert result.changed_share == 0.0
    assert result.removed_words == len(ARTICLES["2"].split())


def test_moved_article_is_found_by_content() -> None:
    old = _doc(ARTICLES)
    new = _doc([(str(i), ARTICLES[n]) for i, n in enumerate(["5", "1", "2", "3", "4"], start=1)])
    result = diff_documents(old, new)
    assert {(p.old_number, p.new_number) for p in result.pairs} == {
        ("5", "1"), ("1", "2"), ("2", "3"), ("3", "4"), ("4", "5"),
    }  # fmt: skip
    assert result.count("renumbered") == 5


def test_added_and_modified() -> None:
    old = _doc(ARTICLES)
    changed = dict(ARTICLES)
    changed["2"] = ARTICLES["2"].replace("Kazakh", "Kazakh only")
    changed["6"] = "A brand new article about digital rights and artificial intelligence oversight."
    result = diff_documents(old, _doc(changed))
    data = result.to_dict()
    assert (data["unchanged"], data["modified"], data["added"], data["removed"]) == (4, 1, 1, 0)
    modified = next(p for p in result.pairs if p.status == PairStatus.MODIFIED)
    assert modified.changed_words == 1
    assert [op.tag for op in modified.ops].count("insert") == 1
    new_words = sum(len(t.replace(";", " ").split()) for t in changed.values())
    assert result.new_words == new_words
    assert data["changed_share"] == round((1 + len(changed["6"].split())) / new_words, 4)
    assert data["pairs"][-1] == {"old": None, "new": "6", "status": "added", "similarity": 0.0}


def test_renumbered_and_modified_counts_as_modified() -> None:
    old = _doc(ARTICLES)
    new = _doc([("10", ARTICLES["1"].replace("life", "life and dignity"))])
    pair = next(p for p in diff_documents(old, new).pairs if p.new_number == "10")
    assert (pair.old_number, pair.status) == ("1", PairStatus.MODIFIED)


def test_unrelated_articles_are_not_paired_by_number_alone() -> None:
    old = _doc({"1": ARTICLES["1"]})
    new = _doc({"1": "Zzz qqq xxw vvv kkk ooo ppp."})
    statuses = sorted(p.status.value for p in diff_documents(old, new).pairs)
    assert statuses == ["added", "removed"]


def test_json_shape_is_exact(kk1995: Document, kk2026: Document) -> None:
    data = diff_documents(kk1995, kk2026).to_dict()
    assert list(data) == [
        "old_articles", "new_articles", "unchanged", "modified", "added", "removed",
        "renumbered", "changed_share", "pairs", "sections",
    ]  # fmt: skip
    assert (data["old_articles"], data["new_articles"]) == (102, 96)
    assert all(set(p) == {"old", "new", "status", "similarity"} for p in data["pairs"])
    statuses = [p["status"] for p in data["pairs"]]
    assert sum(s != "removed" for s in statuses) == 96
    assert sum(s not in ("added",) for s in statuses) == 102
    assert 0.0 < data["changed_share"] < 1.0
    new_sections = [s for s in data["sections"] if s["side"] == "new"]
    assert sum(s["articles"] for s in new_sections) == 96
    assert sum(s["removed"] for s in data["sections"]) == data["removed"]


def test_real_reform_pairs_known_correspondences(kk1995: Document, kk2026: Document) -> None:
    pairs = {(p.old_number, p.new_number) for p in diff_documents(kk1995, kk2026).pairs}
    assert ("1", "1") in pairs
    assert ("50", "53") in pairs  # Parliament's composition → Kurultai's composition
    assert ("83-1", "85") in pairs  # human rights commissioner, renumbered
    assert ("84", None) in pairs  # the repealed stub


def test_word_ops_cover_both_texts() -> None:
    ops, ratio, changed = word_ops("a b c d", "a x c d e")
    assert [op.tag for op in ops] == ["equal", "replace", "equal", "insert"]
    assert "".join(op.old for op in ops).split() == ["a", "b", "c", "d"]
    assert "".join(op.new for op in ops).split() == ["a", "x", "c", "d", "e"]
    assert changed == 2
    assert ratio == pytest.approx(2 * 3 / 9)


def test_diff_html_escapes_and_marks_changes() -> None:
    old = _doc({"1": "Tags <b>bold</b> & stay escaped here in the article text today."})
    new = _doc({"1": 'Tags <i>bold</i> & "stay" escaped here in the article text today.'})
    html = render_diff_html(diff_documents(old, new))
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;" in html and "&gt;" in html and "&amp;" in html and "&quot;" in html
    assert "<del>" in html and "<ins>" in html
    pair_html = render_diff_html(diff_documents(old, new).pairs[0])
    assert pair_html.startswith('<div class="talqy-diff-pair talqy-diff-modified"')


def test_empty_stub_pairs_with_empty_stub() -> None:
    old = parse_document("Article 1\n\n> *Note. Repealed.*\n\nArticle 2\n\nText of two here.")
    new = dataclasses.replace(old, articles=old.articles[:1])
    result = diff_documents(old, new)
    assert [(p.old_number, p.new_number, p.status.value) for p in result.pairs] == [
        ("1", "1", "unchanged"),
        ("2", None, "removed"),
    ]
    assert isinstance(result.pairs[0].old, Article)
