"""The row the demo generator yields: the import columns plus the ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from talqy.intake.records import FIELDS

# Columns a real import carries (the order a CSV export uses).
IMPORT_COLUMNS: tuple[str, ...] = FIELDS

# Ground truth the evaluations read; never part of an import.
TRUTH_COLUMNS: tuple[str, ...] = (
    "truth_theme",
    "truth_article",
    "truth_group",
    "truth_campaign",
    "truth_stance",
    "truth_kind",
    "truth_language",
    "truth_source",
    "truth_pii",
    "truth_iin_valid",
)


KINDS: tuple[str, ...] = (
    "original",
    "exact_copy",
    "near_copy",
    "reworded",
    "translation",
    "campaign",
    "latin_kk",
    "garbage",
    "empty",
)


@dataclass(slots=True)
class GeneratedProposal:
    """One synthetic proposal.

    Import fields: ``id`` (external id), ``text``, ``article`` (as the citizen wrote it),
    ``channel``, ``region`` (in the proposal's language), ``submitted_at`` (ISO 8601),
    ``name``, ``iin``, ``phone``, ``email``, ``language`` (declared; may be missing or wrong).

    Ground truth: ``truth_theme`` (theme key), ``truth_article`` (article number of the sample
    draft), ``truth_group`` (idea key, or campaign key, shared by every copy, rewording and
    translation of one underlying idea), ``truth_campaign`` (campaign key), ``truth_stance``,
    ``truth_kind`` (how the row was made), ``truth_language`` (actual language of the text),
    ``truth_source`` (id of the row a copy, rewording or translation was made from),
    ``truth_pii`` (the text contains personal data), ``truth_iin_valid`` (the ``iin`` column
    has a valid check digit; None when there is no IIN).
    """

    id: str
    text: str
    article: str | None
    channel: str
    region: str | None
    submitted_at: str
    name: str | None
    iin: str | None
    phone: str | None
    email: str | None
    language: str | None
    truth_theme: str | None
    truth_article: int | None
    truth_group: str | None
    truth_campaign: str | None
    truth_stance: str
    truth_kind: str
    truth_language: str | None
    truth_source: str | None
    truth_pii: bool
    truth_iin_valid: bool | None

    def as_dict(self, *, truth: bool = False) -> dict[str, Any]:
        """The import columns, and the ground-truth columns too when ``truth`` is set."""
        columns = IMPORT_COLUMNS + TRUTH_COLUMNS if truth else IMPORT_COLUMNS
        return {column: getattr(self, column) for column in columns}
