"""The regions and cities of national significance of Kazakhstan, named in kk / ru / en.

``weight`` is roughly the population in hundreds of thousands, so bigger regions send more
proposals. ``kk_genitive`` and ``ru_locative`` / ``en_locative`` are the forms the demo phrases
need ("Қарағанды облысының тұрғынымын", "живу в Карагандинской области", "living in ...").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    kk: str
    ru: str
    en: str
    ru_locative: str
    weight: float

    def name(self, language: str) -> str:
        """The region's name in ``language`` (kk, ru or en)."""
        return self.kk if language == "kk" else self.ru if language == "ru" else self.en

    @property
    def kk_genitive(self) -> str:
        # Every Kazakh name ends in "облысы" / "қаласы": the genitive adds "-ның".
        return self.kk + "ның"

    @property
    def en_locative(self) -> str:
        return "in " + self.en


REGIONS: tuple[Region, ...] = (
    Region("abai", "Абай облысы", "область Абай", "Abai Region", "в области Абай", 6.0),
    Region(
        "akmola",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region",
        "в Акмолинской области",
        7.9,
    ),
    Region(
        "aktobe",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region",
        "в Актюбинской области",
        9.3,
    ),
    Region(
        "almaty-region",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
        "в Алматинской области",
        15.0,
    ),
    Region("almaty", "Алматы қаласы", "г. Алматы", "Almaty", "в Алматы", 22.0),
    Region("astana", "Астана қаласы", "г. Астана", "Astana", "в Астане", 14.0),
    Region(
        "atyrau",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region",
        "в Атырауской области",
        7.0,
    ),
    Region(
        "east-kazakhstan",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "в Восточно-Казахстанской области",
        7.2,
    ),
    Region(
        "jambyl",
        "Жамбыл облысы",
        "Жамбылская область",
        "Jambyl Region",
        "в Жамбылской области",
        12.2,
    ),
    Region("jetisu", "Жетісу облысы", "область Жетысу", "Jetisu Region", "в области Жетысу", 7.0),
    Region(
        "west-kazakhstan",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "в Западно-Казахстанской области",
        6.9,
    ),
    Region(
        "karaganda",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        "в Карагандинской области",
        11.3,
    ),
    Region(
        "kostanay",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
        "в Костанайской области",
        8.3,
    ),
    Region(
        "kyzylorda",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
        "в Кызылординской области",
        8.4,
    ),
    Region(
        "mangystau",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        "в Мангистауской области",
        7.8,
    ),
    Region(
        "pavlodar",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region",
        "в Павлодарской области",
        7.5,
    ),
    Region(
        "north-kazakhstan",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "в Северо-Казахстанской области",
        5.3,
    ),
    Region(
        "turkistan",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
        "в Туркестанской области",
        21.0,
    ),
    Region("ulytau", "Ұлытау облысы", "область Улытау", "Ulytau Region", "в области Улытау", 2.2),
    Region("shymkent", "Шымкент қаласы", "г. Шымкент", "Shymkent", "в Шымкенте", 12.5),
)
