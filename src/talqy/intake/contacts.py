"""Contact addresses sealed for the one answer they were given for.

A citizen who leaves an e-mail address (or a phone number) with a proposal asks for the answer
to reach it. The address must not sit in the database in clear, so it is stored sealed:
AES-GCM under a key derived from the IIN hashing key (``TALQY_IIN_HASH_KEY``, or the
installation's own random key), with the proposal's purpose as associated data. The outbox opens
it to send the answer and erases it afterwards. Without a sealer (a caller that keeps no
contacts) only a mask saying that an address was given is stored.

A sealed value reads ``sealed1:<base64>``; :func:`is_sealed` tells it from a mask. Rotating
the IIN key makes older sealed addresses unreadable: their answers bounce as "no address".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "sealed1:"
_PURPOSE = b"talqy contact address v1"


def is_sealed(value: str | None) -> bool:
    return bool(value) and str(value).startswith(PREFIX)


class ContactSealer:
    """Seal and open contact addresses with a key derived from ``secret``."""

    def __init__(self, secret: bytes) -> None:
        self._aead = AESGCM(hmac.new(secret, _PURPOSE, hashlib.sha256).digest())
        self._fingerprint_key = hmac.new(
            secret, _PURPOSE + b" fingerprint", hashlib.sha256
        ).digest()

    def fingerprint(self, address: str) -> str:
        """A keyed, stable stand-in for ``address`` (sealing itself is randomised)."""
        return hmac.new(self._fingerprint_key, address.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, address: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, address.encode("utf-8"), _PURPOSE)
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, value: str | None) -> str | None:
        """The address; ``None`` for a mask, an empty value or one sealed under another key."""
        if not value or not is_sealed(value):
            return None
        try:
            raw = base64.urlsafe_b64decode(value[len(PREFIX) :].encode("ascii"))
            return self._aead.decrypt(raw[:12], raw[12:], _PURPOSE).decode("utf-8")
        except (ValueError, InvalidTag):
            return None
