"""Compare two versions of a draft law article by article.

Articles are paired by content (``matching.content_similarity``) with a bonus for an equal
number, so renumbered and moved articles are still found. Each pair gets one status:

- ``unchanged``: same number, same words (tokens of title and text, notes ignored);
- ``renumbered``: same words, different number;
- ``modified``: the words differ (whether or not the number changed too: a change of words
  always wins over a change of number; the pair still shows both numbers);
- ``added`` / ``removed``: no counterpart with similarity at or above the floor.

``changed_share`` is the share of the new version's words (word tokens, punctuation left out)
that are not inside an ``equal`` run of the word alignment with the paired old article;
words of added articles count in full, removed articles add nothing (they are not in the new
text; ``removed_words`` reports them separately).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from talqy.documents.matching import (
    content_similarity,
    match_pairs,
    tokenize,
    tokenize_with_spacing,
)
from talqy.documents.model import Article, Document


class PairStatus(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    RENUMBERED = "renumbered"


STATUSES = tuple(status.value for status in PairStatus)


@dataclass(frozen=True)
class WordOp:
    """One difflib opcode over word tokens: ``equal``, ``insert``, ``delete`` or ``replace``."""

    tag: str
    old: str
    new: str


@dataclass(frozen=True)
class ArticlePair:
    """An old article, a new article, or both, with how they differ."""

    old: Article | None
    new: Article | None
    status: PairStatus
    similarity: float
    ops: tuple[WordOp, ...] = field(default=(), repr=False)
    changed_words: int = 0

    @property
    def old_number(self) -> str | None:
        return self.old.number if self.old else None

    @property
    def new_number(self) -> str | None:
        return self.new.number if self.new else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_number,
            "new": self.new_number,
            "status": self.status.value,
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True)
class SectionStats:
    """Pair counts for one section; ``side`` says which version's sections these are."""

    section: str | None
    title: str | None
    side: str
    counts: dict[str, int]
    changed_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "title": self.title,
            "side": self.side,
            **self.counts,
            "changed_share": self.changed_share,
        }


@dataclass(frozen=True)
class DocumentDiff:
    """The article-by-article comparison of two documents; ``to_dict`` is the JSON form."""

    old_articles: int
    new_articles: int
    pairs: tuple[ArticlePair, ...]
    changed_share: float
    new_words: int
    changed_words: int
    removed_words: int
    sections: tuple[SectionStats, ...] = ()

    def count(self, status: PairStatus | str) -> int:
        return sum(pair.status == status for pair in self.pairs)

    def __iter__(self) -> Iterator[ArticlePair]:
        return iter(self.pairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_articles": self.old_articles,
            "new_articles": self.new_articles,
            **{status: self.count(status) for status in STATUSES},
            "changed_share": round(self.changed_share, 4),
            "pairs": [pair.to_dict() for pair in self.pairs],
            "sections": [section.to_dict() for section in self.sections],
        }


def diff_documents(
    old: Document, new: Document, *, floor: float = 0.35, number_bonus: float = 0.1
) -> DocumentDiff:
    """Pair the articles of ``old`` and ``new`` and classify every pair."""
    old_texts = [_comparable(article) for article in old.articles]
    new_texts = [_comparable(article) for article in new.articles]
    similarity = content_similarity(old_texts, new_texts)
    bonus = number_bonus * np.array(
        [[a.number == b.number for b in new.articles] for a in old.articles], dtype=np.float64
    ).reshape(similarity.shape)
    matched = match_pairs(similarity, floor=floor, bonus=bonus)
    pairs = [_pair(old.articles[i], new.articles[j]) for i, j in matched]
    used_old = {i for i, _ in matched}
    used_new = {j for _, j in matched}
    pairs += [_added(article) for j, article in enumerate(new.articles) if j not in used_new]
    pairs += [_removed(article) for i, article in enumerate(old.articles) if i not in used_old]
    pairs = _in_reading_order(pairs, old, new)
    new_words = sum(_word_count(text) for text in new_texts)
    changed = sum(pair.changed_words for pair in pairs)
    return DocumentDiff(
        old_articles=len(old.articles),
        new_articles=len(new.articles),
        pairs=tuple(pairs),
        changed_share=changed / new_words if new_words else 0.0,
        new_words=new_words,
        changed_words=changed,
        removed_words=sum(_word_count(_comparable(p.old)) for p in pairs if p.old and not p.new),
        sections=tuple(_section_stats(pairs, old, new)),
    )


