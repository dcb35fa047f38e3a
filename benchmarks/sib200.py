"""SIB-200 development triples (kk / ru / en, 7 topics) and their cached e5 vectors.

Reads ``../shared/data/dev/sib200/{kaz_Cyrl,rus_Cyrl,eng_Latn}/train.tsv`` (701 rows each; row
*i* is the same sentence in the three languages). This is development data: every figure
measured on it is a dev figure. e5 vectors are cached in ``/tmp/talqy-themes-cache``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev" / "sib200"
FOLDERS = {"kk": "kaz_Cyrl", "ru": "rus_Cyrl", "en": "eng_Latn"}
CACHE = Path("/tmp/talqy-themes-cache")


def sib_root() -> Path:
    if ROOT.exists():
        return ROOT
    raise FileNotFoundError("SIB-200 dev data not found under ../shared/data/dev/sib200")


def load_sib200() -> tuple[list[str], list[str], list[str], list[int]]:
    """Texts, languages, topics and triple ids: all kk rows, then ru, then en."""
    texts, langs, topics, triple = [], [], [], []
    for lang, folder in FOLDERS.items():
        with (sib_root() / folder / "train.tsv").open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t")
            next(reader)
            for i, row in enumerate(reader):
                texts.append(row[2])
                langs.append(lang)
                topics.append(row[1])
                triple.append(i)
    return texts, langs, topics, triple


def cached_vectors(name: str, texts: list[str]) -> np.ndarray:
    """Query vectors of ``texts`` by embedder ``name``, cached on disk per text list."""
    from talqy.analysis.embedders import get_embedder

    embedder = get_embedder(name)
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    version = re.sub(r"[^\w.-]", "_", embedder.version)
    path = CACHE / f"{name}-{version}-{digest}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vectors = embedder.embed(texts, kind="query")
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


if __name__ == "__main__":
    t, lg, tp, _ = load_sib200()
    v = cached_vectors("e5", t)
    print(len(t), v.shape, sorted(set(tp)))
