"""IIN check digits, fake people and Latin transliteration."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from talqy.demo import iin_check_digit, is_valid_iin
from talqy.demo.identity import make_iin, make_person
from talqy.demo.transliteration import to_latin_kk, to_passport_latin


def test_check_digit_by_hand() -> None:
    # 9*1 + 1*4 + 1*6 + 3*7 + 1*10 + 2*11 = 72; 72 mod 11 = 6
    assert iin_check_digit("90010130012") == 6
    assert is_valid_iin("900101300126")
    assert not is_valid_iin("900101300123")
    # first pass gives 10 (142 mod 11), the second weights give 110 mod 11 = 0
    assert iin_check_digit("85010240080") == 0
    assert is_valid_iin("850102400800")


def test_malformed_iins_are_invalid() -> None:
    for bad in ("", "90010130012", "9001013001266", "90010130012a", "901301300126", "900101700126"):
        assert not is_valid_iin(bad)


@given(
    seed=st.integers(0, 2**32),
    year=st.integers(1900, 2025),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    female=st.booleans(),
)
def test_made_iins_are_valid_or_invalid_as_asked(
    seed: int, year: int, month: int, day: int, female: bool
) -> None:
    rng = random.Random(seed)
    good = make_iin(rng, year=year, month=month, day=day, female=female)
    bad = make_iin(rng, year=year, month=month, day=day, female=female, valid=False)
    assert is_valid_iin(good)
    assert not is_valid_iin(bad)
    assert good[:6] == f"{year % 100:02d}{month:02d}{day:02d}"
    assert int(good[6]) % 2 == (0 if female else 1)


def test_people_iins_follow_their_flag() -> None:
    rng = random.Random(7)
    people = [make_person(rng, script="kk", invalid_iin_rate=0.3) for _ in range(2000)]
    assert all(is_valid_iin(p.iin) == p.iin_valid for p in people)
    invalid = sum(not p.iin_valid for p in people) / len(people)
    assert 0.25 < invalid < 0.35
    assert all(p.email.count("@") == 1 and p.email.isascii() for p in people)
    assert all(p.phone.lstrip("+").replace(" ", "").startswith(("7", "8")) for p in people)


def test_latin_names_are_latin() -> None:
    rng = random.Random(1)
    for _ in range(200):
        assert make_person(rng, script="latin").name.isascii()


def test_kazakh_latin_alphabets() -> None:
    assert to_latin_kk("Қазақ тілі – мемлекеттік тіл") == "Qazaq tili – memlekettik til"
    assert to_latin_kk("Шығыс ұлттық үш ңғ ө ә ч") == "Şığıs ūlttıq üş ñğ ö ä ç"
    assert to_latin_kk("Шығыс ұлттық", informal=True) == "Shyghys ulttyq"
    assert to_passport_latin("Серікбаев Жандос") == "Serikbaev Zhandos"
