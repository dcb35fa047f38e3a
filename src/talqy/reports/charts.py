"""Static SVG charts, drawn by hand: bar charts, a timeline and the article heat map.

Text stays text in the DejaVu Sans family (it covers every Kazakh Cyrillic letter, and WeasyPrint
embeds it in the PDF), so labels in kk, ru and en render alike. No ids, no clocks, no randomness:
the same data always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from talqy.reports.model import Count, Coverage

FONT_STACK = "'DejaVu Sans', 'Noto Sans', sans-serif"
ACCENT = "#00a3c4"
INK = "#1d2733"
MUTED = "#8796a5"
WIDTH = 640
MAX_BARS = 15
MAX_LABEL = 42
CHAR_WIDTH = 6.6  # average advance of DejaVu Sans at 11px


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(width: int, height: int, parts: Sequence[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT_STACK}" font-size="11" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def _title(title: str) -> str:
    return (
        f'<text x="0" y="14" font-size="13" font-weight="bold" fill="{INK}">{escape(title)}</text>'
    )


def bar_chart(items: Sequence[Count], *, title: str, limit: int = MAX_BARS) -> str:
    """Horizontal bars in the order given; '' when there is nothing to draw."""
    shown = list(items[:limit])
    if not shown:
        return ""
    labels = [_short(c.label or c.key) for c in shown]
    label_width = round(min(280, max(60, CHAR_WIDTH * max(len(t) for t in labels) + 12)))
    room = WIDTH - label_width - 56
    top = max(c.count for c in shown) or 1
    row, start = 22, 26
    parts = [_title(title)]
    for i, (item, text) in enumerate(zip(shown, labels, strict=True)):
        y = start + i * row
        length = round(room * item.count / top, 1)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end" fill="{INK}">'
            f"{escape(text)}</text>"
            f'<rect x="{label_width}" y="{y + 1}" width="{length}" height="16" fill="{ACCENT}"/>'
            f'<text x="{label_width + length + 4}" y="{y + 13}" fill="{INK}">{item.count}</text>'
        )
    height = start + len(shown) * row + 6
    parts.append(
        f'<line x1="{label_width}" y1="{start}" x2="{label_width}" y2="{height - 4}" '
        f'stroke="{MUTED}"/>'
    )
    return _svg(WIDTH, height, parts, title)


def timeline_chart(items: Sequence[Count], *, title: str) -> str:
    """Proposals per day as columns; '' when there is nothing to draw."""
    if not items:
        return ""
    left, base, plot_height = 40, 170, 140
    room = WIDTH - left - 8
    step = room / len(items)
    top = max(c.count for c in items) or 1
    parts = [_title(title)]
    for value in sorted({0, math.ceil(top / 2), top}):
        y = round(base - plot_height * value / top, 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{WIDTH - 8}" y2="{y}" stroke="#dde3e9"/>'
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" fill="{INK}">{value}</text>'
        )
    every = max(1, math.ceil(len(items) / 10))
    for i, item in enumerate(items):
        x = round(left + i * step + step * 0.1, 1)
        h = round(plot_height * item.count / top, 1)
        parts.append(
            f'<rect x="{x}" y="{round(base - h, 1)}" width="{round(step * 0.8, 1)}" '
            f'height="{h}" fill="{ACCENT}"><title>{escape(item.label)}: {item.count}</title></rect>'
        )
        if i % every == 0:
            cx = round(x + step * 0.4, 1)
            parts.append(
                f'<text x="{cx}" y="{base + 14}" text-anchor="end" font-size="10" fill="{INK}" '
                f'transform="rotate(-30 {cx} {base + 14})">{escape(item.label)}</text>'
            )
    return _svg(WIDTH, base + 58, parts, title)


def _shade(value: int, top: int) -> str:
    if value <= 0 or top <= 0:
        return "#f1f4f7"
    level = math.sqrt(value / top)
    start, end = (225, 244, 248), (0, 86, 112)
    rgb = [round(a + (b - a) * level) for a, b in zip(start, end, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def heat_map(coverage: Coverage, *, proposals_word: str, title: str = "", columns: int = 16) -> str:
    """Sections as rows of article cells shaded by proposals; '' without a draft.

    ``title`` is the chart's text alternative (``aria-label`` and ``<title>``).
    """
    if not coverage.sections:
        return ""
    cell, gap, label_height = 34, 3, 20
    width = columns * (cell + gap) + 10
    parts: list[str] = []
    y = 4
    for section in coverage.sections:
        parts.append(
            f'<text x="4" y="{y + 14}" font-size="12" font-weight="bold" fill="{INK}">'
            f"{escape(_short(section.label))}</text>"
        )
        y += label_height
        for i, article in enumerate(section.articles):
            col, row = i % columns, i // columns
            x, top = 4 + col * (cell + gap), y + row * (cell + gap)
            fill = _shade(article.proposals, coverage.max_proposals)
            dark = article.proposals > 0 and article.proposals >= coverage.max_proposals * 0.35
            tip = f"{article.number}: {article.proposals} {proposals_word}"
            parts.append(
                f'<g><title>{escape(tip)}</title><rect x="{x}" y="{top}" width="{cell}" '
                f'height="{cell}" rx="3" fill="{fill}"/><text x="{x + cell / 2}" '
                f'y="{top + cell / 2 + 4}" font-size="10" text-anchor="middle" '
                f'fill="{"#ffffff" if dark else INK}">{escape(article.number)}</text></g>'
            )
        rows = max(1, math.ceil(len(section.articles) / columns))
        y += rows * (cell + gap) + 8
    height = y + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT_STACK}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>' + "".join(parts) + "</svg>"
    )


def legend(top: int, *, steps: int = 5, title: str = "") -> str:
    """A small scale from 0 to ``top`` proposals for the heat map (``title``: its alt text)."""
    width = 40 * steps + 60
    cells = []
    for i in range(steps):
        value = round(top * ((i + 1) / steps) ** 2) if top else 0
        cells.append(
            f'<rect x="{30 + i * 40}" y="2" width="38" height="14" fill="{_shade(value, top)}"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" '
        f'font-family="{FONT_STACK}" font-size="10" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="0" y="13" fill="{INK}">0</text>'
        + "".join(cells)
        + f'<text x="{34 + steps * 40}" y="13" fill="{INK}">{top}</text></svg>'
    )
