"""Semantic article linking quality on the real 2026 Constitution: prints a Markdown table.

Settings (queries → draft; the expected answer is the query's own article number):
- ``ru articles → kk``: each Russian article, header removed, against the Kazakh draft;
- ``ru points → kk``: each Russian point against the Kazakh draft (cross-lingual, point level);
- ``kk reworded points → kk``: each Kazakh point reworded (synonyms, word swap, dropped words;
  ``reword_kk``) against the Kazakh draft;
- ``kk Latin (informal) → kk``: the reworded points written in informal Latin, read back by
  ``LanguageDetector`` (back-transliteration), against the Kazakh draft;
- ``kk 8-word fragments → kk``: a random 8-word window of each reworded point;
- ``kk reworded points → kk+ru``: the same against the draft in both languages.

Columns are linker variants, from plain e5 cosine against whole articles to the full method.
Explicit references are switched off (this measures the semantic part). e5 vectors are cached
under /tmp/talqy-linking-cache, so only the first run pays for the model (~13 texts/s).

Run: ``.venv/bin/python benchmarks/eval_linking.py [--no-e5]``
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from talqy.analysis.embedders import E5Embedder, Embedder, HashingEmbedder
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleLinker, ArticleText, split_points
from talqy.analysis.references import find_article_references
from talqy.analysis.transliteration import cyrillic_to_latin

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "constitution"
CACHE = Path("/tmp/talqy-linking-cache")
_HEADER = re.compile(r"^\*\*(?:(\d+(?:-\d+)?)-бап|Статья (\d+(?:-\d+)?))\*\*\s*$")


def load_articles(lang: str) -> list[ArticleText]:
    """Articles of ``{lang}-2026.md``: header removed, one line per paragraph."""
    out: list[ArticleText] = []
    number: str | None = None
    lines: list[str] = []
    text = (DATA / f"{lang}-2026.md").read_text(encoding="utf-8")
    for raw in [*text.splitlines(), "<a id=end>"]:
        line = raw.strip()
        match = _HEADER.match(line)
        if match or line.startswith(("<a", "## ")):
            if number is not None and lines:
                out.append(ArticleText(number, lang, "\n".join(lines)))
            number, lines = ((match.group(1) or match.group(2)) if match else None), []
            continue
        if number and line and not line.startswith((">", "Ескертпе", "Примечание")):
            lines.append(line.replace("\\)", ")"))
    return out


def point_queries(articles: Sequence[ArticleText]) -> list[tuple[str, str]]:
    """``(text, article number)`` per point (the whole text of an article without points)."""
    out: list[tuple[str, str]] = []
    for article in articles:
        points = [(n, t) for n, t in split_points(article.text) if n is not None]
        if not points:
            points = [(None, " ".join(article.text.split("\n")))]
        out += [(t, article.number) for _, t in points if len(t) >= 40]
    return out


class CachedEmbedder(Embedder):
    """Wraps an embedder with a per-(kind, text) vector cache on disk."""

    name: ClassVar[str] = "cached"

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.dim = inner.dim
        key = re.sub(r"[^\w.-]", "_", f"{inner.name}-{inner.version}")
        self.path = CACHE / f"{key}.npz"
        self.store: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as data:
                self.store = {k: data[k] for k in data.files}

    def embed(self, texts: Sequence[str], *, kind: Any = "query", batch_size: int = 64) -> Any:
        keys = [hashlib.sha1(f"{kind}\0{t}".encode()).hexdigest() for t in texts]
        missing = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in self.store})
        if missing:
            vectors = self.inner.embed([t for _, t in missing], kind=kind)
            self.store.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
            CACHE.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self.store)
        return np.vstack([self.store[k] for k in keys]).astype(np.float32)


def accuracy(linker: ArticleLinker, queries: list[tuple[str, str]], lang: str) -> tuple[float, ...]:
    texts = [t for t, _ in queries]
    scores, _ = linker.score_articles(texts, [lang] * len(texts))
    order = np.argsort(-scores, axis=1, kind="stable")[:, :3]
    gold = np.array([linker.numbers_.index(n) for _, n in queries])
    top1 = float(np.mean(order[:, 0] == gold))
    top3 = float(np.mean((order == gold[:, None]).any(axis=1)))
    return top1, top3


SYNONYMS_KK = {
    "қамтамасыз етеді": "кепілдік береді",
    "тиіс": "міндетті",
    "белгіленеді": "айқындалады",
    "жүзеге асырады": "атқарады",
    "сондай-ақ": "және де",
    "өзге де": "басқа да",
    "тыйым салынады": "рұқсат етілмейді",
    "болып табылады": "саналады",
    "Қазақстан Республикасының": "Қазақстанның",
    "Қазақстан Республикасы": "Қазақстан",
    "заңмен": "заң арқылы",
    "құқығы бар": "құқылы",
    "мемлекет": "ел",
    "тәртібі": "реті",
}


def reword_kk(text: str, rng: random.Random) -> str:
    """Reword a Kazakh point: synonyms, one adjacent-word swap, one or two dropped words."""
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


def fragment(text: str, rng: random.Random, size: int = 8) -> str:
    """A random window of ``size`` words: a proposal that quotes part of a point."""
    words = text.split()
    start = rng.randrange(0, max(len(words) - size, 0) + 1)
    return " ".join(words[start : start + size])


def build_settings() -> dict[str, tuple[list[ArticleText], list[tuple[str, str]], str]]:
    kk, ru = load_articles("kk"), load_articles("ru")
    rng = random.Random(0)
    kk_points = point_queries(kk)
    reworded = [(reword_kk(t, rng), n) for t, n in kk_points]
    detector = LanguageDetector().fit()
    latin = [cyrillic_to_latin(t, "informal") for t, _ in reworded]
    back = [r.text for r in detector.transform(latin)]
    ru_articles = [(" ".join(a.text.split("\n")), a.number) for a in ru]
    fragments = [(fragment(t, rng), n) for t, n in reworded]
    return {
        "ru articles → kk": (kk, ru_articles, "ru"),
        "ru points → kk": (kk, point_queries(ru), "ru"),
        "kk reworded points → kk": (kk, reworded, "kk"),
        "kk Latin (informal) → kk": (
            kk,
            list(zip(back, [n for _, n in reworded], strict=True)),
            "kk",
        ),
        "kk 8-word fragments → kk": (kk, fragments, "kk"),
        "kk reworded points → kk+ru": (kk + ru, reworded, "kk"),
    }


VARIANTS: dict[str, dict[str, Any]] = {
    "plain cosine, whole articles": dict(chunks="article", hubness=0.0, lexical_weight=0.0),
    "+ point chunks": dict(chunks="points", lexical_weight=0.0, chunk_ratio=None),
    "+ point chunks + lexical (previous default)": dict(lexical_weight=0.5, chunk_ratio=None),
    "+ point chunks + lexical + hubness": dict(hubness=0.25, chunk_ratio=None),
    "+ point chunks + lexical + length rule (default)": dict(lexical_weight=0.5),
}


def main() -> None:
    settings = build_settings()
    embedders: dict[str, Embedder | None] = {"hashing": CachedEmbedder(HashingEmbedder())}
    if "--no-e5" not in sys.argv:
        embedders["e5"] = CachedEmbedder(E5Embedder())
    embedders["none (lexical only)"] = None
    print("| embedder | variant | " + " | ".join(settings) + " |")
    print("|---|---|" + "---:|" * len(settings))
    print("| | n queries | " + " | ".join(str(len(q)) for _, q, _ in settings.values()) + " |")
    for emb_name, embedder in embedders.items():
        variants = VARIANTS if embedder is not None else {"lexical": dict(lexical_weight=1.0)}
        for var_name, params in variants.items():
            cells = []
            for articles, queries, lang in settings.values():
                linker = ArticleLinker(embedder, explicit=False, min_score=None, **params)
                linker.fit(articles)
                top1, top3 = accuracy(linker, queries, lang)
                cells.append(f"{top1:.3f} / {top3:.3f}")
            print(f"| {emb_name} | {var_name} | " + " | ".join(cells) + " |")
    print("\nCells: top-1 / top-3 accuracy.\n")
    print_reference_agreement()


def print_reference_agreement() -> None:
    """Explicit references inside the Constitution: the kk and ru texts cite the same articles."""
    kk, ru = load_articles("kk"), load_articles("ru")
    pairs = {"kk": 0, "ru": 0, "both": 0}
    for a_kk, a_ru in zip(kk, ru, strict=True):
        found_kk = {(r.number, r.point) for r in find_article_references(a_kk.text, "kk")}
        found_ru = {(r.number, r.point) for r in find_article_references(a_ru.text, "ru")}
        pairs["kk"] += len(found_kk)
        pairs["ru"] += len(found_ru)
        pairs["both"] += len(found_kk & found_ru)
    print("| explicit references in the 2026 text | kk | ru | same (article, point) in both |")
    print("|---|---:|---:|---:|")
    print(f"| count | {pairs['kk']} | {pairs['ru']} | {pairs['both']} |")


if __name__ == "__main__":
    main()
