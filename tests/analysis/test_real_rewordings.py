"""Real Kazakh rewordings (KazSim dev pairs, read from ``../shared``; never shipped) join one
duplicate group with e5, and unrelated real sentences do not."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.normalization import normalize_text
from talqy.analysis.step_names import make_deduplicator

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "dev"


@pytest.mark.slow
def test_kazsim_rewordings_are_grouped_with_high_precision() -> None:
    with open(DEV / "kazsim" / "pairs-dev-200.csv", encoding="utf-8", newline="") as f:
        pairs = [(normalize_text(r[0]), normalize_text(r[1])) for r in list(csv.reader(f))[1:61]]
    with open(DEV / "sib200" / "kaz_Cyrl" / "train.tsv", encoding="utf-8", newline="") as f:
        others = [normalize_text(r[2]) for r in list(csv.reader(f, delimiter="\t"))[1:61]]
    texts = [a for a, _ in pairs] + [b for _, b in pairs] + others
    n = len(pairs)
    vectors = E5Embedder().embed(texts, kind="query")
    labels = (
        make_deduplicator("auto", len(texts), 0)
        .fit(texts, embeddings=vectors, languages=["kk"] * len(texts))
        .labels_
    )
    joined = sum(labels[i] == labels[n + i] for i in range(n))
    predicted = [
        (a, b) for a, b in itertools.combinations(range(len(texts)), 2) if labels[a] == labels[b]
    ]
    correct = sum(b == a + n for a, b in predicted)
    assert joined / n >= 0.85
    assert correct / max(len(predicted), 1) >= 0.95
