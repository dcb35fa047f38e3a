"""Audit entries told as sentences in the reader's language (staff history pages).

Each action has one English sentence with named placeholders (translated in ``public.po``);
decision kinds and review states use the pages' own labels. The raw details stay available to
the JSON API (``GET /api/v1/review/{slug}/audit``); pages never show them as JSON. The result
is ``Markup``: every value is escaped, user names are set in ``<code>`` (names, not words).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from talqy.i18n import gettext

Labels = Mapping[str, str]
_SENTENCES = {
    "decide": "Decision: %(kind)s; articles: %(articles)s; reasoning in %(languages)s.",
    "publish": "Decisions published: %(decisions_published)s.",
    "reopen": "Reopened (was: %(from)s).",
    "assign": "%(username)s now reviews %(scope)s %(value)s.",
    "confirm_article": "Article %(article)s confirmed.",
    "change_article": "Article changed to %(article)s.",
    "move_proposal": "Proposal %(proposal)s moved from group %(from_group)s to group %(to_group)s.",
    "merge_groups": "Group %(merged)s merged into this one (%(members)s proposals).",
    "split_group": "%(members)s proposals split off into group %(new_group)s.",
    "group_new_proposal": "Proposal %(proposal)s added to this group.",
    "place_proposal": "Proposal %(proposal)s placed in this group on arrival.",
    "systematize": "%(proposals)s proposals systematized: %(themes)s themes, %(new_groups)s new "
    "groups.",
    "create_group": "Group made of %(members)s proposals that were in no group.",
    "decide_scope": "Decision %(kind)s for every group of %(scope)s %(value)s: %(decided)s "
    "decided, %(skipped)s skipped.",
}
_EXTRAS = {
    "bulk": "Decided together with other groups.",
    "via": "Passed through: %(via)s.",
    "reason": "Reason: %(reason)s",
    "version": "Version %(version)s.",
}
_SCOPES = {"article": "article", "theme": "theme", "all": "all groups"}


def describe(
    action: str,
    details: Mapping[str, Any],
    language: str,
    *,
    kinds: Labels,
    states: Labels,
    languages: Labels,
) -> Markup:
    """One or a few short sentences saying what the entry recorded (escaped HTML)."""

    def t(message: str, **values: object) -> str:
        return gettext(language, message, **values)

    none = t("none")
    values = _Values({key: _plain(value, none) for key, value in details.items()})
    if "kind" in details:
        values["kind"] = t(kinds.get(str(details["kind"]), str(details["kind"])))
    if "from" in details:
        values["from"] = t(states.get(str(details["from"]), str(details["from"])))
    if "via" in details:
        values["via"] = ", ".join(t(states.get(str(s), str(s))) for s in details["via"]) or none
    if "username" in details:
        values["username"] = Markup("<code>{}</code>").format(details["username"])
    if "scope" in details:
        values["scope"] = t(_SCOPES.get(str(details["scope"]), str(details["scope"])))
    if "languages" in details:
        names = [t(languages.get(str(code), str(code))) for code in details["languages"]]
        values["languages"] = ", ".join(names) or none
    parts: list[Markup] = []
    sentence = _SENTENCES.get(action)
    if sentence is not None:
        parts.append(Markup(gettext(language, sentence)) % values)
    if details.get("bulk"):
        parts.append(Markup.escape(t(_EXTRAS["bulk"])))
    if details.get("via"):
        parts.append(Markup.escape(t(_EXTRAS["via"], via=values["via"])))
    if "version" in details:
        parts.append(Markup.escape(t(_EXTRAS["version"], version=values["version"])))
    if details.get("reason"):
        parts.append(Markup.escape(t(_EXTRAS["reason"], reason=values["reason"])))
    return Markup(" ").join(parts)


class _Values(dict[str, object]):
    """Placeholder values; one an older entry lacks reads as a dash."""

    def __missing__(self, key: str) -> str:
        return "—"


def _plain(value: Any, none: str) -> str:
    if value is None or value == [] or value == "":
        return none
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)
