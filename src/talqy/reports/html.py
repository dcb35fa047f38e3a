"""HTML renderers: a fragment for the web page and a standalone file (inline CSS and SVG)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from talqy.reports import charts, labels
from talqy.reports.changes import pick_reasoning
from talqy.reports.model import Count, Report
from talqy.review.decision_kinds import DECISION_KINDS, decision_kind_label

TEMPLATES = Path(__file__).with_name("templates")
TABLE_LIMIT = 100
DECISION_LIMIT = 5


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = percent
    return env


def render_charts(report: Report) -> dict[str, Markup]:
    """Every chart of the report as inline SVG (empty when there is nothing to draw)."""
    lang = report.language

    def _(message: str) -> str:
        return labels.translate(lang, message)

    intake = report.intake
    themes = [Count(t.key, t.label, t.size, t.share) for t in report.themes]
    changes: list[Count] = []
    if report.changes is not None:
        changes = [
            Count(status, labels.status_label(lang, status), n, 0.0)
            for status, n in report.changes.counts.items()
        ]
    drawn = {
        "channels": charts.bar_chart(intake.by_channel, title=_("Proposals by channel")),
        "languages": charts.bar_chart(intake.by_language, title=_("Proposals by language")),
        "regions": charts.bar_chart(intake.by_region, title=_("Proposals by region")),
        "days": charts.timeline_chart(intake.by_day, title=_("Proposals by day")),
        "themes": charts.bar_chart(themes, title=_("Largest themes")),
        "decisions": charts.bar_chart(
            [c for c in report.decisions.by_kind if c.count], title=_("Published decisions")
        ),
        "changes": charts.bar_chart(
            [c for c in changes if c.count], title=_("Articles by kind of change")
        ),
        "heat_map": charts.heat_map(
            report.coverage,
            proposals_word=_("proposals"),
            title=_("Proposals by article of the draft"),
        ),
        "legend": (
            charts.legend(report.coverage.max_proposals, title=_("Scale: proposals per article"))
            if report.coverage.sections
            else ""
        ),
    }
    return {name: Markup(svg) for name, svg in drawn.items()}


def render_fragment(
    report: Report, *, downloads: Sequence[tuple[str, str]] = (), table_limit: int = TABLE_LIMIT
) -> Markup:
    """The report body as an HTML fragment (for a page that has its own head)."""
    lang = report.language

    def translate(message: str, **values: object) -> str:
        return labels.translate(lang, message, **values)

    def reasoning(texts: dict[str, str]) -> str | None:
        return pick_reasoning(texts, lang)

    template = _environment().get_template("body.html")
    html = template.render(
        report=report,
        charts=render_charts(report),
        kinds=[(kind, decision_kind_label(lang, kind)) for kind in DECISION_KINDS],
        downloads=list(downloads),
        table_limit=table_limit,
        decision_limit=DECISION_LIMIT,
        reasoning=reasoning,
        _=translate,
    )
    return Markup(html)


def render_html(report: Report, *, table_limit: int = TABLE_LIMIT) -> str:
    """A standalone HTML document: inline CSS and SVG, no external resources."""
    lang = report.language

    def translate(message: str, **values: object) -> str:
        return labels.translate(lang, message, **values)

    body = render_fragment(report, table_limit=table_limit)
    template = _environment().get_template("standalone.html")
    return template.render(report=report, body=body, _=translate)


def report_css() -> Markup:
    """The stylesheet of the report body, for pages that embed the fragment."""
    return Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))
