"""Finding people's names in a proposal text, so the display copy carries none.

Three nets, all on capitalised words (Kazakh, Russian or English):

- **context**: the words after "Менің атым", "Меня зовут", "My name is", "С уважением",
  "Құрметпен", "Regards", "ФИО:" …, and a signature line ("— Жұмабекова Аружан");
- **lexicon**: a first name from :mod:`talqy.intake.name_lexicon` (also with a case ending:
  Аружанның, Ивану);
- **shape**: a surname or patronymic ending (-ов, -ева, -бекова, -ұлы, -қызы, -овна, -ova …).

A run of capitalised words (and initials) that holds a hit is masked whole when it is short (up
to four words); in a longer run only the hits are masked. Names are found to protect people,
so the nets are wide: an occasional ordinary word masked is the accepted price.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from talqy.intake.name_lexicon import CASE_ENDINGS, FIRST_NAMES, NOT_NAMES, SURNAME

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһі"
_WORD = re.compile(
    rf"(?<![\w@.])[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?|(?<![\w@])[{_UPPER}]\."
)
_GAP = re.compile(r"[ \t\u00a0\u2009\u202f]*")
_CONTEXT = re.compile(
    r"(?:(?:менің\s+(?:атым|есімім|аты-жөнім)|меня\s+зовут|мо[её]\s+(?:имя|фамилия)|"
    r"my\s+name\s+is|с\s+уважением|құрметпен|құрметті\s+түрде|regards|sincerely|"
    r"yours\s+(?:truly|faithfully))\s*[:,\-—–]?|"
    r"(?:подпись|қолы|автор|заявитель|өтініш\s+беруші|ф\.?\s?и\.?\s?о\.?|аты-жөні|signed)"
    r"\s*[:\-—–])\s*",
    re.IGNORECASE,
)
_SIGNATURE_DASH = re.compile(r"(?:^|(?<=[.!?)»\"”]))[ \t]*[—–―-][ \t]*", re.MULTILINE)
_LINE_END = re.compile(r"[ \t.!,]*(?:\r?\n|$)")
_SHORT_RUN = 4


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    hit: bool
    initial: bool


def _is_first_name(word: str) -> bool:
    folded = word.casefold()
    if folded in FIRST_NAMES:
        return True
    for ending in CASE_ENDINGS:
        if folded.endswith(ending) and folded[: -len(ending)] in FIRST_NAMES:
            return True
    return False


def _is_name(word: str) -> bool:
    if word.casefold() in NOT_NAMES:
        return False
    return _is_first_name(word) or SURNAME.fullmatch(word) is not None


def _runs(text: str) -> Iterator[list[_Token]]:
    """Runs of capitalised words separated only by spaces."""
    run: list[_Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        initial = word.endswith(".")
        token = _Token(match.start(), match.end(), not initial and _is_name(word), initial)
        if run and _GAP.fullmatch(text, run[-1].end, token.start) is None:
            yield run
            run = []
        run.append(token)
    if run:
        yield run


def _named_run(text: str, run: list[_Token], intros: set[int], dashes: set[int]) -> bool:
    """A run is a name by context: after an introduction, or alone on a signature line."""
    first = run[0].start
    if first in intros:
        return True
    last = run[min(len(run), _SHORT_RUN) - 1]
    return first in dashes and _LINE_END.match(text, last.end) is not None


def _run_spans(run: list[_Token], named: bool) -> Iterator[tuple[int, int]]:
    if named or (len(run) <= _SHORT_RUN and any(token.hit for token in run)):
        words = run[:_SHORT_RUN] if named else run
        yield words[0].start, words[-1].end
        return
    for token in run:
        if token.hit:
            yield token.start, token.end


def find_names(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every name found in ``text``."""
    if not text:
        return []
    intros = {match.end() for match in _CONTEXT.finditer(text)}
    dashes = {match.end() for match in _SIGNATURE_DASH.finditer(text)}
    spans: list[tuple[int, int]] = []
    for run in _runs(text):
        spans.extend(_run_spans(run, _named_run(text, run, intros, dashes)))
    return spans
