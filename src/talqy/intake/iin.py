"""The IIN (individual identification number): shape, check digit and the keyed hash.

An IIN is twelve digits; people also write it in groups with spaces or dashes. The twelfth digit
is a check digit: the first eleven digits weighted 1..11, modulo 11; when that is 10, weighted
3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 instead; 10 again means no valid IIN. The clear number is
never stored: only :meth:`IinHasher.hash`, so repeated submitters can be counted without
keeping who they are.

The hash is slow and keyed: scrypt of the IIN (salted with the key; ``2**cost`` × 1 KiB of
memory, cost 10 = 1 MiB by default) and then HMAC-SHA256 with the key. The key is
``TALQY_IIN_HASH_KEY`` or, when unset, a random key drawn once per installation
(:mod:`talqy.intake.iin_keys`). The stored value is ``<key id>$<digest>``: the key id (a
fingerprint of the key and the cost) says which key made a hash, so the key can be rotated and
old hashes are recognisable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass, field

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


SCRYPT_BLOCK = 8
_CACHE_LIMIT = 100_000


def iin_key_id(key: bytes, cost: int) -> str:
    """The fingerprint of a key and cost: 8 hex characters, stored beside every hash."""
    return hashlib.sha256(b"talqy-iin-scrypt/%d/" % cost + key).hexdigest()[:8]


@dataclass
class IinHasher:
    """Hashes normalized IINs with one key; remembers the IINs already hashed in this process."""

    key: bytes
    cost: int = 10
    _cache: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def key_id(self) -> str:
        return iin_key_id(self.key, self.cost)

    def hash(self, iin: str) -> str:
        """``<key id>$<base64url of HMAC-SHA256(key, scrypt(iin))>`` (52 characters)."""
        found = self._cache.get(iin)
        if found is not None:
            return found
        stretched = hashlib.scrypt(
            iin.encode("ascii"), salt=self.key, n=1 << self.cost, r=SCRYPT_BLOCK, p=1, dklen=32
        )
        digest = hmac.new(self.key, stretched, hashlib.sha256).digest()
        value = f"{self.key_id}${base64.urlsafe_b64encode(digest).rstrip(b'=').decode('ascii')}"
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[iin] = value
        return value


def hash_iin(iin: str, key: bytes | str, cost: int = 10) -> str:
    """The stored hash of a normalized IIN under ``key`` (see :class:`IinHasher`)."""
    raw = key.encode("utf-8") if isinstance(key, str) else key
    return IinHasher(raw, cost).hash(iin)
