"""Demo content: a sample draft law in kk / ru / en and realistic synthetic proposals with
ground truth, independent of any real data.

>>> from talqy.demo import generate_proposals, write_csv, demo_paths
>>> rows = generate_proposals(5000, seed=0)
"""

from __future__ import annotations

from talqy.demo.bank import Theme, load_bank
from talqy.demo.drafts import DRAFT_FILES, DRAFT_V2_CHANGES, demo_paths, read_draft
from talqy.demo.generator import ROW_MIX, generate_proposals
from talqy.demo.identity import iin_check_digit, is_valid_iin
from talqy.demo.proposal import (
    IMPORT_COLUMNS,
    KINDS,
    TRUTH_COLUMNS,
    GeneratedProposal,
)
from talqy.demo.writer import write_csv, write_jsonl
from talqy.intake.records import CHANNELS


def themes() -> tuple[Theme, ...]:
    """The ground-truth themes (key, labels in kk / ru / en, weight)."""
    return load_bank().themes


__all__ = [
    "CHANNELS",
    "DRAFT_FILES",
    "DRAFT_V2_CHANGES",
    "IMPORT_COLUMNS",
    "KINDS",
    "ROW_MIX",
    "TRUTH_COLUMNS",
    "GeneratedProposal",
    "Theme",
    "demo_paths",
    "generate_proposals",
    "iin_check_digit",
    "is_valid_iin",
    "read_draft",
    "themes",
    "write_csv",
    "write_jsonl",
]
