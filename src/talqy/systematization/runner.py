"""Systematize a stored consultation: run the pipeline and record the result as a new run.

Language is detected once per run, before anything else: the vectors missing from the cache
are computed from the detected (normalised) texts, and the pipeline reuses the same detection.
Vectors are computed once per proposal and model version and kept in the database; proposals
already in a review group stay there, so decisions carry over to a re-run's newcomers. The run
is recorded with the pipeline's parameters and, once it finishes, with the steps its "auto"
choices resolved to. Proposals that arrive while a run computes (after it read the proposals)
are placed against it as soon as it is written, by placement's rules (``placed_after``).

A ``progress`` callback sees every stage (``language``, ``embed``, the pipeline's stages, then
``write``). It may raise :class:`RunCancelled` to stop the run: the run row then ends as
``cancelled`` and nothing of it is written, since the results are stored in one transaction
after the last stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from talqy.analysis.embedders import Embedder, get_embedder
from talqy.analysis.engines import Engine, engine_from_settings
from talqy.analysis.language import LanguageDetector
from talqy.analysis.linking import ArticleText
from talqy.analysis.pipeline import Systematizer
from talqy.analysis.records import ProposalInput, SystematizationResult
from talqy.errors import InvalidInput
from talqy.settings import Settings, cache_folder
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.storage.documents import list_articles
from talqy.systematization.placement import place_stragglers
from talqy.systematization.run_queries import (
    GroupPlan,
    ProposalForAnalysis,
    Run,
    create_run,
    fail_run,
    iter_proposals_for_analysis,
    write_results,
)
from talqy.systematization.vectors import Progress, proposal_vectors


class RunCancelled(Exception):
    """Raised by a progress callback to stop a run; ``reason`` is recorded on the run."""

    def __init__(self, reason: str = "cancelled") -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    proposals: int
    duplicate_groups: int
    positions: int
    campaigns: int
    themes: int
    new_groups: int
    new_members: int
    vectors_computed: int
    timings: dict[str, float]
    placed_after: int = 0  # proposals that arrived during the run, placed against it at its end


def _plans(result: SystematizationResult, ids: Sequence[int]) -> list[GroupPlan]:
    """One review group per position: a decision answers everyone who asked for that thing."""
    members: dict[str, list[int]] = {}
    for pid, row in zip(ids, result.rows, strict=True):
        members.setdefault(row.position_id or row.duplicate_group, []).append(pid)
    by_id = {str(pid): pid for pid in ids}
    plans = []
    for position in result.positions:
        plans.append(
            GroupPlan(
                key=position.id,
                members=members.pop(position.id),
                representative=by_id[position.representative],
                article=position.articles[0] if position.articles else None,
                theme=position.theme_id,
                campaign=position.campaigns[0] if position.campaigns else None,
            )
        )
    for key, group in members.items():  # rows without a position (no position step)
        plans.append(GroupPlan(key, group, group[0], None, None, None))
    return plans


def _position_rows(result: SystematizationResult, ids: Sequence[int]) -> list[dict[str, Any]]:
    by_id = {str(pid): pid for pid in ids}
    return [
        {
            "key": p.id,
            "size": p.size,
            **{f"label_{lang}": p.label.get(lang, "") for lang in ("kk", "ru", "en")},
            "articles": p.articles,
            "theme_key": p.theme_id,
            "groups": p.groups,
            "campaign_keys": p.campaigns,
            "representative_id": by_id.get(p.representative),
        }
        for p in result.positions
    ]


def _analysis_rows(result: SystematizationResult, ids: Sequence[int]) -> list[dict[str, Any]]:
    by_id = {str(pid): pid for pid in ids}
    return [
        {
            "proposal_id": pid,
            "language": row.language,
            "script": row.script,
            "duplicate_group": row.duplicate_group,
            "duplicate_of": by_id[row.duplicate_of] if row.duplicate_of else None,
            "campaign_key": row.campaign_id,
            "theme_key": row.theme_id,
            "stance": row.stance,
            "articles": row.to_dict()["articles"],
            "position_key": row.position_id,
        }
        for pid, row in zip(ids, result.rows, strict=True)
    ]


def _inputs(items: Sequence[ProposalForAnalysis]) -> list[ProposalInput]:
    return [
        ProposalInput(
            str(i.id),
            i.text,
            i.language,
            i.article,
            i.submitted_at,
            i.channel,
            i.region,
            i.author_key,
        )
        for i in items
    ]


def _theme_rows(result: SystematizationResult) -> list[dict[str, Any]]:
    return [
        {
            "key": t.id,
            "size": t.size,
            **{f"label_{lang}": t.label.get(lang, "") for lang in ("kk", "ru", "en")},
            "keywords": t.keywords,
        }
        for t in result.themes
    ]


def systematize_consultation(
    db: Database,
    *,
    settings: Settings,
    consultation: str,
    embedder: str | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    on_run: Callable[[int], None] | None = None,
) -> RunSummary:
    """Systematize every proposal of ``consultation`` against its latest draft.

    ``on_run`` is called with the run's id as soon as the run is recorded. Once the run is
    written, the proposals that arrived meanwhile are placed against it (``placed_after``).
    """
    parent = get_consultation(db, consultation)
    items = list(iter_proposals_for_analysis(db, parent.id))
    if not items:
        raise InvalidInput(f"consultation {consultation!r} has no proposals to systematize")
    model = get_embedder(embedder or settings.embedder)
    articles = [
        ArticleText(a.key, a.language, a.text) for a in list_articles(db, consultation) if a.text
    ]
    engine = engine_from_settings(settings)
    try:
        cache = str(cache_folder(settings) / "vectors")
        summary = _run(
            db, consultation, items, articles, model, engine, seed, progress, cache, on_run
        )
    finally:
        engine.close()
    placed = place_stragglers(db, consultation, settings=settings, embedder=model)
    return replace(summary, placed_after=placed)


def _run(
    db: Database,
    consultation: str,
    items: Sequence[ProposalForAnalysis],
    articles: Sequence[ArticleText],
    model: Embedder,
    engine: Engine,
    seed: int,
    progress: Progress | None,
    cache: str | None = None,
    on_run: Callable[[int], None] | None = None,
) -> RunSummary:
    detector = LanguageDetector().fit()
    started = time.perf_counter()
    detected = engine.map_partitions(
        detector.transform, [i.text for i in items], stage="language", progress=progress
    )
    detect_seconds = round(time.perf_counter() - started, 3)
    vectors, computed = proposal_vectors(db, items, detected, model, progress)
    pipeline = Systematizer(
        language=detector, embedder=model, engine=engine, random_state=seed, vector_cache=cache
    )
    run: Run = create_run(
        db,
        consultation=consultation,
        params=pipeline.get_params(),
        embedder=model.name,
        model_version=model.version,
        seed=seed,
    )
    try:
        if on_run:
            on_run(run.id)
        result = pipeline.run(
            _inputs(items),
            articles or None,
            embeddings=vectors,
            detected=detected,
            progress=progress,
        )
        ids = [i.id for i in items]
        plans = _plans(result, ids)
        if progress:
            progress("write", 0, len(ids))  # the last moment a run can be stopped
        new_groups, new_members = write_results(
            db,
            run,
            rows=_analysis_rows(result, ids),
            theme_rows=_theme_rows(result),
            plans=plans,
            params=result.params,
            position_rows=_position_rows(result, ids),
        )
    except RunCancelled as exc:
        fail_run(db, run, exc.reason, status="cancelled")
        raise
    except Exception as exc:
        fail_run(db, run, type(exc).__name__)
        raise
    timings = {**result.timings, "language": detect_seconds}
    return RunSummary(
        run.id,
        len(items),
        len({row.duplicate_group for row in result.rows}),
        len(result.positions),
        len(result.campaigns),
        len(result.themes),
        new_groups,
        new_members,
        computed,
        timings,
    )
