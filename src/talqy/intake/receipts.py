"""Receipt codes: short, unguessable, easy to read aloud.

Twelve symbols from a 30-letter alphabet without the look-alikes 0/O, 1/I/L and without
``U`` (as in Crockford's base 32), grouped ``ABCD-EFGH-JKMN``: 30**12 is about 2**58.9,
drawn with :mod:`secrets`. A unique constraint guards the astronomically rare collision; the
writer retries with a fresh code.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
_SPACE = len(ALPHABET) ** LENGTH
_NOT_SYMBOL = re.compile(r"[^0-9A-Z]")


def new_receipt_code() -> str:
    """A fresh random code, e.g. ``7KQM-2ZTD-HX9C``."""
    value = secrets.randbelow(_SPACE)
    symbols = []
    for _ in range(LENGTH):
        value, index = divmod(value, len(ALPHABET))
        symbols.append(ALPHABET[index])
    return _group("".join(symbols))


def _group(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize_receipt_code(value: str) -> str | None:
    """The canonical form of a code as typed (any case, spaces or dashes), or ``None``."""
    compact = _NOT_SYMBOL.sub("", value.upper())
    if len(compact) != LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    return _group(compact)
