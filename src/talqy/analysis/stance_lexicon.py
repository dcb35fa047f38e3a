"""Cue phrases and prototype sentences for proposal stance (support / oppose / amend), kk/ru/en.

Cues are matched on case-folded text at word starts, so a stem ("поддерж") matches its forms.

A request to delete a provision counts as opposing it. Negated support ("не поддерживаю",
"қолдамаймын", "do not support") is listed under ``oppose`` and wins over the plain support cue
it contains.
"""

from __future__ import annotations

SUPPORT: dict[str, tuple[str, ...]] = {
    "kk": (
        "қолдаймын", "қолдаймыз", "қолдау керек", "құптаймын", "құптаймыз", "жақтаймын",
        "жақтаймыз", "келісемін", "келісеміз", "дұрыс шешім", "өте дұрыс", "дұрыс", "жақсы",
        "осылай қалдыр", "өзгертпеу", "өзгеріссіз қалдыр", "қолдау білдір",
    ),
    "ru": (
        "поддерживаю", "поддерживаем", "одобряю", "одобряем", "согласен", "согласна",
        "согласны", "я за", "мы за", "выступаю за", "выступаем за", "правильн", "верное решение",
        "хорош", "оставить без изменений", "оставить как есть", "приветствую", "полностью за",
    ),
    "en": (
        "i support", "we support", "support", "i agree", "we agree", "agree with",
        "in favour", "in favor", "welcome", "right decision", "good step", "good idea",
        "keep it as it is", "keep as is", "great", "endorse",
    ),
}  # fmt: skip

OPPOSE: dict[str, tuple[str, ...]] = {
    "kk": (
        "қарсымын", "қарсымыз", "қарсы дауыс", "оған қарсы", "келіспеймін", "келіспейміз",
        "қолдамаймын", "қолдамаймыз", "қабылдамау керек", "қабылдауға болмайды", "қабылдамаңыз",
        "қате шешім", "әділетсіз", "қажет емес", "керек емес", "зиян", "алып тастау",
        "алып тасталсын", "алынып тасталсын", "алып тастауды",
    ),
    "ru": (
        "против", "не согласен", "не согласна", "не согласны", "не поддерживаю",
        "не поддерживаем", "возражаю", "возражаем", "не принимать", "нельзя принимать",
        "отклонить", "ошибка", "несправедлив", "не нужн", "вредн", "исключить", "удалить", "убрать",
    ),
    "en": (
        "i oppose", "we oppose", "oppose", "against", "i disagree", "disagree", "do not support",
        "don't support", "reject", "object to", "mistake", "unfair", "must not be adopted",
        "should not be adopted", "not needed", "harmful", "remove", "delete", "abolish",
    ),
}  # fmt: skip

AMEND: dict[str, tuple[str, ...]] = {
    "kk": (
        "өзгерту", "өзгертілсін", "толықтыру", "толықтырылсын", "қосу", "қосуды", "қосылсын",
        "ауыстыру", "ауыстырылсын",
        "редакцияда", "ұсынамын", "ұсынамыз", "енгізу", "енгізілсін", "қысқарту", "ұзарту",
        "нақтылау", "деп жазу", "деп өзгерту",
    ),
    "ru": (
        "изменить", "заменить", "дополнить", "добавить",
        "изложить", "в следующей редакции", "предлагаю", "предлагаем", "расширить",
        "сократить", "увеличить", "уточнить", "внести", "переформулировать",
    ),
    "en": (
        "amend", "replace", "add ", "adding", "insert", "should read",
        "read as follows", "i propose", "we propose", "propose", "extend", "extended",
        "shorten", "shortened", "change the", "reword", "clarify",
    ),
}  # fmt: skip

# Labels in order of precedence when cues of several kinds are present.
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
