from __future__ import annotations

import airlock_pii
import pytest

from talqy.intake.redaction import find_personal_data, redact, strip_iins

IIN = "900101300126"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "ЖСН [ЖСН], [телефон], [email], [карта]"),
        ("ru", "ЖСН [ИИН], [телефон], [email], [карта]"),
        ("en", "ЖСН [IIN], [phone], [email], [card]"),
        (None, "ЖСН [ЖСН], [телефон], [email], [карта]"),
    ],
)
def test_masks_in_the_proposal_language(language: str | None, expected: str) -> None:
    text = f"ЖСН {IIN}, +7 701 234 56 78, aigul@mail.kz, 4111 1111 1111 1111"
    assert redact(text, language) == expected


def test_a_case_only_our_rules_catch() -> None:
    grouped = "Менің нөмірім 900101 300126, хат: aigul [at] mail [dot] kz, ivan(at)mail"
    assert airlock_pii.detect(grouped) == []  # airlock leaves grouped IINs and [at] alone
    assert redact(grouped, "kk") == "Менің нөмірім [ЖСН], хат: [email], [email]"


def test_a_case_only_airlock_catches() -> None:
    text = "WhatsApp: 77012345678"  # a bare 7, no + and no 8: outside our own phone rule
    assert [entity.type for entity in airlock_pii.detect(text)] == ["PHONE"]
    assert redact(text, "en") == "WhatsApp: [phone]"


@pytest.mark.parametrize(
    "text",
    [
        "33-бапқа өзгеріс енгізу керек, 2026-02-11 12:30",
        "Статья 83-1, пункт 2; 1 250 000 тенге",
        "Article 12 (3) at the meeting",
        "Order 123456789012",  # twelve digits with a wrong check digit and no IIN word
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text
    assert find_personal_data(text) == []


def test_an_iin_word_masks_even_a_mistyped_number() -> None:
    assert redact("ИИН 9001 0130 0125", "ru") == "ИИН [ИИН]"


def test_strip_iins_keeps_everything_else_byte_exact() -> None:
    text = f"<b>Тел</b> 8 (701) 234-56-78, {IIN}\r\n  end  "
    assert strip_iins(text, "ru") == "<b>Тел</b> 8 (701) 234-56-78, [ИИН]\r\n  end  "


def test_card_numbers_need_the_luhn_check() -> None:
    assert redact("card 4111-1111-1111-1111", "en") == "card [card]"
    assert redact("4111 1111 1111 1112") == "4111 1111 1111 1112"
