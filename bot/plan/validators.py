"""One validator per plan question: the reply in, a value or a kind Dutch message out.

Every validator also accepts its own output (a stored plan is re-validated when it is
loaded into the form to be changed), so `validate(slot, validate(slot, x).value)` is stable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional

from bot.plan import choice_words
from bot.plan.amounts import parse_count, parse_glasses, parse_minutes
from bot.plan.choices import NO_REMINDER, PART_SLOTS
from bot.plan.clock import find_times, parse_time, resolve
from bot.dutch_text import normalise
from bot.plan.plan_text import MOVEMENT_NAMES, join_nl
from bot.plan.magnesium import GROUP_NAMES
from bot.forms.answer_words import is_skip, is_stop, parse_yes_no

MAX_START_MINUTES = 60


@dataclass
class Outcome:
    """`value` None means: ask again. `message` is said first; `slots` are extra changes."""

    value: Any = None
    message: Optional[str] = None
    slots: Dict[str, Any] = field(default_factory=dict)
    stopped: bool = False
    understood: bool = True  # False: the reply did not read as an answer to this question


def _again(message: str) -> Outcome:
    return Outcome(None, message)


def _unclear(message: str) -> Outcome:
    return Outcome(None, message, understood=False)


def _movement(raw: str, _: Mapping[str, Any]) -> Outcome:
    code = raw if raw in MOVEMENT_NAMES else choice_words.movement_choice(raw)
    if code == "other":
        return _again("Leuk! Wat doe je graag? Typ het in een paar woorden, bijvoorbeeld: dansen.")
    if code:
        return Outcome(code)
    own = choice_words.own_activity(raw)
    if own:
        return Outcome(own)
    return _unclear("Dat begreep ik niet goed. Kies een van de knoppen, of typ wat je graag doet.")


def _minutes(raw: Any, _: Mapping[str, Any]) -> Outcome:
    minutes = raw if isinstance(raw, (int, float)) else parse_minutes(str(raw))
    if minutes is None:
        return _unclear("Ik zie geen aantal minuten. Typ bijvoorbeeld: 10 minuten, of een kwartier.")
    minutes = int(round(minutes))
    if minutes <= 0:
        return _again("Zelfs 5 minuten telt al. Hoeveel minuten lukt je wel?")
    if minutes > MAX_START_MINUTES:
        return _again(
            f"{minutes} minuten is veel om mee te beginnen. Je rug went liever rustig aan meer beweging."
            " Begin bijvoorbeeld met 15 of 20 minuten. Later kun je altijd meer doen."
        )
    return Outcome(minutes)


def _breathing_count(raw: Any, _: Mapping[str, Any]) -> Outcome:
    count = raw if isinstance(raw, int) else parse_count(str(raw))
    if count is None:
        return _unclear("Hoe vaak per dag? Typ een aantal, bijvoorbeeld: 2 keer.")
    if count <= 0:
        return _again("Eén ademmoment per dag is al fijn. Wil je het eens met 1 keer proberen?")
    if count > 6:
        return _again(f"{count} keer per dag is veel om vol te houden. Begin liever met 2 of 3 keer.")
    # "Twee keer, 's ochtends na het opstaan en 's avonds voor het slapen": the moments are
    # answered too, so that question is not asked (and the next answer not read as its answer).
    moments = choice_words.breathing_moments(str(raw)) if isinstance(raw, str) else []
    return Outcome(count, slots={"plan_breathing_moments": moments} if moments else {})


def _breathing_moments(raw: Any, slots: Mapping[str, Any]) -> Outcome:
    if isinstance(raw, list):
        return Outcome(raw) if raw else _again("Wanneer past het jou? Kies een van de knoppen.")
    times = [resolve(time, "day") for time in find_times(raw)]
    if times and None not in times:
        times = sorted(set(times))
        count = slots.get("plan_breathing_count")
        if count != len(times):
            return Outcome(times, f"Ik zet {len(times)} ademmomenten in je plan: om {join_nl(times)}.",
                           {"plan_breathing_count": len(times)})
        return Outcome(times)
    moments = choice_words.breathing_moments(raw)
    if moments:
        return Outcome(moments)
    return _unclear("Dat begreep ik niet goed. Kies een moment met de knoppen, of typ tijden zoals 8:00 en 13:00.")


def _nut_allergy(raw: Any, _: Mapping[str, Any]) -> Outcome:
    answer = raw if isinstance(raw, bool) else parse_yes_no(str(raw), yes=r"allergi|pinda|noot|noten")
    if answer is None:
        return _unclear("Ben je allergisch voor noten of pinda's? Kies ja of nee.")
    return Outcome(answer)


def _foods(raw: Any, slots: Mapping[str, Any]) -> Outcome:
    allergic = bool(slots.get("plan_nut_allergy"))
    if isinstance(raw, list):
        chosen, left_out = [c for c in raw if not (allergic and c == "nuts")], []
    else:
        chosen, left_out = choice_words.food_choices(raw, allergic)
    if chosen and left_out:
        names = join_nl([GROUP_NAMES[code] for code in chosen])
        return Outcome(chosen, f"Noten laat ik weg, omdat je daar allergisch voor bent. Ik kies: {names}.")
    if chosen:
        return Outcome(chosen)
    if left_out:
        return _again("Je bent allergisch voor noten, dus die laat ik weg."
                      " Kies iets anders, bijvoorbeeld pompoenpitten of spinazie.")
    if re.search(r"\b(geen|niks|niets)\b", normalise(str(raw))):
        return _default("plan_foods", slots)
    return _unclear("Dat herkende ik niet. Kies een van de knoppen, of typ bijvoorbeeld: zaden en bladgroente.")


def _water(raw: Any, _: Mapping[str, Any]) -> Outcome:
    glasses = raw if isinstance(raw, int) else parse_glasses(str(raw))
    if glasses is None:
        return _unclear("Hoeveel glazen per dag? Typ bijvoorbeeld: 6 glazen, of 1,5 liter.")
    if glasses <= 0:
        return _again("Je lichaam heeft elke dag vocht nodig. Begin bijvoorbeeld met 4 glazen: bij het"
                      " opstaan en bij elke maaltijd.")
    if glasses > 12:
        return _again("Zoveel is niet nodig. Voor de meeste mensen is 6 tot 8 glazen (1,5 tot 2 liter) genoeg.")
    return Outcome(glasses)


def _sits(raw: Any, _: Mapping[str, Any]) -> Outcome:
    answer = raw if isinstance(raw, bool) else parse_yes_no(
        str(raw), yes=r"veel|hele dag|kantoor|bureau|computer|achter", no=r"weinig|nauwelijks|\bsta\b|staand")
    if answer is None:
        return _unclear("Zit je veel op een dag? Kies ja of nee.")
    return Outcome(answer, slots={} if answer else {"plan_move_alarm": None})


def _move_alarm(raw: Any, _: Mapping[str, Any]) -> Outcome:
    minutes = raw if isinstance(raw, int) else parse_minutes(str(raw))
    if minutes is None and re.search(r"\buur\b", normalise(str(raw))):
        minutes = 60
    if minutes is None:
        return _unclear("Hoe vaak? Typ bijvoorbeeld: elk half uur, of elke 45 minuten.")
    minutes = int(round(minutes))
    if minutes < 15:
        return _again("Zo vaak is lastig vol te houden. Elk half uur is een goed begin.")
    if minutes > 120:
        return _again("Zo lang stilzitten is zwaar voor je rug. Probeer het eens met elk uur.")
    return Outcome(minutes)


def _clock_value(raw: Any, prefer: str, example: str) -> Outcome:
    value, said = parse_time(str(raw), prefer)
    if value:
        return Outcome(value)
    if said:
        return _again(f"Die tijd bestaat niet op de klok. Typ bijvoorbeeld {example}.")
    return _unclear(f"Ik zie geen tijd. Typ bijvoorbeeld {example}.")


def _bedtime(raw: Any, _: Mapping[str, Any]) -> Outcome:
    return _clock_value(raw, "evening", "22:30 of half elf")


def _consent(raw: Any, _: Mapping[str, Any]) -> Outcome:
    answer = raw if isinstance(raw, bool) else parse_yes_no(str(raw), yes=r"bewaar|opslaan", no=r"niet bewaren")
    if answer is None:
        return _unclear("Mag ik je plan bewaren? Kies ja of nee.")
    return Outcome(answer)


def _reminder_time(raw: Any, _: Mapping[str, Any]) -> Outcome:
    text = str(raw)
    if text == NO_REMINDER or re.search(r"\b(geen|stop)\b.*(herinner|melding|reminder)", normalise(text)):
        return Outcome(NO_REMINDER)
    value, said = parse_time(text, "day")
    if said:
        return _clock_value(text, "day", "9:00 of 19:30")
    answer = parse_yes_no(text)
    if answer is False:
        return Outcome(NO_REMINDER)
    if answer is True:
        return _again("Fijn! Hoe laat wil je de herinnering? Typ bijvoorbeeld 9:00.")
    return _unclear("Hoe laat wil je de herinnering? Typ een tijd, zoals 9:00, of kies 'Nee, liever niet'.")


def _edit_part(raw: Any, _: Mapping[str, Any]) -> Outcome:
    part = raw if raw in PART_SLOTS else choice_words.plan_part(str(raw))
    if part is None:
        return _unclear("Welk deel bedoel je? Kies een van de knoppen.")
    return Outcome(part, slots={name: None for name in PART_SLOTS[part]})


VALIDATORS: Dict[str, Callable[[Any, Mapping[str, Any]], Outcome]] = {
    "plan_edit_part": _edit_part, "plan_movement": _movement, "plan_movement_minutes": _minutes,
    "plan_breathing_count": _breathing_count, "plan_breathing_moments": _breathing_moments,
    "plan_nut_allergy": _nut_allergy, "plan_foods": _foods, "plan_water": _water, "plan_sits": _sits,
    "plan_move_alarm": _move_alarm, "plan_bedtime": _bedtime, "plan_consent": _consent,
    "plan_reminder_time": _reminder_time,
}
DEFAULTS: Dict[str, Any] = {
    "plan_movement": "walking", "plan_movement_minutes": 10, "plan_breathing_count": 3,
    "plan_breathing_moments": ["meals"], "plan_nut_allergy": True, "plan_water": 4, "plan_sits": False,
    "plan_move_alarm": 30, "plan_bedtime": "23:00", "plan_consent": False,
    "plan_reminder_time": NO_REMINDER,
}
DEFAULT_MESSAGES: Dict[str, str] = {
    "plan_movement": "Geen probleem. Ik kies wandelen: dat kan bijna iedereen.",
    "plan_movement_minutes": "Dan beginnen we met 10 minuten. Dat is een mooi begin.",
    "plan_breathing_count": "Dan kies ik 3 keer per dag.",
    "plan_breathing_moments": "Dan kies ik: voor de maaltijden. Zo vergeet je het minder snel.",
    "plan_nut_allergy": "Dan laat ik noten voor de zekerheid weg.",
    "plan_water": "Dan kies ik 4 glazen: bij het opstaan en bij elke maaltijd.",
    "plan_sits": "Dan laat ik de beweegwekker weg. Je kunt hem later nog toevoegen.",
    "plan_move_alarm": "Dan kies ik elk half uur.",
    "plan_bedtime": "Dan kies ik 23:00. Je kunt dat later nog aanpassen.",
    "plan_consent": "Dan bewaar ik je plan niet.",
    "plan_reminder_time": "Dan stuur ik geen herinneringen.",
}


def _default(slot: str, slots: Mapping[str, Any]) -> Outcome:
    if slot == "plan_foods":
        foods: List[str] = ["seeds", "greens"] if slots.get("plan_nut_allergy") else ["nuts", "greens"]
        names = join_nl([GROUP_NAMES[code] for code in foods])
        return Outcome(foods, f"Dan kies ik {names} voor je. Je kunt het later aanpassen.")
    if slot == "plan_edit_part":
        return _again("Welk deel wil je aanpassen? Kies een van de knoppen.")
    return Outcome(DEFAULTS[slot], DEFAULT_MESSAGES[slot])


# "pff wat een vragen zeg, duurt dit nog lang?": how many are left, then the question again.
_HOW_LONG_STILL = re.compile(
    r"\bduurt (dit|het|dat|da) nog (lang|even|veel)\b|\bhoeveel (vragen )?(nog|komen er nog)\b"
    r"|\bzijn we (nou |nu )?(bijna|nog niet) klaar\b|\bnog (veel|lang|meer) vragen\b|\bhoe lang (nog|duurt dit)\b"
)


def asks_how_long_still(text: str) -> bool:
    """"Duurt dit nog lang?": about the plan's questions themselves, whatever the NLU says."""
    return bool(_HOW_LONG_STILL.search(normalise(text)))


