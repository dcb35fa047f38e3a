"""Page links for long staff lists: page size, numbered links around the current page, total.

Every link keeps the list's filters (GET parameters), so filters survive paging.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
_AROUND = 2  # numbered links on each side of the current page


@dataclass(frozen=True)
class Pager:
    total: int
    page: int
    size: int
    params: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first_shown(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_shown(self) -> int:
        return min(self.total, self.offset + self.size)

    def url(self, page: int) -> str:
        """The query string of ``page`` with the same filters and page size."""
        return "?" + urlencode({**self.params, "size": self.size, "page": page})

    def links(self) -> list[int | None]:
        """Page numbers to link (None: a gap), always the first and the last."""
        wanted = {1, self.pages, *range(self.page - _AROUND, self.page + _AROUND + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.pages)
        out: list[int | None] = []
        previous = 0
        for number in shown:
            if previous and number - previous > 1:
                out.append(None)
            out.append(number)
            previous = number
        return out


def page_size(asked: int) -> int:
    """The allowed page size nearest at or below ``asked`` (the smallest if below all)."""
    return max((size for size in PAGE_SIZES if size <= asked), default=PAGE_SIZES[0])
