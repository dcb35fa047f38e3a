from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talqy.errors import InvalidInput
from talqy.sessions.fields import parse_seconds
from talqy.sessions.links import (
    article_url,
    broadcast_link,
    check_broadcast_url,
    format_timestamp,
    group_url,
)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "ftp://files.example/x",
        "https://exa mple.kz/x",
        "java\tscript:alert(1)",
        "https:///nohost",
    ],
)
def test_broadcast_url_refuses_everything_but_http_and_https(url: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_broadcast_url(url, row=7)
    assert caught.value.field == "broadcast_url" and caught.value.row == 7


def test_broadcast_url_accepts_http_and_https_and_drops_fragment() -> None:
    assert check_broadcast_url(" HTTPS://video.example.kz/a?b=1#x ") == (
        "https://video.example.kz/a?b=1"
    )
    assert check_broadcast_url("http://tv.example.kz/live") == "http://tv.example.kz/live"
    assert check_broadcast_url("") is None and check_broadcast_url(None) is None


def test_timestamps_and_links() -> None:
    assert format_timestamp(0) == "0:00:00"
    assert format_timestamp(3725) == "1:02:05"
    assert format_timestamp(None) == ""
    assert broadcast_link("https://v.example.kz/s1", 3725) == "https://v.example.kz/s1#t=3725"
    assert broadcast_link("https://v.example.kz/s1", None) == "https://v.example.kz/s1"
    assert broadcast_link(None, 10) is None
    assert article_url("constitution-2026", "83-1") == "/c/constitution-2026/articles/83-1"
    assert article_url("a", "1/../x") == "/c/a/articles/1%2F..%2Fx"
    assert group_url("constitution-2026", 42) == "/c/constitution-2026/groups/42"


@given(st.integers(min_value=0, max_value=10 * 3600 * 24))
def test_clock_format_parses_back(seconds: int) -> None:
    assert parse_seconds(format_timestamp(seconds), field="t") == seconds
    assert parse_seconds(str(seconds), field="t") == seconds


@pytest.mark.parametrize("text", ["-5", "1:2:3:4", "abc", "1:60:00", "10:5"])
def test_bad_broadcast_times(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_seconds(text, field="broadcast_time")
