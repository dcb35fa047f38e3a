from __future__ import annotations

import pytest

from talqy.errors import ConfigError
from talqy.outbox.transports import parse_smtp_url


def test_smtp_url_forms() -> None:
    plain = parse_smtp_url("smtp://127.0.0.1:2525")
    assert (plain.host, plain.port, plain.starttls, plain.implicit_tls, plain.user) == (
        "127.0.0.1", 2525, False, False, None)  # fmt: skip
    full = parse_smtp_url("smtp://mailer%40gov.kz:p%3Ass@mail.gov.kz:587?starttls=1")
    assert (full.user, full.password, full.port, full.starttls) == (
        "mailer@gov.kz", "p:ss", 587, True)  # fmt: skip
    assert parse_smtp_url("smtps://mail.gov.kz").port == 465
    with pytest.raises(ConfigError):
        parse_smtp_url("http://mail.gov.kz")
