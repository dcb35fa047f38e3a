"""Execution back ends for the systematization pipeline.

An :class:`Engine` maps a per-item function over partitions of a list (language detection,
embedding, linking, stance) and runs global stages (duplicates, campaigns, themes) as they
are. :class:`LocalEngine` uses threads in this process; a Dask engine can implement the same
two methods. Engines are chosen by name through :func:`get_engine`, never by type sniffing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from talqy.analysis.registry import constructor_params
from talqy.errors import InvalidInput
from talqy.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[str, int, int], None]


def partitions(n: int, size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(n)`` in chunks of ``size``."""
    size = max(int(size), 1)
    return [(start, min(start + size, n)) for start in range(0, n, size)]


class Engine(ABC):
    """Runs per-partition work and global stages."""

    name: str = "base"

    @property
    def shares_memory(self) -> bool:
        """True when partitions run in this process, so they may fill one shared array."""
        return False

    @abstractmethod
    def map_partitions(
        self,
        func: Callable[[Sequence[T]], Sequence[R]],
        items: Sequence[T],
        *,
        stage: str = "",
        progress: Progress | None = None,
    ) -> list[R]:
        """``func`` applied to consecutive partitions of ``items``; results concatenated."""

    def run(self, func: Callable[[], R]) -> R:
        """A global stage (needs all items at once)."""
        return func()

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (the step contract); the ``name`` is :meth:`identity`."""
        return {}

    def identity(self) -> dict[str, Any]:
        return {"name": self.name}

    def close(self) -> None:
        """Release what the engine holds (a Dask client); local engines hold nothing."""
        return None


class LocalEngine(Engine):
    """Threads in this process; ``workers=1`` runs partitions in order on the caller's thread."""

    @property
    def shares_memory(self) -> bool:
        return True

    name = "local"

    def __init__(self, *, workers: int = 1, partition_size: int = 2000) -> None:
        self.workers = workers
        self.partition_size = partition_size

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return constructor_params(self, deep=deep)

    def map_partitions(
        self,
        func: Callable[[Sequence[T]], Sequence[R]],
        items: Sequence[T],
        *,
        stage: str = "",
        progress: Progress | None = None,
    ) -> list[R]:
        if self.workers < 1 or self.partition_size < 1:
            raise InvalidInput("workers and partition_size must be positive", field="engine")
        parts = partitions(len(items), self.partition_size)
        out: list[R] = []
        done = 0
        if progress:
            progress(stage, 0, len(items))
        if self.workers == 1:
            results = (func(items[a:b]) for a, b in parts)
            for (a, b), chunk in zip(parts, results, strict=True):
                out.extend(chunk)
                done += b - a
                if progress:
                    progress(stage, done, len(items))
            return out
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for (a, b), chunk in zip(
                parts, pool.map(lambda p: func(items[p[0] : p[1]]), parts), strict=True
            ):
                out.extend(chunk)
                done += b - a
                if progress:
                    progress(stage, done, len(items))
        return out


ENGINES: dict[str, Callable[[], Engine]] = {"local": LocalEngine}
ENGINES["dask"] = lambda: __import__("talqy.analysis.dask_engine", fromlist=["_"]).DaskEngine()


def get_engine(name: str) -> Engine:
    """A new engine registered under ``name``."""
    try:
        return ENGINES[name]()
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise InvalidInput(
            f"unknown engine {name!r}; choose one of: {known}", field="engine"
        ) from None


def engine_from_settings(settings: Settings) -> Engine:
    """The engine ``TALQY_ENGINE`` names (Dask uses ``TALQY_DASK_SCHEDULER`` when set)."""
    if settings.engine == "dask":
        from talqy.analysis.dask_engine import DaskEngine

        return DaskEngine.from_settings(settings)
    return get_engine(settings.engine)
