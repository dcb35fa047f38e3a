"""Article numbers as sortable keys, and the numbering checks that become parse warnings."""

from __future__ import annotations

from collections.abc import Sequence

from talqy.documents.model import Article, ParseWarning


def number_key(number: str) -> tuple[int, ...]:
    """``"83-1"`` → ``(83, 1)``; non-numeric parts sort first as ``0``."""
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("-"))


def check_numbering(articles: Sequence[Article]) -> list[ParseWarning]:
    """Warnings for duplicate numbers, gaps and numbers that go backwards."""
    warnings: list[ParseWarning] = []
    first_line: dict[str, int] = {}
    previous: tuple[int, ...] | None = None
    for article in articles:
        key = number_key(article.number)
        if article.number in first_line:
            warnings.append(
                ParseWarning(
                    article.line,
                    f"duplicate article number {article.number} "
                    f"(first at line {first_line[article.number]})",
                )
            )
            continue
        first_line[article.number] = article.line
        if previous is not None:
            warnings.extend(_order_warning(previous, key, article))
        previous = key
    return warnings


def _order_warning(
    previous: tuple[int, ...], key: tuple[int, ...], article: Article
) -> list[ParseWarning]:
    if key <= previous:
        return [ParseWarning(article.line, f"article {article.number} is out of order")]
    if key[0] > previous[0] + 1:
        missing = (
            str(previous[0] + 1) if key[0] == previous[0] + 2 else f"{previous[0] + 1}-{key[0] - 1}"
        )
        return [
            ParseWarning(
                article.line,
                f"numbering gap before article {article.number}: "
                f"{'article' if '-' not in missing else 'articles'} {missing} missing",
            )
        ]
    return []
