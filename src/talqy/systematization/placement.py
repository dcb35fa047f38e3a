"""Placement on arrival: a proposal that arrives after a run joins its place at once.

:func:`place_proposals` takes every proposal of a consultation that is in no review group
(or has no analysis row in the latest finished run) and places it against that run, by the
run's own rules (:mod:`talqy.analysis.placement_rules`): its language and script are detected
from the redacted display text, as in a full run; only its text is embedded, with the run's
embedder and model version (stored vectors are reused, and an exact copy of a stored proposal
takes its source's vector without the model); then it joins the group of the proposal it copies
or rewords (``exact``, ``near``, ``semantic``), else the group whose ask it shares
(``position``), else a new group of its own (``groups.origin = 'placement'``, state ``new``).
A text without a letter is noise, as in a full run: a group of its own, never an existing one.

Each placement is one transaction (analysis row in the run, membership with origin
``placement``, a machine audit entry with the evidence); a proposal already grouped by someone
else meanwhile is left where it is. A :class:`Placer` keeps what is costly to build (embedder,
fitted article linker, the run's vectors) for the life of a process, one placement at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from talqy.analysis.copies import NEAR_COPIES_FOR
from talqy.analysis.embedders import Embedder, get_embedder, texts_fingerprint
from talqy.analysis.language import LanguageDetector, LanguageResult
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.placement_rules import (
    Item,
    copy_steps,
)
from talqy.analysis.positions import make_position_finder
from talqy.analysis.stance import StanceClassifier
from talqy.analysis.step_names import SEMANTIC_DEDUP_LIMIT
from talqy.analysis.vector_cache import PassageCache
from talqy.errors import NotFound
from talqy.settings import Settings, cache_folder
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database
from talqy.storage.documents import list_articles
from talqy.systematization.placement_copies import copy_sources
from talqy.systematization.placement_decisions import Decider, analysed_text
from talqy.systematization.placement_queries import (
    Placement,
    RunIndex,
    count_analysed,
    extend_index,
    waiting_proposals,
    write_placement,
)
from talqy.systematization.run_queries import (
    ProposalForAnalysis,
    Run,
    cached_vectors,
    latest_run,
    store_vectors,
)
from talqy.systematization.vectors import proposal_vectors

log = logging.getLogger("talqy.placement")


@dataclass(frozen=True)
class Placed:
    proposal_id: int
    group_id: int | None  # None: already in a group (only its analysis row was written)
    rule: str  # exact | near | semantic | position | new | noise
    similarity: float | None
    neighbour: int | None  # the stored proposal that decided it


@dataclass
class PlacementSummary:
    consultation: str
    run_id: int | None
    message: str = ""
    placed: list[Placed] = field(default_factory=list)
    embedded: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        found = Counter(p.rule for p in self.placed if p.group_id is not None)
        return {
            "joined": sum(found[r] for r in ("exact", "near", "semantic", "position")),
            "new_groups": found["new"] + found["noise"],
            "noise": found["noise"],
            "analysed_only": sum(1 for p in self.placed if p.group_id is None),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "consultation": self.consultation,
            "run": self.run_id,
            "message": self.message,
            **self.counts(),
            "embedded": self.embedded,
            "seconds": round(self.seconds, 3),
            "placed": [asdict(p) for p in self.placed],
        }


@dataclass(frozen=True)
class _Batch:
    """The waiting proposals with what the run's steps say about each."""

    items: list[ProposalForAnalysis]
    grouped: list[bool]
    detected: list[LanguageResult]
    languages: list[str]
    vectors: np.ndarray
    links: list[list[tuple[str, float, str]]]
    stances: list[str]


