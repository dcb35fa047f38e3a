"""The README of the open-data archive: every file and column described in kk, ru and en."""

from __future__ import annotations

from collections.abc import Mapping

from talqy.i18n import LANGUAGE_NAMES, LANGUAGES

Texts = Mapping[str, str]

FILES: dict[str, Texts] = {
    "systematization": {
        "kk": "Ұсыныстар топтары: не ұсынылды, қанша рет, қандай шешім қабылданды және неге.",
        "ru": "Группы предложений: что предложено, сколько раз, какое решение принято и почему.",
        "en": "Proposal groups: what was proposed, how often, what was decided and why.",
    },
    "proposals": {
        "kk": "Әр ұсыныстың жария көшірмесі (жеке деректерсіз).",
        "ru": "Публичная копия каждого предложения (без персональных данных).",
        "en": "The public copy of every proposal (without personal data).",
    },
    "themes": {
        "kk": "Соңғы жүйелеу нәтижесіндегі тақырыптар.",
        "ru": "Темы последнего прогона систематизации.",
        "en": "Themes of the latest systematization run.",
    },
}

COLUMNS: dict[str, dict[str, Texts]] = {
    "systematization": {
        "group": {"kk": "Топтың кілті", "ru": "Ключ группы", "en": "Group key"},
        "article": {
            "kk": "Топ қатысты жоба бабының нөмірі",
            "ru": "Номер статьи проекта, к которой относится группа",
            "en": "Number of the draft article the group is about",
        },
        "theme": {
            "kk": "Тақырып кілті (themes.csv қараңыз)",
            "ru": "Ключ темы (см. themes.csv)",
            "en": "Theme key (see themes.csv)",
        },
        "campaign": {
            "kk": "Ұйымдастырылған науқанның кілті, болса",
            "ru": "Ключ организованной кампании, если есть",
            "en": "Key of the organised campaign, if any",
        },
        "members": {
            "kk": "Топтағы ұсыныстар саны",
            "ru": "Число предложений в группе",
            "en": "Number of proposals in the group",
        },
        "decision": {
            "kk": "Жарияланған шешім: accepted, partially_accepted, rejected, out_of_scope, "
            "already_covered; бос болса, шешім әлі жарияланбаған",
            "ru": "Опубликованное решение: accepted, partially_accepted, rejected, out_of_scope, "
            "already_covered; пусто, если решение ещё не опубликовано",
            "en": "Published decision: accepted, partially_accepted, rejected, out_of_scope, "
            "already_covered; empty while no decision is published",
        },
        "reasoning_kk": {
            "kk": "Шешімнің негіздемесі, қазақ тілінде",
            "ru": "Обоснование решения на казахском языке",
            "en": "Reasoning of the decision in Kazakh",
        },
        "reasoning_ru": {
            "kk": "Шешімнің негіздемесі, орыс тілінде",
            "ru": "Обоснование решения на русском языке",
            "en": "Reasoning of the decision in Russian",
        },
        "reasoning_en": {
            "kk": "Шешімнің негіздемесі, ағылшын тілінде",
            "ru": "Обоснование решения на английском языке",
            "en": "Reasoning of the decision in English",
        },
        "decision_articles": {
            "kk": "Шешім өзгертетін баптар, нүктелі үтірмен бөлінген",
            "ru": "Статьи, которые меняет решение, через точку с запятой",
            "en": "Articles the decision changes, separated by semicolons",
        },
        "published_at": {
            "kk": "Шешімнің жарияланған уақыты (UTC, ISO 8601)",
            "ru": "Время публикации решения (UTC, ISO 8601)",
            "en": "When the decision was published (UTC, ISO 8601)",
        },
        "text_display": {
            "kk": "Топтың өкіл ұсынысының жария мәтіні",
            "ru": "Публичный текст представительного предложения группы",
            "en": "Public text of the group's representative proposal",
        },
    },
    "proposals": {
        "id": {"kk": "Ұсыныстың нөмірі", "ru": "Номер предложения", "en": "Proposal number"},
        "channel": {
            "kk": "Ұсыныс келген арна",
            "ru": "Канал, по которому поступило предложение",
            "en": "Channel the proposal came through",
        },
        "region": {"kk": "Өңір, көрсетілсе", "ru": "Регион, если указан", "en": "Region, if given"},
        "day": {
            "kk": "Жіберілген күні (UTC, ЖЖЖЖ-АА-КК)",
            "ru": "День подачи (UTC, ГГГГ-ММ-ДД)",
            "en": "Day submitted (UTC, YYYY-MM-DD)",
        },
        "language": {
            "kk": "Мәтін тілі: kk, ru, en немесе und",
            "ru": "Язык текста: kk, ru, en или und",
            "en": "Language of the text: kk, ru, en or und",
        },
        "article": {
            "kk": "Ұсыныс қатысты бап: топтың бабы, әйтпесе автор көрсеткен бап",
            "ru": "Статья предложения: статья группы, иначе указанная автором",
            "en": "Article of the proposal: the group's article, else the one the author named",
        },
        "group": {
            "kk": "Ұсыныстар тобының кілті (systematization.csv)",
            "ru": "Ключ группы предложений (systematization.csv)",
            "en": "Key of the proposal group (systematization.csv)",
        },
        "theme": {
            "kk": "Тақырып кілті (themes.csv)",
            "ru": "Ключ темы (themes.csv)",
            "en": "Theme key (themes.csv)",
        },
        "text_display": {
            "kk": "Ұсыныстың жеке деректері жасырылған жария мәтіні",
            "ru": "Публичный текст предложения со скрытыми персональными данными",
            "en": "Public text of the proposal with personal data masked",
        },
    },
    "themes": {
        "key": {"kk": "Тақырып кілті", "ru": "Ключ темы", "en": "Theme key"},
        "size": {
            "kk": "Тақырыптағы ұсыныстар саны",
            "ru": "Число предложений в теме",
            "en": "Number of proposals in the theme",
        },
        "share": {
            "kk": "Барлық ұсыныстардағы үлесі (0–1)",
            "ru": "Доля от всех предложений (0–1)",
            "en": "Share of all proposals (0–1)",
        },
        "label_kk": {"kk": "Атауы қазақша", "ru": "Название на казахском", "en": "Label in Kazakh"},
        "label_ru": {"kk": "Атауы орысша", "ru": "Название на русском", "en": "Label in Russian"},
        "label_en": {
            "kk": "Атауы ағылшынша",
            "ru": "Название на английском",
            "en": "Label in English",
        },
        "keywords": {
            "kk": "Кілт сөздер, нүктелі үтірмен бөлінген",
            "ru": "Ключевые слова через точку с запятой",
            "en": "Keywords separated by semicolons",
        },
    },
}

