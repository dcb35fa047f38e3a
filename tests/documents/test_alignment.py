"""align_languages links kk/ru/en versions by number, or by content when numbers differ."""

from __future__ import annotations

import dataclasses

import pytest

from talqy.documents.alignment import align_languages
from talqy.documents.model import Document
from talqy.errors import InvalidInput


def test_shared_numbering_links_by_number(kk2026: Document, ru2026: Document) -> None:
    groups = align_languages([kk2026, ru2026])
    assert len(groups) == 96
    assert all(g.complete and g.method == "number" for g in groups)
    group = groups[82]
    assert group.key == "83"
    assert group.get("ru") is ru2026.article("83")
    assert group.get("kk") is kk2026.article("83")
    assert group.get("en") is None


def test_content_alignment_recovers_the_numbering(kk2026: Document, ru2026: Document) -> None:
    groups = align_languages([kk2026, ru2026], method="content")
    correct = sum(g.complete and g.articles[0].number == g.articles[1].number for g in groups)  # type: ignore[union-attr]
    assert correct >= 94  # measured: 96 of 96


def test_renumbered_translation_with_missing_articles(kk2026: Document, ru2026: Document) -> None:
    kept = [a for a in ru2026.articles if a.number not in {"11", "42", "80"}]
    shifted = tuple(dataclasses.replace(a, number=f"{100 + i}") for i, a in enumerate(kept))
    other = dataclasses.replace(ru2026, articles=shifted)
    groups = align_languages([kk2026, other])
    linked = [g for g in groups if g.complete]
    assert len(linked) == 93
    truth = {a.original: a.number for a in ru2026.articles}
    correct = sum(truth[g.articles[1].original] == g.key for g in linked)  # type: ignore[union-attr]
    assert correct >= 90
    assert {g.key for g in groups if not g.complete} == {"11", "42", "80"}


def test_three_languages_and_extra_articles(kk2026: Document, ru2026: Document) -> None:
    english = dataclasses.replace(ru2026, language="en", articles=ru2026.articles[:10])
    groups = align_languages([kk2026, ru2026, english], method="number")
    assert groups[0].languages == ("kk", "ru", "en")
    assert sum(g.get("en") is not None for g in groups) == 10
    assert align_languages([]) == []
    with pytest.raises(InvalidInput):
        align_languages([kk2026], method="magic")
