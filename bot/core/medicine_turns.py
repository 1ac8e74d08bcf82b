"""Medicine questions the guard answers whatever the NLU said: plain Python, no Rasa.

"Hij neemt ook nog xarelto" after medicines came up, "hoeveel uur ertussen?", "moet ik
stoppen met mijn maagpillen?": each has one answer, which a topic guess would miss.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Tuple

from bot.core.after_triage import LISTEN, MEDICATION_CHECK

if TYPE_CHECKING:
    from bot.core.turn_guard import TurnView

NOT_PLACED = "nlu_fallback"  # config.yml's FallbackClassifier: no topic was confident enough
MEDICINE_STOP = "utter_medicine_stop"
MEDICINE_JUDGEMENT = "utter_medicine_judgement"
JUDGED_SLOT = "medicine_judged"
MEDICATION_WHY = "utter_medication_why"
ASK_WHY = "ask_why"
# Asked "which medicines do you use?", someone who asks for a therapist, the practice or a
# plan has moved on: "kan ik ook eens met een kine spreken?" names no medicine "kine".
LEAVES_MEDICINE_QUESTION = frozenset({
    "request_therapist", "start_plan", "goodbye", "practice_hours", "practice_location",
    "practice_appointment", "practice_costs", "practice_therapists", "privacy_question",
})

# "Moet ik (dan) stoppen met mijn maagpillen?", "mag ik minderen met de pantoprazol?"
_STOP_MEDICINE = re.compile(r"\b(stoppen|ophouden|minderen|afbouwen|weglaten|laten staan)\b")
_MEDICINE_WORD = re.compile(r"(pil|pillen|medicijn|medicijnen|medicatie|tabletten|tablet|middel|maagbeschermer|plaspillen)\b")
# "mijn sertraline": a word after "mijn" that reads as a medicine name when asked about stopping.
_OWN_UNKNOWN = re.compile(r"\b(mijn|mn|m'n)\s+[a-z]+(ine|ol|am|ide|on|ax|ex|il|an)\b")
# A question about spacing medicines out: "hoeveel uur ertussen?", "hoe lang moet ik wachten?"
_TIME_BETWEEN = re.compile(r"\b(ertussen|tussen|hoeveel uur|hoe lang .{0,20}wachten|na elkaar|uit elkaar|tegelijk"
                           r"|tegelijkertijd|in (een|1|één) keer)\b")

_DIFFERENCE = re.compile(r"\b(verschil|verschillen|onderscheid)\b")


def asks_spacing(clean: str) -> bool:
    """A normalised message asks how far apart to take things ("hoeveel uur ertussen?"), not
    what the difference is ("het verschil tussen een kine en een fysio")."""
    return bool(_TIME_BETWEEN.search(clean)) and not _DIFFERENCE.search(clean)


def names_medicine_with_magnesium(view: "TurnView") -> bool:
    """The message names a medicine and mentions magnesium: one the assistant knows, or one
    taken by name that it does not know ("ik neem ook sertraline, kan ik magnesium nemen?")."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    if "magnesium" not in normalise(view.text):
        return False
    return bool(view.values("medication")) or bool(find_medications(view.text).unknown)


