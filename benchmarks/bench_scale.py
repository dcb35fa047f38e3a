"""Scale: proposals per minute, memory per proposal and quality, local vs Dask engine.

    .venv/bin/python benchmarks/bench_scale.py            # light: 10k rows, 1M-row tally
    .venv/bin/python benchmarks/bench_scale.py --full     # 10k and 100k, e5 at 2k, 22M tally
    .venv/bin/python benchmarks/bench_scale.py --profile static 20000   # cProfile top functions

Every configuration runs in a fresh process: generated proposals (``talqy.demo``, seed 0) with
their declared language, article, time, channel and region, the sample draft in kk / ru / en,
and the default pipeline (language, duplicates, campaigns, themes, article links, stance) with
the chosen embedder and engine. ``kB/proposal`` is the peak RSS above the baseline taken after
imports, data generation and a 50-row warm-up, divided by the number of proposals. Quality
against the generator's truth: NMI of themes vs ``truth_theme`` (rows without a theme count as
one "outlier" cluster) and pairwise precision / recall / F1 of duplicate groups vs
``truth_group`` (one group per underlying idea: copies, rewordings and translations; rows
without a group left out). The exact tally replays form letters like the US net-neutrality
docket (94 % of rows repeat one of 300 templates, Zipf-distributed, with case, punctuation and
whitespace variants), streamed from a generator.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import numpy as np

LIGHT = [("local", "hashing", 10_000), ("local", "static", 10_000), ("dask", "static", 10_000)]
FULL = [
    ("local", "e5", 2_000),
    *LIGHT,
    ("local", "hashing", 100_000),
    ("local", "static", 100_000),
    ("dask", "static", 100_000),
]
TALLY_ROWS = 22_000_000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def load_inputs(n: int) -> tuple[list[Any], list[Any], list[Any]]:
    """Proposal inputs, their generated rows (truth) and the sample draft's articles."""
    from talqy.analysis.linking import ArticleText
    from talqy.analysis.records import ProposalInput
    from talqy.demo import demo_paths, generate_proposals
    from talqy.documents.parser import parse_document

    rows = list(generate_proposals(n, seed=0))
    # "İ" (U+0130) makes latin_to_cyrillic raise IndexError; written as "I" until fixed.
    items = [
        ProposalInput(
            r.id, r.text.replace("İ", "I"), r.language, r.article,
            datetime.fromisoformat(r.submitted_at), r.channel, r.region,
        )
        for r in rows
    ]  # fmt: skip
    articles = []
    for lang in ("kk", "ru", "en"):
        doc = parse_document(demo_paths()[lang])
        articles += [ArticleText(a.number, doc.language, a.text) for a in doc.articles if a.text]
    return items, rows, articles


