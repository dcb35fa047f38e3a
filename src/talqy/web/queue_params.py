"""The work-queue filters as GET parameters, shared by the staff page and the JSON API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from talqy.review.queue_filters import QueueFilter
from talqy.web.inputs import ArticleQuery, ThemeQuery


def queue_filter(
    article: ArticleQuery = "",
    theme: ThemeQuery = "",
    state: Annotated[str, Query(max_length=16)] = "",
    language: Annotated[str, Query(max_length=8)] = "",
    channel: Annotated[str, Query(max_length=32)] = "",
    region: Annotated[str, Query(max_length=64)] = "",
    stance: Annotated[str, Query(max_length=16)] = "",
    new: Annotated[bool, Query(description="only groups placement made after a run")] = False,
    query: Annotated[str, Query(max_length=200, description="words every match holds")] = "",
) -> QueueFilter:
    return QueueFilter(
        article=article.strip() or None,
        theme=theme.strip() or None,
        state=state.strip() or None,
        language=language.strip() or None,
        channel=channel.strip() or None,
        region=region.strip() or None,
        stance=stance.strip() or None,
        new=new,
        query=query.strip() or None,
    )


QueueFilterDep = Annotated[QueueFilter, Depends(queue_filter)]