INTRO = {
    "kk": "Қоғамдық талқылаудың ашық деректері. Әр файл CSV (UTF-8) және JSON түрінде берілген. "
    "Жеке деректер (аты-жөні, ЖСН, телефон, e-mail, түбіртек коды) жоқ.",
    "ru": "Открытые данные общественного обсуждения. Каждый файл дан в CSV (UTF-8) и JSON. "
    "Персональных данных (ФИО, ИИН, телефон, e-mail, код квитанции) нет.",
    "en": "Open data of the public consultation. Every file comes as CSV (UTF-8) and JSON. "
    "There is no personal data (names, IIN, phone, e-mail, receipt code).",
}


def render_readme(*, consultation: str, title: str, as_of: str | None) -> str:
    """README.md of the archive: one part per language, every column of every file."""
    lines = [f"# {title}", "", f"`{consultation}` · {as_of or '-'}", ""]
    for lang in LANGUAGES:
        lines += [f"## {LANGUAGE_NAMES[lang]}", "", INTRO[lang], ""]
        for name, columns in COLUMNS.items():
            lines += [f"### {name}.csv / {name}.json", "", FILES[name][lang], ""]
            lines += [f"- `{column}`: {texts[lang]}" for column, texts in columns.items()]
            lines.append("")
    return "\n".join(lines)