class Placer:
    """Warm state of one process; :meth:`place` is :func:`place_proposals`. ``embedders``:
    models already loaded (by name), used instead of loading them again."""

    def __init__(self, settings: Settings, embedders: Sequence[Embedder] = ()) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._embedders: dict[str, Embedder] = {e.name: e for e in embedders}
        self._indexes: dict[tuple[str, int], RunIndex] = {}
        self._linkers: dict[tuple[str, str], ArticleLinker] = {}
        self._detector = LanguageDetector()
        self._stance = StanceClassifier()

    def embedder(self, name: str) -> Embedder:
        if name not in self._embedders:
            self._embedders[name] = get_embedder(name)
        return self._embedders[name]

    def place(
        self, db: Database, consultation: str, proposal_ids: Sequence[int] | None = None
    ) -> PlacementSummary:
        parent = get_consultation(db, consultation)
        if not self.settings.placement:
            return PlacementSummary(consultation, None, "placement is off (TALQY_PLACEMENT)")
        try:
            run = latest_run(db, consultation)
        except NotFound:
            message = f"consultation {consultation!r} has no finished systematization run yet"
            return PlacementSummary(consultation, None, message + ": nothing placed")
        model = self.embedder(run.embedder)
        if model.version != run.model_version:
            message = (
                f"run {run.id} used the model {run.model_version!r}, this installation has "
                f"{model.version!r}: nothing placed; systematize the consultation again"
            )
            return PlacementSummary(consultation, None, message)
        with self._lock:
            started = time.perf_counter()
            waiting = waiting_proposals(
                db, consultation_id=parent.id, run_id=run.id, ids=proposal_ids
            )
            summary = PlacementSummary(consultation, run.id)
            if waiting:
                batch, summary.embedded = self._analyse(db, consultation, run, waiting)
                summary.placed = self._place_batch(db, run, parent.id, batch)
            summary.message = f"{len(summary.placed)} proposals placed against run {run.id}"
            summary.seconds = time.perf_counter() - started
        return summary

    # ------------------------------------------------------------- the run's steps
    def _analyse(
        self,
        db: Database,
        consultation: str,
        run: Run,
        waiting: list[tuple[ProposalForAnalysis, bool]],
    ) -> tuple[_Batch, int]:
        model = self.embedder(run.embedder)
        index = self._index(db, run, model.dim)
        items = [w[0] for w in waiting]
        detected = self._detector.transform([i.text for i in items])
        self._reuse_copies(db, index, items, detected, model)
        vectors, embedded = proposal_vectors(db, items, detected, model)
        languages = [
            r.language if r.language != "und" or not p.language else p.language
            for r, p in zip(detected, items, strict=True)
        ]
        texts = [r.text for r in detected]
        linker = self._linker(db, consultation, model)
        found = linker.predict(texts, languages, vectors) if linker else [[] for _ in texts]
        links = [[(a.number, a.score, str(a.source)) for a in row[:5]] for row in found]
        stances = list(self._stance.fit().predict(texts, languages))
        grouped = [w[1] for w in waiting]
        return _Batch(items, grouped, detected, languages, vectors, links, stances), embedded

    def _index(self, db: Database, run: Run, dim: int) -> RunIndex:
        key = (str(db.engine.url), run.id)
        index = self._indexes.get(key)
        if index is None:
            self._indexes = {k: v for k, v in self._indexes.items() if k[0] != key[0]}
            index = self._indexes[key] = RunIndex(run)
        extend_index(db, index, dim)
        if len(index.ids) != count_analysed(db, run.id):  # rows written out of id order
            index = self._indexes[key] = RunIndex(run)
            extend_index(db, index, dim)
        return index

    def _reuse_copies(
        self,
        db: Database,
        index: RunIndex,
        items: Sequence[ProposalForAnalysis],
        detected: Sequence[LanguageResult],
        model: Embedder,
    ) -> None:
        """A copy of a stored proposal takes its source's vector, without the model."""
        sources = copy_sources(
            db,
            index,
            items,
            detected,
            consultation_id=index.run.consultation_id,
            near=model.name in NEAR_COPIES_FOR,
            analysed=lambda row: analysed_text(index, self._detector, row),
            random_state=index.run.seed,
        )
        stored = cached_vectors(db, list(sources), model.version)
        keep = [pid for pid in sources if pid not in stored]
        if keep:
            vectors = np.stack([index.vectors[sources[pid]] for pid in keep])
            store_vectors(db, keep, vectors, model.version)

    def _linker(self, db: Database, consultation: str, model: Embedder) -> ArticleLinker | None:
        articles = [
            ArticleText(a.key, a.language, a.text)
            for a in list_articles(db, consultation)
            if a.text
        ]
        if not articles:
            return None
        key = (model.version, texts_fingerprint([f"{a.number}\0{a.text}" for a in articles]))
        if key not in self._linkers:
            passages = PassageCache(model, str(cache_folder(self.settings) / "vectors"))
            self._linkers = {key: ArticleLinker(embedder=passages, top_k=5).fit(articles)}
        return self._linkers[key]

    # ------------------------------------------------------------- placing
    def _place_batch(
        self, db: Database, run: Run, consultation_id: int, batch: _Batch
    ) -> list[Placed]:
        index = self._index(db, run, batch.vectors.shape[1])
        steps = copy_steps(run.proposals <= SEMANTIC_DEDUP_LIMIT, run.seed)
        finder = make_position_finder("auto", run.embedder)
        out = []
        for k, item in enumerate(batch.items):
            new = Item(
                batch.detected[k].text,
                batch.languages[k],
                batch.vectors[k],
                tuple((n, s) for n, _, s in batch.links[k]),
                batch.stances[k],
            )
            decision = Decider(db, index, self._detector, steps, finder).decide(item.id, new)
            analysis = {
                "language": batch.languages[k],
                "script": batch.detected[k].script,
                "stance": batch.stances[k],
                "articles": [
                    {"number": n, "score": round(float(s), 4), "source": src}
                    for n, s, src in batch.links[k]
                ],
                **decision.analysis,
            }
            machine = batch.links[k][0][0] if batch.links[k] else None
            placement = Placement(
                item.id,
                consultation_id,
                analysis,
                decision.group_id,
                {**decision.evidence, "embedder": run.model_version},
                machine or item.article,
                "machine" if machine else ("citizen" if item.article else None),
            )
            group = write_placement(db, run, placement, grouped=batch.grouped[k])
            if index.row_of(item.id) is None:
                index.add(item.id, item.text, analysis, batch.vectors[k])
            out.append(
                Placed(
                    item.id,
                    group,
                    decision.evidence["rule"],
                    decision.evidence.get("similarity"),
                    decision.evidence.get("neighbour"),
                )
            )
            log.info("placed proposal %s: %s", item.id, decision.evidence["rule"])
        return out


def place_proposals(
    db: Database,
    consultation: str,
    proposal_ids: Sequence[int] | None = None,
    *,
    settings: Settings,
    placer: Placer | None = None,
) -> PlacementSummary:
    """Place the consultation's proposals that have no place yet (``proposal_ids``: only
    those) against its latest finished run; a no-op with a message when there is none."""
    return (placer or Placer(settings)).place(db, consultation, proposal_ids)


def place_stragglers(
    db: Database, consultation: str, *, settings: Settings, embedder: Embedder
) -> int:
    """After a full run is written: place the proposals it did not cover (they arrived after it
    read the proposals) against it, with its ``embedder`` already loaded; returns how many got
    a group. A failure is logged, never raised: the run is stored, and ``talqy proposals
    place`` places them later."""
    try:
        summary = Placer(settings, [embedder]).place(db, consultation)
    except Exception as exc:
        log.warning("placement after the run of %s failed: %s", consultation, exc)
        return 0
    log.info("%s after the run: %s", consultation, summary.message)
    counts = summary.counts()
    return counts["joined"] + counts["new_groups"]
