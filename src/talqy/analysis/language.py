"""Language (kk / ru / en / und) and script (Cyrl / Latn / mixed / none) of proposals.

Cyrillic text is decided by ``lingua`` restricted to Kazakh, Russian and English, helped by the
letters only Kazakh has (``ә ғ қ ң ө ұ ү һ і``). ``lingua`` knows Kazakh only in Cyrillic and
calls Latin-script Kazakh English, so Latin text is decided by cues instead: letters of the
Kazakh Latin alphabets (``ä ğ ñ ş ı``, ``á ǵ ń ý``, ``a' g' n'``), ``q`` outside English ``qu``,
Kazakh suffixes and common Kazakh words (in every Latin spelling) against English function words;
on a tie, ``lingua`` judges the text transliterated to Cyrillic. Kazakh in Latin script is
returned back-transliterated to Cyrillic (:func:`latin_to_cyrillic`), so later stages see one
script per language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from talqy.analysis.normalization import normalize_text
from talqy.analysis.registry import constructor_params
from talqy.analysis.russian_latin import (
    RUSSIAN_LATIN_WORDS,
    russian_latin_to_cyrillic,
    score_latin_russian,
)
from talqy.analysis.transliteration import cyrillic_to_latin, latin_to_cyrillic
from talqy.errors import ConfigError, InvalidInput

LanguageCode = Literal["kk", "ru", "en", "und"]
Script = Literal["Cyrl", "Latn", "mixed", "none"]

_KK_LETTERS = set("әғқңөұүһі")
_KK_LATIN_LETTERS = set("äğñöūüşçıáǵńóúý")
_APOSTROPHE_LETTER = re.compile(r"[agnouciy]'(?=\w)|[agnouiy]'(?!\w)|s'(?=\w)")
_Q_NOT_ENGLISH = re.compile(r"q(?!u[aeio])")
_CYR_WORD = re.compile(r"[\u0400-\u04FF]+")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]*)*")
_KK_SUFFIX = re.compile(
    r"(?:lyq|lıq|lik|lık|dyq|tyq|dik|tik|nyñ|nıñ|niñ|dyñ|tyñ|nyń|niń|dyń|tyń|nyng|dyng|tyng"
    r"|ymyz|imiz|ımız|myz|miz|ymyn|imin|syz|sız|siz|lary|leri|dary|deri|tary|teri"
    r"|ğa|ğe|qa|ǵa|ǵe|dan|den|nan|nen|tan|ten|uğa|ýǵa)$"
)
# Frequent Kazakh words, in Cyrillic; their Latin spellings are generated.
_KK_WORDS_CYR = tuple(
    """
және мен үшін туралы бойынша бар жоқ емес болып болады болсын тиіс керек осы бұл сол ол біз
сіз олар барлық әрбір әр қажет мүмкін деп дейін кейін арқылы басқа жаңа тек да де та те ма ме
қазақстан республикасы республикасының заң заңы заңмен бап бабы бабын бабына бапқа баптың
тармақ тармағы тармағын конституция конституцияның азамат азаматтар азаматтардың құқық
құқығы құқықтары мемлекет мемлекеттік халық халқы ұсынамын ұсыныс қолдаймын қарсымын
өзгерту өзгертілсін алып тастау енгізу толықтыру сайлау президент парламент жер тіл тілі
қазақ ана біздің менің сайланады тағайындайды жатады береді етеді алады иә ия әрине келісемін
қарсы емеспін келіспеймін қолдамаймын дұрыс жоба жобасы
""".split()  # noqa: SIM905
)
_EN_WORDS = set(
    """
