"""Structured logging that never writes personal data.

Every record passes :class:`RedactingFilter`, which masks IINs, phone numbers and e-mail
addresses in the message, its arguments, its traceback and its stack before any handler sees
them. Digits are matched in any script (full-width, Arabic-Indic) and with any separators.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import sys
from typing import Any

_SEP = r"[\s.\-/_()\u00a0\u2007-\u200f\u202f\u2010-\u2015\u2060\ufeff]{0,3}"
_PATTERNS = (
    (re.compile(rf"(?<!\d)\d(?:{_SEP}\d){{11}}(?!\d)"), "[iin]"),
    (
        re.compile(
            r"(?<![\w@])[\w.+-]+(?:@|\uff20|%40|&#0*64;|\s*[\[(]at[\])]\s*)[\w-]+(?:\.[\w-]+)+",
            re.IGNORECASE,
        ),
        "[email]",
    ),
    (re.compile(rf"(?<!\d)(?:(?:\+{_SEP}7|8|7){_SEP})?7(?:{_SEP}\d){{9}}(?!\d)"), "[phone]"),
)


def scrub(text: str) -> str:
    """Mask anything that looks like an IIN, phone or e-mail."""
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


_FORMATTER = logging.Formatter()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            payload["exception"] = record.exc_text
        for key in ("consultation", "run_id", "rows", "stage"):
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str = "INFO", *, as_json: bool = False) -> None:
    """Install one stderr handler on the ``talqy`` logger (idempotent)."""
    logger = logging.getLogger("talqy")
    logger.setLevel(level.upper())
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(
        JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    logger.addHandler(handler)
    logger.propagate = False


def server_log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with its error log (tracebacks) passed through
    :class:`RedactingFilter`; the access log keeps its own format (paths and status only)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": RedactingFilter}
    config["handlers"]["default"]["filters"] = ["redact"]
    return config
