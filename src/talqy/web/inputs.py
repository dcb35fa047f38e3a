"""Form and query fields by what they hold: one name and one length limit per concept, whatever
page or JSON route reads it. A longer value is refused with 422 before the route runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query

# Free text a person writes: reasoning, descriptions, reasons.
Text = Annotated[str, Form(max_length=20_000)]
# One line: a title, a display name, a date, an address to go back to.
Short = Annotated[str, Form(max_length=300)]
NextQuery = Annotated[str, Query(max_length=300)]

ArticleField = Annotated[str, Form(max_length=32)]
ArticleQuery = Annotated[str, Query(max_length=32)]
DecisionQuery = Annotated[str, Query(max_length=32)]
ThemeQuery = Annotated[str, Query(max_length=64)]
# Words to search proposal texts for.
Words = Annotated[str, Query(max_length=200)]
# A comma- or space-separated list: group ids, article numbers.
ListField = Annotated[str, Form(max_length=500)]

Username = Annotated[str, Form(max_length=64)]
Password = Annotated[str, Form(max_length=1024)]
# What a reviewer is assigned to: ``article``, ``theme`` or ``group``, and which one.
ScopeField = Annotated[str, Form(max_length=16)]
ScopeValue = Annotated[str, Form(max_length=64)]
