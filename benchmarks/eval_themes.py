"""Theme quality: NMI against the Constitution's sections on mixed kk/ru paragraphs.

    .venv/bin/python benchmarks/eval_themes.py [--seed 0] [--sample 600]

Items are paragraphs (>= 60 characters) of the 2026 Constitution: for each aligned paragraph
the Kazakh *or* the Russian text is taken (coin flip), so the set is mixed kk/ru with no
translation pairs; the human topic is the section (11 sections). Outliers count as one extra
cluster for NMI. Each method is also run on the even and the odd sections alone (the
held-out check for anything chosen on the full set), and the default step on generated
proposals (``talqy.demo``: mixed kk/ru/en, 12 themes; campaign, garbage and empty rows left
out). e5 vectors come from the cache in /tmp/talqy-eval-cache (see eval_dedup.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np
from eval_dedup import analyse_demo, cached_embed, load_paragraphs
from sklearn.metrics import normalized_mutual_info_score

from talqy.analysis.embedders import center_by_group, get_embedder
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput
from talqy.analysis.stance import NoStanceClassifier
from talqy.analysis.themes import Clusterer, HDBSCANClusterer, KMeansClusterer


def mixed_items(seed: int, sample: int) -> tuple[list[str], list[str], list[int]]:
    rng = random.Random(seed)
    kk = {(p.article, p.index): p for p in load_paragraphs("kk")}
    ru = {(p.article, p.index): p for p in load_paragraphs("ru")}
    keys = sorted(kk.keys() & ru.keys())
    rng.shuffle(keys)
    texts, langs, topics = [], [], []
    for key in keys[:sample]:
        lang = rng.choice(["kk", "ru"])
        para = kk[key] if lang == "kk" else ru[key]
        texts.append(para.text)
        langs.append(lang)
        topics.append(para.section)
    return texts, langs, topics


def score(labels: np.ndarray, topics: list[int]) -> tuple[float, float, int]:
    nmi = normalized_mutual_info_score(topics, labels)
    return nmi, float((labels < 0).mean()), len(set(labels[labels >= 0].tolist()))


def print_demo(seed: int, n: int = 1500) -> None:
    """The default theme step on generated proposals (two seeds, never used for tuning)."""
    for data_seed in (0, 1):
        rows, texts, langs = analyse_demo(n, data_seed)
        keep = [i for i, r in enumerate(rows) if r.truth_theme and r.truth_kind != "campaign"]
        truth = [rows[i].truth_theme for i in keep]
        kept_langs = [langs[i] for i in keep]
        for name in ("e5", "hashing"):
            embedder = get_embedder(name)
            raw = cached_embed(embedder, [texts[i] for i in keep]) if name == "e5" else None
            vecs = embedder.embed([texts[i] for i in keep]) if raw is None else raw
            labels = HDBSCANClusterer(random_state=seed).fit_predict(
                center_by_group(vecs, kept_langs)
            )
            nmi = normalized_mutual_info_score(truth, labels)
            k = len(set(labels[labels >= 0].tolist()))
            share = float((labels < 0).mean())
            label = f"generated seed {data_seed}, {name}, default step"
            print(f"| {label} | {nmi:.3f} | {share:.3f} | {k} | |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=600)
    args = parser.parse_args(argv)
    texts, langs, topics = mixed_items(args.seed, args.sample)
    e5 = cached_embed(get_embedder("e5"), texts)
    hashing = get_embedder("hashing").embed(texts)
    centred = center_by_group(e5, langs)
    runs: list[tuple[str, np.ndarray, Clusterer]] = [
        ("e5, centred, UMAP+HDBSCAN", centred, HDBSCANClusterer(random_state=args.seed)),
        ("e5, raw, UMAP+HDBSCAN", e5, HDBSCANClusterer(random_state=args.seed)),
        ("e5, centred, k-means", centred, KMeansClusterer(random_state=args.seed)),
        ("hashing, centred, k-means", center_by_group(hashing, langs), KMeansClusterer()),
    ]
    print(
        f"{len(texts)} paragraphs, {sum(x == 'kk' for x in langs)} kk, {len(set(topics))} sections"
    )
    print("| method | NMI | outlier share | themes | seconds |")
    print("|---|---|---|---|---|")
    for name, vectors, model in runs:
        start = time.perf_counter()
        nmi, outliers, k = score(model.fit_predict(vectors), topics)
        print(f"| {name} | {nmi:.3f} | {outliers:.3f} | {k} | {time.perf_counter() - start:.1f} |")
    for part in (0, 1):
        idx = [i for i, t in enumerate(topics) if t % 2 == part]
        sub = [topics[i] for i in idx]
        for name, vectors, model in runs[:1] + runs[2:3]:
            x = center_by_group(e5[idx], [langs[i] for i in idx]) if "centred" in name else None
            nmi, outliers, k = score(model.fit_predict(vectors[idx] if x is None else x), sub)
            label = f"{name} ({'even' if part == 0 else 'odd'} sections only)"
            print(f"| {label} | {nmi:.3f} | {outliers:.3f} | {k} | |")
    print_demo(args.seed)
    items = [ProposalInput(f"p{i}", t) for i, t in enumerate(texts)]
    start = time.perf_counter()
    result = Systematizer(embedder="e5", stance=NoStanceClassifier(), random_state=args.seed).run(
        items, embeddings=e5
    )
    found = np.array([int(r.theme_id[1:]) if r.theme_id else -1 for r in result.rows])
    nmi, outliers, k = score(found, topics)
    took = time.perf_counter() - start
    print(f"| full pipeline (e5, defaults) | {nmi:.3f} | {outliers:.3f} | {k} | {took:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
