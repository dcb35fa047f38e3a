"""render_markdown → parse_document gives back the same tree (Hypothesis round trip)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from talqy.analysis.normalization import normalize_text
from talqy.documents.diff import STATUSES, PairStatus, diff_documents
from talqy.documents.headings import classify_heading, is_note, point_number, subpoint_number
from talqy.documents.model import Article, Document, Point, Section, compose_article_text
from talqy.documents.parser import parse_document
from talqy.documents.render import render_markdown

LETTERS = "абвгдежзиклмнопрстуфхцшыэюяәғқңөұүһіabcdefghjklmnopqrstuvwxyz"
word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
token = st.one_of(
    word, word, word, st.integers(0, 2030).map(str),
    st.sampled_from([",", ".", ";", ":", "*", "\\", "#", "(", ")", "-", '"', "«", "<", ">", "_"]),
)  # fmt: skip


def _is_plain(line: str) -> bool:
    return bool(line) and not (
        classify_heading(line) or is_note(line) or point_number(line) or subpoint_number(line)
    )


sentence = st.lists(token, min_size=1, max_size=8).map(" ".join).map(normalize_text).filter(bool)
plain_line = st.tuples(word, sentence).map(lambda t: normalize_text(f"{t[0]} {t[1]}"))
plain_line = plain_line.filter(_is_plain)
title = st.lists(word, min_size=1, max_size=3).map(" ".join).map(normalize_text)


@st.composite
def points(draw: st.DrawFn) -> tuple[list[str], tuple[Point, ...]]:
    shape = draw(st.sampled_from(["none", "numbered", "lead-in"]))
    lead = draw(st.lists(plain_line, max_size=2))
    if shape == "none":
        return lead or [draw(plain_line)], ()
    subpoints = st.lists(
        st.tuples(sentence, st.lists(plain_line, max_size=1)).map(lambda s: [s[0], *s[1]]),
        max_size=3,
    ).map(lambda subs: tuple("\n".join([f"{n}) {s[0]}", *s[1:]]) for n, s in enumerate(subs, 1)))
    if shape == "lead-in":
        subs = draw(subpoints.filter(bool))
        return [], (Point("", "\n".join(lead), subs),)
    count = draw(st.integers(1, 4))
    items = []
    for number in range(1, count + 1):
        text = "\n".join([draw(sentence), *draw(st.lists(plain_line, max_size=1))])
        items.append(Point(str(number), text, draw(subpoints)))
    return lead, tuple(items)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    language = draw(st.sampled_from(["kk", "ru", "en"]))
    numbers = sorted(draw(st.sets(st.integers(1, 120), min_size=1, max_size=6)))
    section_numbers = draw(
        st.lists(st.sampled_from(["I", "II", "III", "IV", "1", "2", "3"]), unique=True, max_size=3)
    )
    sections = tuple(
        Section(n, draw(st.none() | title), draw(st.sampled_from(["section", "chapter"])))
        for n in section_numbers
    )
    articles = []
    section_index = -1 if draw(st.booleans()) or not sections else 0
    for number in numbers:
        if sections and draw(st.booleans()):
            section_index = min(section_index + 1, len(sections) - 1)
        lead, pts = draw(points())
        suffix = draw(st.sampled_from(["", "", "-1"]))
        notes = draw(
            st.lists(st.lists(sentence, min_size=1, max_size=2).map("\n".join), max_size=2)
        )
        articles.append(
            Article(
                number=f"{number}{suffix}",
                section=sections[section_index].number if section_index >= 0 else None,
                title=draw(st.none() | title),
                text=compose_article_text(pts, lead),
                points=pts,
                notes=tuple(notes),
            )
        )
    return Document(
        language=language,
        preamble="\n".join(draw(st.lists(plain_line, max_size=2))),
        sections=sections,
        articles=tuple(articles),
        title=draw(st.none() | title),
        notes=tuple(draw(st.lists(sentence.map(lambda s: f"Ескерту. {s}"), max_size=1))),
    )


@settings(max_examples=30, deadline=None)
@given(documents())
def test_render_then_parse_gives_the_same_tree(doc: Document) -> None:
    assert parse_document(render_markdown(doc)) == doc


def test_real_files_round_trip(kk1995: Document, kk2026: Document, ru2026: Document) -> None:
    for doc in (kk1995, kk2026, ru2026):
        again = parse_document(render_markdown(doc))
        assert again == doc
        assert again.warnings == doc.warnings


def test_rendered_text_is_escaped() -> None:
    doc = Document(
        "en",
        "",
        (),
        (Article("1", None, None, "a *b* \\c # d", (), ("note *x*",)),),
    )
    markdown = render_markdown(doc)
    assert "a \\*b\\* \\\\c # d" in markdown
    assert parse_document(markdown) == doc


@settings(max_examples=10, deadline=None)
@given(documents(), st.data())
def test_diff_invariants_on_generated_documents(old: Document, data: st.DataObject) -> None:
    assert all(p.status == PairStatus.UNCHANGED for p in diff_documents(old, old).pairs)
    order = data.draw(st.permutations(range(len(old.articles))))
    kept = order[: data.draw(st.integers(0, len(order)))]
    moved = tuple(
        dataclasses.replace(old.articles[i], number=str(200 + n)) for n, i in enumerate(kept)
    )
    new = dataclasses.replace(old, articles=moved)
    result = diff_documents(old, new)
    assert [p.new for p in result.pairs if p.new is not None] == list(new.articles)
    assert sum(p.old is not None for p in result.pairs) == len(old.articles)
    as_json = result.to_dict()
    assert sum(as_json[s] for s in STATUSES) == len(as_json["pairs"])
    assert as_json["changed_share"] == 0.0
    if len({_words(a) for a in old.articles}) == len(old.articles):  # distinct texts
        assert (as_json["renumbered"], as_json["removed"]) == (len(kept), len(old) - len(kept))


def _words(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text
