"""What `validate_plan_form` does with a message, without Rasa: answer or question, and slot changes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

from bot.dutch_text import normalise
from bot.forms import exits
from bot.forms.answer_words import looks_like_question
from bot.forms.exits import EXIT_SLOT, MISSES_SLOT
from bot.forms.turns import ANSWER, ASIDE, STOP, Leaving, Turn, read_turn, slot_value
from bot.plan.choice_words import plan_part
from bot.plan.choices import (ALL_SLOTS, CONTENT_SLOTS, MODE_SLOT, NO_REMINDER, PART_SLOTS, STOPPED_SLOT,
                              PlanChoices)
from bot.plan.plan_text import MOVEMENT_NAMES
from bot.plan.schedule import EXTERNAL_PREFIX
from bot.plan.validators import asks_how_long_still, validate


# Intents of the plan itself: "ik wil een plan maken" in the middle of the plan is no aside.
PLAN_INTENTS = ("start_plan", "change_plan")


def read_reply(slot: str, slots: Mapping[str, Any], text: Optional[str], intent: Optional[str],
               confidence: float) -> Optional[Turn]:
    """What the message is for the question about `slot`, or None if it is not for it.

    None for another slot's question, messages without text (a reminder firing) and
    button commands of other features ("/start_breathing").
    """
    if slots.get("requested_slot") != slot or not text or not text.strip() or text.startswith("/"):
        return None
    if text.startswith(EXTERNAL_PREFIX):
        return None
    if asks_how_long_still(text) or _changed_mind(slot, text, slots) is not None:
        # How many questions are left, or the previous answer changed: the validator says so,
        # then asks again ("doe toch maar fietsen" is no question about cycling).
        return Turn(ANSWER)
    understood = validate(slot, text, slots).understood
    return read_turn(text, intent, confidence, understood, own_intents=PLAN_INTENTS)


def reply_to_question(slot: str, slots: Mapping[str, Any], text: Optional[str], intent: Optional[str],
                      confidence: float) -> Optional[str]:
    """The text as an answer for `slot`, or None if the message is not an answer to it.

    A topic question makes the form step aside: the question gets its answer, and the
    form asks again. Leaving is an answer here too (`update_for` ends the form).
    """
    turn = read_reply(slot, slots, text, intent, confidence)
    if turn is None or turn.kind == ASIDE:
        return None
    return text


def extraction(slot: str, slots: Mapping[str, Any], text: Optional[str], intent: Optional[str],
               confidence: float) -> Dict[str, Any]:
    """Slot values `validate_plan_form` extracts from the message ({} lets the form step aside)."""
    turn = read_reply(slot, slots, text, intent, confidence)
    value = None if turn is None else slot_value(turn, text)
    return {} if value is None else {slot: value}


@dataclass
class SlotUpdate:
    """Slot values to set and messages to say, in that order of importance."""

    slots: Dict[str, Any] = field(default_factory=dict)
    messages: List[str] = field(default_factory=list)


def update_for(slot: str, value: Any, slots: Mapping[str, Any]) -> SlotUpdate:
    """Validates `value` for `slot`; a stop request ends the form without filling anything.

    A reply not understood twice in a row gets no explanation of its own: the question
    then comes back offering to skip or stop (`bot.forms.exits`).
    """
    if isinstance(value, Leaving):
        return SlotUpdate({slot: None, STOPPED_SLOT: True, EXIT_SLOT: value.reason})
    outcome = validate(slot, value, slots)
    if outcome.stopped:
        return SlotUpdate({slot: None, STOPPED_SLOT: True, EXIT_SLOT: STOP})
    if value is None:
        return SlotUpdate({slot: None})
    if not outcome.understood or _names_earlier_part(slot, value):
        changed = _changed_mind(slot, value, slots)
        if changed is not None:
            return changed
    update = SlotUpdate({slot: outcome.value, **outcome.slots})
    if outcome.understood:
        if slots.get(MISSES_SLOT):
            update.slots.update(exits.understood())
    else:
        update.slots.update(exits.missed(slots.get(MISSES_SLOT)))
    if outcome.message and not (not outcome.understood and exits.offers_way_out(update.slots)):
        update.messages.append(outcome.message)
    return update


# "oh nee wacht, doe toch maar fietsen" to the minutes question: the previous answer changed.
_CHANGE_OF_MIND = re.compile(r"\b(toch|wacht|liever|eigenlijk|ik bedoel|bedoel ik|oh nee|nee sorry|sorry|"
                             r"aanpassen|veranderen|wijzigen|verbeteren|corrigeren)\b")
CHANGED = "Oké, dat pas ik aan"


def _names_earlier_part(slot: str, value: Any) -> bool:
    """The reply names a part of the plan asked before `slot` ("... bij dat wandelen ...")."""
    if not isinstance(value, str) or slot not in CONTENT_SLOTS:
        return False
    named = PART_SLOTS.get(plan_part(value) or "", ())
    return any(name in CONTENT_SLOTS and CONTENT_SLOTS.index(name) < CONTENT_SLOTS.index(slot) for name in named) \
        and slot not in named


def _changed_mind(slot: str, value: Any, slots: Mapping[str, Any]) -> Optional[SlotUpdate]:
    """The previous question's answer, changed, when the reply to `slot` is none for it but
    says so ("toch", "wacht", "liever") and is a valid answer to the question before. The
    form then asks `slot` again."""
    if not isinstance(value, str) or slot not in CONTENT_SLOTS or not _CHANGE_OF_MIND.search(normalise(value)):
        return None
    if looks_like_question(value):
        return None  # "wacht, mag mijn dochter van 12 ook magnesium?": a question, not a new answer
    index = CONTENT_SLOTS.index(slot)
    # The question just before, or an earlier one the reply names ("bij dat wandelen haal ik
    # eigenlijk maar tien minuten" to the food question).
    named = [name for name in PART_SLOTS.get(plan_part(value) or "", ())
             if name in CONTENT_SLOTS and CONTENT_SLOTS.index(name) < index]
    candidates = ([CONTENT_SLOTS[index - 1]] if index else []) + named[::-1]
    for previous in candidates:
        if slots.get(previous) is None:
            continue
        outcome = validate(previous, value, slots)
        if not outcome.understood or outcome.value in (None, slots.get(previous)):
            continue
        name = MOVEMENT_NAMES.get(outcome.value) if previous == "plan_movement" else None
        if previous == "plan_movement_minutes":
            name = f"{outcome.value} minuten"
        text = f"{CHANGED}: {name}." if name else f"{CHANGED}."
        return SlotUpdate({previous: outcome.value, **outcome.slots, slot: None}, [text])
    return None


def fresh_plan_slots() -> Dict[str, Any]:
    """Slot values that start a new plan from scratch."""
    return {**{name: None for name in ALL_SLOTS}, STOPPED_SLOT: None, MODE_SLOT: "new", **exits.cleared()}


def edit_plan_slots(choices: PlanChoices, reminder_time: Optional[str], part: Optional[str]) -> Dict[str, Any]:
    """Slot values that load a stored plan into the form to change `part` (None: ask which)."""
    values = {**fresh_plan_slots(), **choices.to_slots(), MODE_SLOT: "edit"}
    values.update(plan_consent=True, plan_reminder_time=reminder_time or NO_REMINDER, plan_edit_part=part)
    if not choices.sits:
        values["plan_move_alarm"] = None
    for name in PART_SLOTS.get(part, ()):
        values[name] = None
    return values


def cleared_plan_slots() -> Dict[str, Any]:
    """Slot values after the form is done: the plans table, not the tracker, keeps the plan."""
    return {**{name: None for name in ALL_SLOTS}, STOPPED_SLOT: None, MODE_SLOT: None, **exits.cleared()}


def choices_from(slots: Mapping[str, Any]) -> PlanChoices:
    return PlanChoices.from_slots({name: slots.get(name) for name in CONTENT_SLOTS})
