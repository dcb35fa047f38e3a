"""Positions: how many per true meaning, how pure, how well languages and rewordings join.

Two sets, each figure labelled with its kind:

- **generated**: the demo's proposals (``make demo``: 2,000 generated rows, seed 0, the rows
  the import accepts, their redacted display text), scored against the generator's ideas
  (``truth_group``: an idea or a campaign). Rows without an idea (garbage) are left out.
- **dev**: real text from ``../shared/data/dev``: the SIB-200 train triples (one meaning in
  kk, ru and en), the KazSim rewording pairs (a Kazakh sentence and a simpler rewording),
  and 300 of those texts again as exact copies and as copies with a signature
  ("С уважением, Иванов Пётр"). Thresholds were tuned on these sets, so these are
  development figures, not held-out ones.

Printed per embedder: rows, duplicate groups, positions, purity (share of rows whose position's
majority meaning is theirs), positions per meaning, rows in their meaning's biggest position,
and for dev the share of translation triples in one position (all three; and pairwise) and of
rewording pairs in one position. e5 vectors are cached in /tmp/talqy-eval-cache.

    python benchmarks/eval_positions.py [--embedders static e5] [--skip-dev] [--skip-demo]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from eval_dedup import cached_embed

from talqy.analysis.embedders import get_embedder
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput, SystematizationResult
from talqy.analysis.themes import NoClusterer
from talqy.demo import demo_paths, generate_proposals
from talqy.documents.parser import parse_document
from talqy.errors import InvalidInput
from talqy.intake.records import Limits, build_record

DRAFT_CACHE = Path("/tmp/talqy-eval-cache/draft")
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
SIGNATURES = {
    "kk": ["Құрметпен, Асқаров Ерлан", "— Нұрлан Сейітов", "Ізгі тілекпен, Айгүл Бекова"],
    "ru": ["С уважением, Иванов Пётр", "— Мария Ким", "С уважением, Ахметов Данияр."],
    "en": ["Regards, John Smith", "— Anna Lee", "Best wishes, Marat Ospanov"],
}


def scores(labels: Sequence[str], truth: Sequence[str | None]) -> dict[str, float]:
    members: dict[str, list[str]] = defaultdict(list)
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for label, meaning in zip(labels, truth, strict=True):
        if meaning is not None:
            members[label].append(meaning)
            spread[meaning][label] += 1
    rows = sum(len(m) for m in members.values())
    right = sum(Counter(m).most_common(1)[0][1] for m in members.values())
    together = sum(c.most_common(1)[0][1] for c in spread.values())
    return {
        "clusters": len(members),
        "purity": right / rows,
        "per_meaning": sum(len(c) for c in spread.values()) / len(spread),
        "together": together / rows,
    }


def run(inputs: list[ProposalInput], vectors: np.ndarray, embedder: str,
        articles: list[ArticleText] | None) -> tuple[SystematizationResult, float]:  # fmt: skip
    pipeline = Systematizer(embedder=embedder, themes=NoClusterer(), random_state=0,
                            vector_cache=str(DRAFT_CACHE))  # fmt: skip
    started = time.perf_counter()
    result = pipeline.run(inputs, articles, embeddings=vectors)
    return result, result.timings.get("positions", time.perf_counter() - started)


def vectors_for(embedder: str, texts: list[str]) -> np.ndarray:
    analysed = [r.text for r in LanguageDetector().fit().transform(texts)]
    model = get_embedder(embedder)
    if embedder == "e5":
        return cached_embed(model, analysed)
    return model.embed(analysed, kind="query")


# ------------------------------------------------------------------ generated (demo)
def demo_rows() -> tuple[list[ProposalInput], list[str | None], list[str | None]]:
    limits = Limits(secret_key="eval", max_chars=20_000)
    inputs, truth, campaigns = [], [], []
    for row in generate_proposals(2000, seed=0):
        try:
            record = build_record(row.as_dict(), limits=limits)
        except InvalidInput:
            continue
        inputs.append(ProposalInput(row.id, record["text_display"], record["language"],
                                    record["article_number"], record["submitted_at"],
                                    record["channel"], record["region"]))  # fmt: skip
        truth.append(row.truth_group)
        campaigns.append(row.truth_campaign)
    return inputs, truth, campaigns


def demo_articles() -> list[ArticleText]:
    out = []
    for key in ("kk", "ru", "en"):
        doc = parse_document(demo_paths()[key])
        out += [ArticleText(a.number, doc.language, a.text) for a in doc.articles if a.text]
    return out


def eval_demo(embedder: str) -> None:
    inputs, truth, planted = demo_rows()
    vectors = vectors_for(embedder, [p.text for p in inputs])
    result, seconds = run(inputs, vectors, embedder, demo_articles())
    groups = scores([r.duplicate_group for r in result.rows], truth)
    found = scores([str(r.position_id) for r in result.rows], truth)
    campaign_spread = {
        key: len({r.position_id for r, c in zip(result.rows, planted, strict=True) if c == key})
        for key in sorted({c for c in planted if c})
    }
    widest = Counter(
        idea
        for idea, _ in {(t, r.position_id) for t, r in zip(truth, result.rows, strict=True)}
        if idea is not None
    ).most_common(1)[0]
    singles = sum(1 for p in result.positions if p.size == 1)
    print(f"| generated (demo) | {embedder} | {len(inputs)} | {groups['clusters']} | "
          f"{found['clusters']} ({singles} single) | {found['purity']:.3f} | "
          f"{found['per_meaning']:.2f} (groups {groups['per_meaning']:.2f}) | "
          f"{found['together']:.3f} | {widest[1]} ({widest[0]}) | {campaign_spread} | "
          f"{seconds:.1f} s |")  # fmt: skip


# ------------------------------------------------------------------ dev (real text)
def dev_items(seed: int = 0) -> list[tuple[str, str, str, str]]:
    """(text, meaning, kind, language) rows: triples, rewordings, copies, signed copies."""
    rng = random.Random(seed)
    items: list[tuple[str, str, str, str]] = []
    columns = {}
    for lang, folder in (("kk", "kaz_Cyrl"), ("ru", "rus_Cyrl"), ("en", "eng_Latn")):
        with open(DEV / "sib200" / folder / "train.tsv", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t")
            next(reader)
            columns[lang] = list(reader)
    for i in range(len(columns["kk"])):
        for lang in ("kk", "ru", "en"):
            items.append((columns[lang][i][2], f"sib{i}", "translation", lang))
    with open(DEV / "kazsim" / "pairs-dev-200.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for j, (complex_, simple) in enumerate(reader):
            items.append((complex_.strip(), f"kaz{j}", "original", "kk"))
            items.append((simple.strip(), f"kaz{j}", "reworded", "kk"))
    for text, meaning, _, lang in rng.sample(list(items), 300):
        items.append((text, meaning, "copy", lang))
        items.append((f"{text}\n{rng.choice(SIGNATURES[lang])}", meaning, "signed", lang))
    return items


def eval_dev(embedder: str) -> None:
    items = dev_items()
    inputs = [ProposalInput(f"d{i}", text) for i, (text, *_) in enumerate(items)]
    vectors = vectors_for(embedder, [p.text for p in inputs])
    result, seconds = run(inputs, vectors, embedder, None)
    labels = [str(r.position_id) for r in result.rows]
    truth = [meaning for _, meaning, *_ in items]
    found = scores(labels, truth)
    where: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for (_, meaning, kind, lang), label in zip(items, labels, strict=True):
        if kind in ("translation", "original", "reworded"):
            where[meaning][(kind, lang)] = label
    triples = [v for k, v in where.items() if k.startswith("sib")]
    all_three = np.mean([len(set(v.values())) == 1 for v in triples])
    pairs = np.mean([v[("translation", a)] == v[("translation", b)] for v in triples
                     for a, b in (("kk", "ru"), ("kk", "en"), ("ru", "en"))])  # fmt: skip
    reworded = np.mean([v[("original", "kk")] == v[("reworded", "kk")]
                        for k, v in where.items() if k.startswith("kaz")])  # fmt: skip
    groups = scores([r.duplicate_group for r in result.rows], truth)
    print(f"| dev | {embedder} | {len(items)} | {groups['clusters']} | {found['clusters']} | "
          f"{found['purity']:.3f} | {found['per_meaning']:.3f} | {all_three:.3f} / "
          f"{pairs:.3f} | {reworded:.3f} | {seconds:.1f} s |")  # fmt: skip


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedders", nargs="+", default=["static", "e5"])
    parser.add_argument("--skip-dev", action="store_true")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_demo:
        print(
            "| set | embedder | rows | duplicate groups | positions | purity | "
            "positions per idea | rows with their idea | most positions for one idea | "
            "positions per planted campaign | positions stage |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for embedder in args.embedders:
            eval_demo(embedder)
    if not args.skip_dev:
        print(
            "\n| set | embedder | rows | duplicate groups | positions | purity | "
            "positions per meaning | translations together (all 3 / pairs) | "
            "rewordings together | positions stage |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for embedder in args.embedders:
            eval_dev(embedder)


if __name__ == "__main__":
    main(sys.argv[1:])
