"""Dependencies of staff routes on one consultation, so a route declares one parameter for
what every such route needs: the signed-in staff user, the database and the consultation
(``StaffView``), and for a form post also the session's CSRF token (``StaffPost``).

The actor is built when the route asks for it, after its inputs were validated, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse

from talqy.review.permissions import Action, Actor, authorize
from talqy.review.user_queries import User
from talqy.storage.database import Database
from talqy.web.auth import StaffUser, TokenUser, staff_actor
from talqy.web.csrf import CsrfChecked
from talqy.web.deps import DbDep
from talqy.web.inputs import ListField, ScopeField, ScopeValue, Text, Username


def console_actor(request: Request, user: User, slug: str) -> Actor:
    """The signed-in user acting in ``slug``; only admin and secretariat run the console."""
    actor = staff_actor(request, user, slug)
    authorize(actor, Action.ASSIGN)
    return actor


@dataclass(frozen=True)
class StaffRequest:
    """A signed-in staff user's request about the consultation ``slug``."""

    request: Request
    db: Database
    user: User
    slug: str

    def actor(self) -> Actor:
        return staff_actor(self.request, self.user, self.slug)

    def console_actor(self) -> Actor:
        return console_actor(self.request, self.user, self.slug)


def _staff_view(slug: str, request: Request, db: DbDep, user: StaffUser) -> StaffRequest:
    return StaffRequest(request, db, user, slug)


def _staff_post(
    slug: str, request: Request, db: DbDep, user: StaffUser, _csrf: CsrfChecked
) -> StaffRequest:
    return StaffRequest(request, db, user, slug)


StaffView = Annotated[StaffRequest, Depends(_staff_view)]
StaffPost = Annotated[StaffRequest, Depends(_staff_post)]


def redirect(target: str) -> RedirectResponse:
    """After a post: see the page again (POST → 303 → GET)."""
    return RedirectResponse(target, status_code=303)


@dataclass(frozen=True)
class DecisionFields:
    """The decision a form sets: its kind, the reasoning in kk/ru/en, the article numbers."""

    kind: str
    reasoning: dict[str, str]
    articles: list[str]


def article_numbers(articles: str) -> list[str]:
    """``"5, 7; 9"`` → ``["5", "7", "9"]``."""
    return [a.strip() for a in articles.replace(";", ",").split(",") if a.strip()]


def _decision_fields(
    kind: Annotated[str, Form(max_length=32)] = "",
    reasoning_kk: Text = "",
    reasoning_ru: Text = "",
    reasoning_en: Text = "",
    articles: ListField = "",
) -> DecisionFields:
    reasoning = {"kk": reasoning_kk, "ru": reasoning_ru, "en": reasoning_en}
    return DecisionFields(kind, reasoning, article_numbers(articles))


DecisionForm = Annotated[DecisionFields, Depends(_decision_fields)]


@dataclass(frozen=True)
class Assignment:
    """A reviewer assignment a form asks for: who, and the article or theme (``scope``)."""

    username: str
    scope: str
    value: str


def assignment_form(default_scope: str) -> Callable[..., Assignment]:
    """The dependency reading an assignment form (``scope`` as ``default_scope`` if absent)."""

    def read(
        username: Username = "",
        scope: ScopeField = default_scope,
        value: ScopeValue = "",
    ) -> Assignment:
        return Assignment(username.strip(), scope, value)

    return read


@dataclass(frozen=True)
class ApiClient:
    """A request of the staff JSON API: the database and the user of the bearer token."""

    request: Request
    db: Database
    user: User

    def actor(self, slug: str) -> Actor:
        return staff_actor(self.request, self.user, slug)


def _api_client(request: Request, db: DbDep, user: TokenUser) -> ApiClient:
    return ApiClient(request, db, user)


ApiStaff = Annotated[ApiClient, Depends(_api_client)]
