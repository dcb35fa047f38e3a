"""Theme quality: NMI against human topics on real mixed-language text.

    .venv/bin/python benchmarks/eval_themes.py --sib200 [--seed 0]   # SIB-200 dev triples
    .venv/bin/python benchmarks/eval_themes.py [--seed 0] [--sample 600]  # Constitution

``--sib200``: the 701 kk / ru / en translation triples of the SIB-200 train split (2,103
sentences, 7 topics; development data, see ``sib200.py``), through the whole pipeline (language,
duplicates, campaigns, themes; no draft, no stance) with e5 vectors and with static vectors, the
theme step alone on every sentence, and a TF-IDF (word 1–2-grams) + SVD (100-d) + k-means
baseline given the true number of topics (k = 7, an advantage the other methods do not get).

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
from typing import Any

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


def score(labels: np.ndarray, topics: list[Any]) -> tuple[float, float, int]:
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


def tfidf_baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from talqy.analysis.embedders import l2_normalize

    matrix = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit_transform(texts)
    reduced = TruncatedSVD(n_components=100, random_state=seed).fit_transform(matrix)
    return KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(l2_normalize(reduced))


def sib_pipeline(texts: list[str], langs: list[str], vectors: np.ndarray, name: str, seed: int
                 ) -> tuple[np.ndarray, np.ndarray, float]:  # fmt: skip
    pairs = zip(texts, langs, strict=True)
    items = [ProposalInput(f"s{i}", t, lg) for i, (t, lg) in enumerate(pairs)]
    start = time.perf_counter()
    result = Systematizer(embedder=name, stance=None, random_state=seed).run(
        items, embeddings=vectors
    )
    took = time.perf_counter() - start
    top = np.array([int(r.theme_id[1:]) if r.theme_id else -1 for r in result.rows])
    subs = sorted({r.subtheme_id for r in result.rows if r.subtheme_id})
    fine = np.array([subs.index(r.subtheme_id) if r.subtheme_id else -1 for r in result.rows])
    return top, fine, took


def print_sib200(seed: int) -> None:
    """Themes on the SIB-200 dev triples (see the module docstring)."""
    from sib200 import cached_vectors, load_sib200

    from talqy.analysis.theme_tree import LinkageClusterer

    texts, langs, topics, _ = load_sib200()
    print(f"SIB-200 dev: {len(texts)} sentences (kk/ru/en triples), {len(set(topics))} topics")
    print("| method (dev data) | NMI themes | unthemed | themes | NMI subthemes | seconds |")
    print("|---|---|---|---|---|---|")
    for name in ("e5", "static"):
        vectors = cached_vectors(name, texts) if name == "e5" else get_embedder(name).embed(texts)
        top, fine, took = sib_pipeline(texts, langs, vectors, name, seed)
        nmi, out, k = score(top, topics)
        sub = normalized_mutual_info_score(topics, fine)
        print(f"| whole pipeline, {name} | {nmi:.3f} | {out:.3f} | {k} | {sub:.3f} | {took:.1f} |")
        start = time.perf_counter()
        model = LinkageClusterer(random_state=seed).fit(center_by_group(vectors, langs))
        took = time.perf_counter() - start
        nmi, out, k = score(model.labels_, topics)
        sub = normalized_mutual_info_score(topics, model.fine_labels_)
        print(f"| theme step alone, {name}, centred | {nmi:.3f} | {out:.3f} | {k} | {sub:.3f} | "
              f"{took:.1f} |")  # fmt: skip
    start = time.perf_counter()
    base = tfidf_baseline(texts, len(set(topics)), seed)
    nmi, out, k = score(base, topics)
    took = time.perf_counter() - start
    print(f"| TF-IDF + SVD + k-means (k = 7 given) | {nmi:.3f} | {out:.3f} | {k} | | {took:.1f} |")


def print_labels(n: int, seed: int) -> None:
    """Labels of themes and subthemes on generated proposals: names, own language, examples."""
    import re

    from talqy.demo import generate_proposals

    rows = list(generate_proposals(n, seed=seed))
    items = [ProposalInput(r.id, r.text.replace("İ", "I"), r.language) for r in rows]
    vectors = get_embedder("static").embed([x.text for x in items])
    result = Systematizer(embedder="static", stance=None, random_state=seed).run(
        items, embeddings=vectors
    )
    names = {w.casefold() for r in rows if r.name for w in re.findall(r"\w{3,}", r.name)}
    themes = [t for top in result.themes for t in (top, *top.subthemes)]
    labels = [(t, lang, t.label[lang]) for t in themes for lang in ("kk", "ru", "en")]
    named = [x for x in labels if names & {w.casefold() for w in re.findall(r"\w{3,}", x[2])}]
    contact = [x for x in labels if re.search(r"@|\+7|\d{10,}", x[2])]
    present = {(r.theme_id, r.language) for r in result.rows} | {
        (r.subtheme_id, r.language) for r in result.rows
    }
    has = {lg: [t for t in themes if (t.id, lg) in present] for lg in ("kk", "ru", "en")}
    own = {lg: sum(t.label_source[lg] == lg for t in has[lg]) / len(has[lg]) for lg in has}
    subs = len(themes) - len(result.themes)
    print(f"generated ({n} proposals, seed {seed}, static): {len(result.themes)} themes, "
          f"{subs} subthemes; {len(names)} name words in the data")  # fmt: skip
    print(f"labels naming a person: {len(named)} of {len(labels)}; with contact data: "
          f"{len(contact)}; written in their own language where the theme has members in it: "
          + ", ".join(f"{lg} {own[lg]:.2f} (of {len(has[lg])})" for lg in own)
          + f"; longest {max(len(x[2]) for x in labels)} characters")  # fmt: skip
    for t, lang, text in named[:5]:
        print(f"  NAMED {t.id} {lang}: {text}")
    for t in result.themes[:5]:
        print(f"  {t.id} ({t.size}): " + " | ".join(t.label[lg] for lg in ("kk", "ru", "en")))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=600)
    parser.add_argument("--sib200", action="store_true", help="SIB-200 dev triples")
    parser.add_argument("--labels", type=int, metavar="N", help="labels on N generated proposals")
    args = parser.parse_args(argv)
    if args.sib200:
        print_sib200(args.seed)
        return
    if args.labels:
        print_labels(args.labels, args.seed)
        return
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
