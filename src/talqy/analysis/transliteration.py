"""Kazakh Latin ↔ Cyrillic transliteration.

Citizens write Kazakh in several Latin alphabets: the 2017 "apostrophe" alphabet (``a'``,
``g'``, ``n'``, ``s'``, ``c'`` …), the 2018 acute alphabet (``á ǵ ń ó ú ý``), the 2021 alphabet
(``ä ğ ñ ö ū ü ş ç ı``) and informal chat spellings (``sh``, ``ch``, ``zh``, ``gh``, ``ng``,
``q``, ``w``). :func:`latin_to_cyrillic` reads all of them with one longest-match table; where a
Latin letter is ambiguous, the alphabet is guessed from the letters the whole text uses (a text
with ``ı``/``ş``/``ğ`` is 2021, with acute letters 2018, otherwise informal).

:func:`cyrillic_to_latin` writes one of the alphabets; it is used to build evaluation data.
The mapping is lossy (``и``/``й`` share a letter in 2021, ``х``/``һ`` everywhere), so a round
trip is close but not exact; the evaluation measures how close.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Alphabet = Literal["2017", "2018", "2021", "informal"]


def _table(block: str) -> dict[str, str]:
    """``"а=a б=b ъ="`` -> ``{"а": "a", "б": "b", "ъ": ""}`` (space-separated ``key=value``)."""
    return dict(item.split("=", 1) for item in block.split())


_VOWELS_CYR = set("аәеёиоөұүуыіэюя")
_VOWELS_LAT = set("aäáeioöóuūüúyıýw")

# Cyrillic -> Latin, per alphabet (lowercase; case is restored letter by letter).
_COMMON = _table(
    """
        а=a б=b в=v г=g д=d е=e ж=j з=z к=k қ=q л=l м=m н=n о=o п=p р=r с=s т=t ф=f х=h һ=h
        ц=ts ы=y ъ= ь= э=e
    """
)
_TO_LATIN: dict[str, dict[str, str]] = {
    "2021": _COMMON
    | _table(
        """
            ә=ä ғ=ğ и=i й=i ң=ñ ө=ö у=u ұ=ū ү=ü ч=ç ш=ş щ=şş і=ı ё=io ю=iu я=ia
        """
    ),
    "2018": _COMMON
    | _table(
        """
            ә=á ғ=ǵ и=ı й=ı ң=ń ө=ó у=ý ұ=u ү=ú ч=ch ш=sh щ=sh і=i ё=ıo ю=ıý я=ıa
        """
    ),
    "2017": _COMMON
    | _table(
        """
            ә=a' ғ=g' и=i' й=i' ң=n' ө=o' у=y' ұ=u ү=u' ч=c' ш=s' щ=s' і=i ё=i'o ю=i'y'
            я=i'a
        """
    ),
    "informal": _COMMON
    | _table(
        """
            ж=zh х=kh ә=a ғ=gh и=i й=i ң=ng ө=o у=u ұ=u ү=u ч=ch ш=sh щ=sh і=i ё=yo ю=yu
            я=ya
        """
    ),
}

# Latin -> Cyrillic. Multi-letter keys are tried first (longest match).
# 2017 apostrophe letters; digraphs of informal and 2018 spelling; 2021 letters; 2018 letters;
# plain letters
_FROM_LATIN_BASE: dict[str, str] = _table(
    """
        a'=ә g'=ғ n'=ң o'=ө u'=ү s'=ш c'=ч i'=и y'=у shch=щ sh=ш ch=ч zh=ж gh=ғ kh=х ts=ц
        yo=ё yu=ю ya=я iu=ю ia=я io=ё ä=ә ğ=ғ ñ=ң ö=ө ū=ұ ü=ү ş=ш ç=ч ı=і á=ә ǵ=ғ ń=ң ó=ө
        ú=ү ý=у a=а b=б c=ц d=д e=е f=ф g=г h=х i=і j=ж k=к l=л m=м n=н o=о p=п q=қ r=р s=с
        t=т u=у v=в w=у x=кс y=ы z=з
    """
)
# Letters whose reading depends on the alphabet the text is written in.
_BY_ALPHABET: dict[str, dict[str, str]] = {
    "2021": {"i": "и", "u": "у"},
    "2018": {"i": "і", "ı": "и", "u": "ұ", "ıa": "я", "ıý": "ю", "ıo": "ё"},
    "2017": {"i": "і", "u": "ұ", "c": "ц", "i'a": "я", "i'y'": "ю", "i'o": "ё"},
    "informal": {"i": "і", "u": "у", "ng": "ң", "ngh": "ңғ"},
}
_MARK_2021 = set("äğñöūüşçı")
_MARK_2018 = set("áǵńóúý")
_APOSTROPHE = re.compile(r"[agnousciy]'", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-zA-Z\u00C0-\u024F']+")
_HAS_LATIN = re.compile(r"[a-zA-Z\u00C0-\u024F]")


def guess_alphabet(text: str) -> Alphabet:
    """Which Kazakh Latin alphabet ``text`` most likely uses (by its distinctive letters)."""
    letters = set(unicodedata.normalize("NFC", text).lower())
    # ``ı`` is і in 2021 but и/й in 2018, so it decides only when nothing else does
    n2021, n2018 = len(letters & (_MARK_2021 - {"ı"})), len(letters & _MARK_2018)
    if n2018 > n2021:
        return "2018"
    if n2021 or "ı" in letters:
        return "2021"
    if _APOSTROPHE.search(text):
        return "2017"
    return "informal"


def cyrillic_to_latin(text: str, alphabet: Alphabet = "2021") -> str:
    """Write Cyrillic Kazakh ``text`` in a Latin ``alphabet`` (other characters are kept)."""
    try:
        table = _TO_LATIN[alphabet]
    except KeyError:
        from talqy.errors import InvalidInput

        raise InvalidInput(f"unknown alphabet {alphabet!r}", field="alphabet") from None
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        latin = table.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def _build_table(alphabet: Alphabet) -> tuple[dict[str, str], int]:
    table = dict(_FROM_LATIN_BASE)
    table.update(_BY_ALPHABET[alphabet])
    if alphabet != "2017":
        # outside the apostrophe alphabet an apostrophe is punctuation
        for key in [k for k in table if k.endswith("'")]:
            del table[key]
    if alphabet == "2021":
        # 2021 spells ш ч ғ with their own letters; ``sh`` is с+һ, ``ts`` ц, ``ia`` я
        for key in ("sh", "ch", "zh", "gh", "kh", "shch"):
            table.pop(key, None)
    if alphabet != "informal":
        for key in ("yo", "yu", "ya"):
            table.pop(key, None)
    return table, max(len(k) for k in table)


_TABLES = {a: _build_table(a) for a in ("2017", "2018", "2021", "informal")}


def _lower_keep_length(word: str) -> str:
    """Lower-case letter by letter, so indexes into the word stay valid (``İ`` lowers to 2)."""
    return "".join(ch.lower()[0] for ch in word)


def _convert_word(word: str, table: dict[str, str], longest: int, alphabet: Alphabet) -> str:
    low = _lower_keep_length(word)
    out: list[str] = []
    i = 0
    while i < len(low):
        for size in range(min(longest, len(low) - i), 0, -1):
            piece = low[i : i + size]
            if piece == "ts" and low[i + 2 : i + 3] in ("h", "'"):
                continue  # т + ш (``tsh``, ``ts'a``), not ц
            if piece in table:
                cyr = _adjust(piece, table[piece], low, i, size, alphabet)
                if word[i].isupper() and cyr:
                    cyr = cyr[0].upper() + cyr[1:]
                out.append(cyr)
                i += size
                break
        else:
            out.append(word[i] if word[i] != "'" else "")
            i += 1
    return "".join(out)


def _adjust(piece: str, cyr: str, word: str, i: int, size: int, alphabet: Alphabet) -> str:
    """Context rules: ``й`` after a vowel, ``ts`` before ``i``/``e`` is ``ц``, ``ng`` is ``ң``."""
    prev = word[i - 1] if i > 0 else ""
    if prev == "'" and i > 1:
        prev = word[i - 2]
    nxt = word[i + size] if i + size < len(word) else ""
    after_vowel = prev in _VOWELS_LAT
    before_vowel = nxt in _VOWELS_LAT
    if cyr == "и" and after_vowel:
        return "й"
    # informal "bay", "qoi", "boiynsha" are бай, қой, бойынша; but "tuy" is туы
    informal_glide = piece == "i" or (piece == "y" and not before_vowel)
    if alphabet == "informal" and prev and prev in "aeoä" and informal_glide:
        return "й"
    if piece == "ts" and not (nxt == "e" or (nxt in "iı" and word[i + 3 : i + 4] not in "zs")):
        return "тс"  # ``-tsiz`` (-тсіз) and most ``ts`` are т + с; ``tsia``/``tse`` are ц
    if piece == "ng" and before_vowel:
        return "нг"
    return cyr


def latin_to_cyrillic(text: str, alphabet: Alphabet | None = None) -> str:
    """Back-transliterate Kazakh written in any Latin alphabet to Cyrillic.

    Words without Latin letters are kept as they are; ``alphabet`` defaults to
    :func:`guess_alphabet` of the whole text.
    """
    text = unicodedata.normalize("NFC", text)
    if not _HAS_LATIN.search(text):
        return text
    chosen: Alphabet = alphabet or guess_alphabet(text)
    table, longest = _TABLES[chosen]

    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        lead = word[: len(word) - len(word.lstrip("'"))]
        core = word[len(lead) :]
        if chosen != "2017" or not re.search(r"[agnousciy]'+$", core, re.IGNORECASE):
            core = core.rstrip("'")
        tail = word[len(lead) + len(core) :]
        return lead + _convert_word(core, table, longest, chosen) + tail

    return _LATIN_WORD.sub(convert, text)
