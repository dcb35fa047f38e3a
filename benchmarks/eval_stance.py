"""Stance quality: prints Markdown tables.

Sets (``benchmarks/fixtures``; all hand-written, none is real consultation data):

- development (tuned on): ``stance_dev_answers.jsonl`` (67 yes/no answers),
  ``stance_proposals.jsonl`` (72 proposals written with the first lexicon) and
  ``stance_heldout.jsonl`` (36; its figures were once reported as held-out, but five cues were
  added that match only it, so it is a development set now);
- frozen (held-out by us): ``stance_frozen.jsonl``, 144 answers to yes/no questions, 48 per
  language, committed before any tuning and never tuned on (see ``stance_frozen.md``).

Texts go through :class:`LanguageDetector` first, as in the pipeline (Russian typed in Latin
letters becomes Cyrillic). For each set: accuracy, "committed" (share of rows given a position,
i.e. not ``unclear``), "right when committed", and the same for always answering the set's
majority label. The frozen set also gets a confusion matrix.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/eval_stance.py [--e5]``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from talqy.analysis.language import LanguageDetector
from talqy.analysis.stance import STANCES, StanceClassifier

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV = ("stance_dev_answers.jsonl", "stance_proposals.jsonl", "stance_heldout.jsonl")
FROZEN = "stance_frozen.jsonl"


def load(name: str) -> list[dict[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predict(model: StanceClassifier, rows: list[dict[str, str]]) -> list[str]:
    found = LanguageDetector().fit().transform([r["text"] for r in rows])
    return model.predict([r.text for r in found], [r.language for r in found])


def figures(gold: list[str], predicted: list[str]) -> str:
    n = len(gold)
    committed = [(g, p) for g, p in zip(gold, predicted, strict=True) if p != "unclear"]
    right = sum(g == p for g, p in committed) / max(len(committed), 1)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / n
    return f"{accuracy:.3f} | {len(committed) / n:.3f} | {right:.3f}"


def per_language(rows: list[dict[str, str]], predicted: list[str]) -> str:
    cells = []
    for lang in ("kk", "ru", "en"):
        pairs = [
            (r["stance"], p) for r, p in zip(rows, predicted, strict=True) if r["language"] == lang
        ]
        cells.append(f"{lang} {sum(g == p for g, p in pairs) / max(len(pairs), 1):.2f}")
    return ", ".join(cells)


def confusion(gold: list[str], predicted: list[str]) -> str:
    pairs = Counter(zip(gold, predicted, strict=True))
    head = "| gold \\ predicted | " + " | ".join(STANCES) + " |\n|---|" + "---:|" * len(STANCES)
    body = [f"| {g} | " + " | ".join(str(pairs[(g, p)]) for p in STANCES) + " |" for g in STANCES]
    return "\n".join([head, *body])


def main() -> None:
    models = {"cues (default)": StanceClassifier().fit()}
    if "--e5" in sys.argv:
        from talqy.analysis.embedders import E5Embedder

        models["cues + e5 prototypes"] = StanceClassifier(E5Embedder()).fit()
    print(
        "| set | kind | n | method | accuracy | committed | right when committed | per language |"
    )
    print("|---|---|---:|---|---:|---:|---:|---|")
    for name in (*DEV, FROZEN):
        rows = load(name)
        gold = [r["stance"] for r in rows]
        kind = "held-out by us (frozen)" if name == FROZEN else "dev"
        majority = Counter(gold).most_common(1)[0][0]
        for label, model in models.items():
            predicted = predict(model, rows)
            print(
                f"| {name} | {kind} | {len(rows)} | {label} | {figures(gold, predicted)} | "
                f"{per_language(rows, predicted)} |"
            )
        print(
            f"| {name} | {kind} | {len(rows)} | always '{majority}' | "
            f"{figures(gold, [majority] * len(rows))} | |"
        )
    frozen = load(FROZEN)
    predicted = predict(next(iter(models.values())), frozen)
    print(f"\nConfusion matrix, {FROZEN}, cues (default):\n")
    print(confusion([r["stance"] for r in frozen], predicted))


if __name__ == "__main__":
    main()
