"""Turns about the message itself rather than its topic: plain Python, no Rasa.

Input the NLU cannot read (empty, an emoji, another language, a typed "/intent"), "wacht
even", a goodbye at the end of a message and a phone number typed outside any form each
get their own answer, whatever intent the words lean to. `turn_guard.decide` asks here
after safety, erasure and open questions, and before medicines.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

from bot.core import medicine_turns
from bot.core.after_triage import MEDICATION_CHECK, topic_answer
from bot.handoff.status import ACTIVE

if TYPE_CHECKING:
    from bot.core.turn_guard import GuardDecision, TurnView

GOODBYE = "utter_goodbye"
HOLD_ON = "utter_hold_on"
STILL_HERE = "utter_still_here"
DUTCH_ANSWER_FOLLOWS = "utter_other_language_answer_follows"
# How sure the NLU must be of a message in another language before its topic is answered in Dutch.
OTHER_LANGUAGE_SURE = 0.8
INPUT_RESPONSES = {
    "empty": "utter_bad_input_empty",
    "approval": "utter_affirm_ack",
    "other_language": "utter_bad_input_other_language",
    "typed_command": "utter_typed_command",
}


def decision(view: "TurnView", actions: Tuple[str, ...], last: Optional[str]) -> Optional["GuardDecision"]:
    """The answer to the message as a message, or None when its topic decides."""
    from bot.core.turn_guard import (HANDOFF, HANDOFF_FORM, LISTEN, OPEN_QUESTION, THERAPIST_TALKING,
                                     GuardDecision, _changed, conversation_state)

    # Input the NLU cannot read gets a specific, kind answer (a form validates its own).
    issue = "typed_command" if view.typed_command else next(iter(view.values("input_issue")), None)
    if issue and view.active_loop is None and not view.slots.get("awaiting_medications"):
        if not actions:
            return GuardDecision(INPUT_RESPONSES[issue])
        classes = view.values("interaction_class")
        if last == INPUT_RESPONSES[issue] and len(actions) == 1 and issue == "other_language" and classes:
            # "I take doxycycline, can I take magnesium?": the clash is said anyway, in Dutch.
            slots = medicine_turns.answer_slots(view, conversation_state(view))
            return GuardDecision(MEDICATION_CHECK, {**slots, "classes_to_warn": classes,
                                                    "care_checked_message": view.message_id})
        topic = topic_answer(view.intent, after_red_flag=False) if issue == "other_language" else None
        if (last == INPUT_RESPONSES[issue] and len(actions) == 1 and topic
                and view.intent_confidence >= OTHER_LANGUAGE_SURE):
            # "can magnesium help with back pain?": the answer in Dutch, for a translation app.
            return GuardDecision(DUTCH_ANSWER_FOLLOWS)
        if last == DUTCH_ANSWER_FOLLOWS and len(actions) == 2 and topic:
            return GuardDecision(topic)
        if (last == INPUT_RESPONSES[issue] and len(actions) == 1 or last == MEDICATION_CHECK and len(actions) == 2
                or last == topic and len(actions) == 3):
            # The language reply offers a therapist in English: a typed "yes" answers it.
            offered = {OPEN_QUESTION: HANDOFF} if issue == "other_language" else {}
            return GuardDecision(LISTEN, _changed(view, offered))

    # "Wacht, mijn baas belt": an answer that loses nothing; an open form keeps its question.
    if not actions and not view.typed_command:
        from bot.forms.turns import asks_still_there, holds_on

        if holds_on(view.text):
            return GuardDecision(HOLD_ON)
        if asks_still_there(view.text) and view.active_loop is None:
            return GuardDecision(STILL_HERE)
    if last in (HOLD_ON, STILL_HERE) and len(actions) == 1:
        return GuardDecision(LISTEN)

    # A message that ends with a goodbye gets one, whatever topic its words lean to
    # ("het gaat al beter met de warmte. bedankt, ik ga liggen. dag" is no heat question).
    if not actions and view.active_loop is None and not view.typed_command and view.intent != "goodbye":
        from bot.forms.turns import ends_with_goodbye

        if ends_with_goodbye(view.text):
            return GuardDecision(GOODBYE, conversation_state(view))
    if last == GOODBYE and len(actions) == 1:
        return GuardDecision(LISTEN)

    # A phone number typed outside any form ("toch wel, mijn nummer is 06...") asks to
    # be called back: the handoff starts with it, instead of a topic guessed from digits.
    # After a request ("ah nee wacht, bellen is beter: 0486 55 12 90") it changes how.
    if not actions and view.active_loop is None and not view.typed_command and not view.slots.get("awaiting_medications") \
            and view.slots.get("handoff_status") not in THERAPIST_TALKING:
        from bot.handoff.contact import EMAIL, PHONE, normalise_email, normalise_phone

        number = normalise_phone(view.text)
        if number:
            return GuardDecision(HANDOFF_FORM, {"contact_method": PHONE, "contact_value": number})
        # "ah nee wacht, mail toch maar naar ...": a new address for the request already made.
        address = normalise_email(view.text) if view.slots.get("handoff_status") in ACTIVE else None
        if address:
            return GuardDecision(HANDOFF_FORM, {"contact_method": EMAIL, "contact_value": address})
    return None
