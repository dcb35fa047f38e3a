"""Document parsing, diff and alignment on the real constitution texts: prints Markdown tables.

Inputs: ``../shared/data/constitution/{kk-2026,ru-2026,kk-1995-2022}.md``.
Run: ``.venv/bin/python benchmarks/bench_documents.py [--repeat N]``
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from talqy.documents.alignment import align_languages
from talqy.documents.diff import DocumentDiff, diff_documents, word_ops
from talqy.documents.model import Document
from talqy.documents.parser import parse_document
from talqy.documents.render import render_markdown

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "constitution"
FILES = ("kk-1995-2022.md", "kk-2026.md", "ru-2026.md")
T = TypeVar("T")


def timed(function: Callable[[], T], repeat: int) -> tuple[T, float]:
    """The result and the median CPU time of this process in milliseconds.

    CPU time rather than wall time: the numbers stay comparable on a machine shared with
    other work (the code is single-threaded).
    """
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = function()
        times.append((time.process_time() - start) * 1000)
    assert result is not None
    return result, statistics.median(times)


def parse_table(repeat: int) -> dict[str, Document]:
    docs = {}
    print(
        "| file | KiB | parse ms (CPU) | articles | sections | points | sub-points | notes "
        "| warnings |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in FILES:
        path = DATA / name
        doc, ms = timed(lambda path=path: parse_document(path), repeat)
        docs[name] = doc
        points = sum(1 for a in doc.articles for p in a.points if p.number)
        subs = sum(len(p.subpoints) for a in doc.articles for p in a.points)
        notes = sum(len(a.notes) for a in doc.articles) + len(doc.notes)
        print(
            f"| {name} | {path.stat().st_size / 1024:.0f} | {ms:.1f} | {len(doc.articles)} "
            f"| {len(doc.sections)} | {points} | {subs} | {notes} | {len(doc.warnings)} |"
        )
    return docs


def old_side_share(result: DocumentDiff) -> tuple[int, int]:
    """Old-text words not in an equal run (changed or removed), and all old words."""
    changed = total = 0
    for pair in result.pairs:
        if pair.old is None:
            continue
        old_text = f"{pair.old.title}\n{pair.old.text}" if pair.old.title else pair.old.text
        words = len([w for w in old_text.split() if any(ch.isalnum() for ch in w)])
        total += words
        if pair.new is None:
            changed += words
            continue
        new_text = f"{pair.new.title}\n{pair.new.text}" if pair.new.title else pair.new.text
        ops, _, _ = word_ops(new_text, old_text)  # reversed: count the old side's words
        changed += sum(
            len([w for w in op.new.split() if any(ch.isalnum() for ch in w)])
            for op in ops
            if op.tag != "equal"
        )
    return changed, total


def diff_table(docs: dict[str, Document], repeat: int) -> None:
    old, new = docs["kk-1995-2022.md"], docs["kk-2026.md"]
    result, ms = timed(lambda: diff_documents(old, new), repeat)
    data = result.to_dict()
    print("\n| diff | ms (CPU) | old | new | unchanged | modified | added | removed | renumbered "
          "| changed_share |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| kk 1995(2022) → kk 2026 | {ms:.0f} | {data['old_articles']} | {data['new_articles']} "
        f"| {data['unchanged']} | {data['modified']} | {data['added']} | {data['removed']} "
        f"| {data['renumbered']} | {data['changed_share']:.3f} |"
    )
    changed_old, old_words = old_side_share(result)
    print(
        f"\nnew words {result.new_words}, changed new words {result.changed_words}; "
        f"old words {old_words}, changed or removed old words {changed_old} "
        f"({changed_old / old_words:.3f}); removed-article words {result.removed_words}"
    )
    matched = [p for p in result.pairs if p.old is not None and p.new is not None]
    print("\n| word similarity of a pair below | matched pairs | old articles touched* |")
    print("|---|---|---|")
    removed = data["removed"] - sum(1 for p in result.pairs if p.old and p.old.is_empty)
    for threshold in (1.0, 0.95, 0.9, 0.8, 0.7, 0.5):
        below = sum(p.similarity < threshold for p in matched)
        print(f"| {threshold:.2f} | {below} | {below + removed} |")
    print("\n*matched pairs below the threshold plus removed articles with text")
    _, self_ms = timed(lambda: diff_documents(new, new), repeat)
    print(f"\ndiff kk 2026 with itself: {self_ms:.0f} ms (CPU)")


def alignment_table(docs: dict[str, Document], repeat: int) -> None:
    kk, ru = docs["kk-2026.md"], docs["ru-2026.md"]
    print("\n| alignment kk 2026 ↔ ru 2026 | ms (CPU) | linked | correct |\n|---|---|---|---|")
    for method in ("number", "content"):
        groups, ms = timed(lambda method=method: align_languages([kk, ru], method=method), repeat)
        linked = [g for g in groups if g.complete]
        correct = sum(
            g.articles[0] is not None
            and g.articles[1] is not None
            and g.articles[0].number == g.articles[1].number
            for g in linked
        )
        print(f"| {method} | {ms:.1f} | {len(linked)} | {correct} |")


def render_table(docs: dict[str, Document], repeat: int) -> None:
    print("\n| round trip (render → parse) | render ms (CPU) | equal tree |\n|---|---|---|")
    for name, doc in docs.items():
        text, ms = timed(lambda doc=doc: render_markdown(doc), repeat)
        print(f"| {name} | {ms:.1f} | {parse_document(text) == doc} |")


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    docs = parse_table(repeat)
    diff_table(docs, repeat)
    alignment_table(docs, repeat)
    render_table(docs, repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
