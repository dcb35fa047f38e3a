from __future__ import annotations

import math
import re

from talqy.intake.receipts import ALPHABET, LENGTH, new_receipt_code, normalize_receipt_code


def test_codes_are_grouped_readable_and_unguessable() -> None:
    codes = {new_receipt_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    assert not set("01OILU") & set("".join(codes))
    assert LENGTH * math.log2(len(ALPHABET)) >= 50


def test_every_symbol_is_used() -> None:
    seen = set("".join(new_receipt_code() for _ in range(500)).replace("-", ""))
    assert seen == set(ALPHABET)


def test_typed_codes_are_normalized() -> None:
    code = new_receipt_code()
    assert normalize_receipt_code(code.lower().replace("-", " ")) == code
    assert normalize_receipt_code(code.replace("-", "")) == code
    assert normalize_receipt_code("ABCD-EFGH-JKM") is None
    assert normalize_receipt_code("ABCD-EFGH-JKM0") is None
