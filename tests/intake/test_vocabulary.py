"""One key per region and channel, whatever language the value came in."""

from __future__ import annotations

import pytest

from talqy.intake.records import Limits, build_record
from talqy.intake.vocabulary import channel_label, normalize_region, region_name
from talqy.sessions.vocabulary import REGIONS


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Түркістан облысы", "turkistan"),
        ("Туркестанская область", "turkistan"),
        ("Turkistan Region", "turkistan"),
        ("  туркестанская обл. ", "turkistan"),
        ("г. Алматы", "almaty"),
        ("Алматы", "almaty"),
        ("Алматы облысы", "almaty-region"),
        ("Алматинская область", "almaty-region"),
        ("область Жетысу", "jetisu"),
        ("область Улытау", "ulytau"),
        ("Кызылорда облысы", "kyzylorda"),
        ("Мангыстау облысы", "mangystau"),
        ("Восточно-Казахстанская область", "east-kazakhstan"),
        ("turkistan", "turkistan"),
        ("Марс", "Марс"),
        ("", None),
        (None, None),
    ],
)
def test_region_strings_become_one_key(written: str | None, key: str | None) -> None:
    assert normalize_region(written) == key


def test_every_region_name_finds_its_own_key() -> None:
    for key, names in REGIONS.items():
        for name in names:
            assert normalize_region(name) == key, name


def test_names_in_each_language() -> None:
    assert [region_name(lang, "turkistan") for lang in ("kk", "ru", "en")] == [
        "Түркістан облысы", "Туркестанская область", "Turkistan Region",
    ]  # fmt: skip
    assert region_name("kk", "Марс") == "Марс" and region_name("kk", None) is None
    assert channel_label("kk", "paper") != "Paper letter"
    assert channel_label("en", "paper") == "Paper letter"
    assert channel_label("ru", "pigeon") == "pigeon"


def test_incoming_region_is_stored_as_its_key() -> None:
    fields = {"text": "Ұсыныс", "channel": "web", "region": "Туркестанская область"}
    values = build_record(fields, limits=Limits("secret", 10_000))
    assert values["region"] == "turkistan"
