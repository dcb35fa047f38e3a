from __future__ import annotations

import pickle

from talqy.analysis.dask_engine import DaskEngine
from talqy.analysis.engines import LocalEngine, engine_from_settings
from talqy.analysis.language import LanguageDetector
from talqy.settings import Settings


def test_engine_is_chosen_by_settings() -> None:
    assert isinstance(engine_from_settings(Settings(engine="local")), LocalEngine)
    dask = engine_from_settings(Settings(engine="dask", dask_scheduler=None))
    assert isinstance(dask, DaskEngine) and dask.scheduler is None
    dask.close()


def test_language_detector_survives_pickling_for_dask_workers() -> None:
    detector = pickle.loads(pickle.dumps(LanguageDetector().fit()))
    assert [
        r.language
        for r in detector.transform(["Мемлекеттік тіл - қазақ тілі.", "Hello there, friend."])
    ] == ["kk", "en"]
