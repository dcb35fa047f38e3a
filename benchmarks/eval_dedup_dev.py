"""Duplicate groups on real dev text: Kazakh rewordings (KazSim) and kk/ru/en translations
(SIB-200), with honest negatives. Prints a Markdown table.

Data (``../shared/data/dev``; dev data, thresholds were chosen on it):

- KazSim: 200 real Kazakh sentences and a simpler rewording of each (CC BY-NC 4.0: read from
  ``../shared`` only, never shipped);
- SIB-200: 701 real sentences in kk, ru and en (translation triples; one topic of 7 each).

Settings, each run through the shipped default deduplicator (exact + near + semantic, e5):

- ``kazsim + sib kk``: the 400 KazSim texts with the 701 SIB-200 Kazakh sentences as
  distractors (same language, other topics and the same topics);
- ``sib triples``: the 2,103 SIB-200 sentences in three languages;
- ``all``: both together (2,503 texts);
- ``different asks``: the 211 hand-written stance answers (``fixtures/stance_frozen.jsonl``
  and ``stance_dev_answers.jsonl``: short answers to the same few questions, many in the same
  words with opposite positions). No two of them should share a group when their stances
  differ; the row counts such joined pairs (answers of one stance to the parallel kk/ru/en
  questions may share a group: "Yes, absolutely ban them." / "Да, полностью за запрет.").

Recall: share of gold pairs (KazSim pair; two sentences of one SIB-200 triple) that end in one
group. Precision: share of predicted same-group pairs that are gold pairs. Vectors come from
the e5 cache of ``eval_linking.py`` (``/tmp/talqy-linking-cache``), built on first use.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/eval_dedup_dev.py``
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.normalization import normalize_text
from talqy.analysis.step_names import make_deduplicator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_linking import CachedEmbedder

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev"
SIB = {"kk": "kaz_Cyrl", "ru": "rus_Cyrl", "en": "eng_Latn"}


def kazsim() -> list[tuple[str, str]]:
    with open(DEV / "kazsim" / "pairs-dev-200.csv", encoding="utf-8", newline="") as f:
        return [(normalize_text(r[0]), normalize_text(r[1])) for r in list(csv.reader(f))[1:]]


def sib(lang: str) -> list[str]:
    path = DEV / "sib200" / SIB[lang] / "train.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        return [normalize_text(r[2]) for r in list(csv.reader(f, delimiter="\t"))[1:]]


def gold_pairs(groups: Sequence[int]) -> set[tuple[int, int]]:
    by: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        if g >= 0:
            by.setdefault(g, []).append(i)
    return {p for members in by.values() for p in itertools.combinations(sorted(members), 2)}


def score(labels: np.ndarray, gold: set[tuple[int, int]]) -> tuple[float, float, int]:
    by: dict[int, list[int]] = {}
    for i, g in enumerate(labels.tolist()):
        by.setdefault(g, []).append(i)
    predicted = {p for m in by.values() for p in itertools.combinations(sorted(m), 2)}
    hit = len(predicted & gold)
    return hit / max(len(predicted), 1), hit / max(len(gold), 1), len(predicted)


def main() -> None:
    embedder = CachedEmbedder(E5Embedder())
    pairs = kazsim()
    ks_texts = [a for a, _ in pairs] + [b for _, b in pairs]
    ks_groups = list(range(len(pairs))) * 2
    sib_texts = {lang: sib(lang) for lang in SIB}
    n = len(sib_texts["kk"])
    offset = len(pairs)
    settings = {
        "kazsim + sib kk": (
            ks_texts + sib_texts["kk"],
            ["kk"] * (len(ks_texts) + n),
            ks_groups + [-1] * n,
        ),
        "sib triples": (
            [t for lang in SIB for t in sib_texts[lang]],
            [x for x in SIB for _ in range(n)],
            [offset + i for _ in SIB for i in range(n)],
        ),
    }
    texts_all = settings["kazsim + sib kk"][0][: len(ks_texts)] + settings["sib triples"][0]
    settings["all"] = (
        texts_all,
        ["kk"] * len(ks_texts) + settings["sib triples"][1],
        ks_groups + settings["sib triples"][2],
    )
    print("| setting | n texts | gold pairs | predicted pairs | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (texts, langs, groups) in settings.items():
        vectors = embedder.embed(texts, kind="query")
        dedup = make_deduplicator("auto", len(texts), 0).fit(
            texts, embeddings=vectors, languages=langs
        )
        gold = gold_pairs(groups)
        precision, recall, predicted = score(dedup.labels_, gold)
        print(
            f"| {name} | {len(texts)} | {len(gold)} | {predicted} | {precision:.3f} | "
            f"{recall:.3f} |"
        )
        if name == "all":
            ks_gold = {p for p in gold if p[1] < len(ks_texts)}
            sib_gold = gold - ks_gold
            for label, part in (("  of which kazsim pairs", ks_gold), ("  of which sib", sib_gold)):
                _, r, _ = score(dedup.labels_, part)
                print(f"| {label} | | {len(part)} | | | {r:.3f} |")
    different_asks(embedder)


def different_asks(embedder: CachedEmbedder) -> None:
    """Predicted pairs among hand-written answers that join two different positions."""
    import json

    from talqy.analysis.language import LanguageDetector

    rows = []
    for name in ("stance_frozen.jsonl", "stance_dev_answers.jsonl"):
        path = Path(__file__).resolve().parent / "fixtures" / name
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = LanguageDetector().fit().transform([r["text"] for r in rows])
    texts, langs = [r.text for r in found], [r.language for r in found]
    vectors = embedder.embed(texts, kind="query")
    labels = (
        make_deduplicator("auto", len(texts), 0)
        .fit(texts, embeddings=vectors, languages=langs)
        .labels_
    )
    by: dict[int, list[int]] = {}
    for i, g in enumerate(labels.tolist()):
        by.setdefault(g, []).append(i)
    pairs = [p for m in by.values() for p in itertools.combinations(m, 2)]
    wrong = [(a, b) for a, b in pairs if rows[a]["stance"] != rows[b]["stance"]]
    print(
        f"| different asks (hand-written answers) | {len(texts)} | 0 | {len(pairs)} | "
        f"{len(wrong)} pairs join different stances | |"
    )
    for a, b in wrong[:5]:
        print(f"|   {rows[a]['text'][:40]} / {rows[b]['text'][:40]} | | | | | |")


if __name__ == "__main__":
    main()
