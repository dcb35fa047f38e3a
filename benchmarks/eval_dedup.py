"""Duplicate-grouping quality on labelled sets built from the 2026 Constitution.

    .venv/bin/python benchmarks/eval_dedup.py [--embedder e5|hashing] [--seed 0]

Sets (paragraphs of at least 60 characters, point markers removed):

- translations: kk and ru texts of the same paragraph are one duplicate group. 70 % of the
  paragraphs appear in both languages, 15 % only in kk and 15 % only in ru (distractors whose
  partner is missing, so that forced matching is punished).
- reworded: Kazakh paragraphs; half of them get a rule-based rewording (synonyms, a word-order
  swap, dropped words) that must join the original; the other half stay alone.
- mixed: both at once (groups of kk + ru + reworded kk).

The centred-cosine floors are calibrated (lowest floor reaching 0.99 precision) on the
sections with an even index (dev) and reported on the odd ones (test); "all" uses the shipped
defaults. Figures are pairwise precision / recall over "same group" pairs. e5 vectors are cached
in /tmp/talqy-eval-cache.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from talqy.analysis.dedup import (
    Deduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.embedders import Embedder, get_embedder
from talqy.analysis.normalization import fold_for_hash
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.analysis.unionfind import group_labels

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "constitution"
CACHE = Path("/tmp/talqy-eval-cache")
_ARTICLE = re.compile(r"^\*\*(?:(\d+(?:-\d+)?)-бап|Статья (\d+(?:-\d+)?))\*\*\s*$")
_MARKER = re.compile(r"^\s*\d+[.)]\s*")


@dataclass(frozen=True)
class Paragraph:
    section: int
    article: str
    index: int
    text: str


def load_paragraphs(lang: str, *, min_chars: int = 60) -> list[Paragraph]:
    """Paragraphs of the 2026 constitution in ``lang`` (kk or ru), point markers removed."""
    section, article, index = -1, None, 0
    out: list[Paragraph] = []
    for line in (DATA / f"{lang}-2026.md").read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("## "):
            section += 1
            continue
        match = _ARTICLE.match(s)
        if match:
            article, index = match.group(1) or match.group(2), 0
            continue
        if not s or s.startswith(("<a", "#", ">", "---")) or article is None:
            continue
        text = _MARKER.sub("", s)
        if len(text) >= min_chars:
            out.append(Paragraph(section, article, index, text))
        index += 1
    return out


SYNONYMS_KK = {
    "қамтамасыз етеді": "кепілдік береді",
    "кепілдік беріледі": "қамтамасыз етіледі",
    "тиіс": "міндетті",
    "белгіленеді": "айқындалады",
    "айқындалады": "белгіленеді",
    "жүзеге асырады": "атқарады",
    "жүзеге асырылады": "атқарылады",
    "сондай-ақ": "және де",
    "өзге де": "басқа да",
    "тыйым салынады": "рұқсат етілмейді",
    "болып табылады": "саналады",
    "Қазақстан Республикасының": "Қазақстанның",
    "Қазақстан Республикасы": "Қазақстан",
    "заңмен": "заң арқылы",
    "құқығы бар": "құқылы",
    "мемлекет": "ел",
    "азаматтары": "азаматтар",
    "тәртібі": "реті",
    "тәртіппен": "ретпен",
    "мүмкін емес": "болмайды",
    "мақсатында": "үшін",
}


def reword_kk(text: str, rng: random.Random) -> str:
    """Reword a Kazakh sentence: synonyms, one adjacent-word swap, one or two dropped words."""
    for old, new in SYNONYMS_KK.items():
        if old in text and rng.random() < 0.7:
            text = text.replace(old, new, 1)
    words = text.split()
    if len(words) > 4:
        i = rng.randrange(0, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    for _ in range(1 if len(words) < 12 else 2):
        if len(words) > 5:
            del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def cached_embed(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embed with a per-text cache in /tmp keyed by the embedder's version."""
    CACHE.mkdir(parents=True, exist_ok=True)
    key = re.sub(r"[^\w.-]", "_", f"{embedder.name}-{embedder.version}")
    index_path, vec_path = CACHE / f"{key}.json", CACHE / f"{key}.npy"
    known: list[str] = json.loads(index_path.read_text()) if index_path.exists() else []
    vecs = np.load(vec_path) if vec_path.exists() else np.zeros((0, embedder.dim), np.float32)
    where = {t: i for i, t in enumerate(known)}
    missing = sorted({t for t in texts if t not in where})
    if missing:
        new = embedder.embed(missing, kind="query")
        vecs = np.vstack([vecs, new]).astype(np.float32)
        known += missing
        where = {t: i for i, t in enumerate(known)}
        np.save(vec_path, vecs)
        index_path.write_text(json.dumps(known, ensure_ascii=False))
    return vecs[[where[t] for t in texts]]


Item = tuple[str, str, object, int]  # text, language, gold key, section