def _comparable(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def _word_count(text: str) -> int:
    return sum(1 for token in tokenize(text) if _is_word(token))


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def word_ops(old_text: str, new_text: str) -> tuple[tuple[WordOp, ...], float, int]:
    """Word-level opcodes, the word-sequence similarity ratio and the changed new words."""
    if old_text == new_text:
        return ((WordOp("equal", old_text, new_text),) if old_text else ()), 1.0, 0
    old_tokens, old_surfaces = tokenize_with_spacing(old_text)
    new_tokens, new_surfaces = tokenize_with_spacing(new_text)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    ops: list[WordOp] = []
    changed = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append(WordOp(tag, "".join(old_surfaces[i1:i2]), "".join(new_surfaces[j1:j2])))
        if tag != "equal":
            changed += sum(1 for token in new_tokens[j1:j2] if _is_word(token))
    ratio = matcher.ratio() if old_tokens or new_tokens else 1.0
    return tuple(ops), ratio, changed


def _pair(old: Article, new: Article) -> ArticlePair:
    ops, ratio, changed = word_ops(_comparable(old), _comparable(new))
    same_words = all(op.tag == "equal" for op in ops)
    if not same_words:
        status = PairStatus.MODIFIED
    elif old.number == new.number:
        status = PairStatus.UNCHANGED
    else:
        status = PairStatus.RENUMBERED
    return ArticlePair(old, new, status, ratio, ops, changed)


def _added(article: Article) -> ArticlePair:
    text = _comparable(article)
    ops = (WordOp("insert", "", text),) if text else ()
    return ArticlePair(None, article, PairStatus.ADDED, 0.0, ops, _word_count(text))


def _removed(article: Article) -> ArticlePair:
    text = _comparable(article)
    ops = (WordOp("delete", text, ""),) if text else ()
    return ArticlePair(article, None, PairStatus.REMOVED, 0.0, ops, 0)


def _in_reading_order(pairs: list[ArticlePair], old: Document, new: Document) -> list[ArticlePair]:
    """New-document order; a removed article follows the pair of the old article before it."""
    new_index = {id(article): j for j, article in enumerate(new.articles)}
    old_index = {id(article): i for i, article in enumerate(old.articles)}
    anchor: dict[int, int] = {}
    for pair in pairs:
        if pair.old is not None and pair.new is not None:
            anchor[old_index[id(pair.old)]] = new_index[id(pair.new)]

    def key(pair: ArticlePair) -> tuple[int, int, int]:
        if pair.new is not None:
            return (new_index[id(pair.new)], 0, 0)
        i = old_index[id(pair.old)]
        before = [anchor[k] for k in range(i) if k in anchor]
        return (max(before) if before else -1, 1, i)

    return sorted(pairs, key=key)


def _section_stats(
    pairs: list[ArticlePair], old: Document, new: Document
) -> Iterator[SectionStats]:
    for side, doc in (("new", new), ("old", old)):
        grouped: dict[str | None, list[ArticlePair]] = {}
        for pair in pairs:
            article = pair.new if side == "new" else (pair.old if pair.new is None else None)
            if article is not None:
                grouped.setdefault(article.section, []).append(pair)
        titles = {section.number: section.title for section in doc.sections}
        for number, members in grouped.items():
            counts = Counter(pair.status.value for pair in members)
            words = sum(_word_count(_comparable(p.new)) for p in members if p.new)
            changed = sum(p.changed_words for p in members)
            yield SectionStats(
                section=number,
                title=titles.get(number) if number is not None else None,
                side=side,
                counts={"articles": len(members), **{s: counts.get(s, 0) for s in STATUSES}},
                changed_share=round(changed / words, 4) if side == "new" and words else None,
            )
