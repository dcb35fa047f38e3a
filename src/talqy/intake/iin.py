"""The IIN (individual identification number): shape, check digit and the keyed hash.

An IIN is twelve digits; people also write it in groups with spaces or dashes. The twelfth digit
is a check digit: the first eleven digits weighted 1..11, modulo 11; when that is 10, weighted
3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 instead; 10 again means no valid IIN. The clear number is
never stored: only :func:`hash_iin`, an HMAC-SHA256 keyed with ``settings.secret_key``, so
repeated submitters can be counted without keeping who they are.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")
_TWELVE = re.compile(r"[0-9]{12}")


def iin_check_digit(first11: str) -> int | None:
    """The check digit of eleven ASCII digits, or ``None`` when no digit can be valid."""
    digits = [ord(ch) - 48 for ch in first11]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS_FIRST, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, _WEIGHTS_SECOND, strict=True)) % 11
    return None if total == 10 else total


def iin_checksum_ok(digits: str) -> bool:
    """True when ``digits`` is twelve ASCII digits with the right check digit."""
    if _TWELVE.fullmatch(digits) is None:
        return False
    return iin_check_digit(digits[:11]) == ord(digits[11]) - 48


def normalize_iin(value: str) -> str | None:
    """The twelve digits of ``value`` written with or without spaces/dashes, if valid.

    Returns ``None`` for anything that is not twelve digits with a correct check digit.
    """
    compact = _SEPARATORS.sub("", value.strip())
    return compact if iin_checksum_ok(compact) else None


def hash_iin(iin: str, secret_key: str) -> str:
    """HMAC-SHA256 of the normalized IIN, hex (64 characters)."""
    return hmac.new(secret_key.encode("utf-8"), iin.encode("ascii"), hashlib.sha256).hexdigest()
