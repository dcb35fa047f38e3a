"""Inline SVG bar charts built on the server (no JavaScript); every label is escaped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

ROW, LABEL, WIDTH = 24, 230, 640


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, float]],
    *,
    show: Callable[[float], str] = lambda v: f"{v:g}",
    maximum: float | None = None,
) -> str:
    """A horizontal bar chart as an ``<svg>`` element with an accessible title."""
    top = max([maximum or 0.0, *(value for _label, value in bars)]) or 1.0
    span = WIDTH - LABEL - 110
    height = ROW * max(1, len(bars)) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * ROW
        length = max(0.0, value) / top * span
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 16}" text-anchor="end" font-size="12">'
            f"{escape(_shorten(label))}</text>"
            f'<rect x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" '
            f'fill="#00a3c4"><title>{escape(label)}: {escape(show(value))}</title></rect>'
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 16}" font-size="12">'
            f"{escape(show(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
