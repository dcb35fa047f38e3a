"""Ways out: SMTP for e-mail, an HTTP gateway for SMS. Vendor errors become two outcomes.

:class:`Retry` — the message may go through later (server down, 4xx, timeouts);
:class:`Bounce` — it never will (5xx refusal of the address, gateway 4xx). Neither carries an
address or the server's own text, which often quotes the address: only a code.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

from talqy.errors import ConfigError

TIMEOUT = 15.0


class Retry(Exception):
    """Try again later."""


class Bounce(Exception):
    """Refused for good."""


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    user: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://[user:password@]host[:port][?starttls=1]`` or ``smtps://…`` (TLS from the start)."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ConfigError("TALQY_SMTP_URL must look like smtp://host:port", field="smtp_url")
    implicit = parts.scheme == "smtps"
    flag = parse_qs(parts.query).get("starttls", ["0"])[0].lower()
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or (465 if implicit else 25),
        implicit_tls=implicit,
        starttls=flag in {"1", "true", "yes", "on"},
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def _code_error(code: int, what: str) -> Exception:
    return Bounce(f"{what} {code}") if code >= 500 else Retry(f"{what} {code}")


class SmtpConnection:
    """One connection for a pass over the outbox; ``Retry`` on every failure to connect."""

    def __init__(self, url: str) -> None:
        self.target = parse_smtp_url(url)
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpConnection:
        target = self.target
        try:
            if target.implicit_tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    target.host,
                    target.port,
                    timeout=TIMEOUT,
                    context=ssl.create_default_context(),
                )
            else:
                smtp = smtplib.SMTP(target.host, target.port, timeout=TIMEOUT)
            if target.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if target.user:
                smtp.login(target.user, target.password or "")
        except smtplib.SMTPResponseException as exc:
            raise Retry(f"smtp connect {exc.smtp_code}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise Retry(f"smtp unreachable ({type(exc).__name__})") from None
        self._smtp = smtp
        return self

    def send(self, message: EmailMessage) -> None:
        assert self._smtp is not None
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code = min(int(value[0]) for value in exc.recipients.values())
            raise _code_error(code, "smtp recipient") from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise _code_error(int(exc.smtp_code), "smtp") from None
        except (OSError, smtplib.SMTPException) as exc:
            self._smtp = None
            raise Retry(f"smtp failed ({type(exc).__name__})") from None
        if refused:
            code = min(int(value[0]) for value in refused.values())
            raise _code_error(code, "smtp recipient")

    @property
    def alive(self) -> bool:
        return self._smtp is not None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._smtp.quit()


def send_sms(url: str, *, to: str, text: str, reference: str, client: httpx.Client) -> None:
    """POST ``{"to", "text", "reference"}`` to the gateway: 2xx sent, 4xx bounce, else retry."""
    try:
        response = client.post(
            url, json={"to": to, "text": text, "reference": reference}, timeout=TIMEOUT
        )
    except httpx.HTTPError as exc:
        raise Retry(f"sms unreachable ({type(exc).__name__})") from None
    status = response.status_code
    if 200 <= status < 300:
        return
    if 400 <= status < 500 and status not in {408, 425, 429}:
        raise Bounce(f"sms gateway {status}")
    raise Retry(f"sms gateway {status}")
