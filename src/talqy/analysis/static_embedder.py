"""A fast static kk / ru / en embedder distilled from the bundled multilingual e5 model.

model2vec-style: every SentencePiece piece of e5's vocabulary that kk / ru / en text uses has
one stored vector (e5's output for the piece alone, reduced by PCA and weighted by SIF, see
``scripts/build_static_embedder.py``). A text is folded (normalised, NFKC, case-folded), cut
into words, each word segmented into pieces by unigram Viterbi over the stored vocabulary with
e5's own piece scores (the same algorithm as e5's tokenizer; segmentations are cached per
word), and the piece vectors are summed and L2-normalised. Tens of thousands of texts per second
on one core; it keeps part of e5's cross-lingual sense (measured in ``docs/scale.md``).

Kazakh in Latin script should be back-transliterated upstream (the language step does it).
The model file is package data (``analysis/data/static_e5_kk_ru_en.npz``, float16).
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from talqy.analysis.embedders import Embedder, EmbedKind, check_kind, l2_normalize
from talqy.analysis.normalization import check_texts, normalize_text
from talqy.errors import ConfigError, InvalidInput

MODEL_FILE = "static_e5_kk_ru_en.npz"
META = "\u2581"
UNKNOWN_PENALTY = 30.0
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class StaticModel:
    """Piece vectors (float32, SIF-weighted), piece → row, piece scores, a content digest."""

    vectors: np.ndarray
    index: dict[str, int]
    scores: np.ndarray
    max_piece: int
    digest: str


def load_static_model(path: str | Path | None = None) -> StaticModel:
    """Read a static model file (the packaged one by default)."""
    try:
        if path is None:
            data = resources.files("talqy.analysis").joinpath("data", MODEL_FILE).read_bytes()
        else:
            data = Path(path).read_bytes()
    except (OSError, ModuleNotFoundError) as exc:
        raise ConfigError(f"cannot read the static embedder model: {exc}") from exc
    try:
        with np.load(io.BytesIO(data)) as npz:
            vectors = np.asarray(npz["vectors"], dtype=np.float32)
            pieces = [str(p) for p in npz["pieces"].tolist()]
            scores = np.asarray(npz["scores"], dtype=np.float32)
    except (ValueError, KeyError, OSError) as exc:
        raise ConfigError(f"invalid static embedder model: {exc}") from exc
    index = {piece: i for i, piece in enumerate(pieces)}
    digest = hashlib.sha256(data).hexdigest()[:12]
    return StaticModel(vectors, index, scores, max(map(len, pieces), default=1), digest)


def segment(word: str, model: StaticModel) -> list[int]:
    """Unigram Viterbi segmentation of ``▁word`` into stored pieces; unknown letters dropped."""
    text = META + word
    n = len(text)
    index, scores, longest = model.index, model.scores, model.max_piece
    best = [0.0] + [-1e30] * n
    back = [(0, -1)] * (n + 1)
    for i in range(n):
        base = best[i]
        for j in range(i + 1, min(n, i + longest) + 1):
            idx = index.get(text[i:j])
            if idx is not None and base + scores[idx] > best[j]:
                best[j], back[j] = base + float(scores[idx]), (i, idx)
        if base - UNKNOWN_PENALTY > best[i + 1]:
            best[i + 1], back[i + 1] = base - UNKNOWN_PENALTY, (i, -1)
    out: list[int] = []
    at = n
    while at > 0:
        at, idx = back[at]
        if idx >= 0:
            out.append(idx)
    return out[::-1]


def fold_words(text: str) -> list[str]:
    """Normalised, NFKC, case-folded words of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFKC", normalize_text(text)).casefold())


@dataclass(kw_only=True, eq=False, repr=False)
class StaticEmbedder(Embedder):
    """Sum of SIF-weighted static piece vectors distilled from e5, L2-normalised.

    ``path``: a model file built by ``scripts/build_static_embedder.py`` (default: the packaged
    one). ``cache_size``: words whose segmentation is kept (the cache is emptied when full).
    ``kind`` is accepted for interface compatibility; static vectors have no query/passage form.
    """

    name: ClassVar[str] = "static"
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _loaded: ClassVar[dict[str, StaticModel]] = {}

    path: str | None = None
    cache_size: int = 500_000

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_words"}

    def model(self) -> StaticModel:
        """The loaded model (read once per process and path)."""
        key = self.path or ""
        with self._lock:
            model = self._loaded.get(key)
            if model is None:
                model = load_static_model(self.path)
                self._loaded[key] = model
            return model

    @property
    def dim(self) -> int:  # type: ignore[override]
        return int(self.model().vectors.shape[1])

    @property
    def version(self) -> str:  # type: ignore[override]
        model = self.model()
        return f"e5-static-{len(model.index)}x{model.vectors.shape[1]}-{model.digest}"

    def pieces(self, text: str) -> list[int]:
        """Row numbers of the pieces of ``text`` (segmentations cached per word)."""
        model = self.model()
        words: dict[str, list[int]] = self.__dict__.setdefault("_words", {})
        out: list[int] = []
        for word in fold_words(text):
            ids = words.get(word)
            if ids is None:
                ids = segment(word, model)
                if len(words) >= self.cache_size:
                    words.clear()
                words[word] = ids
            out.extend(ids)
        return out

    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        check_kind(kind)
        if not (isinstance(self.cache_size, int) and self.cache_size > 0):
            raise InvalidInput("cache_size must be a positive integer", field="cache_size")
        items = check_texts(texts)
        model = self.model()
        if not items:
            return np.zeros((0, model.vectors.shape[1]), dtype=np.float32)
        from scipy.sparse import csr_matrix

        rows = [self.pieces(text) for text in items]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=indptr[1:])
        indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=indptr[-1])
        counts = csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(rows), len(model.index)),
        )
        return l2_normalize(np.asarray(counts @ model.vectors, dtype=np.float32))
