"""Where things live on the site, and the broadcast link of an agenda item.

Every URL of an article, a proposal group or a session that this product prints is built here,
so pages, the JSON API and reports agree. Broadcast URLs are checked once, on the way in: only
``http`` and ``https`` are accepted, so a ``javascript:`` URL can never be rendered as a link.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from talqy.errors import InvalidInput

SCHEMES = ("http", "https")


def article_url(slug: str, number: str) -> str:
    """The public page of article ``number`` of the draft of consultation ``slug``."""
    return f"/c/{quote(slug, safe='')}/articles/{quote(str(number), safe='')}"


def group_url(slug: str, group_id: int) -> str:
    """The public page of proposal group ``group_id`` of consultation ``slug``."""
    return f"/c/{quote(slug, safe='')}/groups/{int(group_id)}"


def session_url(session_id: int) -> str:
    return f"/sessions/{int(session_id)}"


def consultation_sessions_url(slug: str) -> str:
    return f"/c/{quote(slug, safe='')}/sessions"


def check_broadcast_url(value: str | None, *, row: int | None = None) -> str | None:
    """A cleaned http(s) URL, ``None`` for an empty value; anything else is ``InvalidInput``."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise InvalidInput("broadcast URL must not contain spaces", field="broadcast_url", row=row)
    parts = urlsplit(text)
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        raise InvalidInput(
            "broadcast URL must start with http:// or https://", field="broadcast_url", row=row
        )
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), fragment=""))


def format_timestamp(seconds: int | None) -> str:
    """``3725`` → ``1:02:05`` (hours are never padded); ``None`` → empty."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def broadcast_link(url: str | None, seconds: int | None) -> str | None:
    """The broadcast URL positioned at ``seconds`` (a ``#t=`` media fragment)."""
    if url is None:
        return None
    checked = check_broadcast_url(url)
    if checked is None:
        return None
    return checked if seconds is None else f"{checked}#t={int(seconds)}"
