"""Cue phrases and prototype sentences for proposal stance (support / oppose / amend), kk/ru/en.

A cue is one or more whole words, matched on case-folded text; a trailing ``*`` makes the last
word a stem ("поддерж*" matches "поддерживаю", "поддержку"), and only a stem matches a longer
word ("add" never matches "addiction"). Cues are listed one group per line, ``|`` between
them, so that the tables stay readable without hand formatting.

- ``SUPPORT`` / ``OPPOSE`` / ``AMEND``: what a sentence says about the measure. Words that only
  describe the topic ("harmful", "зиян", "against addiction") are not cues: arguments *for* a
  ban are full of them. A request to delete a provision counts as opposing it.
- ``YES`` / ``NO``: answer words that open a reply to a yes/no question ("Yes, absolutely ban
  them." supports the measure asked about; "Нет смысла" opposes it).
- ``NEGATORS_BEFORE`` / ``NEGATORS_AFTER``: a negator just before a support or oppose cue (ru,
  en: "не против", "do not oppose", "no objection") or just after it (kk, ru: "қарсы емеспін",
  "қарсылығым жоқ", "возражений нет") turns it into the other label.
- ``CONTRAST`` and ``DIRECTIVE``: "yes, but … should …" asks for a change (amend).

Lexicon changes are tuned on the development sets only (``benchmarks/fixtures/stance_dev_*``,
``stance_proposals.jsonl``, ``stance_heldout.jsonl``), never on ``stance_frozen.jsonl``.
"""

from __future__ import annotations


def _cues(block: str) -> tuple[str, ...]:
    """Cues of a ``|``-separated block (line breaks are separators too)."""
    items = (item.strip() for line in block.splitlines() for item in line.split("|"))
    return tuple(item for item in items if item)


SUPPORT: dict[str, tuple[str, ...]] = {
    "kk": _cues("""
        қолдаймын | қолдаймыз | қолдау керек | қолдау білдір* | құптаймын | құптаймыз
        жақтаймын | жақтаймыз | келісемін | келісеміз | дұрыс шешім | өте дұрыс | дұрыс
        жақсы бастама | жақсы идея | осылай қалдыр*
        өзгеріссіз қалдыр* | қабылдау керек | қабылдансын | уақыты келді | ұнайды | қарсы емес*
    """),
    "ru": _cues("""
        поддерживаю | поддерживаем | одобряю | одобряем | согласен | согласна | согласны
        я за | мы за | только за | полностью за | всецело за | выступаю за | выступаем за
        правильн* | верное решение | хорош* | отличн* | давно пора | пора
        оставить без изменений | оставить как есть | приветствую | приветствуем
        нужно принимать | надо принимать | нравится
    """),
    "en": _cues("""
        i support | we support | support | supportive | i back | we back | back this
        i agree | we agree | agree | agreed | in favour | in favor | welcome | i endorse
        right decision | good step | good idea | great idea
        keep it as it is | keep as is | keep it as drafted | long overdue | go ahead
        about time | great | good | i like | we like | don't object | do not object
    """),
}

OPPOSE: dict[str, tuple[str, ...]] = {
    "kk": _cues("""
        қарсымын | қарсымыз | қарсы дауыс* | оған қарсы | бұған қарсы | заңға қарсы
        қарсылығ* | келіспеймін | келіспейміз | қолдамаймын | қолдамаймыз | құптамаймын
        қабылдамау керек | қабылдауға болмайды | қабылдамаңыз* | қабылданбасын
        қате шешім | әділетсіз | қажет емес | керек емес | қажеті жоқ | керегі жоқ
        жаман идея | жаман ұсыныс | алып тастау | алып тасталсын | алынып тасталсын
        алып тастауды | жойылсын | тоқтатыңыз* | қайшы келеді
    """),
    "ru": _cues("""
        против | не согласен | не согласна | не согласны | не поддерживаю | не поддерживаем
        возражаю | возражаем | возражени* | не принимать | нельзя принимать | отклонить
        отклоните | отменить | ошибк* | ошибочн* | несправедлив* | не нужн* | не надо
        плохая идея | плохое решение | бред | абсурд* | исключить | удалить | убрать
        не принимайте | противореч*
    """),
    "en": _cues("""
        i oppose | we oppose | oppose | opposed | i object | we object | objection
        object to | goes against | go against | do not adopt | don't adopt
        i am against | i'm against | we are against | we're against | totally against
        strongly against | against this | against it | against the law | against the proposal
        against the draft | against the change | against the amendment | against the ban
        against the idea | against such
        i disagree | we disagree | disagree | reject | scrap | scrapped | mistake | unfair
        must not be adopted | should not be adopted | not needed | bad idea | terrible idea
        waste of money | remov* | delet* | abolish*
    """),
}

