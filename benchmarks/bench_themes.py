"""Theme stage alone at 10k, 20k and 100k generated proposals: speed and NMI at both levels.

    .venv/bin/python benchmarks/bench_themes.py              # 10k and 20k
    .venv/bin/python benchmarks/bench_themes.py --full       # 10k, 20k and 100k

Generated proposals (``talqy.demo``, seed 0), static-embedder vectors centred per language, and
the default theme step (``LinkageClusterer``) on *every* row (no duplicate grouping first, so
this is the theme stage's worst case: the pipeline fits only group representatives), followed
by the labels of both levels. Each size runs in a fresh process. NMI is against the generator's
``truth_theme`` (rows without a theme count as one "outlier" cluster) for the top themes
(``theme_id``) and the finer themes inside them (``subtheme_id``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np


def cpu_seconds() -> float:
    """CPU time of this process, all threads (less sensitive to a busy machine than wall time)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one(n: int) -> dict[str, Any]:
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from talqy.analysis.embedders import center_by_group, get_embedder
    from talqy.analysis.label_text import content_words
    from talqy.analysis.labels import label_groups
    from talqy.analysis.theme_tree import LinkageClusterer
    from talqy.demo import generate_proposals

    rows = list(generate_proposals(n, seed=0))
    texts = [r.text for r in rows]
    langs = [r.language or "und" for r in rows]
    vectors = center_by_group(get_embedder("static").embed(texts), langs)
    LinkageClusterer().fit(vectors[:500])  # imports and first-call costs out of the timing
    start, cpu = time.perf_counter(), cpu_seconds()
    model = LinkageClusterer(random_state=0).fit(vectors)
    fit_s = time.perf_counter() - start
    words = [content_words(t, lg) for t, lg in zip(texts, langs, strict=True)]
    label_groups(texts, langs, model.labels_, vectors, words=words)
    label_groups(texts, langs, model.fine_labels_, vectors, words=words)
    took, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    keep = [i for i, r in enumerate(rows) if r.truth_theme is not None]
    truth = [rows[i].truth_theme for i in keep]
    return {
        "n": n,
        "seconds": round(took, 1),
        "fit_seconds": round(fit_s, 1),
        "cpu_seconds": round(cpu, 1),
        "per_min": round(n / took * 60),
        "themes": int(model.labels_.max()) + 1,
        "subthemes": int(model.fine_labels_.max()) + 1,
        "outliers": round(float((model.labels_ < 0).mean()), 3),
        "nmi_top": round(float(nmi(truth, model.labels_[keep])), 3),
        "nmi_fine": round(float(nmi(truth, model.fine_labels_[keep])), 3),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also 100k")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one)))
        return
    sizes = [10_000, 20_000, 100_000] if args.full else [10_000, 20_000]
    print("| generated proposals | theme stage s (fit) | CPU s | proposals/min | themes |"
          " subthemes | unthemed | NMI themes | NMI subthemes |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"| {n:,} | failed: {done.stderr.strip().splitlines()[-1:]} | | | | | | | |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {n:,} | {r['seconds']} ({r['fit_seconds']}) | {r['cpu_seconds']} | "
            f"{r['per_min']:,} | {r['themes']} | "
            f"{r['subthemes']} | {r['outliers']:.1%} | {r['nmi_top']} | {r['nmi_fine']} |"
        )


if __name__ == "__main__":
    np.seterr(all="ignore")
    main(sys.argv[1:])
