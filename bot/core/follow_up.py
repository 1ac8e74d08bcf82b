""""Wat bedoel je?": say the previous answer again, after a short apology.

"Waarom?", "en hoeveel?" and "en voor kinderen?" are rules keyed on the previous answer
(data/rules/follow_up.yml); repeating *any* previous answer cannot be written as a rule
per topic, so this small piece of logic does it, and `follow_up_policy` is its Rasa adapter.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence, Tuple

CLARIFY_INTENT = "ask_clarify"
CLARIFY_INTRO = "utter_clarify_intro"
CLARIFY_NOTHING = "utter_clarify_nothing"
LISTEN = "action_listen"

# Answers that make no sense said twice: greetings, questions the assistant asked,
# confirmations. Everything else that starts with utter_ is a topic answer.
_NOT_REPEATED = frozenset({
    "utter_welcome", "utter_greet", "utter_goodbye", "utter_thank", "utter_default",
    "utter_affirm_ack", "utter_deny_ack", "utter_confirm_delete", "utter_delete_cancelled",
    "utter_message_trimmed", CLARIFY_INTRO, CLARIFY_NOTHING,
})
# Answers composed by an action that would work on the new message if run again:
# their explanation is a response of its own.
_EXPLAINED_BY = {"action_medication_check": "utter_medication_why"}


def clarify_plan(previous_answer: Optional[str], known_responses: Iterable[str]) -> Tuple[str, ...]:
    """The actions that answer "wat bedoel je?" after `previous_answer`."""
    if previous_answer in _EXPLAINED_BY:
        return (CLARIFY_INTRO, _EXPLAINED_BY[previous_answer])
    if (
        previous_answer
        and previous_answer.startswith("utter_")
        and previous_answer not in _NOT_REPEATED
        and previous_answer in set(known_responses)
    ):
        return (CLARIFY_INTRO, previous_answer)
    return (CLARIFY_NOTHING,)


def next_clarify_action(
    intent: Optional[str],
    previous_answer: Optional[str],
    done_this_turn: Sequence[str],
    known_responses: Iterable[str],
) -> Optional[str]:
    """The next action of this turn, or None when the follow-up logic has nothing to say.

    Args:
        intent: The latest message's intent.
        previous_answer: The assistant's last action before that message.
        done_this_turn: Actions already run since that message (action_listen excluded).
        known_responses: Response names of the domain.
    """
    if intent != CLARIFY_INTENT:
        return None
    plan = clarify_plan(previous_answer, known_responses)
    done = tuple(done_this_turn)
    if done == plan:
        return LISTEN
    if plan[: len(done)] == done:
        return plan[len(done)]
    # Something else already answered in this turn (a red flag, say): stay out of it.
    return None
