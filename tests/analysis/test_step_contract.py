"""One contract for every analysis step, scikit-learn style.

``__init__`` stores keyword parameters only; ``get_params()`` returns exactly those parameters
and is JSON-serialisable (it is stored with every run); nothing learned exists before ``fit``;
stochastic steps take a ``random_state``; bad parameters are refused in ``fit``.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import numpy as np
import pytest

from talqy.analysis.campaigns import NoCampaignDetector, TemplateCampaignDetector
from talqy.analysis.dedup import (
    ExactDeduplicator,
    MinHashDeduplicator,
    NoDeduplicator,
    UnionDeduplicator,
)
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleLinker
from talqy.analysis.pipeline import Systematizer, describe
from talqy.analysis.semantic_dedup import SemanticDeduplicator
from talqy.analysis.stance import StanceClassifier
from talqy.analysis.themes import (
    AgglomerativeClusterer,
    HDBSCANClusterer,
    KMeansClusterer,
    NoClusterer,
)
from talqy.errors import InvalidInput

STEPS: list[type[Any]] = [
    LanguageDetector,
    NoDeduplicator,
    ExactDeduplicator,
    MinHashDeduplicator,
    SemanticDeduplicator,
    UnionDeduplicator,
    NoCampaignDetector,
    TemplateCampaignDetector,
    NoClusterer,
    AgglomerativeClusterer,
    KMeansClusterer,
    HDBSCANClusterer,
    ArticleLinker,
    StanceClassifier,
    Systematizer,
]
STOCHASTIC = {
    MinHashDeduplicator, TemplateCampaignDetector, KMeansClusterer, HDBSCANClusterer,
    Systematizer,
}  # fmt: skip


def keyword_params(cls: type[Any]) -> set[str]:
    signature = inspect.signature(cls.__init__)
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return {
        name
        for name, p in signature.parameters.items()
        if name != "self" and p.kind not in variadic
    }


@pytest.mark.parametrize("cls", STEPS, ids=lambda cls: cls.__name__)
def test_init_stores_parameters_only(cls: type[Any]) -> None:
    step = cls()
    assert set(step.get_params(deep=False)) == keyword_params(cls)
    assert [name for name in vars(step) if name.endswith("_") and not name.startswith("_")] == []


@pytest.mark.parametrize("cls", STEPS, ids=lambda cls: cls.__name__)
def test_params_are_json(cls: type[Any]) -> None:
    json.dumps(describe(cls()), default=None)


@pytest.mark.parametrize("cls", sorted(STOCHASTIC, key=lambda c: c.__name__), ids=str)
def test_stochastic_steps_take_a_random_state(cls: type[Any]) -> None:
    assert "random_state" in keyword_params(cls)


@pytest.mark.parametrize(
    ("step", "fit"),
    [
        (MinHashDeduplicator(threshold=2.0), lambda s: s.fit(["a", "b"])),
        (LanguageDetector(min_letters=0), lambda s: s.fit()),
        (KMeansClusterer(n_themes=0), lambda s: s.fit_predict(np.eye(3, dtype=np.float32))),
    ],
    ids=["minhash", "language", "kmeans"],
)
def test_bad_parameters_are_refused_in_fit(step: Any, fit: Any) -> None:
    with pytest.raises(InvalidInput):
        fit(step)