the of and to in is are be for that this with should must by it not or as we i our from at an
will would have has which who their they its was were been shall may can any all no such these
those there than then if into other more about what how do does please support oppose propose
article law right rights people citizens state constitution president parliament a you my me
""".split()  # noqa: SIM905
)


def _kazakh_latin_words() -> frozenset[str]:
    words: set[str] = set()
    for word in _KK_WORDS_CYR:
        for alphabet in ("2017", "2018", "2021", "informal"):
            words.add(cyrillic_to_latin(word, alphabet))
    return frozenset(words - _EN_WORDS)


_KK_LATIN_WORDS = _kazakh_latin_words()
_EN_WORDS_FROZEN = frozenset(_EN_WORDS)


@dataclass(frozen=True)
class LanguageResult:
    """Language and script of one text, and the text to analyse further.

    ``text`` is normalised; Kazakh written in Latin script is back-transliterated to Cyrillic.
    """

    language: LanguageCode
    script: Script
    text: str


def _letter_script(ch: str) -> str:
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("LATIN"):
        return "Latn"
    return "other"


def count_script_letters(text: str) -> tuple[int, int]:
    """Cyrillic and Latin letter counts of already normalised ``text``."""
    cyr = lat = 0
    for ch in text:
        script = _letter_script(ch)
        cyr += script == "Cyrl"
        lat += script == "Latn"
    return cyr, lat


def detect_script(text: str, *, minority: float = 0.2) -> Script:
    """``Cyrl``/``Latn`` when one script has all but ``minority`` of the letters.

    Latin look-alike letters inside Cyrillic words are mapped to Cyrillic first
    (:func:`normalize_text`), so a homoglyph does not make a text mixed.
    """
    cyr, lat = count_script_letters(normalize_text(text))
    total = cyr + lat
    if total == 0:
        return "none"
    if lat <= minority * total:
        return "Cyrl"
    if cyr <= minority * total:
        return "Latn"
    return "mixed"


@functools.lru_cache(maxsize=2)
def _lingua_detector(low_accuracy: bool) -> Any:
    """Build the lingua detector once per process (it is slow to build)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ConfigError("language detection needs 'lingua-language-detector'") from exc
    builder = LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH
    )
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


_LINGUA_CODES = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}


def lingua_confidences(text: str, *, low_accuracy: bool = False) -> dict[str, float]:
    """``{"kk": p, "ru": p, "en": p}`` from lingua."""
    detector = _lingua_detector(low_accuracy)
    values = detector.compute_language_confidence_values(text)
    out = {"kk": 0.0, "ru": 0.0, "en": 0.0}
    for value in values:
        out[_LINGUA_CODES[value.language.name]] = float(value.value)
    return out


def score_latin_kazakh(text: str) -> tuple[int, int]:
    """Kazakh and English cue counts of a Latin-script text (lower-cased inside)."""
    low = unicodedata.normalize("NFC", text).lower()
    tokens = _TOKEN.findall(low)
    english = sum(token in _EN_WORDS for token in tokens)
    kazakh = 0
    for token in tokens:
        kazakh += bool(
            token in _KK_LATIN_WORDS
            or set(token) & _KK_LATIN_LETTERS
            or _APOSTROPHE_LETTER.search(token + " ")
            or _Q_NOT_ENGLISH.search(token)
            or (len(token) > 4 and _KK_SUFFIX.search(token))
        )
    return kazakh, english


