"""The regions and cities of national significance of Kazakhstan, as the demo draws them.

The codes and kk / ru / en names are those of :data:`talqy.sessions.vocabulary.REGIONS` (the one
list of the country's regions); this module adds what only the demo needs. ``weight`` is roughly
the population in hundreds of thousands, so bigger regions send more proposals.
``kk_genitive`` and ``ru_locative`` / ``en_locative`` are the forms the demo phrases need
("Қарағанды облысының тұрғынымын", "живу в Карагандинской области", "living in ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from talqy.sessions.vocabulary import REGIONS as REGION_NAMES


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


# Region code: the Russian locative ("в ...") and the weight, in the demo's drawing order.
_DEMO_FORMS: dict[str, tuple[str, float]] = {
    "abai": ("в области Абай", 6.0),
    "akmola": ("в Акмолинской области", 7.9),
    "aktobe": ("в Актюбинской области", 9.3),
    "almaty-region": ("в Алматинской области", 15.0),
    "almaty": ("в Алматы", 22.0),
    "astana": ("в Астане", 14.0),
    "atyrau": ("в Атырауской области", 7.0),
    "east-kazakhstan": ("в Восточно-Казахстанской области", 7.2),
    "jambyl": ("в Жамбылской области", 12.2),
    "jetisu": ("в области Жетісу", 7.0),
    "west-kazakhstan": ("в Западно-Казахстанской области", 6.9),
    "karaganda": ("в Карагандинской области", 11.3),
    "kostanay": ("в Костанайской области", 8.3),
    "kyzylorda": ("в Кызылординской области", 8.4),
    "mangystau": ("в Мангистауской области", 7.8),
    "pavlodar": ("в Павлодарской области", 7.5),
    "north-kazakhstan": ("в Северо-Казахстанской области", 5.3),
    "turkistan": ("в Туркестанской области", 21.0),
    "ulytau": ("в области Ұлытау", 2.2),
    "shymkent": ("в Шымкенте", 12.5),
}

REGIONS: tuple[Region, ...] = tuple(
    Region(code, *REGION_NAMES[code], ru_locative, weight)
    for code, (ru_locative, weight) in _DEMO_FORMS.items()
)
