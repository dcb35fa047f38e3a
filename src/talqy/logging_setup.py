"""Structured logging that never writes personal data.

Every record passes :class:`RedactingFilter`, which masks IINs, phone numbers and e-mail
addresses in the message and its arguments before any handler sees them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

_PATTERNS = (
    (re.compile(r"(?<!\d)\d{6}[\s-]?\d{6}(?!\d)"), "[iin]"),
    (re.compile(r"(?<![\w@])[\w.+-]+(?:@|\s*\[at\]\s*)[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (
        re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"),
        "[phone]",
    ),
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
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
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
