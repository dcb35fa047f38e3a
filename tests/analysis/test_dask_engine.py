from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from talqy.analysis.dask_engine import DaskEngine
from talqy.analysis.engines import Engine, LocalEngine, get_engine
from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput
from talqy.demo import demo_paths, generate_proposals
from talqy.documents.parser import parse_document
from talqy.errors import ConfigError, InvalidInput
from talqy.settings import Settings


def squares(part: Sequence[int]) -> list[int]:
    return [x * x for x in part]


def demo_inputs(n: int, seed: int = 3) -> list[ProposalInput]:
    return [
        ProposalInput(
            r.id,
            r.text,
            r.language,
            r.article,
            datetime.fromisoformat(r.submitted_at),
            r.channel,
            r.region,
        )
        for r in generate_proposals(n, seed=seed)
    ]


def draft_articles() -> list[ArticleText]:
    """The sample draft's articles in three languages (so article linking runs too)."""
    articles = []
    for language in ("kk", "ru", "en"):
        document = parse_document(demo_paths()[language])
        articles += [ArticleText(a.number, document.language, a.text) for a in document.articles]
    return [a for a in articles if a.text]


def systematize(engine: Engine, items: list[ProposalInput]) -> tuple[list[Any], list[Any]]:
    pipeline = Systematizer(embedder="hashing", themes="kmeans", engine=engine)
    result = pipeline.run(items, draft_articles())
    return [r.to_dict() for r in result.rows], [t.to_dict() for t in result.themes]


@pytest.fixture(scope="module")
def local_result() -> tuple[list[ProposalInput], tuple[list[Any], list[Any]]]:
    items = demo_inputs(300)
    return items, systematize(LocalEngine(partition_size=64), items)


@pytest.fixture
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as running:
        yield running


def test_registered_by_name_and_built_from_settings() -> None:
    engine = get_engine("dask")
    assert isinstance(engine, DaskEngine)
    assert engine.get_params()["scheduler"] is None
    built = DaskEngine.from_settings(
        Settings(dask_scheduler="tcp://10.0.0.1:8786", dask_partition_size=250)
    )
    assert built.scheduler == "tcp://10.0.0.1:8786"
    assert built.partition_size == 250
    assert built.identity()["name"] == "dask"


def test_threads_keep_order_and_report_progress() -> None:
    seen: list[tuple[str, int, int]] = []
    engine = DaskEngine(partition_size=7, workers=2)
    out = engine.map_partitions(
        squares, list(range(50)), stage="sq", progress=lambda *a: seen.append(a)
    )
    assert out == [x * x for x in range(50)]
    assert seen[0] == ("sq", 0, 50) and seen[-1] == ("sq", 50, 50)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert len(seen) == 1 + 8


def test_ranges_and_empty_input() -> None:
    engine = DaskEngine(partition_size=3)
    assert engine.map_partitions(squares, range(10)) == [x * x for x in range(10)]
    assert engine.map_partitions(squares, []) == []


def test_invalid_parameters_are_refused() -> None:
    with pytest.raises(InvalidInput):
        DaskEngine(partition_size=0).map_partitions(squares, [1, 2])
    with pytest.raises(InvalidInput):
        DaskEngine(workers=0).map_partitions(squares, [1, 2])


def test_errors_in_a_partition_propagate() -> None:
    def boom(part: Sequence[int]) -> list[int]:
        if 13 in part:
            raise ValueError("bad item")
        return list(part)

    with pytest.raises(ValueError, match="bad item"):
        DaskEngine(partition_size=5).map_partitions(boom, list(range(20)))


def test_unreachable_scheduler_is_a_config_error() -> None:
    engine = DaskEngine(scheduler="tcp://127.0.0.1:1", timeout=0.5)
    with pytest.raises(ConfigError):
        engine.map_partitions(squares, [1, 2, 3])
    engine.close()


@pytest.mark.slow
def test_cluster_map_keeps_order(cluster: Any) -> None:
    seen: list[int] = []
    with DaskEngine(scheduler=cluster.scheduler_address, partition_size=4) as engine:
        out = engine.map_partitions(
            squares, list(range(30)), stage="sq", progress=lambda s, d, t: seen.append(d)
        )
        assert engine.client() is not None
    assert out == [x * x for x in range(30)]
    assert seen[-1] == 30 and len(seen) == 1 + 8
    assert engine._client is None


@pytest.mark.slow
def test_threads_give_the_local_result(local_result: Any) -> None:
    items, expected = local_result
    assert systematize(DaskEngine(partition_size=50, workers=2), items) == expected


@pytest.mark.slow
def test_cluster_gives_the_local_result(local_result: Any, cluster: Any) -> None:
    items, expected = local_result
    rows, themes = expected
    assert len(rows) == 300 and themes
    assert sum(1 for row in rows if row["articles"]) > 100
    with DaskEngine(scheduler=cluster.scheduler_address, partition_size=50) as engine:
        assert systematize(engine, items) == expected


@pytest.mark.slow
def test_worker_processes_give_the_local_result(local_result: Any) -> None:
    from distributed import LocalCluster

    items, expected = local_result
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as running,
        DaskEngine(scheduler=running.scheduler_address, partition_size=50) as engine,
    ):
        rows, themes = systematize(engine, items)
    assert json.dumps(rows, sort_keys=True) == json.dumps(expected[0], sort_keys=True)
    assert json.dumps(themes, sort_keys=True) == json.dumps(expected[1], sort_keys=True)


def die_once(marker: str) -> Callable[[Sequence[int]], list[int]]:
    """A stage that kills its worker process the first time any partition holds 13."""

    def stage(part: Sequence[int]) -> list[int]:
        if 13 in part and not os.path.exists(marker):
            Path(marker).write_text("died")
            os._exit(1)
        return [x * x for x in part]

    return stage


def always_die(part: Sequence[int]) -> list[int]:
    if 13 in part:
        os._exit(1)
    return list(part)


@pytest.fixture
def process_cluster() -> Iterator[Any]:
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as running,
    ):
        yield running


@pytest.mark.slow
def test_a_killed_worker_is_retried_then_reported(process_cluster: Any, tmp_path: Path) -> None:
    marker = str(tmp_path / "died")
    with DaskEngine(scheduler=process_cluster.scheduler_address, partition_size=5) as engine:
        out = engine.map_partitions(die_once(marker), list(range(30)), stage="sq")
        assert out == [x * x for x in range(30)]
        assert Path(marker).read_text() == "died"
        with pytest.raises(ConfigError, match="workers died while running the boom stage"):
            engine.map_partitions(always_die, list(range(30)), stage="boom")