def about_earlier_medicine(view: "TurnView") -> bool:
    """Medicines came up earlier and the message gives a name the assistant does not know
    ("het andere heet volgens mij xarelto": "ask your pharmacist", never a topic) or asks
    about the time between them ("hoe lang moet er tussen?": the warning's hours again)."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    earlier = view.slots.get("medications") or view.slots.get("interaction_classes")
    if not earlier:
        return False
    from bot.medication.dialogue import names_one_more

    listed = names_one_more(view.text)
    # "het verschil tussen een kine en een fysio" asks no time between two medicines.
    text = normalise(view.text)
    return asks_spacing(text) or bool(find_medications(view.text, expecting_list=listed).unknown)


def asks_to_stop_medicine(view: "TurnView") -> bool:
    """A question whether to stop a medicine ("moet ik dan stoppen met mijn maagpillen?"), about
    one named now or earlier: the answer is always "not on your own; ask your GP or pharmacist"."""
    from bot.dutch_text import normalise

    text = normalise(view.text)
    if "?" not in view.text and not text.startswith(("moet ik", "mag ik", "kan ik", "zal ik")):
        return False
    if not _STOP_MEDICINE.search(text) or "magnesium" in text:
        return False
    named = view.values("medication") or _MEDICINE_WORD.search(text) or _unknown_named(view.text)
    return bool(named) or bool(view.slots.get("medications") and re.search(r"\b(ermee|mee|die|ze|het)\b", text))


def _unknown_named(text: str) -> bool:
    """"mag ik mijn sertraline stoppen?": a medicine the catalogue does not know, taken by name
    ("ik slik X") or named as one's own with a medicine's ending ("mijn sertraline")."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    if find_medications(text).unknown:
        return True
    return bool(_OWN_UNKNOWN.search(normalise(text))) and bool(find_medications(text, expecting_list=True).unknown)


# After medicines came up, a question that asks for a judgement the assistant cannot give:
# "dus alles samen is ok?", "de kuur is 5 dagen, daarna mag ik weer gewoon?", "moet mijn
# hiv-arts dit weten?", "hoe moet dat op die dag dan?", "moet ik stoppen met magnesium?".
_JUDGEMENT = re.compile(
    r"\b(samen|tegelijk|tegelijkertijd|combineren|combinatie|erbij|allemaal|alles)\b.{0,30}"
    r"\b(ok|oke|okay|oké|goed|veilig|prima|probleem|verantwoord|kwaad)\b"
    r"|\b(ok|oke|okay|goed|veilig|prima|kwaad)\b.{0,20}\b(samen|tegelijk|combineren|erbij)\b"
    r"|\b(dus|dan|maar) (is )?(het|dat|dit|alles) (is )?(dan |dus |wel |gewoon |echt |helemaal |toch |100% )*"
    r"(veilig|ok|oke|okay|goed|verantwoord|zonder risico)\b"
    r"|\b(daarna|daarna weer|na de kuur|na die kuur|na afloop)\b.{0,30}\b(weer|gewoon|mag|kan|verder)\b"
    r"|\bkuur\b.{0,20}\b(klaar|voorbij|af|om|gedaan)\b"
    r"|\b(moet|moeten|zal|zou) (ik )?(mijn|de|m'n|mn|haar|zijn|hun)? ?[\w-]*(arts|dokter|apotheker|specialist|internist)\w*"
    r" (dit|dat|het|ervan) ?(ook )?(weten|horen)\b"
    r"|\b(vertellen|melden|zeggen) (aan|tegen) (mijn|de|m'n|mn)\b"
    r"|\bop (die|de) dag(en)?\b|\b(de|op) andere dagen\b"
    r"|\bper ongeluk\b.{0,30}\b(samen|tegelijk|toch)\b"
    r"|\b(moet|kan|zal|mag) ik (\w+ ){0,3}(stoppen|ophouden|pauzeren|minderen) met (de |het |mijn |die )?magnesium\b"
)


def asks_for_a_judgement(view: "TurnView") -> bool:
    """Medicines came up earlier and the message asks whether it is all right together, after
    a course, on that day, or whether to tell a doctor: the pharmacist judges that, never us."""
    from bot.dutch_text import normalise

    earlier = view.slots.get("medications") or view.slots.get("interaction_classes") or view.slots.get("warned_classes")
    if not earlier:
        return False
    return bool(_JUDGEMENT.search(normalise(view.text)))


def _merged(old: Optional[Sequence[Any]], new: Sequence[Any]) -> list:
    return list(dict.fromkeys([*(old or []), *new]))


