"""Which stored proposal a newcomer copies, found without the model, so it takes that vector.

A full run embeds one text per copy group (:mod:`talqy.analysis.copies`): exact copies (the
same :func:`fold_for_hash` key) and, for the embedders listed in ``NEAR_COPIES_FOR``, near
copies (MinHash, verified by rapidfuzz). Placement does the same against the stored run: an
exact copy is looked up by its key in the run's index; near-copy candidates are the stored
proposals holding the newcomer's longest words (full-text search), checked by the run's near
step itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from talqy.analysis.dedup import MinHashDeduplicator, as_pairs, has_words
from talqy.analysis.language import LanguageResult
from talqy.analysis.normalization import fold_for_hash
from talqy.intake.text_search import search_proposals
from talqy.storage.database import Database
from talqy.systematization.placement_queries import RunIndex
from talqy.systematization.run_queries import ProposalForAnalysis

SEARCH_WORDS = 3  # longest words of a newcomer that a near-copy candidate must hold
CANDIDATES = 50
_WORD = re.compile(r"\w{4,}")


def copy_sources(
    db: Database,
    index: RunIndex,
    items: Sequence[ProposalForAnalysis],
    detected: Sequence[LanguageResult],
    *,
    consultation_id: int,
    near: bool,
    analysed: Callable[[int], str],
    random_state: int = 0,
) -> dict[int, int]:
    """Proposal id -> index row of the stored proposal it copies (exactly, or nearly when
    ``near``); ``analysed(row)`` gives a stored proposal's detected text."""
    out: dict[int, int] = {}
    for item, result in zip(items, detected, strict=True):
        if not has_words(result.text):
            continue
        source = index.folded.get(fold_for_hash(result.text))
        if source is None and near:
            source = _near_source(db, index, result.text, consultation_id, analysed, random_state)
        if source is not None and index.ids[source] != item.id and index.vectors[source].any():
            out[item.id] = source
    return out


def _near_source(
    db: Database,
    index: RunIndex,
    text: str,
    consultation_id: int,
    analysed: Callable[[int], str],
    random_state: int,
) -> int | None:
    words = sorted(set(_WORD.findall(text)), key=lambda w: (-len(w), w))[:SEARCH_WORDS]
    if not words:
        return None
    found = search_proposals(db, consultation_id, " ".join(words), limit=CANDIDATES)
    rows = [r for p in found if (r := index.row_of(p.id)) is not None]
    if not rows:
        return None
    texts = [analysed(r) for r in rows] + [text]
    step = MinHashDeduplicator(random_state=random_state)
    pairs = as_pairs(step.find_pairs(texts))
    partners = sorted(int(a) for a, b in pairs.tolist() if b == len(rows))
    return rows[partners[0]] if partners else None