def pair_scores(predicted: list[str], truth: list[str | None]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``predicted`` groups against ``truth`` groups."""
    keep = [i for i, t in enumerate(truth) if t is not None]

    def pairs(counts: Counter[Any]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter((predicted[i], truth[i]) for i in keep))
    pred = pairs(Counter(predicted[i] for i in keep))
    gold = pairs(Counter(truth[i] for i in keep))
    precision = both / pred if pred else 1.0
    recall = both / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def quality(result: Any, rows: list[Any]) -> dict[str, float]:
    from sklearn.metrics import normalized_mutual_info_score

    themed = [i for i, r in enumerate(rows) if r.truth_theme is not None]
    truth = [rows[i].truth_theme for i in themed]
    nmi = normalized_mutual_info_score(truth, [result.rows[i].theme_id or "-" for i in themed])
    sub = normalized_mutual_info_score(truth, [result.rows[i].subtheme_id or "-" for i in themed])
    p, r, f1 = pair_scores([x.duplicate_group for x in result.rows], [x.truth_group for x in rows])
    scores = {"nmi": float(nmi), "nmi_sub": float(sub), "dup_p": p, "dup_r": r, "dup_f1": f1}
    return {k: round(v, 3) for k, v in scores.items()}


def make_pipeline(engine_name: str, embedder: str) -> Any:
    from talqy.analysis.dask_engine import DaskEngine
    from talqy.analysis.engines import LocalEngine
    from talqy.analysis.pipeline import Systematizer

    engine = DaskEngine(workers=2) if engine_name == "dask" else LocalEngine()
    return Systematizer(embedder=embedder, engine=engine, random_state=0)


def one(engine_name: str, embedder: str, n: int) -> dict[str, Any]:
    items, rows, articles = load_inputs(n)
    make_pipeline(engine_name, embedder).run(items[:50], articles)
    base = current_mb()
    start = time.perf_counter()
    result = make_pipeline(engine_name, embedder).run(items, articles)
    took = time.perf_counter() - start
    extra = max(peak_mb() - base, 0.0)
    return {
        "engine": engine_name,
        "embedder": embedder,
        "n": n,
        "seconds": round(took, 1),
        "per_min": round(n / took * 60),
        "peak_mb": round(extra, 1),
        "kb_per_proposal": round(extra * 1024 / n, 2),
        "stages": result.timings,
        "themes": len(result.themes),
        **quality(result, rows),
    }


def run_one(engine_name: str, embedder: str, n: int) -> dict[str, Any]:
    args = [sys.executable, __file__, "--one", engine_name, embedder, str(n)]
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"engine": engine_name, "embedder": embedder, "n": n, "error": proc.stderr[-300:]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def print_table(results: list[dict[str, Any]]) -> None:
    print("| engine | embedder | proposals | seconds | proposals/min | peak MB above base |"
          " kB/proposal | themes | NMI | dup P | dup R | dup F1 |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            print(f"| {r['engine']} | {r['embedder']} | {r['n']:,} | failed: "
                  f"{r['error'].splitlines()[-1] if r['error'] else '?'} |||||||||")  # fmt: skip
            continue
        print(
            f"| {r['engine']} | {r['embedder']} | {r['n']:,} | {r['seconds']} | "
            f"{r['per_min']:,} | {r['peak_mb']} | {r['kb_per_proposal']} | {r['themes']} | "
            f"{r['nmi']} | {r['dup_p']} | {r['dup_r']} | {r['dup_f1']} |"
        )
    for r in results:
        if "stages" in r:
            print(f"\n{r['engine']}/{r['embedder']}/{r['n']:,} stages (s): {r['stages']}", end="")
    print()


def form_letters(rows: int, *, seed: int = 0, templates: int = 300) -> Iterator[str]:
    """A docket-like stream: 94 % copies of Zipf-weighted templates (with surface variants)."""
    from talqy.demo import generate_proposals

    bases = [r.text for r in generate_proposals(4 * templates, seed=seed) if len(r.text) > 80]
    letters = [" ".join(bases[i : i + 3]) for i in range(0, 3 * templates, 3)][:templates]
    variants = [[t, t + " ", t.upper(), t + "!!", "  " + t.lower()] for t in letters]
    weights = 1.0 / np.arange(1, len(letters) + 1)
    rng = np.random.default_rng(seed)
    made = 0
    while made < rows:
        block = min(100_000, rows - made)
        unique = rng.random(block) < 0.06
        which = rng.choice(len(letters), size=block, p=weights / weights.sum())
        variant = rng.integers(0, 5, size=block)
        for k in range(block):
            if unique[k]:
                yield f"{bases[(made + k) % len(bases)]} №{made + k}"
            else:
                yield variants[which[k]][variant[k]]
        made += block


def bench_tally(rows: int, *, full: bool) -> None:
    from talqy.analysis.tally import tally_exact

    measured = rows if full else 1_000_000
    if full:
        start = time.perf_counter()
        sum(1 for _ in form_letters(500_000, seed=1))
        probe = tally_exact(form_letters(1_000_000, seed=1))
        per_row = probe.seconds / 1_000_000 + (time.perf_counter() - start - probe.seconds) / 1e6
        if per_row * rows > 600:
            measured = int(600 / per_row)
    base = current_mb()
    start = time.perf_counter()
    result = tally_exact(form_letters(measured))
    took = time.perf_counter() - start
    extra = max(peak_mb() - base, 0.0)
    projected = took * rows / measured
    print("\n| exact tally | rows | distinct | duplicates | seconds | rows/s | peak MB above base |"
          " projected for 22M (s) |\n|---|---|---|---|---|---|---|---|")  # fmt: skip
    print(
        f"| {'measured' if measured == rows else 'measured fraction'} | {measured:,} | "
        f"{result.distinct:,} | {result.duplicates:,} | {took:.1f} | {measured / took:,.0f} | "
        f"{extra:.1f} | {projected:.0f} |"
    )
    top = result.top[0]
    print(f"\ntop template: {top.count:,} rows ({top.share:.1%}); includes generating the rows")


def cached_vectors(name: str, texts: list[str]) -> np.ndarray:
    """Vectors of ``texts`` by embedder ``name``; e5 vectors cached under /tmp."""
    import hashlib
    from pathlib import Path

    from talqy.analysis.embedders import get_embedder

    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:12]
    path = Path("/tmp/talqy-scale-cache") / f"{name}-{digest}.npy"
    if name == "e5" and path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vectors = get_embedder(name).embed(texts)
    if name == "e5":
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def quality_linking() -> None:
    """Cross-lingual article linking on the 2026 Constitution (ru → kk), per embedder."""
    from eval_linking import CachedEmbedder, accuracy, build_settings

    from talqy.analysis.embedders import get_embedder
    from talqy.analysis.linking import ArticleLinker

    settings = build_settings()
    chosen = ["ru articles → kk", "ru points → kk", "kk reworded points → kk"]
    print("| embedder | " + " | ".join(chosen) + " |\n|---|---|---|---|")
    for name in ("hashing", "static", "e5"):
        embedder = get_embedder(name)
        if name == "e5":
            embedder = CachedEmbedder(embedder)
        cells = []
        for key in chosen:
            articles, queries, lang = settings[key]
            linker = ArticleLinker(embedder, explicit=False).fit(articles)
            cells.append("{:.3f} / {:.3f}".format(*accuracy(linker, queries, lang)))
        print(f"| {name} | " + " | ".join(cells) + " |")


def quality_grouping(n: int = 2000) -> None:
    """Whole pipeline on ``n`` generated proposals with each embedder's vectors."""
    from talqy.analysis.pipeline import Systematizer

    items, rows, _ = load_inputs(n)
    index = {r.id: i for i, r in enumerate(rows)}
    print("\n| embedder | NMI | dup P | dup R | dup F1 | translations joined to source |")
    print("|---|---|---|---|---|---|")
    for name in ("hashing", "static", "e5"):
        vectors = cached_vectors(name, [x.text for x in items])
        result = Systematizer(embedder=name, random_state=0).run(items, embeddings=vectors)
        groups = [r.duplicate_group for r in result.rows]
        moved = [
            (i, index[r.truth_source])
            for i, r in enumerate(rows)
            if r.truth_kind == "translation" and r.truth_source in index
        ]
        joined = sum(groups[i] == groups[j] for i, j in moved) / max(len(moved), 1)
        q = quality(result, rows)
        print(
            f"| {name} | {q['nmi']} | {q['dup_p']} | {q['dup_r']} | {q['dup_f1']} | "
            f"{joined:.3f} ({len(moved)}) |"
        )


def profile(embedder: str, n: int) -> None:
    import cProfile
    import pstats

    items, _, articles = load_inputs(n)
    make_pipeline("local", embedder).run(items[:50], articles)
    profiler = cProfile.Profile()
    profiler.enable()
    result = make_pipeline("local", embedder).run(items, articles)
    profiler.disable()
    print(f"stages (s): {result.timings}")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(18)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="10k and 100k, e5 at 2k, 22M tally")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--profile", nargs=2, metavar=("EMBEDDER", "N"))
    parser.add_argument("--no-tally", action="store_true")
    parser.add_argument("--quality", action="store_true", help="embedder quality tables")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], int(args.one[2]))))
        return
    if args.quality:
        quality_linking()
        quality_grouping()
        return
    if args.profile:
        profile(args.profile[0], int(args.profile[1]))
        return
    print_table([run_one(*config) for config in (FULL if args.full else LIGHT)])
    if not args.no_tally:
        bench_tally(TALLY_ROWS, full=args.full)


if __name__ == "__main__":
    main(sys.argv[1:])
