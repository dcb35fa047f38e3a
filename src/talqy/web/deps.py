"""Annotated dependencies and bounded input types shared by routes.

Every integer a client sends (path, query, form or JSON) is bounded: ids and versions to the
range of the narrowest id column (PostgreSQL ``INTEGER``), offsets likewise, so no value can
overflow a database driver. An id outside the range in a path names nothing (404, see
``web/errors.py``); elsewhere it is invalid input (400).
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Depends, Query, Request
from fastapi.templating import Jinja2Templates

from talqy.settings import Settings
from talqy.storage.database import Database

MAX_ID = 2**31 - 1
Id = Annotated[int, Ge(1), Le(MAX_ID)]
Count = Annotated[int, Ge(0), Le(MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=1000)]  # rows of one JSON API page
Offset = Annotated[Count, Query()]


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
