"""What is said between a soon or urgent red-flag reply and the end of the turn.

"Ik ben 72 en heb voor het eerst rugpijn ... mag ik magnesium naast mijn Fosamax?" asks two
things: the red flag gets its reply first, but the medicine question (or the topic asked
about) still deserves its answer, and the handoff offer comes last, so that its buttons
are the last thing on screen and a typed or clicked answer reaches it. Emergency and crisis
replies stand alone: after them comes nothing but the offer (bot/core/turn_guard.py), so
that 112 or 113 is the one thing to do.
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.safety.levels import TRIAGE_ORDER

# Levels whose reply leaves room for the question that was asked.
ANSWERED_AFTER = ("soon", "urgent")
TRIAGE_PREFIX = "utter_triage_"
MEDICATION_CHECK = "action_medication_check"
FIRST_CONTACT_INTRO = "utter_first_contact_intro"
OFFER_HANDOFF = "utter_offer_handoff"
LISTEN = "action_listen"
MEDICINE_INTENT = "magnesium_medication"
ANSWER_PREFIX = "utter_"  # a menu topic's answer is the response named for its intent
# Topics not answered after a red-flag reply. The reply already says when to see the GP;
# the flare-up, setback and chronic-pain answers reassure about the usual course ("meestal
# wordt het binnen een paar weken beter"), which would blur its advice. The therapist and
# the plan are no answers but a form or the offer, and privacy is answered elsewhere.
NOT_AFTER_RED_FLAG = frozenset({
    "when_to_see_gp", "no_alarm_signs", "flare_up", "setback", "chronic_pain_explained",
    "request_therapist", "start_plan", "privacy_question",
})


def triage_level_of(action: Optional[str]) -> Optional[str]:
    """The level a triage response is for: utter_triage_urgent_after_hours_be -> urgent."""
    if not action or not action.startswith(TRIAGE_PREFIX):
        return None
    rest = action[len(TRIAGE_PREFIX):]
    return next((level for level in TRIAGE_ORDER if rest == level or rest.startswith(level + "_")), None)


def asks_about_medicine(interaction_classes: Sequence[str], intent: Optional[str]) -> bool:
    """The message names a medicine that clashes with magnesium, or asks about magnesium and medicines."""
    return bool(interaction_classes) or intent == MEDICINE_INTENT


# Of those, the ones a second question may still get when no red flag came up.
NOT_SECOND_ANSWER = frozenset({"request_therapist", "start_plan", "privacy_question"})


def topic_answer(intent: Optional[str], after_red_flag: bool = True) -> Optional[str]:
    """The response that answers the topic the message asks about, if it may follow a red flag
    (or, with `after_red_flag` False, another answer in a conversation without one).

    Only a topic of the menu (a domain intent with a title). A message the NLU could not
    place is `nlu_fallback` (config.yml's FallbackClassifier): no topic, no guess.
    """
    from bot.fallback import topic_titles

    barred = NOT_AFTER_RED_FLAG if after_red_flag else NOT_SECOND_ANSWER
    if not intent or intent in barred or intent == MEDICINE_INTENT:
        return None
    return ANSWER_PREFIX + intent if intent in topic_titles() else None


def next_after_triage(actions: Sequence[str], medicine: bool, first_contact: bool, offer: bool,
                      topic: Optional[str] = None) -> Optional[str]:
    """The next action of a turn opened by a soon or urgent red-flag reply (None: not such a turn).

    In order: the red-flag reply, the medicine answer (`medicine`), the topic's answer
    (`topic`, a response), on first contact the one-line introduction, the handoff offer
    (`offer`: no therapist has the chat yet), listening.
    """
    if not actions or triage_level_of(actions[0]) not in ANSWERED_AFTER:
        return None
    plan = [actions[0]]
    plan += [MEDICATION_CHECK] if medicine else []
    plan += [topic] if topic else []
    plan += [FIRST_CONTACT_INTRO] if first_contact else []
    plan += [OFFER_HANDOFF] if offer else []
    if list(actions) != plan[:len(actions)]:
        return None
    return plan[len(actions)] if len(actions) < len(plan) else LISTEN
