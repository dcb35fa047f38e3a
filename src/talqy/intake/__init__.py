"""Proposals in: one register for every channel, personal data protected, nothing lost.

Services: :func:`submit_proposal` (web form, API), :func:`import_proposals` (files),
:func:`receipt_status`, :func:`list_proposals` and :func:`export_proposals`.
"""

from __future__ import annotations

from talqy.intake.export import export_proposals, list_proposals
from talqy.intake.importer import ImportProgress, ImportSummary, import_proposals
from talqy.intake.records import CHANNELS
from talqy.intake.submission import (
    ReceiptStatus,
    SubmittedProposal,
    receipt_status,
    submit_proposal,
)

__all__ = [
    "CHANNELS",
    "ImportProgress",
    "ImportSummary",
    "ReceiptStatus",
    "SubmittedProposal",
    "export_proposals",
    "import_proposals",
    "list_proposals",
    "receipt_status",
    "submit_proposal",
]
