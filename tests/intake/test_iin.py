from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from talqy.intake.iin import (
    hash_iin,
    iin_check_digit,
    iin_checksum_ok,
    iin_key_id,
    normalize_iin,
)
from tests.intake.samples import make_iin


def test_known_numbers() -> None:
    assert iin_checksum_ok("900101300126")
    assert not iin_checksum_ok("900101300125")
    assert not iin_checksum_ok("90010130012")
    assert not iin_checksum_ok("90010130012a")


def test_second_weights_are_used_when_the_first_remainder_is_ten() -> None:
    # first pass: sum(d*w) % 11 == 10 for these eleven digits; second pass decides
    first = next(
        f"{n:011d}"
        for n in range(10**10, 10**10 + 10_000)
        if sum(int(d) * w for d, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10
    )
    second = (
        sum(int(d) * w for d, w in zip(first, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True))
        % 11
    )
    assert iin_check_digit(first) == (None if second == 10 else second)
    if second != 10:
        assert iin_checksum_ok(first + str(second))


def test_no_valid_digit_when_both_remainders_are_ten() -> None:
    hopeless = next(
        f"{n:011d}" for n in range(10**10, 10**10 + 200_000) if iin_check_digit(f"{n:011d}") is None
    )
    assert not any(iin_checksum_ok(hopeless + str(d)) for d in range(10))


def test_separators_are_accepted() -> None:
    assert normalize_iin("900101 300126") == "900101300126"
    assert normalize_iin(" 9001-0130-0126 ") == "900101300126"
    assert normalize_iin("9001013001 26") == "900101300126"
    assert normalize_iin("900101300125") is None
    assert normalize_iin("") is None


def test_hash_is_keyed_and_stable() -> None:
    assert hash_iin("900101300126", "a") == hash_iin("900101300126", "a")
    assert hash_iin("900101300126", "a") != hash_iin("900101300126", "b")
    assert len(hash_iin("900101300126", "a")) == 52 <= 64  # fits the column
    assert "900101300126" not in hash_iin("900101300126", "a")
    key_id, _digest = hash_iin("900101300126", "a").split("$")
    assert key_id == iin_key_id(b"a", 10) != iin_key_id(b"a", 12)
    assert hash_iin("900101300126", "a", cost=12) != hash_iin("900101300126", "a")


@given(st.integers(min_value=0, max_value=2**32))
def test_every_generated_iin_passes_and_one_wrong_last_digit_fails(seed: int) -> None:
    iin = make_iin(random.Random(seed))
    assert normalize_iin(iin) == iin
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    assert normalize_iin(wrong) is None
