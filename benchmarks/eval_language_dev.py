"""Language of real dev sentences and short answers, Latin script above all: a Markdown table.

Sets (``../shared/data/dev/sib200``, real FLORES sentences; dev data, tuned on):

- kk / ru / en: the 701 sentences of each language as written (real);
- kk Latin (2021, 2018, 2017, informal): the kk sentences written in each alphabet by
  ``cyrillic_to_latin`` (generated from real sentences);
- ru Latin: the ru sentences written in informal Latin letters by :func:`ru_to_latin` below
  (generated from real sentences);
- short en / ru Latin / kk Latin: hand-written short answers (``SHORT`` below; hand-written).

Each cell: share detected as the expected language; for Latin kk and ru also the share whose
back-transliteration equals the Cyrillic source, word by word (``words back``).

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/eval_language_dev.py``
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from talqy.analysis.language import LanguageDetector
from talqy.analysis.transliteration import cyrillic_to_latin

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev" / "sib200"
_RU_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y ' e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)
SHORT = {
    "en": "Nothing | Kind, helpful, efficient staff. | No comment | Thank you | Yes | Great service"
    " | Not sure | Nothing to add | Waiting times are too long | The nurse was lovely | Parking"
    " | Keep it up | Very good | None | Agree | Ban them | Bad idea | Staff attitude | Cleanliness"
    " | Nothing really",
    "ru": "Ya protiv etogo zakonoproekta | Ya predlagayu izmenit statyu 5 | Ya za"
    " | Polnostyu podderzhivayu | Ne soglasen | Eto pravilnoe reshenie"
    " | Nado izmenit punkt 2 stati 41 | Spasibo, ya ne protiv | Zachem eto nuzhno?"
    " | Otmenit etot zakon",
    "kk": "Iä, qoldaimyn. | Bul zañdy qoldaimyn, öte durys. | Jo'q, bul durys emes."
    " | Men bul zangha qarsymyn | Qarsymyn | Ia, men kelisemin | Bul durys emes"
    " | Zañ jobasyn qoldaimyn | Men qarsy emespin | Ozgertu kerek",
}


def sib(lang: str) -> list[str]:
    with open(DEV / lang / "train.tsv", encoding="utf-8", newline="") as f:
        return [row[2] for row in list(csv.reader(f, delimiter="\t"))[1:]]


def ru_to_latin(text: str) -> str:
    out = []
    for ch in text:
        latin = _RU_LATIN.get(ch.lower())
        if latin is None:
            out.append(ch)
            continue
        latin = latin.replace("_", "")
        out.append(latin[:1].upper() + latin[1:] if ch.isupper() else latin)
    return "".join(out)


def words_back(found: list[str], source: list[str]) -> float:
    same = total = 0
    for a, b in zip(found, source, strict=True):
        wa, wb = a.lower().split(), b.lower().split()
        total += len(wb)
        same += sum(x == y for x, y in zip(wa, wb, strict=False))
    return same / max(total, 1)


def main() -> None:
    detector = LanguageDetector().fit()
    kk, ru, en = sib("kaz_Cyrl"), sib("rus_Cyrl"), sib("eng_Latn")
    sets: list[tuple[str, list[str], str, list[str] | None]] = [
        ("kk (Cyrillic)", kk, "kk", None),
        ("ru (Cyrillic)", ru, "ru", None),
        ("en", en, "en", None),
        *[
            (f"kk Latin {a}", [cyrillic_to_latin(t, a) for t in kk], "kk", kk)  # type: ignore[arg-type]
            for a in ("2021", "2018", "2017", "informal")
        ],
        ("ru Latin (informal)", [ru_to_latin(t) for t in ru], "ru", ru),
        *[
            (f"short {k} (hand-written)", [x.strip() for x in v.split("|")], k, None)
            for k, v in SHORT.items()
        ],
    ]
    print("| set | n | expected | accuracy | words back | ms / text | wrong examples |")
    print("|---|---:|---|---:|---:|---:|---|")
    for name, texts, expected, source in sets:
        start = time.perf_counter()
        found = detector.transform(texts)
        ms = 1000 * (time.perf_counter() - start) / len(texts)
        acc = sum(r.language == expected for r in found) / len(texts)
        back = f"{words_back([r.text for r in found], source):.3f}" if source else ""
        wrong = [f"{t[:30]}→{r.language}" for t, r in zip(texts, found, strict=True)]
        wrong = [w for w, r in zip(wrong, found, strict=True) if r.language != expected][:2]
        print(
            f"| {name} | {len(texts)} | {expected} | {acc:.3f} | {back} | {ms:.2f} | "
            + "; ".join(wrong)
            + " |"
        )


if __name__ == "__main__":
    main()
