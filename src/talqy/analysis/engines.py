"""Execution back ends for the systematization pipeline.

An :class:`Engine` maps a per-item function over partitions of a list (language detection,
embedding, linking, stance) and runs global stages (duplicates, campaigns, themes) as they
are. :class:`LocalEngine` uses threads in this process; a Dask engine can implement the same
two methods. Engines are chosen by name through :func:`get_engine`, never by type sniffing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Self, TypeVar

from talqy.analysis.registry import constructor_params
from talqy.errors import InvalidInput
from talqy.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
PartFunc = Callable[[Sequence[T]], Sequence[R]]
"""What runs on one partition: its items in, one result per item out."""
Parts = list[tuple[int, int]]
"""``(start, stop)`` of each partition, in order."""
Progress = Callable[[str, int, int], None]


class Stage:
    """A named stage of ``total`` items: tells ``progress`` how many are done so far."""

    def __init__(self, name: str, progress: Progress | None, total: int) -> None:
        self.name = name
        self.progress = progress
        self.total = total
        self.done = 0

    def advance(self, items: int) -> None:
        self.done += items
        if self.progress:
            self.progress(self.name, self.done, self.total)


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

    partition_size: int = 2000
    workers: int | None = None

    def map_partitions(
        self,
        func: PartFunc[T, R],
        items: Sequence[T],
        *,
        stage: str = "",
        progress: Progress | None = None,
    ) -> list[R]:
        """``func`` applied to consecutive partitions of ``items``; results concatenated."""
        if self.partition_size < 1 or (self.workers is not None and self.workers < 1):
            raise InvalidInput("workers and partition_size must be positive", field="engine")
        parts = partitions(len(items), self.partition_size)
        if progress:
            progress(stage, 0, len(items))
        out: list[R] = []
        for chunk in self._map_parts(func, items, parts, Stage(stage, progress, len(items))):
            out.extend(chunk)
        return out

    @abstractmethod
    def _map_parts(
        self, func: PartFunc[T, R], items: Sequence[T], parts: Parts, stage: Stage
    ) -> Iterable[Sequence[R]]:
        """``func``'s result for each of ``parts`` (``(start, stop)`` of ``items``), in order;
        ``stage`` is told as partitions finish."""

    def run(self, func: Callable[[], R]) -> R:
        """A global stage (needs all items at once)."""
        return func()

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (the step contract); the ``name`` is :meth:`identity`."""
        return constructor_params(self, deep=deep)

    def identity(self) -> dict[str, Any]:
        return {"name": self.name}

    def close(self) -> None:
        """Release what the engine holds (a Dask client); local engines hold nothing."""
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass(kw_only=True, eq=False, repr=False)
class LocalEngine(Engine):
    """Threads in this process; ``workers=1`` runs partitions in order on the caller's thread."""

    @property
    def shares_memory(self) -> bool:
        return True

    name = "local"

    workers: int = 1
    partition_size: int = 2000

    def _map_parts(
        self, func: PartFunc[T, R], items: Sequence[T], parts: Parts, stage: Stage
    ) -> Iterator[Sequence[R]]:
        if self.workers == 1:
            results: Iterable[Sequence[R]] = (func(items[a:b]) for a, b in parts)
            for (a, b), chunk in zip(parts, results, strict=True):
                stage.advance(b - a)
                yield chunk
            return
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            results = pool.map(lambda p: func(items[p[0] : p[1]]), parts)
            for (a, b), chunk in zip(parts, results, strict=True):
                stage.advance(b - a)
                yield chunk


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
