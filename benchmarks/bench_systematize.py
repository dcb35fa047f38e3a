"""Speed and memory of the model-free systematization path on synthetic proposals.

    .venv/bin/python benchmarks/bench_systematize.py [--sizes 1000 10000 100000]

Each size runs in a fresh process (so peak RSS is per size): hashing embedder, exact + near
duplicates (no semantic step), campaigns, k-means themes, stance cues, no
draft. Prints proposals per minute, seconds per stage and peak RSS above the baseline taken
after imports and data generation.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

KK = "жер салық тіл білім денсаулық сайлау парламент президент сот азамат құқық".split()  # noqa: SIM905
RU = "земля налог язык образование здоровье выборы парламент президент суд право".split()  # noqa: SIM905
EN = "land tax language education health elections parliament president court right".split()  # noqa: SIM905
FRAMES = {
    "kk": ["{a} туралы {n}-бапты өзгерту керек, {b} мәселесі маңызды.", "{a} мен {b} қорғалсын."],
    "ru": ["Предлагаю изменить статью {n}: {a} и {b} важны.", "Нужно защитить {a}, {b}."],
    "en": ["Article {n} should change: {a} and {b} matter.", "Protect {a} and {b} please."],
}


def synthetic(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Mixed kk/ru/en proposals with copies, near copies and one mail-merge campaign."""
    rng = random.Random(seed)
    words = {"kk": KK, "ru": RU, "en": EN}
    out: list[tuple[str, str]] = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.1 and out:
            text = rng.choice(out)[1]  # exact copy
        elif roll < 0.15:
            text = f"Мен, {rng.choice(['Айгерім', 'Ерлан', 'Асель'])}, жерді сатуға қарсымын."
        else:
            lang = rng.choice(["kk", "ru", "en"])
            a, b = rng.sample(words[lang], 2)
            tail = " ".join(rng.sample(words[lang], 3))
            text = rng.choice(FRAMES[lang]).format(a=a, b=b, n=rng.randint(1, 96)) + " " + tail
        out.append((f"p{i}", text))
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(n: int) -> dict[str, object]:
    from talqy.analysis.pipeline import Systematizer
    from talqy.analysis.records import ProposalInput
    from talqy.analysis.themes import KMeansClusterer

    items = [ProposalInput(pid, text) for pid, text in synthetic(n)]
    Systematizer(embedder="hashing", deduplicator="near", themes="kmeans").run(items[:50])
    base = rss_mb()
    peaks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        peaks[stage] = round(rss_mb() - base, 1)

    start = time.perf_counter()
    pipeline = Systematizer(
        embedder="hashing", deduplicator="near", themes=KMeansClusterer(), random_state=0
    )
    result = pipeline.run(items, progress=progress)
    took = time.perf_counter() - start
    extra = rss_mb() - base
    return {
        "n": n,
        "seconds": round(took, 1),
        "per_min": round(n / took * 60),
        "peak_mb_above_base": round(extra, 1),
        "kb_per_proposal": round(extra * 1024 / n, 2),
        "stages": result.timings,
        "peak_mb_after_stage": peaks,
        "themes": len(result.themes),
        "campaigns": len(result.campaigns),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one)))
        return
    print("| proposals | seconds | proposals/min | peak RSS above base (MB) | kB/proposal |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"| {n:,} | {r['seconds']} | {r['per_min']:,} | {r['peak_mb_above_base']} | "
            f"{r['kb_per_proposal']} |"
        )
        print(f"  stages (s): {r['stages']}; peak MB after stage: {r['peak_mb_after_stage']}")


if __name__ == "__main__":
    main(sys.argv[1:])