AMEND: dict[str, tuple[str, ...]] = {
    "kk": _cues("""
        өзгерту керек | өзгертілсін | өзгертуді ұсын* | толықтыру* | толықтырылсын | қосу керек
        қосу қажет
        қосуды | қосылсын | ауыстыру | ауыстырылсын | редакцияда | ұсынамын | ұсынамыз
        енгізу керек | енгізу қажет | енгізілсін | қысқарту | ұзарту | нақтылау | деп жазу
        деп өзгерту | ерекшелік | орнына
    """),
    "ru": _cues("""
        изменить | заменить | дополнить | добавить | изложить | в следующей редакции
        предлагаю | предлагаем | расширить | сократить | уточнить | внести | переформулировать
        исключение для | сделать исключение | вместо | при условии
    """),
    "en": _cues("""
        amend | amended | amending | replac* | add | adding | added | insert* | should read
        read as follows
        i propose | we propose | i suggest | we suggest | extend* | shorten* | reword* | clarif*
        supplement* | should be changed | be changed to
        change the wording | instead | instead of | exemption | exception for
        provided that | as long as
    """),
}

YES: dict[str, tuple[str, ...]] = {
    "kk": _cues("иә | ия | әрине | әлбетте | сөзсіз"),
    "ru": _cues("да | конечно | безусловно | разумеется | однозначно да | ага"),
    "en": _cues("yes | yeah | yep | yes please | of course | definitely | absolutely | sure"),
}

NO: dict[str, tuple[str, ...]] = {
    "kk": _cues("жоқ | әрине жоқ | мүлдем жоқ"),
    "ru": _cues("нет | неа | категорически нет | конечно нет | ни в коем случае | однозначно нет"),
    "en": _cues("""
        no | nope | never | absolutely not | definitely not | of course not | certainly not
        not at all | no way
    """),
}

NEGATORS_BEFORE: tuple[str, ...] = _cues("""
    не | ни | not | no | don't | do not | does not | doesn't | cannot | can't | won't | never
    hardly | nothing to | нечего | нечего было
""")
NEGATORS_AFTER: tuple[str, ...] = _cues("емес* | жоқ | нет")

CONTRAST: tuple[str, ...] = _cues("but | however | но | однако | только | бірақ | алайда | тек")
DIRECTIVE: tuple[str, ...] = _cues("""
    should | must | need | needs | have to | only | give | make | keep | lower | raise | limit
    надо | нужно | необходимо | должн* | следует | стоит | оставить | дать | постепенно
    керек | қажет | тиіс | жөн | берілсін | рұқсат* | ғана
""")

# Labels in order of precedence when the scores tie.
PRECEDENCE: tuple[str, ...] = ("oppose", "amend", "support")

PROTOTYPES: dict[str, tuple[str, ...]] = {
    "support": (
        "Мен бұл нормаға толық қолдау білдіремін, дұрыс шешім.",
        "Полностью поддерживаю эту норму, это правильное решение.",
        "I fully support this provision, it is the right decision.",
    ),
    "oppose": (
        "Мен бұл өзгеріске қарсымын, оны қабылдауға болмайды.",
        "Я против этого изменения, его нельзя принимать.",
        "I am against this change, it must not be adopted.",
    ),
    "amend": (
        "Бапты өзгертіп, жаңа тармақпен толықтыруды ұсынамын.",
        "Предлагаю изменить статью и дополнить её новым пунктом.",
        "I propose to amend the article and add a new paragraph.",
    ),
    "unclear": (
        "Бұл туралы сұрағым бар, түсіндіріп беріңізші.",
        "У меня вопрос, объясните, пожалуйста.",
        "I have a question, could you explain this?",
    ),
}
