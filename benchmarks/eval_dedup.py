"""Duplicate-grouping quality on labelled sets built from the 2026 Constitution.

    .venv/bin/python benchmarks/eval_dedup.py [--embedder e5|hashing] [--seed 0]

Sets (paragraphs of at least 60 characters, point markers removed):

- translations: kk and ru texts of the same paragraph are one duplicate group. 70 % of the
  paragraphs appear in both languages, 15 % only in kk and 15 % only in ru (distractors whose
  partner is missing, so that forced matching is punished).
- reworded: Kazakh paragraphs; half of them get a rule-based rewording (synonyms, a word-order
  swap, dropped words) that must join the original; the other half stay alone.
- mixed: both at once (groups of kk + ru + reworded kk).
- demo bank: the 96 ideas of ``talqy.demo`` (each in kk, ru and en), each language kept with
  probability 0.8; precision / recall per language pair (en-kk, en-ru, kk-ru).

Editorial notes (``Ескертпе.`` / ``Примечание.``) are keyed apart from the numbered
paragraphs: in article 84 they sit at different places in kk and ru, and counting them as
paragraphs shifted the kk/ru alignment of the rest of that article.

Every figure uses the shipped defaults. They were chosen on the sections with an even index
(tuning split; ``--sweep`` prints that sweep) and are reported on the odd ones (held-out) and
on generated proposals (``talqy.demo``, never used for tuning; see ``eval_dedup_demo.py``).
Figures are pairwise precision / recall over "same group" pairs. e5 vectors are cached in
/tmp/talqy-eval-cache.
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
from typing import Any, cast

import numpy as np

from talqy.analysis.dedup import (
    Deduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.embedders import Embedder, get_embedder
from talqy.analysis.language import LanguageDetector
from talqy.analysis.normalization import fold_for_hash
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.analysis.unionfind import group_labels
from talqy.demo import generate_proposals
from talqy.demo.bank import load_bank

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "constitution"
CACHE = Path("/tmp/talqy-eval-cache")
_ARTICLE = re.compile(r"^\*\*(?:(\d+(?:-\d+)?)-бап|Статья (\d+(?:-\d+)?))\*\*\s*$")
_MARKER = re.compile(r"^\s*\d+[.)]\s*")
_NOTE = re.compile(r"^(Ескертпе|Примечание)\.")


@dataclass(frozen=True)
class Paragraph:
    section: int
    article: str
    index: int
    text: str


def load_paragraphs(lang: str, *, min_chars: int = 60) -> list[Paragraph]:
    """Paragraphs of the 2026 constitution in ``lang`` (kk or ru), point markers removed."""
    section, article, index, notes = -1, None, 0, 0
    out: list[Paragraph] = []
    for line in (DATA / f"{lang}-2026.md").read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("## "):
            section += 1
            continue
        match = _ARTICLE.match(s)
        if match:
            article, index, notes = match.group(1) or match.group(2), 0, 0
            continue
        if not s or s.startswith(("<a", "#", ">", "---")) or article is None:
            continue
        text = _MARKER.sub("", s)
        if _NOTE.match(text):  # editorial notes sit at different places in kk and ru
            notes -= 1
            out.append(Paragraph(section, article, notes, text))
            continue
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
    extra = [
        (reword_kk(kk[cast(tuple[str, int], k)].text, rng), "kk", k, s)
        for _, lang, k, s in items
        if lang == "kk"
    ]
    return items + [x for x in extra if rng.random() < 0.5]


def make_steps(**semantic: Any) -> Deduplicator:
    return UnionDeduplicator(
        steps=[ExactDeduplicator(), MinHashDeduplicator(), SemanticDeduplicator(**semantic)]
    )


def evaluate(items: list[Item], vecs: np.ndarray, **semantic: Any) -> tuple[float, ...]:
    texts = [t for t, *_ in items]
    langs = [lang for _, lang, *_ in items]
    labels = make_steps(**semantic).fit_predict(texts, embeddings=vecs, languages=langs)
    return pair_scores(labels, items)


def split_rows(items: list[Item]) -> dict[str, list[int]]:
    """Tuning split (even sections), held-out split (odd sections) and everything."""
    return {
        "tuning (even sections)": [i for i, it in enumerate(items) if it[3] % 2 == 0],
        "held-out (odd sections)": [i for i, it in enumerate(items) if it[3] % 2 == 1],
        "all": list(range(len(items))),
    }


SETS = (("translations kk/ru", translation_set), ("reworded kk", reworded_set),
        ("mixed kk/ru/reworded", mixed_set))  # fmt: skip


def sweep(embedder: Embedder, seed: int) -> None:
    """How the defaults were chosen: the tuning split only, one parameter at a time."""
    print("| parameter | value | " + " | ".join(name for name, _ in SETS) + " |")
    print("|---|---|---|---|---|")
    built = []
    for _, build in SETS:
        items = build(random.Random(seed))
        vecs = cached_embed(embedder, [t for t, *_ in items])
        dev = split_rows(items)["tuning (even sections)"]
        built.append(([items[i] for i in dev], vecs[dev]))
    grid: list[tuple[str, float | bool]] = [("check_names", v) for v in (False, True)]
    grid += [("same_probability", v) for v in (0.3, 0.5, 0.6, 0.7, 0.8)]
    grid += [("cross_cosine", v) for v in (0.4, 0.45, 0.5, 0.55, 0.6)]
    for param, value in grid:
        cells = [evaluate(items, vecs, **{param: value})[:2] for items, vecs in built]
        print(f"| {param} | {value} | " + " | ".join(f"{p:.3f} / {r:.3f}" for p, r in cells) + " |")


def bank_set(rng: random.Random) -> list[Item]:
    """The demo bank's ideas (each written in kk, ru and en); each language of an idea is kept
    with probability 0.8, so some translations lack a partner."""
    items: list[Item] = []
    for idea in load_bank().ideas:
        for lang in ("kk", "ru", "en"):
            if rng.random() < 0.8:
                items.append((idea.text[lang], lang, idea.key, 0))
    return items


def print_bank(embedder: Embedder, seed: int) -> None:
    """Precision / recall per language pair on the demo bank (held-out, never tuned on)."""
    items = bank_set(random.Random(seed))
    texts, langs = [t for t, *_ in items], [lang for _, lang, *_ in items]
    vecs = cached_embed(embedder, texts)
    pred = same_group_pairs(make_steps().fit_predict(texts, embeddings=vecs, languages=langs))
    truth = same_group_pairs(gold_labels(items))
    print(f"\ndemo bank translations ({len(items)} texts, 96 ideas in kk/ru/en, held-out)")
    print("| language pair | precision | recall | pred pairs | gold pairs |")
    print("|---|---|---|---|---|")
    for pair in ("en-kk", "en-ru", "kk-ru", "same language"):

        def keep(p: tuple[int, int], pair: str = pair) -> bool:
            name = "-".join(sorted((langs[p[0]], langs[p[1]])))
            return name == pair or (pair == "same language" and langs[p[0]] == langs[p[1]])

        got, gold = {p for p in pred if keep(p)}, {p for p in truth if keep(p)}
        precision = len(got & gold) / len(got) if got else 1.0
        recall = f"{len(got & gold) / len(gold):.3f}" if gold else "-"
        print(f"| {pair} | {precision:.3f} | {recall} | {len(got)} | {len(gold)} |")


def analyse_demo(n: int, seed: int) -> tuple[list[Any], list[str], list[str]]:
    """Generated proposals with their text and language as the pipeline sees them."""
    detector = LanguageDetector().fit()
    rows = list(generate_proposals(n, seed=seed))
    texts: list[str] = []
    langs: list[str] = []
    for row in rows:
        try:
            found = detector.transform([row.text])[0]
            texts.append(found.text)
            langs.append(found.language)
        except IndexError:  # a transliteration failure on dotted capital I (İ): keep the text
            texts.append(row.text)
            langs.append("kk")
    return rows, texts, langs


def demo_scores(rows: list[Any], labels: np.ndarray) -> dict[str, tuple[int, int]]:
    """Precision over predicted pairs (same ``truth_group``) and recall per kind over
    lineage pairs (a copy, rewording, translation or transliteration with its source)."""
    known = [i for i, r in enumerate(rows) if r.truth_group]
    pred = same_group_pairs(labels[known])
    right = sum(rows[known[a]].truth_group == rows[known[b]].truth_group for a, b in pred)
    out = {"precision": (right, len(pred))}
    where = {r.id: i for i, r in enumerate(rows)}
    for i, row in enumerate(rows):
        if row.truth_source not in where:
            continue
        source = rows[where[row.truth_source]]
        kinds = [row.truth_kind]
        if row.truth_kind == "translation":
            kinds.append("-".join(sorted((row.truth_language or "", source.truth_language or ""))))
        for kind in kinds:
            hit, total = out.get(kind, (0, 0))
            out[kind] = (hit + int(labels[i] == labels[where[row.truth_source]]), total + 1)
    return out


def print_demo(embedder: Embedder, n: int) -> None:
    print(f"\ngenerated proposals ({n} per seed, held-out): precision over predicted pairs;")
    print("recall over (row, source) pairs by kind")
    kinds = ["exact_copy", "near_copy", "reworded", "translation", "en-kk", "en-ru", "kk-ru"]
    kinds.append("latin_kk")
    print("| seed | precision | pred pairs | " + " | ".join(kinds) + " |")
    print("|---|---|---|" + "---|" * len(kinds))
    for seed in (0, 1):
        rows, texts, langs = analyse_demo(n, seed)
        vecs = cached_embed(embedder, texts)
        labels = make_steps().fit_predict(texts, embeddings=vecs, languages=langs)
        got = demo_scores(rows, labels)
        right, total = got["precision"]
        cells = [f"{got.get(k, (0, 0))[0] / max(got.get(k, (0, 0))[1], 1):.3f}" for k in kinds]
        print(f"| {seed} | {right / max(total, 1):.3f} | {total} | " + " | ".join(cells) + " |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sweep", action="store_true", help="print the tuning-split sweep")
    parser.add_argument("--demo", type=int, default=1500, help="generated proposals per seed")
    args = parser.parse_args(argv)
    embedder = get_embedder(args.embedder)
    print(f"embedder {embedder.name} ({embedder.version}); shipped defaults")
    if args.sweep:
        sweep(embedder, args.seed)
        return
    print("| set | split | n | precision | recall | pred pairs | gold pairs |")
    print("|---|---|---|---|---|---|---|")
    for name, build in SETS:
        items = build(random.Random(args.seed))
        vecs = cached_embed(embedder, [t for t, *_ in items])
        for split, idx in split_rows(items).items():
            p, r, npred, ngold = evaluate([items[i] for i in idx], vecs[idx])
            cells = [name, split, len(idx), f"{p:.3f}", f"{r:.3f}", npred, ngold]
            print("| " + " | ".join(map(str, cells)) + " |")
    print_bank(embedder, args.seed)
    if args.demo:
        print_demo(embedder, args.demo)


if __name__ == "__main__":
    main(sys.argv[1:])
