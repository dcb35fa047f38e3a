"""Closed vocabularies of sessions and foresight, with names in kk / ru / en.

Session kinds, member roles, assignment statuses, the default four-level priority scale, the
regions of Kazakhstan and the foresight sectors. Regions and sectors are stored as codes; an
unknown code (a region or sector a programme adds) is shown as it is.
"""

from __future__ import annotations

__all__ = [
    "ASSIGNMENT_STATUSES",
    "ASSIGNMENT_STATUS_NAMES",
    "ATTENDANCE_STATUSES",
    "DEFAULT_PRIORITIES",
    "MEMBER_ROLES",
    "REGIONS",
    "SECTORS",
    "SESSION_KINDS",
    "name_of",
]

SESSION_KINDS = (
    "commission",
    "working_group",
    "public_hearing",
    "foresight_regional",
    "foresight_sectoral",
    "regional_council",
)
MEMBER_ROLES = ("chair", "deputy_chair", "secretary", "member")
ATTENDANCE_STATUSES = ("present", "remote", "absent")
ASSIGNMENT_STATUSES = ("planned", "active", "completed", "suspended")

Names = tuple[str, str, str]  # kk, ru, en

DEFAULT_PRIORITIES: dict[int, Names] = {
    1: ("Ұлттық стратегиялық", "Национальный стратегический", "National strategic"),
    2: ("Салалық", "Отраслевой", "Sectoral"),
    3: ("Өңірлік", "Региональный", "Regional"),
    4: ("Іздестіру", "Поисковый", "Exploratory"),
}

REGIONS: dict[str, Names] = {
    "national": ("Республикалық", "Республиканский", "National"),
    "abai": ("Абай облысы", "область Абай", "Abai Region"),
    "akmola": ("Ақмола облысы", "Акмолинская область", "Akmola Region"),
    "aktobe": ("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    "almaty-region": ("Алматы облысы", "Алматинская область", "Almaty Region"),
    "almaty": ("Алматы қаласы", "г. Алматы", "Almaty"),
    "astana": ("Астана қаласы", "г. Астана", "Astana"),
    "atyrau": ("Атырау облысы", "Атырауская область", "Atyrau Region"),
    "east-kazakhstan": (
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
    ),
    "jambyl": ("Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    "jetisu": ("Жетісу облысы", "область Жетісу", "Jetisu Region"),
    "west-kazakhstan": (
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
    ),
    "karaganda": ("Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    "kostanay": ("Қостанай облысы", "Костанайская область", "Kostanay Region"),
    "kyzylorda": ("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    "mangystau": ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    "pavlodar": ("Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    "north-kazakhstan": (
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
    ),
    "turkistan": ("Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    "ulytau": ("Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
    "shymkent": ("Шымкент қаласы", "г. Шымкент", "Shymkent"),
}

ASSIGNMENT_STATUS_NAMES: dict[str, Names] = {
    "planned": ("Жоспарланған", "Запланировано", "Planned"),
    "active": ("Орындалуда", "Выполняется", "Active"),
    "completed": ("Аяқталған", "Завершено", "Completed"),
    "suspended": ("Тоқтатылған", "Приостановлено", "Suspended"),
}

SECTORS: dict[str, Names] = {
    "energy": ("Энергетика", "Энергетика", "Energy"),
    "water": ("Су ресурстары", "Водные ресурсы", "Water"),
    "agriculture": ("Ауыл шаруашылығы", "Сельское хозяйство", "Agriculture"),
    "digital": ("Цифрландыру", "Цифровизация", "Digital"),
    "health": ("Денсаулық сақтау", "Здравоохранение", "Health"),
    "materials": ("Жаңа материалдар", "Новые материалы", "Materials"),
    "ecology": ("Экология", "Экология", "Ecology"),
    "space": ("Ғарыш", "Космос", "Space"),
    "transport": ("Көлік және логистика", "Транспорт и логистика", "Transport"),
    "education": ("Білім беру", "Образование", "Education"),
}

_INDEX = {"kk": 0, "ru": 1, "en": 2}


def name_of(vocabulary: dict[str, Names], code: str | None, language: str) -> str:
    """The name of ``code`` in ``language``; an unknown code is returned unchanged."""
    if code is None:
        return ""
    names = vocabulary.get(code)
    return names[_INDEX.get(language, 2)] if names else code
