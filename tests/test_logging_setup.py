from __future__ import annotations

import json
import logging
import logging.config

import pytest

from talqy.logging_setup import configure_logging, scrub, server_log_config

IIN = "900101300126"


@pytest.mark.parametrize(
    "text",
    [
        IIN, "9001.0130.0126", "900101/300126", "9001_0130_0126", "900101\u2009300126",
        "90\u200b0101300126", "９００１０１３００１２６", "٩٠٠١٠١٣٠٠١٢٦", "9001\n0130\n0126",
    ],
)  # fmt: skip
def test_iins_in_any_spelling_are_masked(text: str) -> None:
    assert scrub(f"got {text} here") == "got [iin] here"


def test_phones_and_emails_are_masked() -> None:
    text = "7771234567, +7.701.555.44.33, +7 (727) 2 50-50-50, ivan＠mail.ru, name%40host.kz"
    assert scrub(text) == "[phone], [phone], [phone], [email], [email]"


@pytest.mark.parametrize("as_json", [False, True])
def test_tracebacks_are_scrubbed(capsys: pytest.CaptureFixture[str], as_json: bool) -> None:
    configure_logging("INFO", as_json=as_json)
    try:
        raise ValueError(f"bad row: iin={IIN} mail=ivan@mail.ru")
    except ValueError:
        logging.getLogger("talqy.test").exception("import failed for %s", "9001 0130 0126")
    err = capsys.readouterr().err
    assert IIN not in err and "0130" not in err and "ivan@mail.ru" not in err
    assert "ValueError: bad row: iin=[iin] mail=[email]" in (
        json.loads(err)["exception"] if as_json else err
    )
    configure_logging("WARNING")


def test_the_server_error_log_is_scrubbed_too(capsys: pytest.CaptureFixture[str]) -> None:
    logging.config.dictConfig(server_log_config())
    try:
        raise RuntimeError(f"iin {IIN}")
    except RuntimeError:
        logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    err = capsys.readouterr().err
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
    assert IIN not in err and "RuntimeError: iin [iin]" in err
