"""BERTopic side by side with Talqy's pipeline on the same proposals and the same embeddings.

    .venv/bin/python benchmarks/bench_bertopic.py            # 5,000 proposals
    .venv/bin/python benchmarks/bench_bertopic.py --full     # 20,000 proposals

BERTopic is never a dependency of Talqy: it is installed in a separate virtual environment
(``/tmp/bertopic-venv``, created on first run: ``pip install --no-deps bertopic`` plus
umap-learn, hdbscan, scikit-learn, pandas, numpy, tqdm, pyyaml and packaging; no torch, no
sentence-transformers).
Both sides get the same generated proposals (``talqy.demo``, seed 0) and the same precomputed
static-embedder vectors; BERTopic runs with ``embedding_model=None`` and its defaults (UMAP to
5 dimensions, HDBSCAN ``min_cluster_size=10``, c-TF-IDF). Talqy runs its whole pipeline
(language, duplicates, campaigns, themes, stance; no draft) with the vectors passed in.
Each side runs in its own process; memory is the peak RSS above the process's baseline after
loading data; CPU seconds (all threads of the process) are given beside wall seconds because
the machine may be shared. NMI is against the generator's ``truth_theme``; outliers count as
one cluster; Talqy's is given for its top themes (``theme_id``) and its subthemes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

VENV = Path("/tmp/bertopic-venv")
PACKAGES = [
    "umap-learn",
    "hdbscan",
    "scikit-learn",
    "pandas",
    "numpy",
    "tqdm",
    "pyyaml",
    "packaging",
]

RUNNER = """
import json, resource, sys, time
import numpy as np
from sklearn.metrics import normalized_mutual_info_score
folder = sys.argv[1]
texts = json.load(open(folder + "/texts.json"))
truth = json.load(open(folder + "/truth.json"))
vectors = np.load(folder + "/vectors.npy")
from bertopic import BERTopic
from umap import UMAP
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
start = time.perf_counter()
model = BERTopic(embedding_model=None, umap_model=UMAP(n_neighbors=15, n_components=5,
                 min_dist=0.0, metric="cosine", random_state=0), calculate_probabilities=False)
topics, _ = model.fit_transform(texts, embeddings=vectors)
took = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
keep = [i for i, t in enumerate(truth) if t is not None]
nmi = normalized_mutual_info_score([truth[i] for i in keep], [topics[i] for i in keep])
print(json.dumps({"seconds": took, "cpu": cpu, "peak_mb": peak, "topics": len(set(topics) - {-1}),
                  "outliers": sum(t == -1 for t in topics) / len(topics), "nmi": nmi}))
