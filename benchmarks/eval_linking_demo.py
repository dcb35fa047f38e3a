"""Cross-lingual article linking on the demo draft: en and ru articles and points -> kk draft.

The demo draft is the only text with an English version (30 articles in kk, ru and en; written
for the demo: generated, not real). Article numbers are removed from the queries, so only the
semantic path can find the article. Queries go through :class:`LanguageDetector` first, as in
the pipeline. Variants:

- plain e5 cosine, whole article against whole article (the base model);
- points, no length rule (the previous default: every query against every point);
- shipped default (points only for queries at most twice their length, lexical term);
- English read as Latin-script Kazakh: the shipped linker fed the pseudo-Cyrillic rewriting
  that the previous language detector produced for much short English (shows that cost).

Prints a Markdown table (e5 vectors cached like ``eval_linking.py``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.transliteration import latin_to_cyrillic
from talqy.demo import demo_paths
from talqy.documents.parser import parse_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_linking import CachedEmbedder

NUMBER = re.compile(r"\b\d+[-‑]?(бап\w*|стать\w*|Article)\b", re.IGNORECASE)
VARIANTS: dict[str, dict[str, Any]] = {
    "plain e5 cosine, whole articles": dict(chunks="article", lexical_weight=0.0),
    "points, no length rule (previous)": dict(chunk_ratio=None),
    "shipped default": {},
}


def queries(lang: str) -> dict[str, list[tuple[str, str]]]:
    doc = parse_document(demo_paths()[lang], language=lang)
    articles = [(a.number, NUMBER.sub("", a.text)) for a in doc.articles]
    points = [
        (a.number, NUMBER.sub("", p.as_text()))
        for a in doc.articles
        for p in a.points
        if len(p.as_text()) > 40
    ]
    return {"articles": articles, "points": points}


def top(linker: ArticleLinker, items: list[tuple[str, str]], lang: str) -> tuple[float, float]:
    scores, _ = linker.score_articles([t for _, t in items], [lang] * len(items))
    order = np.argsort(-scores, axis=1, kind="stable")[:, :3]
    gold = np.array([linker.numbers_.index(n) for n, _ in items])
    return float(np.mean(order[:, 0] == gold)), float(np.mean((order == gold[:, None]).any(1)))


def main() -> None:
    kk = parse_document(demo_paths()["kk"], language="kk")
    articles = [ArticleText(a.number, "kk", a.text) for a in kk.articles]
    embedder = CachedEmbedder(E5Embedder())
    detector = LanguageDetector().fit()
    print("| queries | n | " + " | ".join(VARIANTS) + " | English read as Latin Kazakh |")
    print("|---|---:|" + "---:|" * (len(VARIANTS) + 1))
    for lang in ("en", "ru"):
        for kind, items in queries(lang).items():
            found = detector.transform([t for _, t in items])
            read = [(n, r.text) for (n, _), r in zip(items, found, strict=True)]
            langs = {r.language for r in found}
            cells = []
            for params in VARIANTS.values():
                linker = ArticleLinker(embedder, explicit=False, min_score=None, **params)
                t1, t3 = top(linker.fit(articles), read, lang)
                cells.append(f"{t1:.3f} / {t3:.3f}")
            if lang == "en":
                linker = ArticleLinker(embedder, explicit=False, min_score=None).fit(articles)
                t1, t3 = top(linker, [(n, latin_to_cyrillic(t)) for n, t in items], "kk")
                cells.append(f"{t1:.3f} / {t3:.3f}")
            else:
                cells.append("")
            print(
                f"| {lang} {kind} → kk (detected {','.join(sorted(langs))}) | {len(items)} | "
                + " | ".join(cells)
                + " |"
            )
    print("\nCells: top-1 / top-3.")


if __name__ == "__main__":
    main()