def answer_slots(view: "TurnView", state: Dict[str, Any]) -> Dict[str, Any]:
    """Slots for answering a medicine question: its classes count as warned about from now on."""
    warned = view.slots.get("warned_classes") or []
    return {**state, "warned_classes": _merged(warned, view.values("interaction_class")), "medication_check_mode": "answer"}


OTHER_SUPPLEMENTS = "utter_other_supplements"
# Supplements the combinations answer covers, in the words people use for them.
_OTHER_SUPPLEMENT = re.compile(r"\b(ijzer\w*|ferro\w*|calcium\w*|kalk(tablet\w*)?|zink\w*|omega ?3|visolie\w*|"
                               r"vitamine ?b\w*|b ?12|b6)\b")


def decision(view: "TurnView", actions: Tuple[str, ...], last: Optional[str],
             state: Dict[str, Any]) -> Tuple[Optional[str], Dict[str, Any]]:
    """(action, slots) for the guard's medicine step: a pending "which medicines?", a passing
    mention warned about once, follow-ups about the medicines named. (None, slots): no say."""
    if not actions and view.slots.get("awaiting_medications"):
        if not view.values("medication") and view.intent == ASK_WHY:
            return MEDICATION_WHY, {}  # "wrm?": why it asks; the question stays open
        if not view.values("medication") and view.intent in LEAVES_MEDICINE_QUESTION:
            return None, {**state, "awaiting_medications": False}
        return MEDICATION_CHECK, {**state, "medication_check_mode": "answer"}
    if last in (MEDICATION_WHY, MEDICINE_STOP, MEDICINE_JUDGEMENT, MEDICINE_JUDGEMENT + "_again") and len(actions) == 1:
        return LISTEN, {}
    if last == MEDICATION_CHECK and view.slots.get("medication_check_mode") == "answer":
        return LISTEN, {}
    if last == OTHER_SUPPLEMENTS and len(actions) == 1:
        return LISTEN, {}
    if not actions and view.intent != "magnesium_medication" and view.slots.get("care_checked_message") != view.message_id:
        warned = view.slots.get("warned_classes") or []
        new_classes = [c for c in view.values("interaction_class") if c not in warned]
        if new_classes or view.values("supplement_dose"):
            return MEDICATION_CHECK, {
                **state,
                "warned_classes": _merged(warned, new_classes),
                "classes_to_warn": new_classes,
                "medication_check_mode": "passing",
                "care_checked_message": view.message_id,
            }
    free = not actions and view.active_loop is None
    # The NLU could not place it, or took it for a question off its subjects ("ok sorry, ik
    # probeer nederlands: hoe lang moet er tussen?"), but a named medicine next to magnesium, or
    # words about the medicines just discussed, leave one question: whether they go together.
    unplaced = view.intent in (NOT_PLACED, "out_of_scope")
    if free and unplaced and (names_medicine_with_magnesium(view) or about_earlier_medicine(view)):
        return MEDICATION_CHECK, answer_slots(view, state)
    # Only where no topic answers it better (painkillers bought at the drugstore have their own).
    if free and view.intent in (NOT_PLACED, "magnesium_medication", "out_of_scope") and asks_to_stop_medicine(view):
        return MEDICINE_STOP, state
    if free and asks_for_a_judgement(view):
        if view.slots.get(JUDGED_SLOT):
            return MEDICINE_JUDGEMENT + "_again", state
        return MEDICINE_JUDGEMENT, {**state, JUDGED_SLOT: True}
    if (free and view.intent == "magnesium_medication" and not view.values("medication")
            and not view.values("interaction_class") and _OTHER_SUPPLEMENT.search(view.text.lower())):
        # "ijzertabletten van de huisarts, kan magnesium erbij?": iron is a supplement the
        # combinations answer covers; asking "which medicines?" would ignore what was said.
        return OTHER_SUPPLEMENTS, state
    if view.intent == "magnesium_medication" and not actions:
        return None, {name: value for name, value in answer_slots(view, state).items() if view.slots.get(name) != value}
    return None, state

