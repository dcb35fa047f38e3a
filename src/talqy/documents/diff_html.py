"""HTML fragments for a side-by-side diff view (old | new), ready to include in a page.

Every piece of document text is HTML-escaped; deleted words are wrapped in ``<del>`` on the
old side, inserted words in ``<ins>`` on the new side, line breaks become ``<br>``. The markup
carries classes (``talqy-diff-*``) and ``data-status`` for styling and translation by the page;
no styles or scripts are emitted.
"""

from __future__ import annotations

from html import escape

from talqy.documents.diff import ArticlePair, DocumentDiff


def render_diff_html(item: ArticlePair | DocumentDiff) -> str:
    """One pair as a ``<div>``, or a whole diff as a ``<section>`` of pairs."""
    if isinstance(item, ArticlePair):
        return render_pair_html(item)
    summary = " ".join(
        f'<span class="talqy-diff-count" data-status="{status}">{escape(status)}: {count}</span>'
        for status, count in (
            ("unchanged", item.count("unchanged")),
            ("modified", item.count("modified")),
            ("renumbered", item.count("renumbered")),
            ("added", item.count("added")),
            ("removed", item.count("removed")),
        )
    )
    share = f"{item.changed_share:.1%}"
    pairs = "\n".join(render_pair_html(pair) for pair in item.pairs)
    return (
        '<section class="talqy-diff">\n'
        f'<p class="talqy-diff-summary" data-changed-share="{item.changed_share:.4f}">'
        f'{summary} <span class="talqy-diff-share">{escape(share)}</span></p>\n'
        f"{pairs}\n</section>"
    )


def render_pair_html(pair: ArticlePair) -> str:
    """A ``<div>`` with a heading and two columns, old and new."""
    status = pair.status.value
    old_html, new_html = render_sides(pair)
    old_number = escape(pair.old_number or "")
    new_number = escape(pair.new_number or "")
    anchor = escape(f"diff-{pair.old_number or '_'}-{pair.new_number or '_'}", quote=True)
    return (
        f'<div class="talqy-diff-pair talqy-diff-{status}" id="{anchor}" data-status="{status}">'
        f'<p class="talqy-diff-heading"><span class="talqy-diff-old-number">{old_number}</span>'
        f' <span class="talqy-diff-arrow">→</span> '
        f'<span class="talqy-diff-new-number">{new_number}</span> '
        f'<span class="talqy-diff-status">{status}</span> '
        f'<span class="talqy-diff-similarity">{pair.similarity:.0%}</span></p>'
        f'<div class="talqy-diff-old">{old_html}</div>'
        f'<div class="talqy-diff-new">{new_html}</div></div>'
    )


def render_sides(pair: ArticlePair) -> tuple[str, str]:
    """The old and the new text of a pair as escaped HTML with ``<del>``/``<ins>`` marks."""
    old_parts: list[str] = []
    new_parts: list[str] = []
    for op in pair.ops:
        if op.tag == "equal":
            old_parts.append(_text(op.old))
            new_parts.append(_text(op.new))
            continue
        if op.old:
            old_parts.append(f"<del>{_text(op.old)}</del>")
        if op.new:
            new_parts.append(f"<ins>{_text(op.new)}</ins>")
    return "".join(old_parts), "".join(new_parts)


def _text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>\n")
