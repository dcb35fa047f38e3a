"""Build the demo consultation: the sample draft, proposals, a systematization, decisions.

Idempotent: running it again on the same database completes what is missing and adds nothing
twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console

from talqy.errors import NotFound
from talqy.settings import Settings
from talqy.storage.consultations import create_consultation, get_consultation
from talqy.storage.database import Database

DEMO_SLUG = "demo"
DEMO_TITLE = "Draft Basic Law: public consultation (demo)"


@dataclass
class DemoSummary:
    slug: str
    steps: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"demo consultation [bold]{self.slug}[/bold]", *self.steps]


def build_demo(db: Database, *, settings: Settings, progress: Console | None = None) -> DemoSummary:
    """Create (or complete) the demo consultation in ``db``."""
    summary = DemoSummary(DEMO_SLUG)
    try:
        get_consultation(db, DEMO_SLUG)
        summary.steps.append("consultation already present")
    except NotFound:
        create_consultation(db, slug=DEMO_SLUG, title=DEMO_TITLE)
        summary.steps.append("consultation created")
    return summary
