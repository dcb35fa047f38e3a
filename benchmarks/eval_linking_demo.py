"""Cross-lingual article linking on the demo draft: en and ru articles and points -> kk draft.

Article numbers are removed from the queries, so only the semantic path can find the article.
Prints a Markdown table (e5; about 15 s here).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from talqy.analysis.embedders import get_embedder
from talqy.analysis.linking import ArticleLink, ArticleLinker, ArticleText
from talqy.demo import demo_paths
from talqy.documents.parser import parse_document

NUMBER = re.compile(r"\b\d+[-‑]?(бап\w*|стать\w*|Article)\b", re.IGNORECASE)


def scores(found: Sequence[list[ArticleLink]], truth: Sequence[str]) -> tuple[float, float]:
    top1 = sum(links[0].number == t for links, t in zip(found, truth, strict=True))
    top3 = sum(t in [x.number for x in links[:3]] for links, t in zip(found, truth, strict=True))
    return top1 / len(truth), top3 / len(truth)


def main() -> None:
    kk = parse_document(demo_paths()["kk"], language="kk")
    linker = ArticleLinker(embedder=get_embedder("e5"), top_k=5)
    linker.fit([ArticleText(a.number, "kk", a.text) for a in kk.articles])
    print("| queries | n | top-1 | top-3 |\n|---|---:|---:|---:|")
    for lang in ("en", "ru"):
        doc = parse_document(demo_paths()[lang], language=lang)
        articles = [(a.number, NUMBER.sub("", a.text)) for a in doc.articles]
        points = [
            (a.number, NUMBER.sub("", p.as_text()))
            for a in doc.articles
            for p in a.points
            if len(p.as_text()) > 40
        ]
        for kind, items in (("articles", articles), ("points", points)):
            found = linker.predict([t for _, t in items], [lang] * len(items))
            top1, top3 = scores(found, [n for n, _ in items])
            print(f"| {lang} {kind} → kk | {len(items)} | {top1:.3f} | {top3:.3f} |")


if __name__ == "__main__":
    main()
