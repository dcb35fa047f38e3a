"""Proposals in: one register for every channel, personal data protected, nothing lost.

Services: :func:`submit_proposal` (web form, API), :func:`import_proposals` (files),
:func:`receipt_status`, :func:`list_proposals` and :func:`export_proposals`. They are loaded on
first use, so importing the room's tables (``talqy.intake.tables``) loads no service.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talqy.intake.export import export_proposals, list_proposals
    from talqy.intake.importer import ImportProgress, ImportSummary, import_proposals
    from talqy.intake.records import CHANNELS
    from talqy.intake.submission import (
        ReceiptStatus,
        SubmittedProposal,
        receipt_status,
        submit_proposal,
    )

_EXPORTS = {
    "CHANNELS": "talqy.intake.records",
    "ImportProgress": "talqy.intake.importer",
    "ImportSummary": "talqy.intake.importer",
    "ReceiptStatus": "talqy.intake.submission",
    "SubmittedProposal": "talqy.intake.submission",
    "export_proposals": "talqy.intake.export",
    "import_proposals": "talqy.intake.importer",
    "list_proposals": "talqy.intake.export",
    "receipt_status": "talqy.intake.submission",
    "submit_proposal": "talqy.intake.submission",
}
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


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'talqy.intake' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