@dataclass(kw_only=True, eq=False, repr=False)
class LanguageDetector:
    """Language and script of each text; Latin Kazakh back-transliterated to Cyrillic.

    ``min_letters``: texts with fewer letters are ``und``. ``low_accuracy``: lingua's faster
    mode (uses only trigrams). ``kazakh_letter_share``: a Cyrillic text where at least this
    share of letters are Kazakh-only letters is Kazakh when lingua hesitates towards Russian.
    ``russian_word_share``: a text lingua calls Kazakh is Russian when at least this share of its
    words has no Kazakh letter and those words alone are confidently Russian (Kazakh proper names
    inside Russian sentences).
    """

    min_letters: int = 3
    low_accuracy: bool = False
    kazakh_letter_share: float = 0.04
    russian_word_share: float = 0.6
    latin_cue_share: float = 0.1

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return constructor_params(self, deep=deep)

    def fit(self, texts: Sequence[str] | None = None, y: Any = None) -> LanguageDetector:
        """Validate the parameters and build the lingua detector (cached per process)."""
        if not isinstance(self.min_letters, int) or self.min_letters < 1:
            raise InvalidInput("min_letters must be a positive integer", field="min_letters")
        if not 0.0 < self.kazakh_letter_share <= 1.0:
            raise InvalidInput("kazakh_letter_share must be in (0, 1]", field="kazakh_letter_share")
        self.detector_ = _lingua_detector(bool(self.low_accuracy))
        return self

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the native lingua detector (Dask workers rebuild it on first use)."""
        state = dict(self.__dict__)
        state.pop("detector_", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def transform(self, texts: Sequence[str]) -> list[LanguageResult]:
        """One :class:`LanguageResult` per text."""
        if not hasattr(self, "detector_"):
            self.fit()
        if isinstance(texts, str):
            raise InvalidInput("expected a sequence of texts, got one string", field="texts")
        return [self._detect_one(text) for text in texts]

    def _detect_one(self, raw: str) -> LanguageResult:
        if not isinstance(raw, str):
            raise InvalidInput("every text must be a string", field="texts")
        text = normalize_text(raw)
        cyr, lat = count_script_letters(text)
        script = detect_script(text)
        if cyr + lat < self.min_letters:
            return LanguageResult("und", script, text)
        if cyr >= lat:
            return LanguageResult(self._cyrillic_language(text, cyr), script, text)
        return self._latin_result(text, script)

    def _cyrillic_language(self, text: str, cyr: int) -> LanguageCode:
        scores = lingua_confidences(text, low_accuracy=self.low_accuracy)
        kk_letters = sum(ch in _KK_LETTERS for ch in text.lower())
        if scores["kk"] < scores["ru"] and kk_letters < max(1.0, self.kazakh_letter_share * cyr):
            return "ru"
        # Kazakh names inside Russian text ("Қазақстан Халық Кеңесі формируется ...") pull
        # towards Kazakh: judge the words without Kazakh letters on their own.
        words = _CYR_WORD.findall(text)
        plain = [w for w in words if not set(w.lower()) & _KK_LETTERS]
        if len(plain) >= 3 and len(plain) >= self.russian_word_share * len(words):
            rest = lingua_confidences(" ".join(plain), low_accuracy=self.low_accuracy)
            if rest["ru"] > 0.9:
                return "ru"
        return "kk"

    def _latin_result(self, text: str, script: Script) -> LanguageResult:
        """English unless the text is Kazakh or Russian with confidence (see the module doc)."""
        words = _TOKEN.findall(text.lower())
        kazakh, english = score_latin_kazakh(text)
        russian = score_latin_russian(text, _EN_WORDS_FROZEN)
        # words that are Russian as well ("i", "a", "no", "to") do not count as English
        plain_english = english - sum(w in _EN_WORDS and w in RUSSIAN_LATIN_WORDS for w in words)
        needed = 1 if len(words) <= 2 else max(2, round(self.latin_cue_share * len(words)))
        if kazakh > english and kazakh >= russian and kazakh >= needed:
            cyrillic = latin_to_cyrillic(text)
            if lingua_confidences(cyrillic, low_accuracy=self.low_accuracy)["kk"] >= 0.5:
                return LanguageResult("kk", script, cyrillic)
        if russian > plain_english and russian > kazakh and russian >= needed:
            cyrillic = russian_latin_to_cyrillic(text)
            scores = lingua_confidences(cyrillic, low_accuracy=self.low_accuracy)
            if scores["ru"] > scores["kk"]:
                return LanguageResult("ru", script, cyrillic)
        return LanguageResult("en", script, text)


_DEFAULT = LanguageDetector()


def detect_language(text: str) -> LanguageResult:
    """Language and script of one text with the default :class:`LanguageDetector`."""
    return _DEFAULT.transform([text])[0]
