"""The text of an answer, in the submitter's language (kk/ru/en catalogues, ``outbox.po``)."""

from __future__ import annotations

from dataclasses import dataclass

from talqy.i18n import LANGUAGES, gettext
from talqy.outbox.queue import Message
from talqy.review.decision_kinds import decision_kind_phrase

NOT_IN_YOUR_LANGUAGE = "The reasoning is not available in your language; it is given in %(other)s."
ADDRESS_NOTE = (
    "You receive this message because you left your e-mail address with your proposal. "
    "The address is used only for this answer."
)
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str


def _reasoning(message: Message, language: str) -> tuple[str, str | None]:
    """The reasoning in ``language``, else the first one given (and which language that is)."""
    own = message.reasoning.get(language)
    if own:
        return own, None
    for other in LANGUAGES:
        if message.reasoning.get(other):
            return str(message.reasoning[other]), other
    return "", None


def _link(public_url: str | None, message: Message, language: str) -> str:
    if public_url:
        return f"{public_url.rstrip('/')}/receipt?code={message.receipt_code}&lang={language}"
    return gettext(language, "on the consultation's website, with your receipt code")


def compose(message: Message, *, title: str, public_url: str | None) -> Composed:
    """Subject and plain-text body of the answer to ``message``'s proposal."""
    lang = message.language if message.language in LANGUAGES else "kk"
    code = message.receipt_code
    decision = decision_kind_phrase(lang, message.decision)
    reasoning, other = _reasoning(message, lang)
    link = _link(public_url, message, lang)
    if message.channel == "sms":
        text = gettext(
            lang,
            "Answer to your proposal %(code)s: %(decision)s. %(link)s",
            code=code,
            decision=decision,
            link=link,
        )
        return Composed("", text)
    lines = [
        gettext(
            lang,
            "Your proposal (receipt %(code)s) to the consultation “%(title)s” has been answered.",
            code=code,
            title=title,
        ),
        "",
        gettext(lang, "Decision: %(decision)s", decision=decision),
        "",
    ]
    if reasoning:
        lines += [gettext(lang, "Reasoning:"), reasoning, ""]
        if other:
            named = gettext(lang, LANGUAGE_NAMES[other])
            note = gettext(lang, NOT_IN_YOUR_LANGUAGE, other=named)
            lines += [note, ""]
    lines += [
        gettext(lang, "You can read the answer at any time: %(link)s", link=link),
        "",
        gettext(lang, ADDRESS_NOTE),
    ]
    subject = gettext(lang, "Answer to your proposal %(code)s", code=code)
    return Composed(subject, "\n".join(lines) + "\n")
