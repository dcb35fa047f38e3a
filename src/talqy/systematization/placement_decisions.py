"""One newcomer against a run's index: a copy's group, a shared ask's group, or a new group.

The rules themselves are :mod:`talqy.analysis.placement_rules`; this module finds the
neighbours and candidate groups in the run's index and the database, and says what to store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from talqy.analysis.dedup import Deduplicator, has_words
from talqy.analysis.language import LanguageDetector
from talqy.analysis.placement_rules import Item, find_copy, find_group, nearest, nearest_theme
from talqy.analysis.positions import PositionFinder
from talqy.storage.database import Database
from talqy.systematization.placement_queries import RunIndex, live_groups_of, members_of

NEIGHBOURS = 30  # stored proposals compared with a newcomer by the duplicate steps
GROUPS = 8  # candidate groups (those of the nearest neighbours) for the position rule
MEMBERS = 60  # members read per candidate group


@dataclass(frozen=True)
class Decision:
    group_id: int | None  # None: a new group
    analysis: dict[str, Any]  # duplicate group, campaign, theme, position
    evidence: dict[str, Any]


def analysed_text(index: RunIndex, detector: LanguageDetector, row: int) -> str:
    """The detected (normalised) text of a stored proposal, as the run's steps saw it."""
    text = index.analysed.get(row)
    if text is None:
        text = index.analysed[row] = detector.transform([index.texts[row]])[0].text
    return text


class Decider:
    """One newcomer against the run's index: copy, position, or a group of its own."""

    def __init__(
        self,
        db: Database,
        index: RunIndex,
        detector: LanguageDetector,
        steps: list[tuple[str, Deduplicator]],
        finder: PositionFinder,
    ) -> None:
        self.db, self.index, self.detector = db, index, detector
        self.steps, self.finder = steps, finder

    def _item(self, row: int) -> Item:
        stored = self.index.rows[row]
        text = analysed_text(self.index, self.detector, row)
        links = tuple((a["number"], a["source"]) for a in stored["articles"] or [])
        return Item(text, stored["language"], self.index.vectors[row], links, stored["stance"])

    def decide(self, pid: int, new: Item) -> Decision:
        own = {"duplicate_group": f"n{pid}", "duplicate_of": None, "campaign_key": None}
        if not has_words(new.text):
            return Decision(None, {**own, "theme_key": None, "position_key": None}, _noise())
        rows, cosines = nearest(self.index.vectors, new.vector, NEIGHBOURS + 1)
        keep = [k for k, r in enumerate(rows.tolist()) if self.index.ids[r] != pid]
        rows, cosines = rows[keep][:NEIGHBOURS], cosines[keep][:NEIGHBOURS]
        theme = nearest_theme([self.index.rows[r]["theme_key"] for r in rows], cosines.tolist())
        fresh = {**own, "theme_key": theme, "position_key": None}
        copy = find_copy(new, [self._item(r) for r in rows.tolist()], self.steps)
        groups = live_groups_of(self.db, [self.index.ids[r] for r in rows.tolist()])
        if copy is not None:
            source = int(rows[copy.row])
            sid = self.index.ids[source]
            if sid in groups:
                stored = self.index.rows[source]
                analysis = {
                    "duplicate_group": stored["duplicate_group"],
                    "duplicate_of": stored["duplicate_of"] or sid,
                    "campaign_key": stored["campaign_key"],
                    "theme_key": stored["theme_key"],
                    "position_key": stored["position_key"],
                }
                evidence = _evidence(copy.rule, copy.similarity, sid)
                return Decision(groups[sid], analysis, evidence)
        joined = self._position(new, rows, groups)
        if joined is not None:
            group_id, analysis, evidence = joined
            return Decision(group_id, {**own, **analysis}, evidence)
        return Decision(
            None, fresh, _evidence("new", float(cosines[0]) if len(cosines) else None, None)
        )

    def _position(
        self, new: Item, rows: np.ndarray, groups: dict[int, int]
    ) -> tuple[int, dict[str, Any], dict[str, Any]] | None:
        order = list(
            dict.fromkeys(
                groups[self.index.ids[r]] for r in rows.tolist() if self.index.ids[r] in groups
            )
        )
        order = order[:GROUPS]
        if not order:
            return None
        members = members_of(self.db, order, MEMBERS)
        candidates, member_rows = [], []
        for g in order:
            found = [r for pid in members[g] if (r := self.index.row_of(pid)) is not None]
            units: dict[str, list[int]] = {}
            for r in found:
                units.setdefault(str(self.index.rows[r]["duplicate_group"]), []).append(r)
            candidates.append([[self._item(r) for r in unit] for unit in units.values()])
            member_rows.append([r for unit in units.values() for r in unit])
        match = find_group(new, candidates, self.finder)
        if match is None:
            return None
        nearest_row = member_rows[match.group][match.row]
        stored = [self.index.rows[r] for r in member_rows[match.group]]
        themes = Counter(s["theme_key"] for s in stored if s["theme_key"] is not None)
        analysis = {
            "theme_key": min(themes, key=lambda t: (-themes[t], t)) if themes else None,
            "position_key": self.index.rows[nearest_row]["position_key"],
        }
        evidence = _evidence("position", match.similarity, self.index.ids[nearest_row])
        evidence["distance"] = round(match.distance, 4)
        return order[match.group], analysis, evidence


def _evidence(rule: str, similarity: float | None, neighbour: int | None) -> dict[str, Any]:
    rounded = None if similarity is None else round(float(similarity), 4)
    return {"rule": rule, "similarity": rounded, "neighbour": neighbour}


def _noise() -> dict[str, Any]:
    return {"rule": "noise", "similarity": None, "neighbour": None}
