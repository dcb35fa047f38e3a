"""A compact lexicon of personal names (Kazakh, Russian, English) and the shapes of surnames.

First names that are also everyday words in a consultation (Азамат "citizen", Мұрат "aim",
Арман "dream", Серік "partner", Вера "faith", Hope, Will, Mark …) are left out on purpose: they
count as a name only next to another name (see :mod:`talqy.intake.names`).
"""

from __future__ import annotations

import re

_KAZAKH = """
Аружан Айгерім Айгерим Айгүл Айгуль Айдана Айжан Айсұлу Айсулу Ақбота Акбота Ақерке Акерке
Ақмарал Әйгерім Әсел Асель Әлия Алия Аида Аяжан Балжан Гүлнар Гульнар Гүлмира Гульмира
Гүлназ Дариға Дарига Динара Жанар Жансая Жұлдызай Зарина Зере Инкар Іңкәр Камила Қаламқас
Ләззат Ляззат Мадина Мақпал Макпал Меруерт Молдир Мөлдір Назерке Назым Нұргүл Нургуль
Перизат Сабина Салтанат Сандуғаш Сауле Сәуле Томирис Толқын Толкын Ұлжан Улжан Ұлпан Улпан
Шынар Әсем Асем Айнұр Айнур Гаухар Жанель Камшат Көркем Раушан Ризвангуль Фариза
Абай Абылай Әбілқайыр Айбек Айдар Айдос Әлібек Алибек Әлихан Алихан Алмас Амангелді Аманжол
Арлан Асқар Аскар Асхат Бауыржан Бекзат Бекжан Болат Дамир Данияр Даулет Дәулет Досжан Ержан
Еркебұлан Ерлан Ермек Ернар Ерболат Ерсұлтан Жандос Жанболат Жасұлан Қайрат Кайрат Қанат
Канат  Марат Медет Мейрамбек Мұхтар Мухтар Нұрбол Нурбол Нұрлан Нурлан Нұрсұлтан
Нурсултан Олжас Рүстем Рустем Самат Санжар Сұлтан Султан Тимур Темірлан Темирлан Ұлан Шыңғыс
Чингиз Ілияс Ильяс Дидар Елдос Ерасыл Нұржан Нуржан Әлішер Алишер Бахытжан Бақытжан Ғалым Галым
Жомарт Қуаныш Куаныш Мирас Мұхамеджан Талғат Талгат Төлеген Тулеген Шерхан Ербол Аслан
"""
_RUSSIAN = """
Александр Алексей Анатолий Андрей Антон Аркадий Артём Артем Борис Вадим Валентин Валерий
Василий Виктор Виталий Владимир Владислав Вячеслав Геннадий Георгий Григорий Дмитрий Евгений
Егор Иван Игорь Илья Кирилл Константин Леонид Максим Михаил Никита Николай Олег Павел Пётр
Петр Роман Руслан Сергей Станислав Степан Тимофей Фёдор Федор Юрий Ярослав Александра Алёна
Алена Алина Алла Анастасия Ангелина Анна Валентина Валерия Варвара Галина Дарья Диана Евгения
Екатерина Елена Елизавета Жанна Зоя Ирина Карина Кристина Ксения Лариса Лидия Людмила Маргарита
Марина Мария Наталья Наталия Нина Оксана Ольга Полина Светлана Софья София Таисия Тамара
Татьяна Ульяна Юлия Яна
"""
_ENGLISH = """
Aruzhan Aigerim Nurlan Yerlan Askar Dauren Madina Dinara Saule Zhanar Bauyrzhan Timur Daniyar
Aliya Asel Yerzhan Kanat Kairat Nursultan Olzhas Sultan Alexander Alexey Andrey Dmitry Sergey
Ivan Natalia Olga Elena Tatiana Irina Svetlana Anna Maria Ekaterina Yulia
James John Robert Michael David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon
Benjamin Samuel Gregory Alexander Patrick Jack Dennis Jerry Tyler Aaron Henry Peter Mary
Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret
Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie
Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen
Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Maria Heather Diane Olivia
"""
FIRST_NAMES = frozenset(name.casefold() for name in (_KAZAKH + _RUSSIAN + _ENGLISH).split())

_SURNAME_ENDINGS_CYRILLIC = r"(?:ов|ова|ев|ева|ёв|ёва|ұлы|қызы|кызы|ович|овна|евич|евна|ична)"
_SURNAME_ENDINGS_LATIN = r"(?:ov|ova|ev|eva|uly|kyzy|ovich|ovna|evich|evna|ichna)"
SURNAME = re.compile(
    rf"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{{2,}}{_SURNAME_ENDINGS_CYRILLIC}"
    rf"|[A-Z][a-z]{{2,}}{_SURNAME_ENDINGS_LATIN}"
)
"""A capitalised word with a surname or patronymic ending (-ов, -ева, -ұлы, -қызы, -ovna…)."""

_NOT_NAMES = """Киев Саратов Ростов Харьков Львов Псков Тамбов Азов Кишинёв Кишинев Королёв
Королев Kiev Rostov Saratov Kharkov Lvov Moldova Президентов Депутатов Судов Органов Министров
Законов
Кодексов Народов Регионов Городов Районов Банков Штрафов Налогов Специалистов Работников
Сотрудников Членов Чиновников Маслихатов Сенаторов Прокуроров Адвокатов Студентов Пенсионеров
Инвалидов Вопросов Договоров Документов Проектов Языков Этносов Видов Рисков Доходов Расходов
Товаров Субъектов Объектов Институтов Фондов Советов Комитетов Граждан Формулов"""
NOT_NAMES = frozenset(word.casefold() for word in _NOT_NAMES.split())
"""Places and plural nouns that look like surnames."""

_ENDINGS = """ның нің дың дің тың тің ға ге қа ке на не да де та те дан ден тан тен нан нен ды ді
ты ті ны ні а у ом ем ой ей ым е ы и ою ею"""
CASE_ENDINGS = tuple(sorted(set(_ENDINGS.split()), key=len, reverse=True))
"""Kazakh and Russian case endings a first name may carry (Аружанның, Ивану)."""