def _questions_left(slot: str, slots: Mapping[str, Any]) -> str:
    from bot.plan.questions import required_slots

    names = required_slots(slots)
    left = [name for name in names[names.index(slot):] if slots.get(name) is None] if slot in names else [slot]
    if len(left) <= 1:
        return "Dit is de laatste vraag. Stoppen kan altijd: typ stop."
    return f"Nog {len(left)} korte vragen, dan is je plan klaar. Stoppen kan altijd: typ stop."


def _named_after_skip(slot: str, raw: str, slots: Mapping[str, Any]) -> Optional[Outcome]:
    # "maakt niet uit, fietsen": one of the choices, named after the shrug, is the answer;
    # a remark ("maakt mij nie uit, iets simpels") is not.
    _, _, rest = normalise(raw).partition(",")
    if len(rest.strip()) < 3:
        return None
    named = VALIDATORS[slot](rest.strip(), slots)
    chosen = named.value is not None and named.understood and not named.message
    return named if chosen and not (isinstance(named.value, str) and " " in named.value) else None


def validate(slot: str, raw: Any, slots: Mapping[str, Any]) -> Outcome:
    """The outcome of the reply `raw` to the question for `slot`, given the other `slots`."""
    if raw is None:
        return Outcome(None)
    if isinstance(raw, str):
        if is_stop(raw):
            return Outcome(None, stopped=True)
        if asks_how_long_still(raw):
            return Outcome(None, _questions_left(slot, slots))
        if is_skip(raw):
            named = _named_after_skip(slot, raw, slots)
            return named if named is not None else _default(slot, slots)
    return VALIDATORS[slot](raw, slots)
