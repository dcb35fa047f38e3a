"""Page links: always the first and the last page, the current one and its neighbours, gaps
marked once, every link keeping the filters."""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import parse_qs

from hypothesis import given
from hypothesis import strategies as st

from talqy.web.paging import PAGE_SIZES, Pager, page_size


@given(total=st.integers(0, 5000), size=st.sampled_from(PAGE_SIZES), data=st.data())
def test_links_cover_first_last_and_neighbours(total: int, size: int, data: st.DataObject) -> None:
    pages = max(1, -(-total // size))
    current = data.draw(st.integers(1, pages))
    pager = Pager(total, current, size, {"article": "12", "query": "тіл"})
    links = pager.links()
    numbers = [n for n in links if n is not None]
    assert numbers == sorted(set(numbers)) and {1, pages, current} <= set(numbers)
    assert all(n in numbers for n in range(max(1, current - 2), min(pages, current + 2) + 1))
    for before, after in pairwise(links):
        assert not (before is None and after is None)
        if before is not None and after is not None:
            assert after == before + 1
    query = parse_qs(pager.url(pages)[1:])
    assert query == {"article": ["12"], "query": ["тіл"], "size": [str(size)], "page": [str(pages)]}
    assert pager.first_shown <= pager.last_shown <= total


def test_page_size_is_one_of_the_allowed() -> None:
    assert [page_size(n) for n in (1, 25, 60, 100, 999)] == [25, 25, 50, 100, 200]
