"""Language identification quality: prints a Markdown table.

Sets:
- kk / ru: sentences of the 2026 Constitution (``../shared/data/constitution``), >= 20 letters;
- kk Latin: the kk sentences written with ``cyrillic_to_latin`` in the 2017, 2018, 2021 and
  informal alphabets (should be ``kk``, and back-transliterated);
- en: sentences of the Apache-2.0 and GPL-3 licence texts (``/usr/share/common-licenses``) and the
  English proposals of ``benchmarks/fixtures/stance_proposals.jsonl``;
- und: empty, digits-only and very short strings.

Run: ``.venv/bin/python benchmarks/eval_language.py [--low-accuracy]``
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from talqy.analysis.language import LanguageDetector
from talqy.analysis.transliteration import cyrillic_to_latin, latin_to_cyrillic

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "constitution"
LICENSES = [Path("/usr/share/common-licenses/Apache-2.0"), Path("/usr/share/common-licenses/GPL-3")]
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")


def constitution_sentences(lang: str) -> list[str]:
    text = (DATA / f"{lang}-2026.md").read_text(encoding="utf-8").split("---", 2)[2]
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("<a", ">")):
            continue
        line = re.sub(r"^[#*\d.)\s]+", "", line).strip("* ")
        for sentence in _SENTENCE.split(line):
            if sum(ch.isalpha() for ch in sentence) >= 20:
                out.append(sentence)
    return out


def english_sentences() -> list[str]:
    out: list[str] = []
    for path in LICENSES:
        if not path.exists():
            continue
        text = " ".join(path.read_text(encoding="utf-8").split())
        out += [s for s in _SENTENCE.split(text) if sum(c.isalpha() for c in s) >= 20]
    fixture = ROOT / "benchmarks" / "fixtures" / "stance_proposals.jsonl"
    for line in fixture.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["language"] == "en":
            out.append(row["text"])
    return out


UND = ["", "   ", "12345", "33", "?!", "ok", "№ 5", "2026-03-15", "+7 701 000 00 00"]


def evaluate(detector: LanguageDetector, texts: list[str], expected: str) -> tuple[float, float]:
    start = time.perf_counter()
    results = detector.transform(texts)
    elapsed = time.perf_counter() - start
    accuracy = sum(r.language == expected for r in results) / max(len(texts), 1)
    return accuracy, elapsed / max(len(texts), 1) * 1000


def print_round_trip(sentences: list[str]) -> None:
    """Share of words that come back exactly after Cyrillic -> Latin -> Cyrillic."""
    words = re.findall(r"[а-яёәғқңөұүһі]+", " ".join(sentences).lower())
    print("\n| alphabet | words | exact round trip |\n|---|---:|---:|")
    for alphabet in ("2021", "2018", "2017", "informal"):
        back = [latin_to_cyrillic(cyrillic_to_latin(w, alphabet), alphabet) for w in words]  # type: ignore[arg-type]
        share = sum(b == w for b, w in zip(back, words, strict=True)) / len(words)
        print(f"| {alphabet} | {len(words)} | {share:.4f} |")


def main() -> None:
    low = "--low-accuracy" in sys.argv
    detector = LanguageDetector(low_accuracy=low).fit()
    kk, ru = constitution_sentences("kk"), constitution_sentences("ru")
    rows: list[tuple[str, int, str, float, float]] = [
        ("kk Cyrillic sentences", len(kk), "kk", *evaluate(detector, kk, "kk")),
        ("ru sentences", len(ru), "ru", *evaluate(detector, ru, "ru")),
    ]
    latin_all: list[str] = []
    for alphabet in ("2021", "2018", "2017", "informal"):
        latin = [cyrillic_to_latin(s, alphabet) for s in kk]  # type: ignore[arg-type]
        latin_all += latin
        rows.append((f"kk Latin, {alphabet}", len(latin), "kk", *evaluate(detector, latin, "kk")))
    en = english_sentences()
    rows.append(("en sentences", len(en), "en", *evaluate(detector, en, "en")))
    rows.append(("short / digits", len(UND), "und", *evaluate(detector, UND, "und")))
    mode = "low-accuracy" if low else "high-accuracy"
    print(f"Language identification (lingua {mode} mode + Kazakh Latin cues)\n")
    print("| set | n | expected | accuracy | ms / text |")
    print("|---|---:|---|---:|---:|")
    for name, n, expected, acc, ms in rows:
        print(f"| {name} | {n} | {expected} | {acc:.4f} | {ms:.2f} |")
    print_round_trip(kk)
    errors = [
        (s, r.language)
        for s, r in zip(kk + ru + en, detector.transform(kk + ru + en), strict=True)
        if r.language != ("kk" if s in kk else "ru" if s in ru else "en")
    ]
    if errors:
        print("\nErrors on real sentences (first 10):")
        for text, got in errors[:10]:
            print(f"- `{got}`: {text[:100]}")


if __name__ == "__main__":
    main()
