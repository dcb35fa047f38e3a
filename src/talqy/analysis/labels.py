"""Theme labels: class-based TF-IDF keywords, one label per language (kk, ru, en).

For each language, the members of every theme written in that language are joined into one
"class document"; words are weighted by c-TF-IDF (term frequency in the class, times
``log(1 + average words per class / frequency of the word across classes)``, as in BERTopic).
The label is the top ``label_words`` keywords joined with `` · ``.

When a theme has no members in a language, that language's label falls back to the label of
the language with the most members in the theme (a Russian-only theme shows its Russian
keywords under ``kk`` and ``en`` too). ``keywords`` is the list for that best language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from talqy.analysis.normalization import normalize_text

LANGUAGES = ("kk", "ru", "en")
_WORD = re.compile(r"[^\W\d_]{3,}")

STOPWORDS: dict[str, frozenset[str]] = {
    "kk": frozenset(
        """және мен бен пен үшін туралы бойынша бар жоқ емес болып болады болсын тиіс керек осы
        бұл сол ол біз сіз олар барлық әрбір қажет мүмкін деп дейін кейін арқылы басқа тек
        менің біздің сондай ақ сияқты немесе бірақ яғни өз оның олардың ету етіп етілсін
        енгізу ұсынамын ұсыныс қолдаймын бап бабы бабын бабына бапқа баптың тармақ""".split()  # noqa: SIM905
    ),
    "ru": frozenset(
        """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
        только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если
        уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей
        может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз
        тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом
        один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец
        два об другой хоть после над больше тот через эти нас про всего них какая много
        разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой
        им более всегда конечно всю между предлагаю прошу статья статьи статью статье
        пункт необходимо нужно следует""".split()  # noqa: SIM905
    ),
    "en": frozenset(
        """the of and to in is are be for that this with should must by it not or as we our
        from at an will would have has which who their they its was were been shall may can
        any all no such these those there than then if into other more about what how do
        does please propose article also very need needs""".split()  # noqa: SIM905
    ),
}


@dataclass
class ThemeLabel:
    label: dict[str, str]
    keywords: list[str] = field(default_factory=list)


def words(text: str, language: str) -> list[str]:
    stop = STOPWORDS.get(language, frozenset())
    return [w for w in _WORD.findall(normalize_text(text).casefold()) if w not in stop]


def ctfidf_keywords(
    class_docs: dict[int, Counter[str]], *, top_n: int = 10
) -> dict[int, list[str]]:
    """Top ``top_n`` c-TF-IDF words per class (ties broken alphabetically)."""
    if not class_docs:
        return {}
    across: Counter[str] = Counter()
    for counts in class_docs.values():
        across.update(counts)
    avg = np.mean([sum(c.values()) for c in class_docs.values()]) or 1.0
    out: dict[int, list[str]] = {}
    for theme, counts in class_docs.items():
        total = sum(counts.values()) or 1
        scored = [(-(n / total) * np.log(1 + avg / across[w]), w) for w, n in counts.items()]
        out[theme] = [w for _, w in sorted(scored)[:top_n]]
    return out


def label_themes(
    texts: Sequence[str],
    languages: Sequence[str],
    labels: np.ndarray,
    *,
    label_words: int = 3,
    top_n: int = 10,
) -> dict[int, ThemeLabel]:
    """A label per language and keywords for every theme id >= 0 in ``labels``."""
    themes = sorted({int(t) for t in labels if t >= 0})
    per_lang: dict[str, dict[int, list[str]]] = {}
    members: dict[int, Counter[str]] = {t: Counter() for t in themes}
    for lang in LANGUAGES:
        docs: dict[int, Counter[str]] = {}
        for text, text_lang, theme in zip(texts, languages, labels, strict=True):
            if theme >= 0 and text_lang == lang:
                docs.setdefault(int(theme), Counter()).update(words(text, lang))
                members[int(theme)][lang] += 1
        per_lang[lang] = ctfidf_keywords(docs, top_n=top_n)
    out: dict[int, ThemeLabel] = {}
    for theme in themes:
        ranked = sorted(LANGUAGES, key=lambda lg: (-members[theme][lg], LANGUAGES.index(lg)))
        best = next((lg for lg in ranked if per_lang[lg].get(theme)), None)
        keywords = per_lang[best][theme] if best else []
        label = {}
        for lang in LANGUAGES:
            own = per_lang[lang].get(theme) or keywords
            label[lang] = " · ".join(own[:label_words]) if own else f"#{theme + 1}"
        out[theme] = ThemeLabel(label=label, keywords=keywords)
    return out
