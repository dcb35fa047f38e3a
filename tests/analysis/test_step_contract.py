"""One contract for every analysis step, embedder and engine, scikit-learn style.

The steps are discovered by :func:`talqy.analysis.registry.step_classes` (every public
concrete class of the analysis package with ``get_params``), not listed by hand.

``__init__`` stores keyword parameters only; ``get_params()`` returns exactly those parameters
and is JSON-serialisable (it is stored with every run); nothing learned exists before ``fit``;
``random_state`` is a parameter only where something is random; bad parameters are refused in
``fit``.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import numpy as np
import pytest

from talqy.analysis.dask_engine import DaskEngine
from talqy.analysis.dedup import MinHashDeduplicator
from talqy.analysis.embedders import E5Embedder, HashingEmbedder
from talqy.analysis.engines import LocalEngine
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.positions import AgglomerativePositionFinder
from talqy.analysis.registry import describe, step_classes
from talqy.analysis.stance import StanceClassifier
from talqy.analysis.static_embedder import StaticEmbedder
from talqy.analysis.themes import KMeansClusterer
from talqy.errors import InvalidInput

STEPS = step_classes()


def keyword_params(cls: type[Any]) -> set[str]:
    signature = inspect.signature(cls.__init__)
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return {
        name
        for name, p in signature.parameters.items()
        if name != "self" and p.kind not in variadic
    }


def test_the_registry_finds_every_kind_of_step() -> None:
    found = set(STEPS)
    assert {E5Embedder, HashingEmbedder, StaticEmbedder, LocalEngine, DaskEngine} <= found
    assert {LanguageDetector, ArticleLinker, Systematizer, KMeansClusterer} <= found
    assert len(STEPS) >= 20


@pytest.mark.parametrize("cls", STEPS, ids=lambda cls: cls.__name__)
def test_init_stores_parameters_only(cls: type[Any]) -> None:
    step = cls()
    assert set(step.get_params(deep=False)) == keyword_params(cls)
    assert [name for name in vars(step) if name.endswith("_") and not name.startswith("_")] == []


@pytest.mark.parametrize("cls", STEPS, ids=lambda cls: cls.__name__)
def test_params_are_json(cls: type[Any]) -> None:
    described = describe(cls())
    json.dumps(described)
    assert described["class"] == cls.__name__


def test_embedders_and_engines_describe_their_identity() -> None:
    assert describe(HashingEmbedder())["name"] == "hashing"
    assert describe(LocalEngine())["name"] == "local"
    assert describe(DaskEngine(timeout=5.0))["timeout"] == 5.0


def test_deterministic_steps_take_no_random_state() -> None:
    """Stance and linking use no randomness, so they offer no seed that would do nothing."""
    assert "random_state" not in keyword_params(StanceClassifier)
    assert "random_state" not in keyword_params(ArticleLinker)
    assert "random_state" in keyword_params(Systematizer)


@pytest.mark.parametrize(
    ("step", "fit"),
    [
        (MinHashDeduplicator(threshold=2.0), lambda s: s.fit(["a", "b"])),
        (LanguageDetector(min_letters=0), lambda s: s.fit()),
        (KMeansClusterer(n_themes=0), lambda s: s.fit_predict(np.eye(3, dtype=np.float32))),
        (ArticleLinker(chunk_ratio=0), lambda s: s.fit([ArticleText("1", "kk", "Жер")])),
        (
            AgglomerativePositionFinder(same_distance=-1.0),
            lambda s: s.fit(["a", "b"], groups=[0, 1], languages=["en", "en"]),
        ),
    ],
    ids=["minhash", "language", "kmeans", "linker", "positions"],
)
def test_bad_parameters_are_refused_in_fit(step: Any, fit: Any) -> None:
    with pytest.raises(InvalidInput):
        fit(step)
