"""Stance classification quality: prints a Markdown table.

Two labelled sets of short proposals in kk / ru / en (support / oppose / amend / unclear):
``fixtures/stance_proposals.jsonl`` (72, written together with the cue lexicon: a development
set) and ``fixtures/stance_heldout.jsonl`` (36, written after the lexicon was frozen).

Rows: cue phrases only; e5 prototypes only (built-in prototype sentences); cues + e5 prototypes;
cues + e5 prototypes fitted also on the development set (scored on the held-out set).

Run: ``.venv/bin/python benchmarks/eval_stance.py [--no-e5]``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from talqy.analysis.embedders import E5Embedder
from talqy.analysis.stance import STANCES, StanceClassifier

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str) -> list[dict[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(model: StanceClassifier, rows: list[dict[str, str]]) -> tuple[float, str]:
    predicted = model.predict([r["text"] for r in rows], [r["language"] for r in rows])
    hits = [p == r["stance"] for p, r in zip(predicted, rows, strict=True)]
    per_language = Counter(r["language"] for r, hit in zip(rows, hits, strict=True) if hit)
    totals = Counter(r["language"] for r in rows)
    detail = ", ".join(f"{k} {per_language[k] / totals[k]:.2f}" for k in ("kk", "ru", "en"))
    return sum(hits) / len(rows), detail


def confusion(model: StanceClassifier, rows: list[dict[str, str]]) -> str:
    predicted = model.predict([r["text"] for r in rows], [r["language"] for r in rows])
    pairs = Counter((r["stance"], p) for r, p in zip(rows, predicted, strict=True))
    head = "| gold \\ predicted | " + " | ".join(STANCES) + " |\n|---|" + "---:|" * len(STANCES)
    body = [f"| {g} | " + " | ".join(str(pairs[(g, p)]) for p in STANCES) + " |" for g in STANCES]
    return "\n".join([head, *body])


def main() -> None:
    dev, held = load("stance_proposals.jsonl"), load("stance_heldout.jsonl")
    models: dict[str, StanceClassifier] = {"cues only": StanceClassifier().fit()}
    if "--no-e5" not in sys.argv:
        e5 = E5Embedder()
        models["e5 prototypes only"] = StanceClassifier(e5, use_cues=False).fit()
        models["cues + e5 prototypes"] = StanceClassifier(e5).fit()
        texts, labels = [r["text"] for r in dev], [r["stance"] for r in dev]
        models["cues + e5 prototypes + dev examples"] = StanceClassifier(e5).fit(texts, labels)
    print(f"| method | dev accuracy (n={len(dev)}) | held-out accuracy (n={len(held)}) |")
    print("|---|---|---|")
    for name, model in models.items():
        dev_acc, dev_detail = score(model, dev)
        held_acc, held_detail = score(model, held)
        dev_cell = "(fitted on it)" if "dev examples" in name else f"{dev_acc:.3f} ({dev_detail})"
        print(f"| {name} | {dev_cell} | {held_acc:.3f} ({held_detail}) |")
    best = list(models.values())[-1]
    print("\nHeld-out confusion matrix of the last row:\n")
    print(confusion(best, held))


if __name__ == "__main__":
    main()
