"""A consultation's title in the reader's language, for every template."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context

from talqy.consultations.lifecycle import consultation_info
from talqy.errors import NotFound


@pass_context
def title_of(context: Any, consultation: Any) -> str:
    """The title in the request's language; the stored title when none is given for it."""
    request = context.get("request")
    if request is None:
        return str(consultation.title)
    language = getattr(request.state, "lang", "kk")
    try:
        return consultation_info(request.app.state.db, consultation.slug).title(language)
    except NotFound:
        return str(consultation.title)
