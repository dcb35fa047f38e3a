"""Russian typed in Latin letters ("Ya protiv etogo zakonoproekta"): cues and back-transliteration.

People without a Cyrillic keyboard write Russian in an informal, BGN-like transliteration (``zh``,
``kh``, ``ts``, ``ch``, ``sh``, ``shch``, ``ya``, ``yu``, ``y`` for ы/й, ``'`` for ь).
:func:`score_latin_russian` counts the words of a Latin text that look Russian: frequent Russian
words in that spelling and Russian endings ("-ogo", "-aya", "-tsya"), never English words.
:func:`russian_latin_to_cyrillic` writes such a text back in Cyrillic, so that the later stages
(embeddings, stance cues, article references such as "stati 41") see ordinary Russian.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z']+")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]*)*")

#: Frequent Russian words in informal Latin spelling (function words, consultation vocabulary).
RUSSIAN_LATIN_WORDS = frozenset(
    """
    ya my vy ty ona oni ne net eto etot eta etogo etoy etu eti etikh chto kak protiv dlya
    pri ili tak uzhe vse vsyo vsye ochen nado nuzhno mozhno nelzya menya mne nas vas nam vam
    kotoryy kotoraya kotorye bylo byl byla budet yest tolko eshche yeshche kogda gde pochemu
    potomu zakon zakona zakonu zakonom zakonoproekt zakonoproekta zakonoproektu statya statyu
    stati statyi statye punkt punkta punktu predlagayu predlagaem podderzhivayu podderzhivaem
    soglasen soglasna soglasny izmenit izmenenie izmeneniya popravka popravku davno pora
    khorosho plokho pravilno spasibo pozhaluysta narod lyudi grazhdan grazhdane deti detey
    nuzhen nuzhna nuzhny otmenit ubrat dobavit zapret zapretit shtraf shtrafy vopros
    navesti poryadok v vo s so k ko iz ot do po na za bez pod nad pro cherez posle mezhdu
    ego yego ikh yikh yeyo yeye ee svoy svoi svoyu byli mozhet takzhe ochen odin odna
    """.split()  # noqa: SIM905
)
_RUSSIAN_ENDING = re.compile(
    r"(?:ogo|ego|aya|yaya|oye|yye|iye|iyu|tsya|t'sya|ayu|yayu|eniye|eniya|aniye|aniya|stvo"
    r"|skiy|skaya|skogo|nyy|nyye|ykh|ikh|ami|yami|ovat'?|irovat'?|oy|yy|iy|om|ov|ev|yu|oe|enie|anie|ie)$"
)


def _pairs(block: str) -> tuple[tuple[str, str], ...]:
    """``"a б | c д"`` -> ``(("a", "б"), ("c", "д"))``."""
    items = (item.split() for line in block.splitlines() for item in line.split("|"))
    return tuple((item[0], item[1]) for item in items if item)


# Longest match first; per-word rules (word start, after a vowel) are handled in code.
_MULTI = _pairs("shch щ | sch щ | zh ж | kh х | ts ц | ch ч | sh ш | ya я | yu ю | yo ё | ye е")
_END = _pairs("iy ий | yy ый")
_SINGLE = dict(
    _pairs("""
        a а | b б | c ц | d д | e е | f ф | g г | h х | i и | j й | k к | l л | m м | n н
        o о | p п | q к | r р | s с | t т | u у | v в | w в | x кс | z з | ' ь
    """)
)
_VOWELS = set("aeiouy")


def score_latin_russian(text: str, english_words: frozenset[str] = frozenset()) -> int:
    """How many words of a Latin text look like Russian in informal transliteration."""
    low = unicodedata.normalize("NFC", text).lower()
    score = 0
    for token in _TOKEN.findall(low):
        if token in english_words:
            continue
        score += bool(
            token in RUSSIAN_LATIN_WORDS or (len(token) > 4 and _RUSSIAN_ENDING.search(token))
        )
    return score


def _word_to_cyrillic(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        if i == 0 and word[0] == "e":
            out.append("э")
            i += 1
            continue
        rules = _MULTI + (_END if i + 2 == len(word) else ())
        for latin, cyr in rules:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            ch = word[i]
            if ch == "y":
                out.append("й" if i and word[i - 1] in _VOWELS else "ы")
            else:
                out.append(_SINGLE.get(ch, ch))
            i += 1
    return "".join(out)


def russian_latin_to_cyrillic(text: str) -> str:
    """Write Russian typed in Latin letters in Cyrillic (case kept per word's first letter)."""

    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        cyr = _word_to_cyrillic(word.lower())
        return cyr[:1].upper() + cyr[1:] if word[:1].isupper() else cyr

    return re.sub(r"[A-Za-z']+", convert, unicodedata.normalize("NFC", text))
