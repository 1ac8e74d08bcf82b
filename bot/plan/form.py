"""What `validate_plan_form` does with a message, without Rasa: answer or question, and slot changes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

from bot.plan.choices import (ALL_SLOTS, CONTENT_SLOTS, MODE_SLOT, NO_REMINDER, PART_SLOTS, STOPPED_SLOT,
                              PlanChoices)
from bot.plan.replies import is_topic_question
from bot.plan.schedule import EXTERNAL_PREFIX
from bot.plan.validators import validate


def reply_to_question(slot: str, slots: Mapping[str, Any], text: Optional[str], intent: Optional[str],
                      confidence: float) -> Optional[str]:
    """The text as an answer for `slot`, or None if the message is not an answer to it.

    None for messages without text (a reminder firing), for button commands of other
    features ("/start_breathing"), and for topic questions: the form then steps aside,
    the question gets its answer, and the form asks again.
    """
    if slots.get("requested_slot") != slot or not text or not text.strip() or text.startswith("/"):
        return None
    if text.startswith(EXTERNAL_PREFIX):
        return None
    understood = validate(slot, text, slots).understood
    if is_topic_question(text, intent, confidence, understood):
        return None
    return text


@dataclass
class SlotUpdate:
    """Slot values to set and messages to say, in that order of importance."""

    slots: Dict[str, Any] = field(default_factory=dict)
    messages: List[str] = field(default_factory=list)


def update_for(slot: str, value: Any, slots: Mapping[str, Any]) -> SlotUpdate:
    """Validates `value` for `slot`; a stop request ends the form without filling anything."""
    outcome = validate(slot, value, slots)
    if outcome.stopped:
        return SlotUpdate({slot: None, STOPPED_SLOT: True})
    update = SlotUpdate({slot: outcome.value, **outcome.slots})
    if outcome.message:
        update.messages.append(outcome.message)
    return update


def fresh_plan_slots() -> Dict[str, Any]:
    """Slot values that start a new plan from scratch."""
    return {**{name: None for name in ALL_SLOTS}, STOPPED_SLOT: None, MODE_SLOT: "new"}


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
    return {**{name: None for name in ALL_SLOTS}, STOPPED_SLOT: None, MODE_SLOT: None}


def choices_from(slots: Mapping[str, Any]) -> PlanChoices:
    return PlanChoices.from_slots({name: slots.get(name) for name in CONTENT_SLOTS})
