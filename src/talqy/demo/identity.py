"""Fake people for the demo: names, IINs with a real check digit, phones and e-mails.

The IIN (individual identification number) has 12 digits: birth date ``YYMMDD``, a digit for
century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male, even female), four serial digits
and a check digit. The check digit is the weighted sum of the first 11 digits with weights 1..11
modulo 11; if that is 10, the weights 3..11, 1, 2 are used instead; if it is 10 again the number
is never issued.
"""

from __future__ import annotations

import random
from functools import cache

from talqy.demo.bank import read_data
from talqy.demo.transliteration import to_passport_latin

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_OPERATORS = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")
_DOMAINS = ("mail.kz", "mail.ru", "gmail.com", "yandex.kz", "inbox.kz", "list.ru", "bk.ru")


def iin_check_digit(first11: str) -> int | None:
    """The check digit for the first 11 digits of an IIN; None if no digit can be valid."""
    d = [ord(c) - 48 for c in first11]
    total = (
        d[0]
        + 2 * d[1]
        + 3 * d[2]
        + 4 * d[3]
        + 5 * d[4]
        + 6 * d[5]
        + 7 * d[6]
        + 8 * d[7]
        + 9 * d[8]
        + 10 * d[9]
        + 11 * d[10]
    ) % 11
    if total == 10:
        total = (
            3 * d[0]
            + 4 * d[1]
            + 5 * d[2]
            + 6 * d[3]
            + 7 * d[4]
            + 8 * d[5]
            + 9 * d[6]
            + 10 * d[7]
            + 11 * d[8]
            + d[9]
            + 2 * d[10]
        ) % 11
        if total == 10:
            return None
    return total


def is_valid_iin(iin: str) -> bool:
    """Twelve digits, a real month and day, a century digit 1-6 and a matching check digit."""
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return False
    month, day, century = int(iin[2:4]), int(iin[4:6]), int(iin[6])
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1] and 1 <= century <= 6):
        return False
    return iin_check_digit(iin[:11]) == int(iin[11])


def _iin(year: int, month: int, day: int, female: bool, serial: int, wrong: int) -> str:
    century = 1 + 2 * ((year - 1800) // 100) + (1 if female else 0)
    head = f"{year % 100:02d}{month:02d}{day:02d}{century}"
    while True:
        first11 = f"{head}{serial % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return f"{first11}{(check + wrong) % 10}"
        serial += 1


def make_iin(
    rng: random.Random, *, year: int, month: int, day: int, female: bool, valid: bool = True
) -> str:
    """An IIN for that birth date and sex; ``valid=False`` gives a wrong check digit."""
    serial = int(rng.random() * 10000)
    return _iin(year, month, day, female, serial, 0 if valid else 1 + int(rng.random() * 9))


class Person:
    """A fake person. Contact details derive from one random ``key`` and are computed only
    when read, so people whose IIN or phone is never shown cost little to make."""

    __slots__ = ("female", "iin_valid", "key", "login", "name", "year")

    def __init__(
        self, name: str, login: str, female: bool, year: int, key: int, iin_valid: bool
    ) -> None:
        self.name, self.login, self.female = name, login, female
        self.year, self.key, self.iin_valid = year, key, iin_valid

    def __repr__(self) -> str:
        return f"Person({self.name!r}, iin={self.iin!r}, phone={self.phone!r})"

    @property
    def iin(self) -> str:
        key = self.key
        month, day = 1 + key % 12, 1 + (key >> 4) % 28
        wrong = 0 if self.iin_valid else 1 + (key >> 9) % 9
        return _iin(self.year, month, day, self.female, (key >> 14) % 10000, wrong)

    @property
    def phone(self) -> str:
        key = self.key >> 28
        op = _OPERATORS[key % len(_OPERATORS)]
        number = (key >> 4) % 10_000_000
        a, b, c = number // 10000, number // 100 % 100, number % 100
        style = (key >> 28) % 4
        if style == 0:
            return f"+7 {op} {a:03d} {b:02d} {c:02d}"
        if style == 1:
            return f"8{op}{a:03d}{b:02d}{c:02d}"
        if style == 2:
            return f"+7({op}){a:03d}-{b:02d}-{c:02d}"
        return f"+7{op}{a:03d}{b:02d}{c:02d}"

    @property
    def email(self) -> str:
        return f"{self._login()}@{_DOMAINS[(self.key >> 58) % len(_DOMAINS)]}"

    @property
    def email_obfuscated(self) -> str:
        at = (" [at] ", "(at)", " at ", " @ ")[(self.key >> 61) % 4]
        return f"{self._login()}{at}{_DOMAINS[(self.key >> 58) % len(_DOMAINS)]}"

    def _login(self) -> str:
        return f"{self.login}{self.year % 100:02d}" if (self.key >> 63) else self.login


@cache
def _names(language: str) -> dict[str, tuple[str, ...]]:
    """``male``, ``female`` given names and ``surnames`` of ``language`` (``names.toml``)."""
    return {kind: tuple(names) for kind, names in read_data("names.toml")[language].items()}


def _feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


@cache
def _romanised(word: str) -> str:
    return to_passport_latin(word)


def make_person(rng: random.Random, *, script: str, invalid_iin_rate: float = 0.05) -> Person:
    """A fake person; ``script`` is kk or ru (Cyrillic names) or latin (romanised names)."""
    rnd = rng.random
    female = rnd() < 0.5
    russian = script == "ru" and rnd() < 0.4
    names = _names("ru" if russian else "kk")
    firsts = names["female" if female else "male"]
    first = firsts[int(rnd() * len(firsts))]
    surnames = names["surnames"]
    last = surnames[int(rnd() * len(surnames))]
    if female:
        last = _feminine(last)
    login = f"{_romanised(last)}.{_romanised(first[0])}".lower()
    if script == "latin":
        first, last = _romanised(first), _romanised(last)
    draw = rnd()
    name = f"{first} {last}" if draw < 0.7 else f"{last} {first}"
    year = 2008 - int(rnd() * 68)
    return Person(name, login, female, year, rng.getrandbits(64), rnd() >= invalid_iin_rate)
