"""Calibration of the article-link cut-off (``ArticleLinker.min_score``): prints Markdown tables.

On-topic queries (must link to their article; dev data): Russian articles and points of the 2026
Constitution against the Kazakh text, and Kazakh reworded points (``eval_linking.py``).
Off-topic texts (should link to nothing; dev data): the 2,103 SIB-200 sentences in kk, ru and en
(news, travel, science, sports ... sentences: none is about the Constitution, though a few
"politics" ones come close), plus short answers that carry no subject ("Nothing", "Спасибо").

For each cut-off: share of on-topic queries whose correct article is still linked at rank 1
(top-1 kept) and share of off-topic texts that still get any link. The shipped cut-off is the
lowest one in this grid at which about 5 % of the off-topic sentences get a link
(0.88: 5.5 %), and no short answer without a subject ("Nothing", "Спасибо") gets one.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/eval_linking_calibration.py``
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import numpy as np

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.linking import ArticleLinker
from talqy.analysis.normalization import normalize_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_linking import CachedEmbedder, load_articles, point_queries, reword_kk

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev" / "sib200"
SHORT = ["Nothing", "Thank you", "Спасибо", "Рақмет", "No comment", "Ничего", "Ештеңе", "ok"]
CUTS = (0.80, 0.84, 0.86, 0.87, 0.88, 0.89, 0.90)


def sib() -> list[tuple[str, str]]:
    out = []
    for lang, folder in (("kk", "kaz_Cyrl"), ("ru", "rus_Cyrl"), ("en", "eng_Latn")):
        with open(DEV / folder / "train.tsv", encoding="utf-8", newline="") as f:
            out += [(normalize_text(r[2]), lang) for r in list(csv.reader(f, delimiter="\t"))[1:]]
    return out


def best(linker: ArticleLinker, texts: list[str], langs: list[str]) -> tuple[np.ndarray, ...]:
    scores, _ = linker.score_articles(texts, langs)
    return scores.max(axis=1), scores.argmax(axis=1)


def main() -> None:
    embedder = CachedEmbedder(E5Embedder())
    kk, ru = load_articles("kk"), load_articles("ru")
    linker = ArticleLinker(embedder, explicit=False, min_score=None).fit(kk)
    rng = random.Random(0)
    on_topic = {
        "ru articles → kk": (
            [" ".join(a.text.split("\n")) for a in ru],
            [a.number for a in ru],
            "ru",
        ),
        "ru points → kk": (*map(list, zip(*point_queries(ru), strict=True)), "ru"),
        "kk reworded points → kk": (
            *map(list, zip(*[(reword_kk(t, rng), n) for t, n in point_queries(kk)], strict=True)),
            "kk",
        ),
    }
    off = sib() + [(t, "und") for t in SHORT]
    off_best, _ = best(linker, [t for t, _ in off], [lang for _, lang in off])
    print(
        "| cut-off | " + " | ".join(f"{k}: top-1 kept" for k in on_topic) + " | off-topic linked |"
    )
    print("|---:|" + "---:|" * (len(on_topic) + 1))
    for cut in CUTS:
        cells = []
        for texts, numbers, lang in on_topic.values():
            top, arg = best(linker, [normalize_text(t) for t in texts], [lang] * len(texts))
            right = np.array([linker.numbers_[a] == n for a, n in zip(arg, numbers, strict=True)])
            cells.append(f"{float(np.mean(right & (top >= cut))):.3f}")
        print(f"| {cut:.2f} | " + " | ".join(cells) + f" | {float(np.mean(off_best >= cut)):.3f} |")
    quantiles = np.quantile(off_best, [0.5, 0.9, 0.95, 0.99])
    print(
        "\nOff-topic best scores, quantiles 0.5 / 0.9 / 0.95 / 0.99: "
        + " / ".join(f"{q:.3f}" for q in quantiles)
    )


if __name__ == "__main__":
    main()