"""


def ensure_venv() -> Path:
    """The BERTopic benchmark environment (created when missing)."""
    python = VENV / "bin" / "python"
    if python.exists():
        return python
    print(f"creating {VENV} (BERTopic without torch)…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--no-deps", "bertopic"], check=True)
    subprocess.run([*pip, *PACKAGES], check=True)
    return python


def prepare(n: int, folder: Path) -> None:
    """Texts, truth and static-embedder vectors of ``n`` generated proposals."""
    from talqy.analysis.embedders import get_embedder
    from talqy.demo import generate_proposals

    rows = list(generate_proposals(n, seed=0))
    texts = [r.text.replace("İ", "I") for r in rows]  # U+0130 breaks latin_to_cyrillic
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False))
    (folder / "truth.json").write_text(json.dumps([r.truth_theme for r in rows]))
    fields = [
        [r.id, t, r.language, r.submitted_at, r.channel] for r, t in zip(rows, texts, strict=True)
    ]
    (folder / "rows.json").write_text(json.dumps(fields))
    np.save(folder / "vectors.npy", get_embedder("static").embed(texts))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_talqy(folder: Path) -> dict[str, Any]:
    """Talqy's pipeline on the prepared data, with the vectors passed in (own process)."""
    from sklearn.metrics import normalized_mutual_info_score

    from talqy.analysis.pipeline import Systematizer
    from talqy.analysis.records import ProposalInput

    rows = json.loads((folder / "rows.json").read_text())
    truth = json.loads((folder / "truth.json").read_text())
    vectors = np.load(folder / "vectors.npy")
    items = [
        ProposalInput(pid, text, lang, None, datetime.fromisoformat(at), channel)
        for pid, text, lang, at, channel in rows
    ]
    Systematizer(embedder="static").run(items[:50], embeddings=vectors[:50])
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stage_cpu: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:
            stage_cpu[stage] = cpu_seconds()

    start, cpu = time.perf_counter(), cpu_seconds()
    result = Systematizer(embedder="static", random_state=0).run(
        items, embeddings=vectors, progress=progress
    )
    took, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    themes = [r.theme_id or "-" for r in result.rows]
    subthemes = [r.subtheme_id or "-" for r in result.rows]
    keep = [i for i, t in enumerate(truth) if t is not None]
    gold = [truth[i] for i in keep]
    nmi = normalized_mutual_info_score(gold, [themes[i] for i in keep])
    nmi_sub = normalized_mutual_info_score(gold, [subthemes[i] for i in keep])
    return {
        "seconds": took,
        "cpu": cpu,
        "themes_seconds": result.timings.get("themes", 0.0),
        "themes_cpu": stage_cpu.get("themes", 0.0) - stage_cpu.get("campaigns", 0.0),
        "peak_mb": peak,
        "topics": len(result.themes),
        "subtopics": sum(len(t.subthemes) for t in result.themes),
        "outliers": sum(t == "-" for t in themes) / len(themes),
        "nmi": float(nmi),
        "nmi_sub": float(nmi_sub),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="20,000 proposals (default 5,000)")
    parser.add_argument("--talqy", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.talqy:
        print(json.dumps(run_talqy(Path(args.talqy))))
        return
    n = 20_000 if args.full else 5_000
    python = ensure_venv()
    with tempfile.TemporaryDirectory(prefix="talqy-bertopic-") as tmp:
        folder = Path(tmp)
        prepare(n, folder)
        (folder / "runner.py").write_text(RUNNER)
        sides = {
            "BERTopic": [str(python), str(folder / "runner.py"), tmp],
            "Talqy": [sys.executable, __file__, "--talqy", tmp],
        }
        results = {}
        for name, command in sides.items():
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{name} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    print_table(n, results)


def print_table(n: int, results: dict[str, dict[str, Any]]) -> None:
    print(f"| {n:,} proposals, static vectors | seconds (CPU s) | peak MB above base |"
          " topics | outlier share | NMI vs truth_theme |\n|---|---|---|---|---|---|")  # fmt: skip
    bt = results.get("BERTopic")
    if bt:
        print(
            f"| BERTopic (topic model only) | {bt['seconds']:.1f} ({bt['cpu']:.1f}) | "
            f"{bt['peak_mb']:.0f} | {bt['topics']} | {bt['outliers']:.1%} | {bt['nmi']:.3f} |"
        )
    tq = results.get("Talqy")
    if tq:
        print(
            f"| Talqy theme stage (inside the run below) | {tq['themes_seconds']:.1f} "
            f"({tq['themes_cpu']:.1f}) | | {tq['topics']} themes / {tq['subtopics']} subthemes"
            f" | {tq['outliers']:.1%} | {tq['nmi']:.3f} themes / {tq['nmi_sub']:.3f} subthemes |"
        )
        print(f"| Talqy whole pipeline | {tq['seconds']:.1f} ({tq['cpu']:.1f}) | "
              f"{tq['peak_mb']:.0f} | | | |")  # fmt: skip
    if bt and tq:
        wall = bt["seconds"] / max(tq["themes_seconds"], 1e-3)
        cpu = bt["cpu"] / max(tq["themes_cpu"], 1e-3)
        whole = bt["seconds"] / tq["seconds"]
        print(
            f"\nTheme stage vs BERTopic: {wall:.1f}x faster (wall), {cpu:.1f}x (CPU); "
            f"whole pipeline {whole:.1f}x the speed of BERTopic's topic model."
        )


if __name__ == "__main__":
    main(sys.argv[1:])