def same_group_pairs(labels: np.ndarray) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(labels.tolist()):
        groups.setdefault(g, []).append(i)
    return {p for idx in groups.values() for p in itertools.combinations(idx, 2)}


def gold_labels(items: list[Item]) -> np.ndarray:
    """Gold groups: same paragraph key, or the same folded text (repeated clauses)."""
    keys = {key: i for i, (_, _, key, _) in enumerate(items)}
    texts = {fold_for_hash(t): i for i, (t, *_) in enumerate(items)}
    pairs = [(keys[k], i) for i, (_, _, k, _) in enumerate(items)]
    pairs += [(texts[fold_for_hash(t)], i) for i, (t, *_) in enumerate(items)]
    return group_labels(len(items), pairs)[0]


def pair_scores(labels: np.ndarray, items: list[Item]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of ``labels`` against the gold groups."""
    pred = same_group_pairs(labels)
    truth = same_group_pairs(gold_labels(items))
    hit = len(pred & truth)
    precision = hit / len(pred) if pred else 1.0
    recall = hit / len(truth) if truth else 1.0
    return precision, recall, len(pred), len(truth)


def translation_set(rng: random.Random) -> list[Item]:
    kk = {(p.article, p.index): p for p in load_paragraphs("kk")}
    ru = {(p.article, p.index): p for p in load_paragraphs("ru")}
    items: list[Item] = []
    for key in sorted(kk.keys() & ru.keys()):
        roll = rng.random()
        if roll < 0.85:
            items.append((kk[key].text, "kk", key, kk[key].section))
        if roll < 0.70 or roll >= 0.85:
            items.append((ru[key].text, "ru", key, ru[key].section))
    return items


def reworded_set(rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for p in load_paragraphs("kk"):
        key = (p.article, p.index)
        items.append((p.text, "kk", key, p.section))
        if rng.random() < 0.5:
            items.append((reword_kk(p.text, rng), "kk", key, p.section))
    return items


def mixed_set(rng: random.Random) -> list[Item]:
    kk = {(p.article, p.index): p for p in load_paragraphs("kk")}
    items = translation_set(rng)
    extra = [(reword_kk(kk[k].text, rng), "kk", k, s) for _, lang, k, s in items if lang == "kk"]
    return items + [x for x in extra if rng.random() < 0.5]


def make_steps(cross: float, same: float) -> Deduplicator:
    semantic = SemanticDeduplicator(cross_cosine=cross, same_cosine=same)
    return UnionDeduplicator(steps=[ExactDeduplicator(), MinHashDeduplicator(), semantic])


def evaluate(items: list[Item], vecs: np.ndarray, cross: float, same: float) -> tuple[float, ...]:
    texts = [t for t, *_ in items]
    langs = [lang for _, lang, *_ in items]
    labels = make_steps(cross, same).fit_predict(texts, embeddings=vecs, languages=langs)
    return pair_scores(labels, items)


def calibrate(items: list[Item], vecs: np.ndarray, which: str, target: float = 0.99) -> float:
    """Smallest centred-cosine floor whose dev precision reaches ``target``."""
    for floor in np.arange(0.30, 1.0, 0.02):
        cross, same = (floor, 9.0) if which == "cross" else (9.0, floor)
        if evaluate(items, vecs, cross, same)[0] >= target:
            return float(round(floor, 3))
    return 1.0


def describe_margins(cross: float, same: float) -> str:
    show = lambda m: "off" if m >= 9 else f"{m:g}"  # noqa: E731
    return f"cross {show(cross)} / same {show(same)}"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    embedder = get_embedder(args.embedder)
    defaults = SemanticDeduplicator()
    print(f"embedder {embedder.name} ({embedder.version})")
    print(
        "| set | split | n | centred-cosine floor | precision | recall | pred pairs | gold pairs |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, build, which in (
        ("translations kk/ru", translation_set, "cross"),
        ("reworded kk", reworded_set, "same"),
        ("mixed kk/ru/reworded", mixed_set, "both"),
    ):
        items = build(random.Random(args.seed))
        vecs = cached_embed(embedder, [t for t, *_ in items])
        dev = [i for i, it in enumerate(items) if it[3] % 2 == 0]
        test = [i for i, it in enumerate(items) if it[3] % 2 == 1]
        runs = [("all", list(range(len(items))), defaults.cross_cosine, defaults.same_cosine)]
        if which != "both":
            fitted = calibrate([items[i] for i in dev], vecs[dev], which)
            cross, same = (fitted, 9.0) if which == "cross" else (9.0, fitted)
            runs.append(("test (dev-calibrated)", test, cross, same))
        for split, idx, cross, same in runs:
            p, r, npred, ngold = evaluate([items[i] for i in idx], vecs[idx], cross, same)
            used = "defaults" if split == "all" else describe_margins(cross, same)
            cells = [name, split, len(idx), used, f"{p:.3f}", f"{r:.3f}", npred, ngold]
            print("| " + " | ".join(map(str, cells)) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
