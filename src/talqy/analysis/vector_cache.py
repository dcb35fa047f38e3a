"""Draft vectors kept on disk: a draft version is embedded once per model, not on every run.

:class:`PassageCache` wraps an embedder. Passage vectors (the draft's articles and points, as
the article linker asks for them) are stored in ``folder`` as one ``.npy`` file per model
version and list of texts (a SHA-256 digest of both names the file), so a new draft version or
a new model gets new vectors and an unchanged draft is read back in milliseconds. Query
vectors (proposals) pass straight through: the systematization run caches those per proposal.

A folder that cannot be written is not an error: the vectors are computed as before and a
warning is logged once per folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from talqy.analysis.embedders import Embedder, EmbedKind, get_embedder
from talqy.analysis.numba_cache import user_cache_folder

log = logging.getLogger(__name__)
_WARNED: set[str] = set()


@dataclass(eq=False, repr=False)
class PassageCache(Embedder):
    """``inner``'s vectors; passages read from / written to ``folder`` (see module docstring)."""

    name: ClassVar[str] = "passage-cache"

    inner: Embedder | str = "hashing"
    folder: str | Path | None = None

    def __post_init__(self) -> None:
        inner, folder = self.inner, self.folder
        self._model = get_embedder(inner) if isinstance(inner, str) else inner
        self._folder = (
            Path(folder) if folder is not None else user_cache_folder().parent / "vectors"
        )
        self.dim = self._model.dim
        self.version = self._model.version

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        folder = None if self.folder is None else str(self.folder)
        return {"inner": self.inner, "folder": folder}

    def path_for(self, texts: Sequence[str]) -> Path:
        digest = hashlib.sha256()
        for part in (self._model.name, self._model.version, *texts):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return self._folder / f"passages-{self._model.name}-{digest.hexdigest()[:32]}.npy"

    def embed(
        self, texts: Sequence[str], *, kind: EmbedKind = "query", batch_size: int = 64
    ) -> np.ndarray:
        if kind != "passage" or not texts:
            return self._model.embed(texts, kind=kind, batch_size=batch_size)
        path = self.path_for(texts)
        stored = _read(path, len(texts))
        if stored is not None:
            return stored
        vectors = np.asarray(
            self._model.embed(texts, kind=kind, batch_size=batch_size), dtype=np.float32
        )
        _write(path, vectors)
        return vectors


def _read(path: Path, rows: int) -> np.ndarray | None:
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if vectors.ndim != 2 or len(vectors) != rows or vectors.dtype != np.float32:
        return None
    return vectors


def _write(path: Path, vectors: np.ndarray) -> None:
    """Write atomically (a reader never sees half a file); warn once if the folder refuses."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as fh:
            np.save(fh, vectors, allow_pickle=False)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        folder = str(path.parent)
        if folder not in _WARNED:
            _WARNED.add(folder)
            log.warning("draft vectors not cached: cannot write to %s (%s)", folder, exc)
