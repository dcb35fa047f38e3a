"""The systematization pipeline: glue between the analysis steps.

Steps are passed to :class:`Systematizer` (BERTopic-style), each with a good default and a
no-op alternative to skip a stage. ``None`` always means "the default"; a stage is skipped
only by passing its no-op step:

================  ==========================================  =============================
stage             default                                      no-op
================  ==========================================  =============================
language          ``LanguageDetector()``                       — (always needed)
embedder          ``"e5"`` (any name from ``get_embedder``)    precomputed ``embeddings=``
deduplicator      ``"auto"``: exact + near + semantic          ``NoDeduplicator()``
campaigns         ``TemplateCampaignDetector(min_size=20)``    ``NoCampaignDetector()``
themes            ``"auto"``: ``LinkageClusterer`` (k-means     ``NoClusterer()``
                  micro-clusters, average linkage; two levels)
linker            ``ArticleLinker(embedder)`` when a draft     ``NoArticleLinker()``
stance            ``StanceClassifier()`` (cue phrases)          ``NoStanceClassifier()``
positions         ``"auto"``: ``AgglomerativePositionFinder``   ``NoPositionFinder()``
                  tuned for the embedder
engine            ``LocalEngine()``                            — (always needed)
================  ==========================================  =============================

Order of work: language → embeddings → duplicate groups → campaigns → themes on group
representatives (campaign members out of the statistics, each campaign fitted once; each
placed by the mean vector of the proposals it stands for) → labels → article links → stance
→ positions (duplicate groups and campaigns joined into asks, using all of the above). Every
member of a duplicate group gets the group's theme, subtheme and position. ``get_params()``
describes every step, nested, as JSON-ready data.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from talqy.analysis.campaigns import TemplateCampaignDetector
from talqy.analysis.copies import NEAR_COPIES_FOR, embed_once
from talqy.analysis.dedup import (
    Deduplicator,
    has_words,
)
from talqy.analysis.embedders import Embedder, get_embedder
from talqy.analysis.engines import Engine, LocalEngine, Progress
from talqy.analysis.language import LanguageDetector, LanguageResult
from talqy.analysis.linking import ArticleLinker, ArticleText
from talqy.analysis.position_records import assign_positions
from talqy.analysis.positions import PositionFinder, make_position_finder
from talqy.analysis.records import (
    CampaignRecord,
    LinkRow,
    ProposalInput,
    ProposalRow,
    SystematizationResult,
    Theme,
)
from talqy.analysis.registry import constructor_params, describe
from talqy.analysis.stance import StanceClassifier
from talqy.analysis.step_names import (
    embed_texts,
    make_clusterer,
    make_deduplicator,
)
from talqy.analysis.theme_records import ThemeContext, fit_themes, theme_records, theme_vectors
from talqy.analysis.themes import (
    Clusterer,
)
from talqy.analysis.vector_cache import PassageCache
from talqy.errors import InvalidInput


@dataclass(kw_only=True, eq=False, repr=False)
class Systematizer:
    """Language, duplicates, campaigns, themes, article links and stance for proposals.

    Every step parameter takes a step object; ``None`` means the default step (see the module
    docstring), and a stage is skipped with its no-op step (``NoDeduplicator()``,
    ``NoCampaignDetector()``, ``NoClusterer()``, ``NoArticleLinker()``,
    ``NoStanceClassifier()``). Article links are made only when ``run`` gets a draft.
    """

    language: LanguageDetector | None = None
    embedder: Embedder | str = "e5"
    deduplicator: Deduplicator | str = "auto"
    campaigns: TemplateCampaignDetector | None = None
    themes: Clusterer | str = "auto"
    linker: ArticleLinker | None = None
    stance: StanceClassifier | None = None
    positions: PositionFinder | str = "auto"
    engine: Engine | None = None
    vector_cache: str | None = None
    representatives_per_theme: int = 3
    random_state: int = 0

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return constructor_params(self, deep=deep)

    # -------------------------------------------------------------- steps
    def _embedder(self) -> Embedder:
        return get_embedder(self.embedder) if isinstance(self.embedder, str) else self.embedder

    def _passages(self, embedder: Embedder) -> Embedder:
        """The draft's vectors are kept in ``vector_cache`` (a folder) when one is given."""
        return PassageCache(embedder, self.vector_cache) if self.vector_cache else embedder

    def _steps(self, n: int) -> dict[str, Any]:
        embedder = self._embedder()
        stance = self.stance or StanceClassifier()
        dedup = self.deduplicator
        themes = self.themes
        return {
            "language": self.language or LanguageDetector(),
            "embedder": embedder,
            "deduplicator": make_deduplicator(dedup, n, self.random_state)
            if isinstance(dedup, str)
            else dedup,
            "campaigns": self.campaigns or TemplateCampaignDetector(random_state=self.random_state),
            "themes": make_clusterer(themes, n, self.random_state)
            if isinstance(themes, str)
            else themes,
            "linker": self.linker or ArticleLinker(embedder=self._passages(embedder), top_k=5),
            "stance": stance,
            "positions": make_position_finder(self.positions, embedder.name)
            if isinstance(self.positions, str)
            else self.positions,
            "engine": self.engine or LocalEngine(),
        }

    # ---------------------------------------------------------------- run
    def run(
        self,
        proposals: Sequence[ProposalInput],
        articles: Sequence[ArticleText] | None = None,
        *,
        embeddings: np.ndarray | None = None,
        detected: Sequence[LanguageResult] | None = None,
        progress: Progress | None = None,
    ) -> SystematizationResult:
        """Systematize ``proposals`` (optionally against a draft's ``articles``).

        ``embeddings`` and ``detected`` (the language step's results) may be precomputed, so a
        caller that needed them first does not compute them twice.
        """
        if embeddings is not None and len(embeddings) != len(proposals):
            raise InvalidInput("embeddings and proposals differ in length", field="embeddings")
        if detected is not None and len(detected) != len(proposals):
            raise InvalidInput("detected and proposals differ in length", field="detected")
        n = len(proposals)
        steps = self._steps(n)
        engine: Engine = steps["engine"]
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def tick(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[stage] = round(now - clock, 3)
            clock = now
            if progress:
                progress(stage, n, n)

        if detected is None:
            detector = steps["language"].fit()
            texts = [p.text for p in proposals]
            detected = engine.map_partitions(
                detector.transform, texts, stage="language", progress=progress
            )
        languages = [
            r.language if r.language != "und" or not p.language else p.language
            for r, p in zip(detected, proposals, strict=True)
        ]
        analysed = [r.text for r in detected]
        tick("language")
        if embeddings is None:
            model: Embedder = steps["embedder"]
            embeddings, _ = embed_once(
                lambda part: embed_texts(model, part, engine, progress),
                analysed,
                near=model.name in NEAR_COPIES_FOR,
                random_state=self.random_state,
            )
        tick("embed")
        order = [p.submitted_at.timestamp() if p.submitted_at else float("inf") for p in proposals]
        dedup = steps["deduplicator"].fit(
            analysed, embeddings=embeddings, languages=languages, order=order
        )
        tick("duplicates")
        stamps = [p.submitted_at.timestamp() if p.submitted_at else None for p in proposals]
        channels = [p.channel for p in proposals]
        campaigns = steps["campaigns"].fit(
            analysed, timestamps=stamps, order=order, channels=channels
        )
        tick("campaigns")
        item_theme, themes, item_sub = self._themes(
            steps, analysed, languages, embeddings, dedup, campaigns, proposals
        )
        tick("themes")
        links = self._links(steps, analysed, languages, embeddings, articles, engine, progress)
        tick("articles")
        stances = self._stances(steps, analysed, languages, engine, progress)
        tick("stance")
        rows = self._rows(
            proposals, detected, languages, dedup, campaigns, item_theme, themes, links, stances
        )
        for row, sub in zip(rows, item_sub, strict=True):
            row.subtheme_id = sub or None
        positions = assign_positions(
            steps["positions"],
            analysed,
            embeddings,
            dedup.labels_,
            dedup.representatives_,
            campaigns.labels_,
            rows,
        )
        tick("positions")
        records = [
            CampaignRecord(
                c.id, c.size, proposals[c.representative].id, proposals[c.representative].text
            )
            for c in campaigns.campaigns_
        ]
        params = self.get_params()
        params["resolved"] = {k: describe(v) for k, v in steps.items()}
        return SystematizationResult(rows, themes, records, params, timings, positions)

    def _themes(
        self,
        steps: dict[str, Any],
        texts: list[str],
        languages: list[str],
        embeddings: np.ndarray,
        dedup: Deduplicator,
        campaigns: TemplateCampaignDetector,
        proposals: Sequence[ProposalInput],
    ) -> tuple[list[int], list[Theme], list[str]]:
        """Theme per proposal (-1: none), the theme records and each proposal's subtheme id."""
        in_campaign = campaigns.labels_
        fitted = sorted(  # texts without words are noise: in no theme
            {int(r) for r in dedup.representatives_ if in_campaign[r] < 0 and has_words(texts[r])}
            | {c.representative for c in campaigns.campaigns_}
        )
        position = {i: n for n, i in enumerate(fitted)}
        campaign_rep = [c.representative for c in campaigns.campaigns_]

        def fitted_position(r: int) -> int:
            if r in position:
                return position[r]
            return position[campaign_rep[in_campaign[r]]] if in_campaign[r] >= 0 else -1

        group_pos = [fitted_position(int(r)) for r in dedup.representatives_]
        of_item = np.array([group_pos[g] for g in dedup.labels_], dtype=np.int64)
        vectors = theme_vectors(embeddings, languages, fitted, of_item)
        fit = fit_themes(steps["themes"], vectors)
        ctx = ThemeContext(
            fitted,
            vectors,
            texts,
            languages,
            proposals,
            of_item,
            np.asarray(in_campaign),
            self.representatives_per_theme,
        )
        themes, fine_ids = theme_records(ctx, fit)
        item_theme = [int(fit.top[p]) if p >= 0 else -1 for p in of_item.tolist()]
        item_sub = [
            fine_ids[int(fit.fine[p])] if p >= 0 and fit.has_fine and fit.fine[p] >= 0 else ""
            for p in of_item.tolist()
        ]
        return item_theme, themes, item_sub

    def _links(
        self,
        steps: dict[str, Any],
        texts: list[str],
        languages: list[str],
        embeddings: np.ndarray,
        articles: Sequence[ArticleText] | None,
        engine: Engine,
        progress: Progress | None,
    ) -> list[list[LinkRow]]:
        if not articles:
            return [[] for _ in texts]
        linker = steps["linker"].fit(articles)
        shared = getattr(linker.embedder, "_model", linker.embedder) is steps["embedder"]

        def predict(rows: Sequence[int]) -> list[list[LinkRow]]:
            idx = list(rows)
            emb = embeddings[idx] if shared else None
            found = linker.predict([texts[i] for i in idx], [languages[i] for i in idx], emb)
            return [[LinkRow(a.number, a.score, a.source) for a in links[:5]] for links in found]

        return engine.map_partitions(
            predict, range(len(texts)), stage="articles", progress=progress
        )

    def _stances(
        self,
        steps: dict[str, Any],
        texts: list[str],
        languages: list[str],
        engine: Engine,
        progress: Progress | None,
    ) -> list[str]:
        model = steps["stance"].fit()

        def predict(rows: Sequence[int]) -> list[str]:
            return list(model.predict([texts[i] for i in rows], [languages[i] for i in rows]))

        return engine.map_partitions(predict, range(len(texts)), stage="stance", progress=progress)

    @staticmethod
    def _rows(
        proposals: Sequence[ProposalInput],
        detected: Sequence[Any],
        languages: list[str],
        dedup: Deduplicator,
        campaigns: TemplateCampaignDetector,
        item_theme: list[int],
        themes: list[Theme],
        links: list[list[LinkRow]],
        stances: list[str],
    ) -> list[ProposalRow]:
        by_number = {int(t.id[1:]) - 1: t for t in themes}
        rows = []
        for i, p in enumerate(proposals):
            g = int(dedup.labels_[i])
            rep = int(dedup.representatives_[g])
            c = int(campaigns.labels_[i])
            theme = by_number.get(item_theme[i])
            lang = languages[i]
            label = theme.label.get(lang, theme.label.get("en", "")) if theme else ""
            rows.append(
                ProposalRow(
                    id=p.id,
                    language=lang,
                    script=detected[i].script,
                    duplicate_group=f"g{g + 1}",
                    duplicate_of=None if rep == i else proposals[rep].id,
                    campaign_id=campaigns.campaigns_[c].id if c >= 0 else None,
                    theme_id=theme.id if theme else None,
                    theme_label=label,
                    articles=links[i],
                    stance=stances[i],
                )
            )
        return rows
