"""Cross-lingual linking on real sentences: SIB-200 en / ru sentences -> the kk sentences.

Each of the 701 real Kazakh SIB-200 sentences plays one "article" (number = its row); the
English and Russian translations of every sentence are the queries (dev data, real text). Queries
go through :class:`LanguageDetector` first, as in the pipeline. Columns: plain e5 cosine
(``chunks="article"``, no lexical term), the shipped linker (cut-off off, ranking only), and the
shipped linker fed English rewritten as pseudo-Kazakh (what the previous language step did to
much short English). Prints a Markdown table; e5 vectors cached like ``eval_linking.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.transliteration import latin_to_cyrillic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_dedup_dev import sib
from eval_linking import CachedEmbedder


def top(linker: ArticleLinker, texts: list[str], langs: list[str]) -> str:
    scores, _ = linker.score_articles(texts, langs)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :3]
    gold = np.arange(len(texts))
    top1 = float(np.mean(order[:, 0] == gold))
    top3 = float(np.mean((order == gold[:, None]).any(axis=1)))
    return f"{top1:.3f} / {top3:.3f}"


def main() -> None:
    embedder = CachedEmbedder(E5Embedder())
    kk = sib("kk")
    articles = [ArticleText(str(i), "kk", t) for i, t in enumerate(kk)]
    plain = ArticleLinker(embedder, chunks="article", lexical_weight=0.0, min_score=None)
    shipped = ArticleLinker(embedder, explicit=False, min_score=None)
    plain.fit(articles)
    shipped.fit(articles)
    detector = LanguageDetector().fit()
    print("| queries | n | plain e5 cosine | shipped linker | English as pseudo-Kazakh |")
    print("|---|---:|---:|---:|---:|")
    for lang in ("en", "ru"):
        found = detector.transform(sib(lang))
        texts, langs = [r.text for r in found], [r.language for r in found]
        pseudo = ""
        if lang == "en":
            pseudo = top(shipped, [latin_to_cyrillic(t) for t in texts], ["kk"] * len(texts))
        print(
            f"| {lang} sentences → kk | {len(texts)} | {top(plain, texts, langs)} | "
            f"{top(shipped, texts, langs)} | {pseudo} |"
        )


if __name__ == "__main__":
    main()
