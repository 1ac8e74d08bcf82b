"""The form's questions (one at a time, with buttons where they help) and their order."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Tuple

from bot.plan.choices import (CONSENT_SLOT, CONTENT_SLOTS, EDIT_PART_SLOT, PART_SLOTS, REMINDER_SLOT,
                              STOPPED_SLOT, PlanChoices)
from bot.plan.plan_text import plan_text

Button = Tuple[str, str]  # (title, payload); payloads are plain text the validators understand


@dataclass(frozen=True)
class Question:
    """One message asking for one slot."""

    text: str
    buttons: List[Button] = field(default_factory=list)

    def as_message(self) -> Dict[str, Any]:
        """Keyword arguments for `dispatcher.utter_message`."""
        buttons = [{"title": title, "payload": payload} for title, payload in self.buttons]
        return {"text": self.text, "buttons": buttons} if buttons else {"text": self.text}


FOOD_BUTTONS: List[Button] = [
    ("Noten", "noten"), ("Zaden en pitten", "zaden en pitten"), ("Bladgroente", "bladgroente"),
    ("Peulvruchten", "peulvruchten"), ("Volkoren brood of havermout", "volkoren"),
    ("Pure chocolade", "pure chocolade"), ("Van alles wat", "alles"),
]
YES_NO: List[Button] = [("Ja", "ja"), ("Nee", "nee")]


def required_slots(slots: Mapping[str, Any]) -> List[str]:
    """The slots the form needs now, given what is known (the order of the questions)."""
    if slots.get(STOPPED_SLOT):
        return []
    if slots.get("plan_mode") == "edit":
        part = slots.get(EDIT_PART_SLOT)
        names = [EDIT_PART_SLOT, *PART_SLOTS.get(part, ())]
    else:
        names = [*CONTENT_SLOTS, CONSENT_SLOT, REMINDER_SLOT]
    if slots.get("plan_sits") is False and "plan_move_alarm" in names:
        names.remove("plan_move_alarm")
    if slots.get(CONSENT_SLOT) is not True and REMINDER_SLOT in names:
        names.remove(REMINDER_SLOT)  # reminders need a stored plan, so they need consent
    return names


def question(slot: str, slots: Mapping[str, Any], checkin_days: int = 14) -> Question:
    """The question that asks for `slot`; some depend on earlier answers."""
    if slot == "plan_movement_minutes":
        per = "per keer" if slots.get("plan_movement") == "swimming" else "per dag"
        return Question(
            f"Hoeveel minuten {per} lukt je nu, om mee te beginnen? Klein beginnen is goed.",
            [("5 minuten", "5 minuten"), ("10 minuten", "10 minuten"), ("Een kwartier", "een kwartier"),
             ("20 minuten", "20 minuten")],
        )
    if slot == "plan_foods":
        allergic = bool(slots.get("plan_nut_allergy"))
        buttons = [button for button in FOOD_BUTTONS if not (allergic and button[1] == "noten")]
        example = "pompoenpitten en spinazie" if allergic else "noten en spinazie"
        return Question(
            "Wat eet je graag? Kies er een, of typ er meer, bijvoorbeeld: " + example + ".", buttons
        )
    if slot == CONSENT_SLOT:
        choices = PlanChoices.from_slots(slots)
        return Question(
            plan_text(choices) + "\n\nMag ik dit plan bewaren? Dan kun je het later terugzien en aanpassen."
            " Wissen kan altijd: typ dan 'verwijder mijn gegevens'.",
            [("Ja, bewaar het", "ja"), ("Nee, niet bewaren", "nee")],
        )
    if slot == REMINDER_SLOT:
        return Question(
            "Wil je elke dag een korte herinnering uit je plan? Kies dan een tijd."
            f" Na {checkin_days} dagen vraag ik je ook hoe het met je rug gaat.",
            [("Om 9:00", "9:00"), ("Om 13:00", "13:00"), ("Om 19:00", "19:00"), ("Nee, liever niet", "nee")],
        )
    return FIXED_QUESTIONS[slot]


FIXED_QUESTIONS: Dict[str, Question] = {
    EDIT_PART_SLOT: Question(
        "Welk deel van je plan wil je aanpassen?",
        [("Bewegen", "bewegen"), ("Ademen", "ademen"), ("Eten", "eten"), ("Water", "water"),
         ("Zitten en pauzes", "zitten"), ("Slapen", "slapen"), ("Herinnering", "herinnering")],
    ),
    "plan_movement": Question(
        "Welke beweging vind je fijn?",
        [("Wandelen", "wandelen"), ("Fietsen", "fietsen"), ("Rekken", "rekken"), ("Zwemmen", "zwemmen"),
         ("Iets anders", "iets anders")],
    ),
    "plan_breathing_count": Question(
        "Nu over ademen. Een ademmoment duurt 2 minuten. Hoe vaak per dag wil je dat doen?",
        [("1 keer", "1 keer"), ("2 keer", "2 keer"), ("3 keer", "3 keer")],
    ),
    "plan_breathing_moments": Question(
        "Wanneer past een ademmoment het best? Je mag ook tijden typen, zoals 8:00 en 13:00.",
        [("Bij de maaltijden", "bij de maaltijden"), ("Ochtend, middag en avond", "ochtend, middag en avond"),
         ("Als ik spanning voel", "als ik spanning voel"), ("Voor het slapen", "voor het slapen")],
    ),
    "plan_nut_allergy": Question(
        "Nu over eten. Magnesium zit vooral in noten, zaden, bladgroente, peulvruchten, volkoren"
        " granen en pure chocolade. Eerst even dit: ben je allergisch voor noten of pinda's?",
        YES_NO,
    ),
    "plan_water": Question(
        "Hoeveel glazen water wil je per dag drinken? Heb je een drinkadvies van je arts? Volg dan dat.",
        [("4: bij het opstaan en bij elke maaltijd", "4 glazen"), ("6 glazen", "6 glazen"),
         ("8 glazen", "8 glazen")],
    ),
    "plan_sits": Question("Zit je veel op een dag, bijvoorbeeld voor je werk?", YES_NO),
    "plan_move_alarm": Question(
        "Hoe vaak wil je een beweegwekker, om even op te staan?",
        [("Elk half uur", "elk half uur"), ("Elke 45 minuten", "45 minuten"), ("Elk uur", "elk uur")],
    ),
    "plan_bedtime": Question(
        "Hoe laat wil je meestal naar bed? Dan maak ik een korte avondroutine."
        " Typ bijvoorbeeld 22:30 of half elf.",
        [("22:00", "22:00"), ("22:30", "22:30"), ("23:00", "23:00"), ("23:30", "23:30")],
    ),
}
